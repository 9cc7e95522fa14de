from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressSessionsConfig(AppConfig):
    # "sessions" is taken by django.contrib.sessions: this app's label must differ, and must
    # never change once migrations exist (management commands take the label).
    name = "sessions"
    label = "congress_sessions"
    verbose_name = _("Congress sessions")

    def ready(self):
        from . import registrations

        registrations.register()
