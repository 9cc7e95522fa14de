"""Writing a work report: creating it, generating and regenerating its draft from the records,
staff's edits to its sections, its versions' moves. Every change goes through here; only a
draft version is changed, and a final one never again."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.db import save_unique
from congress.models import Township

from ..drafting import DraftContext, document_spec, tokens
from ..models import ReportSection, ReportVersion, WorkReport
from ..workflow import VERSION_WORKFLOW

Heading = ReportSection.Heading


def _locked(version: ReportVersion) -> ReportVersion:
    """The version's row locked for the change, refused unless it is a draft."""
    locked = ReportVersion.objects.select_for_update().select_related("report__township")
    version = locked.get(pk=version.pk)
    if not version.is_editable:
        raise ValidationError(
            _("Only a draft can be changed: this version is %(state)s.")
            % {"state": version.get_state_display()}
        )
    return version


@transaction.atomic
def work_report_create(*, township: Township, year: int, kind: str, by) -> WorkReport:
    """A new report for the year: version 1, drafted from the records at once."""
    if WorkReport.objects.filter(township=township, year=year, kind=kind).exists():
        raise ValidationError(_("This township already has this report for the year."))
    # Two users starting the same report at once: the second reads the constraint's message.
    report = save_unique(WorkReport(township=township, year=year, kind=kind, created_by=by))
    spec = document_spec(kind)
    ctx = DraftContext(township=township, year=year)
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        title=spec.title(ctx),
        addressee=spec.addressee(ctx),
        issuer=spec.issuer(ctx),
        issue_date=timezone.localdate(),
        created_by=by,
    )
    VERSION_WORKFLOW.start(record=version, by=by)
    sections = []
    for position, section_spec in enumerate(spec.sections, start=1):
        draft = ctx.write(section_spec)
        sections.append(
            ReportSection(
                version=version,
                position=position,
                key=section_spec.key,
                heading=section_spec.heading,
                title=section_spec.title_for(ctx),
                body=draft.body,
                generated_body=draft.body,
                blocks=draft.blocks,
            )
        )
    ReportSection.objects.bulk_create(sections)
    version.figures = ctx.figures
    version.generated_at = timezone.now()
    version.save(update_fields=["figures", "generated_at"])
    return report


def _figure_changes(old: dict, new: dict) -> list[dict]:
    changes = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None and before["value"] == after["value"]:
            continue
        changes.append(
            {
                "key": key,
                "label": (after or before)["label"],
                "old": before["value"] if before else "",
                "new": after["value"] if after else "",
            }
        )
    return changes


@transaction.atomic
def version_regenerate(*, version: ReportVersion, by) -> ReportVersion:
    """Draft every generated section again from today's records. A section staff have not
    edited takes the new text; an edited one keeps staff's text and holds the new one as a
    proposal for them to accept or dismiss (section_accept / section_dismiss). Tables and charts
    are data: always redrawn. What changed in the figures is kept on the version to show."""
    version = _locked(version)
    report = version.report
    spec = document_spec(report.kind)
    ctx = DraftContext(township=report.township, year=report.year)
    for section in version.sections.all():
        section_spec = spec.section(section.key) if section.key else None
        if section_spec is None:
            continue
        draft = ctx.write(section_spec)
        if not section.is_edited:
            section.body = section.generated_body = draft.body
            section.proposed_body = ""
        elif draft.body != section.generated_body:
            section.proposed_body = draft.body
        else:
            section.proposed_body = ""
        section.blocks = draft.blocks
        section.save(update_fields=["body", "generated_body", "proposed_body", "blocks"])
    version.data_changes = _figure_changes(version.figures, ctx.figures)
    version.figures = ctx.figures
    version.generated_at = timezone.now()
    version.save(update_fields=["figures", "data_changes", "generated_at", "updated_at"])
    return version


def _locked_section(section: ReportSection) -> ReportSection:
    _locked(section.version)
    return ReportSection.objects.select_for_update().get(pk=section.pk)


@transaction.atomic
def section_accept(*, section: ReportSection) -> ReportSection:
    """Take the newly generated text in place of staff's edited one."""
    section = _locked_section(section)
    if not section.proposed_body:
        raise ValidationError(_("There is no newly generated text to take."))
    section.body = section.generated_body = section.proposed_body
    section.proposed_body = ""
    section.save(update_fields=["body", "generated_body", "proposed_body"])
    return section


@transaction.atomic
def section_dismiss(*, section: ReportSection) -> ReportSection:
    """Keep staff's text: the newly generated one is set aside (and becomes what the next
    regeneration compares with)."""
    section = _locked_section(section)
    if section.proposed_body:
        section.generated_body = section.proposed_body
        section.proposed_body = ""
        section.save(update_fields=["generated_body", "proposed_body"])
    return section


