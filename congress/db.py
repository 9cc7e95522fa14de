"""Saving under a unique constraint when two users save the same thing at once.

`full_clean()` checks uniqueness with a query, and two requests can both pass it before either
inserts: the loser's insert then fails with an IntegrityError, a server error. `save_unique`
saves inside a savepoint and turns that error into the constraint's own message, the one
`full_clean()` gives, so the second of two simultaneous creates reads as a form error.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

# PostgreSQL: 'Key (township_id, term, number)=(1, 18, 2) already exists.'
_POSTGRES_KEY = re.compile(r"Key \((?P<columns>[^)]*)\)=")
# SQLite: 'UNIQUE constraint failed: app_model.township_id, app_model.name'
_SQLITE_KEY = re.compile(r"UNIQUE constraint failed: (?P<columns>.*)$")


def save_unique(record: models.Model, **save_kwargs) -> models.Model:
    """Save `record`; a unique constraint or field it violates raises its message as a
    ValidationError instead of an IntegrityError. Other integrity errors pass through."""
    try:
        with transaction.atomic():
            record.save(**save_kwargs)
    except IntegrityError as error:
        message = unique_violation_message(record, error)
        if message is None:
            raise
        raise ValidationError(message) from error
    return record


def _violated_columns(error: IntegrityError) -> set[str] | None:
    detail = getattr(getattr(error.__cause__, "diag", None), "message_detail", None) or ""
    found = _POSTGRES_KEY.search(detail) or _SQLITE_KEY.search(str(error))
    if found is None:
        return None
    return {column.strip().strip('"').rsplit(".", 1)[-1] for column in found["columns"].split(",")}


def unique_violation_message(record: models.Model, error: IntegrityError) -> str | None:
    """The message of the unique constraint (or unique field) that `error` reports, if any."""
    opts = record._meta
    # PostgreSQL names the constraint whatever the language of its messages.
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    for constraint in opts.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.name == name:
            return str(constraint.get_violation_error_message())
    columns = _violated_columns(error)
    if not columns:
        return None
    for constraint in opts.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            wanted = {opts.get_field(name).column for name in constraint.fields}
            if wanted == columns:
                return str(constraint.get_violation_error_message())
    for field in opts.concrete_fields:
        if field.unique and not field.primary_key and {field.column} == columns:
            error = record.unique_error_message(type(record), (field.name,))
            return str(error.message % error.params)
    return None
