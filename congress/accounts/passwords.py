"""Initial passwords: random, easy to read off a slip and type on a phone, and within the
password rules (AUTH_PASSWORD_VALIDATORS)."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError

# No characters that look alike on paper: no I, l or 1; no O, o or 0. No symbols: they are
# hard to find on a phone's keyboard. Upper and lower case and digits are three classes.
UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
LOWER = "abcdefghijkmnpqrstuvwxyz"
DIGITS = "23456789"
INITIAL_PASSWORD_LENGTH = 10  # log2(56) * 10: about 58 bits
INITIAL_PASSWORD_HASHER = "pbkdf2_sha256_initial"  # congress.accounts.hashers


def initial_password_new(*, user) -> str:
    """A random password with a letter of each case and a digit, which does not contain the
    username and passes the site's password validators for this user."""
    for _attempt in range(100):
        characters = [secrets.choice(UPPER), secrets.choice(LOWER), secrets.choice(DIGITS)]
        characters += [
            secrets.choice(UPPER + LOWER + DIGITS)
            for _ in range(INITIAL_PASSWORD_LENGTH - len(characters))
        ]
        secrets.SystemRandom().shuffle(characters)
        password = "".join(characters)
        if user.username and user.username.lower() in password.lower():
            continue
        try:
            validate_password(password, user=user)
        except ValidationError:
            continue
        return password
    raise ImproperlyConfigured(
        "No random initial password passes AUTH_PASSWORD_VALIDATORS: check the validators "
        "against congress.accounts.passwords."
    )