@transaction.atomic
def section_refresh_figures(*, section: ReportSection) -> ReportSection:
    """Keep staff's words but bring every figure they carry up to the records: each token's
    value becomes its figure's as last generated (a token whose figure is gone stays, and stays
    highlighted). The newly generated text is then set aside, as when staff keep theirs."""
    section = _locked_section(section)
    figures = section.version.figures
    section.body = tokens.refresh(section.body, figures)
    if section.proposed_body:
        section.generated_body = section.proposed_body
        section.proposed_body = ""
    section.save(update_fields=["body", "generated_body", "proposed_body"])
    return section


@transaction.atomic
def section_update(*, section: ReportSection, title: str, heading: str, body: str):
    section = _locked_section(section)
    section.title = title
    section.heading = heading
    section.body = body
    section.full_clean(exclude=["version"])
    section.save(update_fields=["title", "heading", "body"])
    return section


@transaction.atomic
def section_add(*, version: ReportVersion, title: str, heading: str, body: str = "", key: str = ""):
    """Add a section at the end: a blank one staff write, or a standard one (`key`) that was
    removed, drafted from the records again."""
    version = _locked(version)
    blocks = []
    if key:
        report = version.report
        section_spec = document_spec(report.kind).section(key)
        if section_spec is None:
            raise ValidationError(_("There is no standard section of this kind."))
        if version.sections.filter(key=key).exists():
            raise ValidationError(_("This standard section is already in the report."))
        ctx = DraftContext(township=report.township, year=report.year)
        draft = ctx.write(section_spec)
        body, blocks = draft.body, draft.blocks
        title = title or section_spec.title_for(ctx)
        heading = section_spec.heading
        version.figures = {**version.figures, **ctx.figures}
        version.save(update_fields=["figures", "updated_at"])
    last = version.sections.aggregate(n=Max("position"))["n"] or 0
    section = ReportSection(
        version=version,
        position=last + 1,
        key=key,
        heading=heading,
        title=title,
        body=body,
        generated_body=body if key else "",
        blocks=blocks,
    )
    section.full_clean(exclude=["version"])
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: ReportSection) -> None:
    section = _locked_section(section)
    version = section.version
    section.delete()
    _renumber(version)


def _renumber(version: ReportVersion) -> None:
    for position, section in enumerate(version.sections.order_by("position", "pk"), start=1):
        if section.position != position:
            section.position = position
            section.save(update_fields=["position"])


@transaction.atomic
def section_move(*, section: ReportSection, direction: str) -> None:
    """Move a section one place up or down; the numbering follows the order."""
    section = _locked_section(section)
    sections = list(section.version.sections.order_by("position", "pk"))
    index = next(i for i, item in enumerate(sections) if item.pk == section.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other < len(sections):
        return
    sections[index], sections[other] = sections[other], sections[index]
    for position, item in enumerate(sections, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def version_update(*, version: ReportVersion, title, addressee, issuer, issue_date):
    version = _locked(version)
    version.title = title
    version.addressee = addressee
    version.issuer = issuer
    version.issue_date = issue_date
    version.full_clean(exclude=["report", "created_by"])
    version.save(update_fields=["title", "addressee", "issuer", "issue_date", "updated_at"])
    return version


@transaction.atomic
def version_move(
    *, version: ReportVersion, move: str, by, note: str = "", at: datetime.datetime | None = None
) -> ReportVersion:
    """Submit, return or approve a version (reports.workflow), now or at `at` (a step taken on
    paper earlier). Approving freezes it and renders its PDF once, to be kept."""
    VERSION_WORKFLOW.perform(record=version, move=move, by=by, note=note, at=at)
    version.refresh_from_db()
    if version.is_final:
        from .rendering import render_request

        render_request(version=version, requested_by=by)
    return version


@transaction.atomic
def version_start_next(*, version: ReportVersion, by) -> ReportVersion:
    """A new draft copied from a final version: its text, sections and figures as they were."""
    version = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_final:
        raise ValidationError(_("A new version starts only from a final one."))
    report = version.report
    if report.versions.filter(number__gt=version.number).exists():
        raise ValidationError(_("A newer version of this report already exists."))
    following = ReportVersion.objects.create(
        report=report,
        number=version.number + 1,
        title=version.title,
        addressee=version.addressee,
        issuer=version.issuer,
        issue_date=version.issue_date,
        figures=version.figures,
        generated_at=version.generated_at,
        created_by=by,
    )
    VERSION_WORKFLOW.start(record=following, by=by)
    ReportSection.objects.bulk_create(
        ReportSection(
            version=following,
            position=section.position,
            key=section.key,
            heading=section.heading,
            title=section.title,
            body=section.body,
            generated_body=section.generated_body,
            blocks=section.blocks,
        )
        for section in version.sections.all()
    )
    return following
