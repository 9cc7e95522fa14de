"""Back-entry from paper: each step of a proposal carries the day it really happened, staff may
correct a date with a reason, and the history, the numbering and the statistics follow the
real dates, not the day they were typed."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import (
    Answer,
    AnswerCategory,
    Assignment,
    Proposal,
    ProposalDateCorrection,
    ProposalStatusChange,
)
from proposals.selectors import proposal_status_changes
from proposals.selectors.stats import proposal_statistics
from proposals.services import (
    proposal_answer,
    proposal_assign,
    proposal_move,
    proposal_register,
    proposal_return_answer,
    proposal_submit,
)
from proposals.services.dates import proposal_date_correct
from proposals.workflow import Status

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = "2026-12-07"  # the clock of every test: a township catching up on 2025 from paper

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with freeze_time("2026-12-07 02:00:00"):  # 10:00 in the township
        yield


def at(day: str, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def local_day(moment: datetime.datetime) -> str:
    return moment.astimezone(SHANGHAI).date().isoformat()


@pytest.fixture
def unit_user(township, make_user):
    return make_user(Role.UNIT, township, unit=UnitFactory(township=township, name="交通办"))


def submit(township, staff, submitted="2025-03-01"):
    return proposal_submit(
        deputy=DeputyFactory(township=township),
        title="关于修缮村道的建议",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=at(submitted),
    )


def register(proposal, staff, on="2025-03-10"):
    return proposal_register(proposal=proposal, by=staff, at=at(on))


def assign(proposal, staff, unit, on="2025-03-20"):
    return proposal_assign(proposal=proposal, unit=unit, by=staff, assigned_on=day(on))


def answer(proposal, staff, on="2025-05-15"):
    return proposal_answer(
        proposal=proposal,
        by=staff,
        category=AnswerCategory.objects.filter(township=proposal.township_id).first(),
        text="已安排施工",
        at=at(on),
    )


def handled(township, staff, unit):
    """A proposal of 2025 entered from paper up to its answer."""
    proposal = submit(township, staff)
    register(proposal, staff)
    assign(proposal, staff, unit)
    answer(proposal, staff)
    proposal.refresh_from_db()
    return proposal


def steps(proposal) -> list[tuple[str, str]]:
    return [
        (c.to_status, local_day(c.changed_at)) for c in proposal_status_changes(proposal=proposal)
    ]


# ------------------------------------------------------------------------ each step's own date


def test_every_step_entered_from_paper_keeps_its_real_day(township, staff, unit_user):
    proposal = handled(township, staff, unit_user.unit)
    assert steps(proposal) == [
        (Status.DRAFT, "2025-03-01"),
        (Status.SUBMITTED, "2025-03-01"),
        (Status.REGISTERED, "2025-03-10"),
        (Status.ASSIGNED, "2025-03-20"),
        (Status.ANSWERED, "2025-05-15"),
    ]
    lead = proposal.assignments.get()
    # The deadline runs from the day it was assigned, not from the day it was typed.
    assert (lead.assigned_on, lead.deadline) == (day("2025-03-20"), day("2025-06-20"))
    assert proposal.due_date == day("2025-06-20")
    assert (proposal.number_year, proposal.number) == (2025, 1)
    proposal_return_answer(proposal=proposal, by=staff, note="答复不具体", at=at("2025-05-20"))
    assert steps(proposal)[-1] == (Status.ASSIGNED, "2025-05-20")


@pytest.mark.parametrize(
    ("step", "when", "message"),
    [
        ("register", "2026-12-08", "日期不能晚于今天"),
        ("register", "2025-02-28", "登记日期（2025-02-28）不能早于提出日期（2025-03-01）"),
        ("assign", "2026-12-08", "日期不能晚于今天"),
        ("assign", "2025-03-09", "交办日期（2025-03-09）不能早于登记日期（2025-03-10）"),
        ("answer", "2026-12-08", "日期不能晚于今天"),
        ("answer", "2025-03-19", "答复日期（2025-03-19）不能早于交办日期（2025-03-20）"),
        ("send_back", "2025-05-14", "退回答复日期（2025-05-14）不能早于答复日期（2025-05-15）"),
        ("close", "2025-05-14", "办结日期（2025-05-14）不能早于答复日期（2025-05-15）"),
        ("close", "2026-12-08", "日期不能晚于今天"),
    ],
)
def test_a_step_dated_in_the_future_or_before_the_one_it_follows_is_refused(
    township, staff, unit_user, step, when, message
):
    proposal = submit(township, staff)
    if step != "register":
        register(proposal, staff)
    if step not in {"register", "assign"}:
        assign(proposal, staff, unit_user.unit)
    if step in {"send_back", "close"}:
        answer(proposal, staff)
    before = list(ProposalStatusChange.objects.values_list("pk", flat=True))
    counts = (Assignment.objects.count(), Answer.objects.count())
    proposal.refresh_from_db()
    status = proposal.status
    calls = {
        "register": lambda: register(proposal, staff, on=when),
        "assign": lambda: assign(proposal, staff, unit_user.unit, on=when),
        "answer": lambda: answer(proposal, staff, on=when),
        "send_back": lambda: proposal_return_answer(
            proposal=proposal, by=staff, note="退回", at=at(when)
        ),
        "close": lambda: proposal_move(proposal=proposal, move="close", by=staff, at=at(when)),
    }
    with pytest.raises(ValidationError, match=message):
        calls[step]()
    proposal.refresh_from_db()
    assert proposal.status == status
    assert proposal.number is None or step != "register"
    assert list(ProposalStatusChange.objects.values_list("pk", flat=True)) == before
    assert (Assignment.objects.count(), Answer.objects.count()) == counts


def test_a_paper_submission_cannot_be_dated_after_today(township, staff):
    with pytest.raises(ValidationError, match="日期不能晚于今天"):
        submit(township, staff, submitted="2026-12-08")
    assert not Proposal.objects.exists()


def test_a_deputys_own_submission_is_dated_now(township, make_user):
    user = make_user(Role.DEPUTY, township)
    deputy = DeputyFactory(township=township, user=user)
    fields = {"title": "关于路灯的建议", "content": "内容", "kind": "suggestion"}
    with pytest.raises(ValidationError, match="以提出当天为提出日期"):
        proposal_submit(deputy=deputy, submitted_by=user, submitted_at=at("2025-03-01"), **fields)
    assert not Proposal.objects.exists()
    proposal = proposal_submit(deputy=deputy, submitted_by=user, **fields)
    assert local_day(proposal.submitted_at) == TODAY


def test_a_step_on_the_same_day_as_the_one_before_stays_after_it(township, staff, unit_user):
    """Registered on the day a deputy submitted online in the afternoon: the registration,
    entered as that day, still comes after the submission."""
    proposal = submit(township, staff)
    proposal.submitted_at = at("2025-03-01", 16)
    proposal.save(update_fields=["submitted_at"])
    register(proposal, staff, on="2025-03-01")
    registered = proposal.status_changes.get(to_status=Status.REGISTERED)
    assert registered.changed_at >= proposal.submitted_at


# ------------------------------------------------------------------------ correcting a date


def test_a_corrected_date_keeps_the_old_one_who_and_why(township, staff, unit_user):
    proposal = handled(township, staff, unit_user.unit)
    correction = proposal_date_correct(
        proposal=proposal,
        event="registered",
        day=day("2025-03-05"),
        by=staff,
        reason="纸质登记簿记载为3月5日",
    )
    assert (local_day(correction.old_at), local_day(correction.new_at)) == (
        "2025-03-10",
        "2025-03-05",
    )
    assert (correction.corrected_by, correction.reason) == (staff, "纸质登记簿记载为3月5日")
    row = proposal.status_changes.get(to_status=Status.REGISTERED)
    assert local_day(row.changed_at) == "2025-03-05"
    # The step's own history row says who changed it and why; the earlier version remains.
    latest = row.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (staff, "纸质登记簿记载为3月5日")
    assert local_day(row.history.earliest().changed_at) == "2025-03-10"


def test_correcting_the_assignment_moves_a_default_deadline(township, staff, unit_user):
    proposal = handled(township, staff, unit_user.unit)
    proposal_date_correct(
        proposal=proposal, event="assigned", day=day("2025-03-12"), by=staff, reason="交办会日期"
    )
    lead = proposal.assignments.get()
    proposal.refresh_from_db()
    assert (lead.assigned_on, lead.deadline, proposal.due_date) == (
        day("2025-03-12"),
        day("2025-06-12"),
        day("2025-06-12"),
    )
    assert steps(proposal)[3] == (Status.ASSIGNED, "2025-03-12")


def test_correcting_the_answer_date(township, staff, unit_user):
    proposal = handled(township, staff, unit_user.unit)
    proposal_date_correct(
        proposal=proposal,
        event="answered",
        day=day("2025-04-30"),
        by=staff,
        reason="以公文落款为准",
    )
    assert local_day(proposal.answers.get().answered_at) == "2025-04-30"
    assert steps(proposal)[-1] == (Status.ANSWERED, "2025-04-30")


@pytest.mark.parametrize(
    ("event", "when", "message"),
    [
        ("submitted", "2026-12-08", "日期不能晚于今天"),
        ("submitted", "2025-03-11", "提出日期（2025-03-11）不能晚于登记日期（2025-03-10）"),
        ("registered", "2025-02-28", "登记日期（2025-02-28）不能早于提出日期（2025-03-01）"),
        ("registered", "2025-03-21", "登记日期（2025-03-21）不能晚于交办日期（2025-03-20）"),
        ("assigned", "2025-03-09", "交办日期（2025-03-09）不能早于登记日期（2025-03-10）"),
        ("answered", "2025-03-19", "答复日期（2025-03-19）不能早于交办日期（2025-03-20）"),
        ("answered", "2026-12-08", "日期不能晚于今天"),
    ],
)
def test_a_correction_out_of_order_is_refused_and_changes_nothing(
    township, staff, unit_user, event, when, message
):
    proposal = handled(township, staff, unit_user.unit)
    before = steps(proposal)
    with pytest.raises(ValidationError, match=message):
        proposal_date_correct(
            proposal=proposal, event=event, day=day(when), by=staff, reason="更正"
        )
    proposal.refresh_from_db()
    assert steps(proposal) == before
    assert local_day(proposal.submitted_at) == "2025-03-01"
    assert proposal.assignments.get().assigned_on == day("2025-03-20")
    assert not ProposalDateCorrection.objects.exists()


def test_a_correction_needs_a_reason_and_the_townships_staff(township, staff, unit_user, users):
    proposal = handled(township, staff, unit_user.unit)
    with pytest.raises(ValidationError, match="说明"):
        proposal_date_correct(
            proposal=proposal, event="submitted", day=day("2025-02-27"), by=staff, reason=" "
        )
    with pytest.raises(ValidationError):
        proposal_date_correct(
            proposal=proposal,
            event="submitted",
            day=day("2025-02-27"),
            by=unit_user,
            reason="更正",
        )
    assert not ProposalDateCorrection.objects.exists()


def test_the_numbering_and_statistics_year_follow_the_corrected_submission(township, staff):
    """A 2025 item the deputy's phone dated 2026: corrected, it is numbered and counted in
    2025, and 2026's count and numbers drop it."""
    late = submit(township, staff, submitted="2026-01-05")
    register(late, staff, on="2026-01-06")
    late.refresh_from_db()
    assert (late.number_year, late.number) == (2026, 1)
    assert proposal_statistics(township=township, year=2026).totals.total == 1
    earlier = submit(township, staff, submitted="2025-11-02")
    register(earlier, staff, on="2025-11-03")

    proposal_date_correct(
        proposal=late, event="submitted", day=day("2025-12-28"), by=staff, reason="纸质件落款"
    )
    late.refresh_from_db()
    assert local_day(late.submitted_at) == "2025-12-28"
    assert (late.number_year, late.number) == (2025, 2)
    assert proposal_statistics(township=township, year=2026).totals.total == 0
    assert proposal_statistics(township=township, year=2025).totals.total == 2
    # 2026's number 1 was the last given: it goes back, and the next 2026 item takes it.
    next_one = submit(township, staff, submitted="2026-02-01")
    register(next_one, staff, on="2026-02-02")
    next_one.refresh_from_db()
    assert (next_one.number_year, next_one.number) == (2026, 1)


