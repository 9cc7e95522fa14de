from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congress core")

    def ready(self):
        from . import registry
        from .roles import sync_role_groups_after_migrate
        from .security import audit, passwords

        post_migrate.connect(sync_role_groups_after_migrate, sender=self)
        audit.connect()
        passwords.connect()
        registry.history_kinds.register(registry.HistoryKind(key="unit", model="congress.Unit"))
        self.register_county_dashboard()
        self.register_scheduled_jobs()

    def register_county_dashboard(self):
        from .accounts.selectors import county_dashboard
        from .registry import DashboardPanel, dashboard_panels
        from .roles import Role

        dashboard_panels.register(
            DashboardPanel(
                key="county_admin",
                context=county_dashboard,
                roles=frozenset({Role.COUNTY_ADMIN}),
                template="congress/accounts/partials/_county_dashboard.html",
            )
        )

    def register_scheduled_jobs(self):
        from .notifications.jobs import send_daily_digests
        from .registry import ScheduledJob, scheduled_jobs
        from .security.services import auth_events_purge, sessions_purge

        scheduled_jobs.register(
            ScheduledJob(
                key="security.audit_retention",
                label=_("Delete audit log lines past their retention"),
                run=auth_events_purge,
            )
        )
        scheduled_jobs.register(
            ScheduledJob(
                key="security.sessions_purge",
                label=_("Delete expired login sessions"),
                run=sessions_purge,
            )
        )
        # Last, so that a manual run of every job sends the digest after the reminders.
        scheduled_jobs.register(
            ScheduledJob(
                key="notifications.digest",
                label=_("Daily notification digest"),
                run=send_daily_digests,
                order=1000,
            )
        )
