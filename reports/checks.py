"""A system check: the faces the printed reports need are installed (`manage.py check`, and
every runserver start, say so before a user prints a report in the wrong face)."""

from django.core.checks import Warning, register

from .fonts import FACES, missing_faces


@register()
def report_fonts_installed(app_configs=None, **kwargs):
    return [
        Warning(
            f"No font for the printed reports' {role} face is installed "
            f"(any of: {', '.join(FACES[role])}).",
            hint="Run `make run` or `sh .ci/fonts.sh` as root to install the free faces.",
            id="reports.W001",
        )
        for role in missing_faces()
    ]
