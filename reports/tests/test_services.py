"""The work report's writes: regeneration never overwrites staff's text without asking, the
sections' order and numbering, only drafts change, the versions' workflow, and a final
version's PDF made once and kept."""

import datetime
import itertools
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from conftest import require, run_overlapping, run_together
from congress.numerals import chinese_numeral
from congress.roles import Role
from proposals.tests.factories import ProposalFactory
from reports.drafting.tokens import typed_numbers
from reports.models import Report, ReportSection, ReportVersion, WorkReport
from reports.printing import printed_document
from reports.services import (
    render_request,
    report_render,
    section_accept,
    section_add,
    section_delete,
    section_dismiss,
    section_move,
    section_refresh_figures,
    section_update,
    version_move,
    version_regenerate,
    version_start_next,
    version_update,
    work_report_create,
)
from reports.tests.test_reports import redis_available, redis_url

YEAR = 2024
IN_2024 = datetime.datetime(2024, 3, 1, 9, tzinfo=datetime.UTC)


def proposal_in_2024(township):
    return ProposalFactory(deputy__township=township, submitted_at=IN_2024)


@pytest.fixture
def member(users):
    return users[Role.MEMBER]


@pytest.fixture
def proposals_report(township, staff):
    """The proposal-handling report of 2024, drafted when the township had two proposals."""
    proposal_in_2024(township)
    proposal_in_2024(township)
    return work_report_create(township=township, year=YEAR, kind="proposals", by=staff)


@pytest.fixture
def draft(proposals_report) -> ReportVersion:
    return proposals_report.versions.get()


def overview(version) -> ReportSection:
    return version.sections.get(key="overview")


def fake_pdf(monkeypatch):
    """Rendering stands in with a small PDF: the workflow, not WeasyPrint, is under test."""
    calls = []

    def render(version, on_progress=None):
        calls.append(version.pk)
        if on_progress:
            on_progress(50)
        return b"%PDF-1.7 " + version.title.encode()

    monkeypatch.setattr("reports.services.rendering.version_pdf", render)
    return calls


# ----------------------------------------------------------------------------- regeneration


def test_regenerating_keeps_an_edited_text_and_proposes_the_new_one(draft, township):
    section = overview(draft)
    mine = section.body + "\n代表们积极建言献策。"
    section_update(section=section, title=section.title, heading=section.heading, body=mine)
    proposal_in_2024(township)

    version_regenerate(version=draft, by=None)

    section.refresh_from_db()
    assert section.body == mine  # staff's words untouched
    assert section.has_proposal
    assert "[3|proposals.total]" in section.proposed_body
    assert "[2|proposals.total]" in section.body


def test_accepting_takes_the_new_text_and_dismissing_keeps_mine(draft, township):
    section = overview(draft)
    mine = section.body + "\n另起一段。"
    section_update(section=section, title=section.title, heading=section.heading, body=mine)
    proposal_in_2024(township)
    version_regenerate(version=draft, by=None)
    section.refresh_from_db()
    proposed = section.proposed_body

    section_accept(section=section)
    section.refresh_from_db()
    assert section.body == proposed and not section.has_proposal and not section.is_edited

    # Edited again, regenerated with yet another proposal, and this time staff keep theirs.
    section_update(section=section, title=section.title, heading=section.heading, body=mine)
    proposal_in_2024(township)
    version_regenerate(version=draft, by=None)
    section_dismiss(section=overview(draft))
    section.refresh_from_db()
    assert section.body == mine and section.proposed_body == ""
    assert "[4|proposals.total]" in section.generated_body  # compared with next time


def test_keeping_mine_with_its_figures_brought_up_to_the_records(draft, township):
    section = overview(draft)
    mine = section.body + "\n另起一段，手写的5篇。"
    section_update(section=section, title=section.title, heading=section.heading, body=mine)
    before = draft.figures["proposals.total"]["value"]
    proposal_in_2024(township)
    version = version_regenerate(version=draft, by=None)
    after = version.figures["proposals.total"]["value"]
    assert after != before
    section.refresh_from_db()
    assert f"[{before}|proposals.total]" in section.body and section.has_proposal

    section_refresh_figures(section=section)
    section.refresh_from_db()
    # Staff's words stay, hand-typed number included; the figure is the records' again.
    assert "另起一段，手写的5篇。" in section.body
    assert f"[{after}|proposals.total]" in section.body
    assert f"[{before}|proposals.total]" not in section.body
    assert not section.has_proposal and section.is_edited
    assert typed_numbers(section.body, version.figures) == ["5"]


def test_an_untouched_section_takes_the_new_text(draft, township):
    proposal_in_2024(township)
    version_regenerate(version=draft, by=None)
    section = overview(draft)
    assert "[3|proposals.total]" in section.body
    assert section.proposed_body == "" and not section.is_edited


