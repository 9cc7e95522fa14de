"""Field validators of the deputies app; the model fields use them, so every form, the deputy's
own page and the roster import apply the same checks."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .rules import LANDLINE_PHONE_PATTERN, MOBILE_PHONE_PATTERN


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
