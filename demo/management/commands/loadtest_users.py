"""`make loadtest`'s accounts: several logins per role with one known password, in the bench
township that `make_bench_data` built, and the township's final 2024 reports with their PDFs
kept, for the county's downloads. Bench-only: it refuses a database holding any other
township (the demo's, a real one)."""

import os

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count

from congress.models import Township, Unit, User
from congress.roles import COUNTY_ROLES, Role
from congress.services import user_create
from deputies.models import Deputy
from deputies.services import deputy_link_account
from loadtest import pages  # the locustfile's table of roles and accounts (plain data)
from reports.models import ReportVersion
from reports.services.rendering import version_pdf
from reports.workflow import VersionState

from ... import reports as demo_reports
from .make_bench_data import BENCH_TOWNSHIP

ROLES = {"staff": Role.STAFF, "deputy": Role.DEPUTY, "unit": Role.UNIT, "county": Role.COUNTY}


class Command(BaseCommand):
    help = (
        "Create or update the load test's accounts (LOADTEST_ACCOUNTS per role, password "
        "LOADTEST_PASSWORD) and the final reports they download, in the bench township only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=pages.ACCOUNT_COUNT)

    @transaction.atomic
    def handle(self, *args, count: int, **options):
        township = Township.objects.filter(name=BENCH_TOWNSHIP).first()
        if township is None:
            raise CommandError(f"No {BENCH_TOWNSHIP}: run make_bench_data first.")
        if Township.objects.exclude(pk=township.pk).exists():
            raise CommandError(
                "This database holds other townships: load-test accounts with a known "
                "password belong in the bench database only."
            )
        password = os.environ.get("LOADTEST_PASSWORD", pages.PASSWORD)
        # The units with the most assigned items first: each unit user has a queue to work.
        units = list(
            Unit.objects.filter(township=township)
            .annotate(n=Count("assignments"))
            .order_by("-n", "name")
        )
        # The deputies who signed the most, after bench-deputy: each has proposals to look at.
        deputies = iter(
            Deputy.objects.filter(township=township, user__isnull=True)
            .annotate(n=Count("signatures"))
            .filter(n__gt=0)
            .order_by("-n", "pk")
        )
        for key, role in ROLES.items():
            for index, username in enumerate(pages.usernames(key, count)):
                unit = units[index % len(units)] if role == Role.UNIT else None
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = user_create(
                        username=username,
                        password=password,
                        role=role,
                        township=None if role in COUNTY_ROLES else township,
                        unit=unit,
                    )
                if not user.check_password(password):
                    user.set_password(password)
                    user.save(update_fields=["password"])
                if user.unit != unit:
                    user.unit = unit
                    user.save(update_fields=["unit"])
                if role == Role.DEPUTY and not hasattr(user, "deputy"):
                    deputy_link_account(deputy=next(deputies), user=user)
        self._final_reports(township)
        self.stdout.write(
            f"{BENCH_TOWNSHIP}: {count} load-test accounts per role and loadtest-county, "
            "with the final 2024 reports."
        )

    def _final_reports(self, township) -> None:
        """The demo's way to a final version (drafted, submitted, approved, its PDF kept),
        applied to the bench township; a kept PDF whose file is gone is made again."""
        member = User.objects.get(username="bench-member")  # made by make_bench_data
        staff = User.objects.get(username="bench-staff")
        demo_reports.seed(township=township, staff=staff, member=member)
        final = ReportVersion.objects.filter(report__township=township, state=VersionState.FINAL)
        for version in final:
            if not version.pdf or not version.pdf.storage.exists(version.pdf.name):
                # Generated data: the bench's media folder was cleared since it was approved.
                name = f"work-report-{version.report_id}-v{version.number}.pdf"
                version.pdf.save(name, ContentFile(version_pdf(version)), save=False)
                version.save(update_fields=["pdf"])