def test_the_timeline_follows_the_event_dates_not_the_typing_order(township, staff, unit_user):
    """A step whose date was corrected to before one typed earlier is shown before it."""
    proposal = handled(township, staff, unit_user.unit)
    proposal_date_correct(
        proposal=proposal, event="submitted", day=day("2025-02-20"), by=staff, reason="落款日期"
    )
    # The paper entry's first row (typed with the submission) moves with it.
    assert steps(proposal)[:2] == [
        (Status.DRAFT, "2025-02-20"),
        (Status.SUBMITTED, "2025-02-20"),
    ]
    # A row typed last but dated first comes first.
    ProposalStatusChange.objects.create(
        proposal=proposal,
        from_status="",
        to_status=Status.DRAFT,
        changed_by=staff,
        changed_at=at("2025-01-02"),
    )
    assert steps(proposal)[0] == (Status.DRAFT, "2025-01-02")


# ------------------------------------------------------------------------ the pages


def test_staff_register_with_a_date_and_others_get_no_date_field(
    client, township, staff, unit_user
):
    proposal = submit(township, staff)
    client.force_login(staff)
    url = reverse("proposals:move", args=[proposal.pk, "register"])
    page = client.get(url)
    assert 'name="on"' in page.content.decode() and 'value="2026-12-07"' in page.content.decode()
    response = client.post(url, {"on": "2025-03-04", "note": ""})
    assert response.status_code == 302
    assert steps(proposal)[-1] == (Status.REGISTERED, "2025-03-04")
    # A unit's own answer form has no date: it is dated the day it is given.
    proposal.refresh_from_db()
    assign(proposal, staff, unit_user.unit)
    client.force_login(unit_user)
    page = client.get(reverse("proposals:move", args=[proposal.pk, "answer"]))
    assert page.status_code == 200 and 'name="answered_on"' not in page.content.decode()


