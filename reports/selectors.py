"""The reports app's reads, each scoped with `visible_to`. Staff and presidium members read their
township's work reports in every state; county viewers read every township's, but only the
final versions (a draft, or one under review, is the township's own business until approved)."""

import difflib
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse

from congress.models import Township
from congress.registry import Todo, YearSummary, year_summaries
from congress.roles import Reach
from congress.scoping import reach_of, visible_to

from .drafting import DraftContext, document_spec
from .drafting.tokens import paragraphs, plain
from .models import Report, ReportSection, ReportVersion, VersionStatusChange, WorkReport
from .printing import PrintedDocument, printed_document
from .workflow import VERSION_WORKFLOW, VersionState

RECENT = 10


def reads_every_township(user, model=ReportVersion) -> bool:
    """A role reading every township's reports (the county) reads final versions only."""
    return reach_of(user, model) == Reach.ALL


def report_list_for_user(*, user) -> QuerySet[Report]:
    """Renderings (PDF jobs) the user may download: their township's for staff and members;
    for the county, those of final versions made since the approval (not a draft's text)."""
    reports = visible_to(
        Report.objects.select_related("township", "requested_by", "version__report__township"), user
    )
    if reads_every_township(user, Report):
        reports = reports.annotate(approved_at=_approved_at("version")).filter(
            version__state=VersionState.FINAL, requested_at__gte=F("approved_at")
        )
    return reports


def report_get_for_user(*, user, pk: int) -> Report:
    return get_object_or_404(report_list_for_user(user=user), pk=pk)


def _approved_at(version="pk"):
    """When the version (the outer row, or the one its `version` field names) became final."""
    return Subquery(
        VersionStatusChange.objects.filter(version=OuterRef(version), to_status=VersionState.FINAL)
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )


def version_list_for_user(*, user) -> QuerySet[ReportVersion]:
    """Versions the user may read, newest first; the county's are the final ones only."""
    versions = visible_to(
        ReportVersion.objects.select_related("report__township").annotate(
            approved_at=_approved_at()
        ),
        user,
    )
    if reads_every_township(user, ReportVersion):
        versions = versions.filter(state=VersionState.FINAL)
    return versions


def final_versions_for_user(*, user) -> QuerySet[ReportVersion]:
    """Every final version the user may read, by township, year and kind: the county's list."""
    return (
        version_list_for_user(user=user)
        .filter(state=VersionState.FINAL)
        .order_by("report__township__name", "-report__year", "report__kind", "-number")
    )


def work_report_list_for_user(*, user, state: str = "") -> QuerySet[WorkReport]:
    """The township's work reports, each with its versions (newest first) to show the latest
    one's state; `state` keeps those whose latest version is in it. Two queries whatever the
    number of reports."""
    reports = visible_to(WorkReport.objects.select_related("township"), user)
    if reads_every_township(user, WorkReport):
        reports = reports.filter(versions__state=VersionState.FINAL).distinct()
    if state:
        latest = ReportVersion.objects.filter(report=OuterRef("pk")).order_by("-number")
        reports = reports.annotate(latest_state=Subquery(latest.values("state")[:1])).filter(
            latest_state=state
        )
    return reports.prefetch_related(
        Prefetch(
            "versions",
            queryset=version_list_for_user(user=user).order_by("-number"),
            to_attr="version_list",
        )
    ).order_by("-year", "kind")


def version_get_for_user(*, user, pk: int) -> ReportVersion:
    """A version the user may read; 404 otherwise (for the county: any version not final)."""
    return get_object_or_404(version_list_for_user(user=user), pk=pk)


def section_get_for_user(*, user, pk: int) -> ReportSection:
    """A section of a version the user may read; 404 otherwise."""
    sections = visible_to(ReportSection.objects.select_related("version__report__township"), user)
    if reads_every_township(user, ReportSection):
        sections = sections.filter(version__state=VersionState.FINAL)
    return get_object_or_404(sections, pk=pk)


@dataclass
class SectionView:
    """A section as the editor shows it: its printed form (number, paragraphs split into
    figures and typed numbers) and, when a newer generated text waits, the difference."""

    printed: object
    section: ReportSection
    diff: list[dict]


def _paragraph_diff(mine: str, new: str) -> list[dict]:
    """Staff's paragraphs against the newly generated ones, in the printed wording (tokens
    shown as their values): each row "same", "removed" (only in staff's) or "added"."""
    old_lines = [plain(text) for text in paragraphs(mine)]
    new_lines = [plain(text) for text in paragraphs(new)]
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows += [{"kind": "same", "text": text} for text in old_lines[a1:a2]]
            continue
        rows += [{"kind": "removed", "text": text} for text in old_lines[a1:a2]]
        rows += [{"kind": "added", "text": text} for text in new_lines[b1:b2]]
    return rows


