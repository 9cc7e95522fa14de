"""Password rules, each with a Chinese message and help text (AUTH_PASSWORD_VALIDATORS).

Why our own length rule: Django 5.2 changed its message to "...at least %d characters." and
its Simplified Chinese catalog still translates only the older "%(min_length)d" wording, so the
message showed in English. A msgid of our own lives in our catalog and stays translated.

"Not one of the last few passwords" means exactly that: only hashes are kept, so a new
password can be compared with an old one for equality, never for likeness (renda2024 and
renda2025 can only be told apart as different). The character classes and the user-name rule
refuse the guessable kind instead.
"""

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHARACTER_CLASSES = 4  # upper case, lower case, digits, symbols


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """At least `min_length` characters."""

    def get_error_message(self):
        return _("The password is too short: it needs at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }

    def get_help_text(self):
        return _("At least %(min_length)d characters.") % {"min_length": self.min_length}


def character_classes(password: str) -> int:
    """How many of upper-case letters, lower-case letters, digits and symbols (anything else,
    Chinese characters included) the password uses."""
    upper = lower = digit = other = False
    for char in password:
        if char.isascii() and char.isupper():
            upper = True
        elif char.isascii() and char.islower():
            lower = True
        elif char.isascii() and char.isdigit():
            digit = True
        else:
            other = True
    return upper + lower + digit + other


class CharacterClassesValidator:
    """At least `min_classes` of the four kinds of character."""

    def __init__(self, min_classes: int = 3):
        if not 1 <= min_classes <= CHARACTER_CLASSES:
            raise ValueError("min_classes is between 1 and 4")
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _(
                    "The password must mix at least %(min_classes)d of: upper-case letters, "
                    "lower-case letters, digits and symbols."
                ),
                code="password_too_simple",
                params={"min_classes": self.min_classes},
            )

    def get_help_text(self):
        return _(
            "At least %(min_classes)d of: upper-case letters, lower-case letters, digits and "
            "symbols."
        ) % {"min_classes": self.min_classes}


class UsernameValidator:
    """The password does not contain the user name, in any mix of upper and lower case."""

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").strip()
        if username and username.casefold() in password.casefold():
            raise ValidationError(
                _("The password must not contain the user name."),
                code="password_contains_username",
            )

    def get_help_text(self):
        return _("Not containing the user name.")


class PasswordHistoryValidator:
    """Not the current password nor one of the `count - 1` passwords before it. The history is
    written by `record_password_history` whenever a user is saved with a new password hash."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password, user=None):
        from .selectors import recent_password_hashes

        if user is None or user.pk is None:
            return
        hashes = recent_password_hashes(user=user, count=self.count)
        if any(password_matches(password, encoded) for encoded in hashes):
            raise ValidationError(
                _("The password must not be one of your last %(count)d passwords."),
                code="password_reused",
                params={"count": self.count},
            )

    def get_help_text(self):
        return _("Not one of your last %(count)d passwords.") % {"count": self.count}


def password_matches(password: str, encoded: str) -> bool:
    """One verification of the password against a remembered hash, by the hasher that made it.
    Not check_password: for a hash of the preferred algorithm with an older work factor (PBKDF2
    from an earlier Django) a mismatch pads the time up to today's factor (harden_runtime), a
    second full hash per row, which a history check needs no more than the login form does."""
    try:
        hasher = identify_hasher(encoded)
    except ValueError:  # an unusable password ("!...") or a hasher no longer installed
        return False
    return hasher.verify(password, encoded)


def record_password_history(sender, instance, created, update_fields=None, **kwargs):
    """post_save of User: every way a password is set passes here (the password form, the
    admin, `user_create`, `create_user` and `createsuperuser`, which skip set_password's own
    hook), so the history is complete. A save that names its fields without the password
    (the login's last_login) costs nothing."""
    from .services import password_history_record

    if update_fields is not None and "password" not in update_fields:
        return
    if instance.password:
        password_history_record(user=instance, keep=history_count())


def history_count() -> int:
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, PasswordHistoryValidator):
            return validator.count
    return 0


def connect() -> None:
    from django.db.models.signals import post_save

    from congress.models import User

    post_save.connect(record_password_history, sender=User, dispatch_uid="renda_password_history")
