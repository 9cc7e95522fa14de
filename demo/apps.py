from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top layer: the demo year and the benchmark data, which may import every app."""

    name = "demo"
    verbose_name = _("Demo and benchmarks")