def test_the_correction_page_is_the_township_staffs(client, township, staff, unit_user, users):
    proposal = handled(township, staff, unit_user.unit)
    url = reverse("proposals:dates", args=[proposal.pk])
    client.force_login(users[Role.DEPUTY])
    assert client.get(url).status_code in {403, 404}
    client.force_login(staff)
    page = client.get(url)
    assert "2025-03-10" in page.content.decode()
    response = client.post(url, {"event": "registered", "day": "2027-01-01", "reason": "更正"})
    assert "日期不能晚于今天" in response.content.decode()
    response = client.post(url, {"event": "registered", "day": "2025-03-08", "reason": "更正"})
    assert response.status_code == 302
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "2025-03-10" in detail and "2025-03-08" in detail and "更正" in detail


# ------------------------------------------------------------------------ oversight's steps


def test_a_problems_send_back_and_verification_carry_their_real_day(township, staff, users):
    from oversight.services.problems import (
        problem_add,
        problem_begin,
        problem_report,
        problem_send_back,
        problem_verify,
    )
    from oversight.tests.factories import OversightActionFactory
    from oversight.workflow import ProblemStatus

    unit_user = users[Role.UNIT]
    problem = problem_add(
        action=OversightActionFactory(township=township),
        by=staff,
        description="养殖场污水直排练溪",
        unit=unit_user.unit,
        deadline=day("2024-10-31"),
    )
    # Entered later from the paper records, each with its day.
    problem_begin(problem=problem, by=unit_user, at=at("2024-10-01"))
    problem_report(
        problem=problem,
        by=staff,
        text="建成沉淀池",
        rectified_on=day("2024-10-18"),
        at=at("2024-10-18"),
    )
    for when, message in [
        ("2024-10-17", "日期不能早于报告的整改完成日期（2024-10-18）"),
        ("2026-12-08", "日期不能晚于今天"),
    ]:
        with pytest.raises(ValidationError, match=message):
            problem_send_back(problem=problem, by=staff, note="仍有渗漏", at=at(when))
        problem.refresh_from_db()
        assert problem.status == ProblemStatus.REPORTED
    problem_send_back(problem=problem, by=staff, note="仍有渗漏", at=at("2024-10-19"))
    problem_report(
        problem=problem,
        by=staff,
        text="修补渗漏点",
        rectified_on=day("2024-10-25"),
        at=at("2024-10-25"),
    )
    problem_verify(problem=problem, by=staff, verified_on=day("2024-10-28"))
    rows = problem.status_changes.order_by("changed_at", "pk")
    days = [(r.to_status, local_day(r.changed_at)) for r in rows]
    assert (ProblemStatus.IN_PROGRESS, "2024-10-19") in days
    assert days[-1] == (ProblemStatus.CLOSED, "2024-10-28")
