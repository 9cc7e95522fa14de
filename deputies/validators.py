"""Field validators of the deputies app; the model fields use them, so every form, the deputy's
own page and the roster import apply the same checks."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rules import (
    EARLIEST_BIRTH_YEAR,
    EARLIEST_MANDATE_DATE,
    LANDLINE_PHONE_PATTERN,
    MANDATE_YEARS_AHEAD,
    MAX_TERM,
    MOBILE_PHONE_PATTERN,
)


def validate_phone(value: str) -> None:
    """A mobile number, or a landline with its area code (and perhaps an extension)."""
    if not (
        re.fullmatch(MOBILE_PHONE_PATTERN, value) or re.fullmatch(LANDLINE_PHONE_PATTERN, value)
    ):
        raise ValidationError(
            _(
                "Enter an 11-digit mobile number starting with 1, or a landline with its area "
                "code such as 0578-8123456."
            ),
            code="invalid_phone",
        )


def validate_term(value: int) -> None:
    """A term (届) is counted from 1; one above MAX_TERM is a typing error."""
    if not 1 <= value <= MAX_TERM:
        raise ValidationError(
            _("A term is a whole number from 1 to %(max)s."),
            code="invalid_term",
            params={"max": MAX_TERM},
        )


def validate_mandate_date(value: datetime.date) -> None:
    """A mandate's dates lie between the first township congresses and one term ahead."""
    latest = timezone.localdate().replace(month=12, day=31)
    latest = latest.replace(year=latest.year + MANDATE_YEARS_AHEAD)
    if not EARLIEST_MANDATE_DATE <= value <= latest:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params={"earliest": EARLIEST_MANDATE_DATE.isoformat(), "latest": latest.isoformat()},
        )


def validate_birth_month(value: datetime.date) -> None:
    """Born after EARLIEST_BIRTH_YEAR began and not in the future."""
    if value.year < EARLIEST_BIRTH_YEAR or value > timezone.localdate():
        raise ValidationError(
            _("Give a birth month between %(earliest)s and today."),
            code="implausible_birth_month",
            params={"earliest": EARLIEST_BIRTH_YEAR},
        )
