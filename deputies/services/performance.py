"""Writes on the performance record's rules: points per kind of work and grade thresholds."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from congress.models import Township

from ..models import PerformanceRules

RULE_FIELDS = [
    "session_points",
    "training_points",
    "inspection_points",
    "activity_points",
    "proposal_points",
    "voter_contact_points",
    "report_points",
    "excellent_from",
    "qualified_from",
    "basic_from",
]


@transaction.atomic
def performance_rules_save(*, township: Township, **values: Decimal) -> PerformanceRules:
    """Set the township's weights and thresholds; thresholds must rise from basic to excellent."""
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown rule fields: {sorted(unknown)}")
    rules, _created = PerformanceRules.objects.get_or_create(township=township)
    for field, value in values.items():
        setattr(rules, field, value)
    if not rules.basic_from < rules.qualified_from < rules.excellent_from:
        raise ValidationError(
            _("Thresholds must rise: basically qualified < qualified < excellent.")
        )
    rules.full_clean()
    rules.save()
    return rules