def test_data_changes_list_a_figure_that_changed_between_generations(draft, township):
    assert draft.figures["proposals.total"]["value"] == "2"
    version_regenerate(version=draft, by=None)
    draft.refresh_from_db()
    assert draft.data_changes == []  # nothing changed in the records

    proposal_in_2024(township)
    version_regenerate(version=draft, by=None)
    draft.refresh_from_db()
    change = next(c for c in draft.data_changes if c["key"] == "proposals.total")
    assert (change["old"], change["new"]) == ("2", "3")
    assert change["label"]


# ----------------------------------------------------------------------------- sections


def outline(version) -> list[tuple[str, str]]:
    return [(s.number, s.title) for s in printed_document(version).sections]


def numbered_in_order(rows) -> bool:
    numbers = [number for number, _title in rows if number]
    return numbers == [chinese_numeral(n) for n in range(1, len(numbers) + 1)]


def test_deleting_and_moving_sections_renumber_them(draft):
    standard = [title for _number, title in outline(draft)]
    a = section_add(version=draft, title="甲", heading="numbered")
    b = section_add(version=draft, title="乙", heading="numbered")
    section_add(version=draft, title="计划", heading="plain")
    rows = outline(draft)
    n = len(standard)
    assert rows[-3:] == [
        (chinese_numeral(n + 1), "甲"),
        (chinese_numeral(n + 2), "乙"),
        ("", "计划"),
    ]
    assert numbered_in_order(rows)

    section_move(section=b, direction="up")
    rows = outline(draft)
    assert rows[-3:] == [
        (chinese_numeral(n + 1), "乙"),
        (chinese_numeral(n + 2), "甲"),
        ("", "计划"),
    ]
    section_delete(section=overview(draft))
    rows = outline(draft)
    assert [title for _number, title in rows] == [*standard[1:], "乙", "甲", "计划"]
    assert numbered_in_order(rows) and rows[0][0] == "一"
    positions = list(draft.sections.values_list("position", flat=True))
    assert positions == list(range(1, len(rows) + 1))
    section_move(section=a, direction="down")
    rows = outline(draft)
    assert rows[-3:] == [(chinese_numeral(n), "乙"), ("", "计划"), (chinese_numeral(n + 1), "甲")]


def test_a_deleted_standard_section_is_added_back_from_the_records(draft):
    section_delete(section=overview(draft))
    added = section_add(version=draft, title="", heading="numbered", key="overview")
    assert added.key == "overview" and "[2|proposals.total]" in added.body
    with pytest.raises(ValidationError):
        section_add(version=draft, title="", heading="numbered", key="overview")


