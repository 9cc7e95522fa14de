"""The password hashers: Argon2 with the work factor of a small office server, and the hash of
an initial password (PBKDF2 with fewer rounds, replaced at the first login)."""

from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher

# OWASP Password Storage Cheat Sheet, Argon2id: "a minimum configuration of 19 MiB of memory,
# an iteration count of 2, and 1 degree of parallelism".
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_TIME_COST = 2
ARGON2_PARALLELISM = 1


class OfficeArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2id hasher (algorithm "argon2", so Django's own class reads its hashes) with
    OWASP's parameters instead of Django's 100 MiB over 8 lanes: those cost 0.2 s a hash on a
    2-core office server, and a password change hashes three to four times (the current
    password, the new one against the recent ones, the new hash), over half a second. These
    cost about 20 ms. A hash made with other parameters is rehashed with these at its next
    login (Argon2PasswordHasher.must_update)."""

    memory_cost = ARGON2_MEMORY_KIB
    time_cost = ARGON2_TIME_COST
    parallelism = ARGON2_PARALLELISM


class InitialPasswordHasher(PBKDF2PasswordHasher):
    """Staff create a township's forty to eighty deputy accounts in one request; at Django's
    1,000,000 rounds that is 0.76 s per account on a 2-core office server, a minute for the
    roster, past gunicorn's timeout. An initial password is random (about 58 bits, see
    congress.accounts.passwords) and lives until its first use: at the first login Django
    rehashes it with the preferred hasher (it is listed last in PASSWORD_HASHERS, so it only
    verifies), and the user then replaces it. 100,000 rounds: 0.08 s per account."""

    algorithm = "pbkdf2_sha256_initial"
    iterations = 100_000
