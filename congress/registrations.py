"""What the core registers for itself: the role groups synced after every migrate, the audit
log's and the password rules' signal receivers, a unit's history, the county administrator's
home panel, and the core's daily jobs (audit retention, expired sessions, the digest)."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import registry
from .accounts.selectors import county_dashboard
from .notifications.jobs import send_daily_digests
from .roles import Role, sync_role_groups_after_migrate
from .security import audit, passwords
from .security.services import auth_events_purge, sessions_purge


def register():
    post_migrate.connect(sync_role_groups_after_migrate, sender=apps.get_app_config("congress"))
    audit.connect()
    passwords.connect()
    registry.history_kinds.register(registry.HistoryKind(key="unit", model="congress.Unit"))
    registry.dashboard_panels.register(
        registry.DashboardPanel(
            key="county_admin",
            context=county_dashboard,
            roles=frozenset({Role.COUNTY_ADMIN}),
            template="congress/accounts/partials/_county_dashboard.html",
        )
    )
    for key, label, run in (
        (
            "security.audit_retention",
            _("Delete audit log lines past their retention"),
            auth_events_purge,
        ),
        ("security.sessions_purge", _("Delete expired login sessions"), sessions_purge),
    ):
        registry.scheduled_jobs.register(registry.ScheduledJob(key=key, label=label, run=run))
    # Last, so that a manual run of every job sends the digest after the reminders.
    registry.scheduled_jobs.register(
        registry.ScheduledJob(
            key="notifications.digest",
            label=_("Daily notification digest"),
            run=send_daily_digests,
            order=1000,
        )
    )
