"""The hash of an initial password: PBKDF2 with fewer rounds, replaced at the first login."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class InitialPasswordHasher(PBKDF2PasswordHasher):
    """Staff create a township's forty to eighty deputy accounts in one request; at Django's
    1,000,000 rounds that is 0.76 s per account on a 2-core office server, a minute for the
    roster, past gunicorn's timeout. An initial password is random (about 58 bits, see
    congress.accounts.passwords) and lives until its first use: at the first login Django
    rehashes it with the preferred hasher (it is listed last in PASSWORD_HASHERS, so it only
    verifies), and the user then replaces it. 100,000 rounds: 0.08 s per account."""

    algorithm = "pbkdf2_sha256_initial"
    iterations = 100_000