@dataclass
class VersionPage:
    version: ReportVersion
    document: PrintedDocument
    sections: list[SectionView]
    versions: list[ReportVersion]
    history: list[VersionStatusChange]
    missing_standard: list[tuple[str, str]]  # standard sections deleted, to add back


def standard_sections_missing(version: ReportVersion) -> list[tuple[str, str]]:
    """The standard sections of the version's document that were deleted from it, (key,
    title), to add back."""
    report = version.report
    present = {section.key for section in version.sections.all() if section.key}
    ctx = DraftContext(township=report.township, year=report.year)  # reads nothing until asked
    return [
        (spec.key, spec.title_for(ctx))
        for spec in document_spec(report.kind).sections
        if spec.key not in present
    ]


def statistics_sheets_for_user(*, user) -> QuerySet[Report]:
    """The one-page statistics sheets rendered before the work report replaced them, still
    downloadable."""
    return report_list_for_user(user=user).filter(
        kind=Report.Kind.ANNUAL_STATS, state=Report.State.DONE
    )


def version_page(*, user, pk: int) -> VersionPage:
    """Everything the version page shows, in a fixed number of queries however many sections."""
    version = version_get_for_user(user=user, pk=pk)
    prefetch_related_objects([version], "sections")
    document = printed_document(version)
    views = [
        SectionView(
            printed=printed,
            section=printed.section,
            diff=_paragraph_diff(printed.section.body, printed.section.proposed_body)
            if printed.section.has_proposal
            else [],
        )
        for printed in document.sections
    ]
    missing = standard_sections_missing(version)
    return VersionPage(
        version=version,
        document=document,
        sections=views,
        versions=list(
            version_list_for_user(user=user).filter(report=version.report_id).order_by("-number")
        ),
        history=_history(version),
        missing_standard=missing,
    )


def _history(version: ReportVersion) -> list[VersionStatusChange]:
    changes = list(version.status_changes.select_related("changed_by").order_by("changed_at", "pk"))
    for change in changes:
        change.state_label = VERSION_WORKFLOW.label(change.to_status)
    return changes


def latest_render(*, version: ReportVersion) -> Report | None:
    """The version's most recent rendering, to link its progress or its download."""
    return version.renders.order_by("-requested_at", "-pk").first()


@dataclass(frozen=True)
class AnnualStats:
    township: Township
    year: int
    summaries: list[YearSummary]

    def __getitem__(self, key: str) -> YearSummary:
        for summary in self.summaries:
            if summary.key == key:
                return summary
        raise KeyError(key)


def annual_stats(*, township: Township, year: int) -> AnnualStats:
    """The year's figures the work report quotes, as each app summarises its own year."""
    return AnnualStats(
        township=township, year=year, summaries=year_summaries(township=township, year=year)
    )


def annual_report_is_final(*, township, year: int) -> bool:
    """The year's work is closed once its annual work report (人大主席团工作报告) has a final
    (定稿) version: the pages then open on the next year (congress.years.reporting_year)."""
    return ReportVersion.objects.filter(
        report__township=township,
        report__year=year,
        report__kind=WorkReport.Kind.ANNUAL,
        state=VersionState.FINAL,
    ).exists()


def reports_dashboard(*, user, year: int) -> dict | None:
    """County viewers land on the latest final work reports of every township."""
    if not user.has_perm("reports.view_reportversion"):
        return None
    recent = final_versions_for_user(user=user).order_by(
        F("approved_at").desc(nulls_last=True), "-pk"
    )
    return {"recent": list(recent[:RECENT])}


def report_todos(*, user, year: int) -> dict | None:
    """Staff are reminded of the drafts to finish, presidium members of the versions waiting
    for their review. One query."""
    if not user.has_perm("reports.view_reportversion"):
        return None
    url = reverse("reports:list")
    moves = [
        move for move in VERSION_WORKFLOW.moves if move.todo and user.has_perm(move.permission)
    ]
    if not moves:
        return None
    counts = visible_to(ReportVersion.objects.all(), user).aggregate(
        **{move.name: Count("pk", filter=Q(state=move.sources[0])) for move in moves}
    )
    return {
        "todo": [
            Todo(str(move.todo), counts[move.name], f"{url}?state={move.sources[0]}")
            for move in moves
        ]
    }
