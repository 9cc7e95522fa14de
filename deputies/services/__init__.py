"""Every write on the deputies app goes through one of these services."""

from .accounts import (
    deputy_account_create,
    deputy_account_inactive_reason,
    deputy_accounts_create_missing,
    deputy_accounts_sync,
    deputy_username,
)
from .activities import (
    activity_attach,
    activity_save,
    activity_set_attendance,
    liaison_contact_record,
    report_to_voters_record,
    voter_contact_record,
)
from .performance import performance_rules_save
from .roster import (
    PROFILE_FIELDS,
    SELF_SERVICE_FIELDS,
    constituency_save,
    deputy_create,
    deputy_group_save,
    deputy_link_account,
    deputy_update,
    mandate_add,
    mandate_status_errors,
    mandate_update,
    term_mandates_expire,
)

__all__ = [
    "PROFILE_FIELDS",
    "SELF_SERVICE_FIELDS",
    "activity_attach",
    "activity_save",
    "activity_set_attendance",
    "constituency_save",
    "deputy_account_create",
    "deputy_account_inactive_reason",
    "deputy_accounts_create_missing",
    "deputy_accounts_sync",
    "deputy_create",
    "deputy_group_save",
    "deputy_link_account",
    "deputy_update",
    "deputy_username",
    "liaison_contact_record",
    "mandate_add",
    "mandate_status_errors",
    "mandate_update",
    "term_mandates_expire",
    "performance_rules_save",
    "report_to_voters_record",
    "voter_contact_record",
]
