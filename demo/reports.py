"""The demo year's work reports, as they went to the county: the presidium's 2024 work report
and the proposal-handling report, each drafted from the records with no hand edits, submitted
by staff and approved by the presidium in early January 2025, signed 2025年1月6日 (the date the
real report carries). Their final PDFs are rendered once, as for any approved version."""

import datetime

from django.utils import timezone

from reports.models import WorkReport
from reports.services import version_move, version_update, work_report_create

YEAR = 2024
ISSUED = datetime.date(2025, 1, 6)


def seed(*, township, staff, member) -> list[WorkReport]:
    reports = []
    for kind in (WorkReport.Kind.ANNUAL, WorkReport.Kind.PROPOSALS):
        report = WorkReport.objects.filter(township=township, year=YEAR, kind=kind).first()
        if report is None:
            report = work_report_create(township=township, year=YEAR, kind=kind, by=staff)
            version = report.versions.get()
            version_update(
                version=version,
                title=version.title,
                addressee=version.addressee,
                issuer=version.issuer,
                issue_date=ISSUED,
            )
            version_move(version=version, move="submit", by=staff, at=_at(ISSUED, 9))
            version_move(version=version, move="approve", by=member, at=_at(ISSUED, 15))
        reports.append(report)
    return reports


def seed_draft(*, township, year: int, staff) -> WorkReport:
    """A work report being written: version 1 drafted from the records, not yet submitted."""
    kind = WorkReport.Kind.ANNUAL
    report = WorkReport.objects.filter(township=township, year=year, kind=kind).first()
    return report or work_report_create(township=township, year=year, kind=kind, by=staff)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
