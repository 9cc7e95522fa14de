"""`python manage.py annual_report --township NAME --year 2024 --output report.pdf`: the PDF of
a township's work report for a year from the command line."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.models import Township, User
from congress.roles import Role
from reports.models import ReportVersion, WorkReport
from reports.services import FIRST_YEAR, version_pdf, work_report_create


class Command(BaseCommand):
    help = (
        "Render a township's work report for a year to a PDF file: its current (latest) "
        "version, whatever its state (a final version prints the PDF kept when it was "
        "approved). When the township has no such report yet, its draft is generated first, "
        "as a staff user of that township would from the reports page: the one named by "
        "--user, else the township's first active staff account (the report records who "
        "created it, so a township without a staff account is refused rather than given an "
        "invented one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--township", required=True, help="The township's name, e.g. 练溪镇.")
        parser.add_argument("--year", required=True, type=int, help="The year the report covers.")
        parser.add_argument("--output", required=True, type=Path, help="The PDF file to write.")
        parser.add_argument(
            "--kind",
            choices=WorkReport.Kind.values,
            default=WorkReport.Kind.ANNUAL,
            help="annual: the presidium's work report (default); proposals: the report on the "
            "handling of deputies' proposals.",
        )
        parser.add_argument(
            "--user",
            help="The staff account (username) that generates the draft when there is none; "
            "by default the township's first active staff account.",
        )

    def handle(self, *args, township: str, year: int, output: Path, kind: str, user, **options):
        place = Township.objects.filter(name=township.strip()).first()
        if place is None:
            raise CommandError(_("No township is named %(name)s.") % {"name": township})
        if not FIRST_YEAR <= year <= timezone.localdate().year:
            raise CommandError(
                _("The year must be between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": timezone.localdate().year}
            )
        report = WorkReport.objects.filter(township=place, year=year, kind=kind).first()
        if report is None:
            author = self._author(place, user)
            try:
                report = work_report_create(township=place, year=year, kind=kind, by=author)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(
                _("Generated the draft of %(report)s as %(user)s.")
                % {"report": report, "user": author.username}
            )
        version = (
            ReportVersion.objects.select_related("report__township")
            .filter(report=report)
            .order_by("-number")
            .first()
        )
        if version.is_final and version.pdf:
            with version.pdf.open("rb") as kept:
                pdf = kept.read()
        else:
            pdf = version_pdf(version)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(pdf)
        self.stdout.write(
            _("Wrote %(version)s (%(state)s) to %(path)s.")
            % {"version": version, "state": version.get_state_display(), "path": output}
        )

    def _author(self, township: Township, username: str | None) -> User:
        staff = User.objects.filter(township=township, role=Role.STAFF, is_active=True)
        if username:
            author = staff.filter(username=username).first()
            if author is None:
                raise CommandError(
                    _("%(user)s is not an active staff account of %(township)s.")
                    % {"user": username, "township": township.name}
                )
            return author
        author = staff.order_by("pk").first()
        if author is None:
            raise CommandError(
                _(
                    "%(township)s has no active staff account to generate the draft as: "
                    "create one, or name one with --user."
                )
                % {"township": township.name}
            )
        return author
