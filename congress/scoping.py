"""Which rows a user may see: one rule for every model.

A model declares how it reaches its township with a `Scope` (and, where some role reads only
its own rows, how it reaches the user who owns them or the unit they are assigned to);
`congress.roles.READS` says how far each role reads each model. `visible_to` applies both, so
a selector never retypes the township filter, and a new model is scoped by declaring its
`scope` and its line in READS.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .roles import COUNTY_ROLES, READS, Reach


@dataclass(frozen=True)
class Scope:
    """How a model's rows reach their township, their owner and their unit (ORM paths)."""

    township: str = "township"
    owner: str | None = None  # a path to the User whose own row this is ("deputy__user")
    unit: str | None = None  # a path to the Unit the row is assigned to


def scope_of(model) -> Scope:
    scope = getattr(model, "scope", None)
    if not isinstance(scope, Scope):
        raise TypeError(f"{model.__name__} declares no Scope: every domain model needs one")
    return scope


def reach_of(user, model) -> str | None:
    """How far this user's role reads this model: a Reach, or None for not at all."""
    if not getattr(user, "is_authenticated", False):
        return None
    return READS.get(model._meta.label_lower, {}).get(getattr(user, "role", ""))


def placed(user) -> bool:
    """A township's role with its township, or a county role: a user `visible_to` can place.
    (The database holds this too: constraint user_township_fits_role.)"""
    if user.role in COUNTY_ROLES:
        return user.township_id is None
    return user.township_id is not None


def visible_to(queryset: models.QuerySet, user) -> models.QuerySet:
    """The rows of `queryset` that `user` may see: their township's, their own, their unit's,
    or every township's, as READS says for their role; none for anyone else."""
    model = queryset.model
    scope = scope_of(model)
    reach = reach_of(user, model)
    if reach is None or not placed(user):
        return queryset.none()
    if reach == Reach.ALL:
        return queryset
    if user.township_id is not None:
        queryset = queryset.filter(**{scope.township: user.township_id})
    elif reach != Reach.OWN:
        return queryset.none()
    if reach == Reach.TOWNSHIP:
        return queryset
    if reach == Reach.OWN and scope.owner:
        return queryset.filter(**{scope.owner: user.pk})
    if reach == Reach.UNIT and scope.unit and user.unit_id is not None:
        return queryset.filter(**{scope.unit: user.unit_id})
    return queryset.none()


def get_visible_or_404(queryset: models.QuerySet, user, **lookup):
    """One row the user may see; 404 otherwise, so that its existence does not leak."""
    return get_object_or_404(visible_to(queryset, user), **lookup)


def township_id_of(record: models.Model) -> int | None:
    """The township a record belongs to, following its Scope."""
    path = scope_of(type(record)).township.split("__")
    target = record
    for step in path[:-1]:
        target = getattr(target, step)
        if target is None:
            return None
    last = path[-1]
    if last == "pk":
        return target.pk
    return getattr(target, f"{last}_id")


def check_same_township(township, **records) -> None:
    """Refuse records (by form field name) that belong to another township than `township`."""
    township_id = getattr(township, "pk", township)
    errors = {
        name: _("This %(record)s belongs to another township.")
        % {"record": record._meta.verbose_name}
        for name, record in records.items()
        if record is not None and township_id_of(record) != township_id
    }
    if errors:
        raise ValidationError(errors)


def acting_township(user):
    """The township a user works in; a user of no township may not act on township records."""
    if not getattr(user, "is_authenticated", False) or user.township_id is None:
        raise PermissionDenied
    return user.township