@pytest.mark.parametrize("move_to", ["review", "final"])
def test_only_a_draft_changes(draft, staff, member, monkeypatch, move_to):
    fake_pdf(monkeypatch)
    version_move(version=draft, move="submit", by=staff)
    if move_to == "final":
        version_move(version=draft, move="approve", by=member)
    section = overview(draft)
    before = (section.body, section.position, draft.sections.count(), draft.title)
    attempts = [
        lambda: section_update(section=section, title="改", heading="numbered", body="改"),
        lambda: section_add(version=draft, title="新", heading="numbered"),
        lambda: section_delete(section=section),
        lambda: section_move(section=section, direction="down"),
        lambda: section_accept(section=section),
        lambda: version_regenerate(version=draft, by=staff),
        lambda: version_update(version=draft, title="改", addressee="", issuer="", issue_date=None),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    section.refresh_from_db()
    draft.refresh_from_db()
    assert (section.body, section.position, draft.sections.count(), draft.title) == before


# ----------------------------------------------------------------------------- the workflow


def test_submit_return_with_a_note_and_approve(draft, staff, member, monkeypatch):
    fake_pdf(monkeypatch)
    version_move(version=draft, move="submit", by=staff)
    assert draft.state == "review"
    with pytest.raises(ValidationError) as refused:
        version_move(version=draft, move="return", by=member, note="  ")
    assert "note" in refused.value.error_dict
    draft.refresh_from_db()
    assert draft.state == "review"
    version_move(version=draft, move="return", by=member, note="第二部分数字请核对")
    assert draft.state == "draft"
    with pytest.raises(ValidationError):
        version_move(version=draft, move="approve", by=member)  # not from a draft
    version_move(version=draft, move="submit", by=staff)
    version_move(version=draft, move="approve", by=member)
    assert draft.state == "final"
    history = list(draft.status_changes.order_by("changed_at", "pk"))
    assert [(h.to_status, h.changed_by) for h in history] == [
        ("draft", staff),
        ("review", staff),
        ("draft", member),
        ("review", staff),
        ("final", member),
    ]
    assert history[2].note == "第二部分数字请核对"


def test_a_member_may_not_submit_and_a_deputy_may_not_approve(draft, users):
    with pytest.raises(ValidationError):
        version_move(version=draft, move="submit", by=users[Role.MEMBER])
    with pytest.raises(ValidationError):
        version_move(version=draft, move="submit", by=users[Role.DEPUTY])


def test_approving_freezes_the_version_and_stores_its_pdf_once(
    draft, staff, member, township, monkeypatch, django_capture_on_commit_callbacks
):
    calls = fake_pdf(monkeypatch)
    version_move(version=draft, move="submit", by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        version_move(version=draft, move="approve", by=member)
    draft.refresh_from_db()
    assert draft.pdf and calls == [draft.pk]
    stored = draft.pdf.read()
    assert stored.startswith(b"%PDF")
    frozen_figures = dict(draft.figures)

    # Asking for the PDF again returns the same rendering; nothing is rendered again.
    job = render_request(version=draft, requested_by=staff)
    assert job == draft.renders.get()
    assert job.state == Report.State.DONE and job.progress == 100
    # The records change; the final version does not.
    proposal_in_2024(township)
    draft.refresh_from_db()
    assert draft.figures == frozen_figures
    assert calls == [draft.pk]


def test_a_new_version_starts_as_a_copy_of_the_final_one(draft, staff, member, monkeypatch):
    fake_pdf(monkeypatch)
    section = overview(draft)
    section_update(section=section, title="建议总体情况", heading="numbered", body=section.body)
    section_add(version=draft, title="其他", heading="numbered", body="手写的一段。")
    with pytest.raises(ValidationError):
        version_start_next(version=draft, by=staff)  # not final yet
    version_move(version=draft, move="submit", by=staff)
    version_move(version=draft, move="approve", by=member)

    following = version_start_next(version=draft, by=staff)
    assert (following.number, following.state) == (2, "draft")
    copy = [(s.position, s.key, s.title, s.body) for s in following.sections.all()]
    assert copy == [(s.position, s.key, s.title, s.body) for s in draft.sections.all()]
    assert following.figures == draft.figures and following.title == draft.title
    assert not following.pdf
    with pytest.raises(ValidationError):
        version_start_next(version=draft, by=staff)  # version 2 exists


def test_a_duplicate_report_is_refused_and_nothing_is_saved(proposals_report, township, staff):
    with pytest.raises(ValidationError):
        work_report_create(township=township, year=YEAR, kind="proposals", by=staff)
    assert WorkReport.objects.count() == 1 and ReportVersion.objects.count() == 1


def test_a_report_started_twice_at_once_gives_the_second_the_message(
    proposals_report, township, staff, monkeypatch
):
    """The second of two simultaneous starts passes the exists() check, then meets the
    constraint: it reads as the same Chinese message, not a server error."""
    from reports.services import drafts

    monkeypatch.setattr(drafts.WorkReport.objects, "filter", lambda **kw: WorkReport.objects.none())
    with pytest.raises(ValidationError, match="本镇该年度已有这份报告"):
        work_report_create(township=township, year=YEAR, kind="proposals", by=staff)
    assert WorkReport.objects.count() == 1 and ReportVersion.objects.count() == 1


# ----------------------------------------------------------------------------- a real worker


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_a_version_with_progress_and_it_downloads(
    client, township, users, celery_broker
):
    """The render request goes through Redis to a real Celery worker, which shows its
    progress on the JSON endpoint and ends at 100 with the PDF to download."""
    from celery.contrib.testing.worker import start_worker

    import reports.tasks  # noqa: F401  (registers the task before the worker starts)

    url = redis_url()
    require(redis_available(url), f"Redis is not reachable at {url}")
    staff = users[Role.STAFF]
    report = work_report_create(township=township, year=YEAR, kind="annual", by=staff)
    version = report.versions.get()
    app = celery_broker(url)
    client.force_login(staff)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        response = client.post(reverse("reports:version_render", args=[version.pk]))
        render = Report.objects.get(version=version)
        assert response["Location"] == reverse("reports:render", args=[render.pk])
        progress_url = reverse("reports:render_progress", args=[render.pk])
        deadline = time.monotonic() + 90
        status = client.get(progress_url).json()
        while not (status["done"] or status["failed"]) and time.monotonic() < deadline:
            time.sleep(0.2)
            status = client.get(progress_url).json()
    assert status["done"], status
    assert status["progress"] == 100
    download = client.get(status["download"])
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert f"{township.name}2024" in _filename(download)


def _filename(response) -> str:
    from urllib.parse import unquote

    header = response["Content-Disposition"]
    return unquote(header.split("filename*=utf-8''")[-1]) if "filename*" in header else header


def test_report_render_of_a_final_version_reuses_its_stored_pdf(
    draft, staff, member, monkeypatch, django_capture_on_commit_callbacks
):
    calls = fake_pdf(monkeypatch)
    version_move(version=draft, move="submit", by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        version_move(version=draft, move="approve", by=member)
    extra = Report.objects.create(
        township=draft.report.township,
        year=YEAR,
        kind=Report.Kind.VERSION,
        version=draft,
        requested_by=staff,
        requested_at=timezone.now(),
    )
    report_render(report_id=extra.pk)
    extra.refresh_from_db()
    draft.refresh_from_db()
    assert extra.file.read() == draft.pdf.read()
    assert len(calls) == 1


def test_a_draft_rendered_before_approval_does_not_stand_for_the_final_pdf(
    draft, staff, member, monkeypatch, django_capture_on_commit_callbacks
):
    calls = fake_pdf(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        draft_render = render_request(version=draft, requested_by=staff)
    version_move(version=draft, move="submit", by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        version_move(version=draft, move="approve", by=member)
    draft.refresh_from_db()
    assert draft.pdf and len(calls) == 2
    final_render = render_request(version=draft, requested_by=staff)
    assert final_render != draft_render and final_render.version_id == draft.pk


# ------------------------------------------------------------- two app servers, two workers


def approved_unrendered(draft, staff, member, monkeypatch) -> ReportVersion:
    """A final version whose rendering at approval failed (the queue was down): the next
    request for its PDF queues a new one."""
    monkeypatch.setattr("reports.services.rendering._enqueue_render", lambda report_id: None)
    version_move(version=draft, move="submit", by=staff)
    version_move(version=draft, move="approve", by=member)
    Report.objects.filter(version=draft).update(state=Report.State.FAILED)
    return draft


def pdfs_laid_out_together(monkeypatch, count: int) -> None:
    """Rendering stands in with a different small PDF each time, and every rendering waits
    until `count` of them are laid out, so that they all finish together."""
    barrier = threading.Barrier(count)
    made = itertools.count(1)

    def render(version, on_progress=None):
        pdf = b"%%PDF-1.7 rendering %d" % next(made)
        barrier.wait(timeout=10)
        return pdf

    monkeypatch.setattr("reports.services.rendering.version_pdf", render)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_for_a_final_pdf_queue_one_rendering_on_postgresql(
    draft, staff, member, monkeypatch
):
    """The second request comes while the first has queued its rendering but not committed;
    the version's row lock makes it wait for the first and then find that rendering."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    version = approved_unrendered(draft, staff, member, monkeypatch)

    def ask(turn):
        with transaction.atomic():
            turn.start()
            render = render_request(version=version, requested_by=staff)
            turn.hold()
        return render.pk

    first, second = run_overlapping(ask, ask)
    assert first == second
    assert version.renders.exclude(state=Report.State.FAILED).count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_renderings_of_a_final_version_finishing_together_keep_one_pdf_on_postgresql(
    draft, staff, member, monkeypatch, settings, tmp_path
):
    """Two workers lay out the same final version at once (two renderings asked for before
    the fix above, or one retried while the other ran): the first PDF kept stays, and both
    renderings hand out that one, so every download is the same file."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    version = approved_unrendered(draft, staff, member, monkeypatch)
    renders = [
        Report.objects.create(
            township=version.report.township,
            year=YEAR,
            kind=Report.Kind.VERSION,
            version=version,
            requested_by=staff,
        )  # fmt: skip
        for _ in range(2)
    ]
    pdfs_laid_out_together(monkeypatch, 2)

    run_together(*[lambda barrier, r=r: report_render(report_id=r.pk) for r in renders])
    version.refresh_from_db()
    kept = version.pdf.read()
    for render in renders:
        render.refresh_from_db()
        assert render.state == Report.State.DONE
        assert render.file.read() == kept
    assert len(list((tmp_path / "reports" / "final").rglob("*.pdf"))) == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_one_rendering_run_twice_at_once_writes_one_file_on_postgresql(
    draft, staff, monkeypatch, settings, tmp_path
):
    """A task delivered again to a second worker while the first still runs it: the first to
    finish keeps its file, the second writes none."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    settings.MEDIA_ROOT = tmp_path
    render = Report.objects.create(
        township=draft.report.township, year=YEAR, kind=Report.Kind.VERSION, version=draft,
        requested_by=staff,
    )  # fmt: skip
    pdfs_laid_out_together(monkeypatch, 2)

    run_together(*[lambda barrier: report_render(report_id=render.pk)] * 2)
    render.refresh_from_db()
    assert render.state == Report.State.DONE
    files = list((tmp_path / "reports").rglob("*.pdf"))
    assert [path.name for path in files] == [render.file.name.rsplit("/", 1)[-1]]
