"""The proposal services: drafting and signing, submission rules, numbering, assignment with
deadlines, answers and ratings, each step's notice."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from freezegun import freeze_time

from conftest import require, run_overlapping, run_together
from congress.models import Notification
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import VoterContact
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory, Proposal, ProposalSigner
from proposals.selectors import proposal_list_for_user
from proposals.services import (
    proposal_answer,
    proposal_assign,
    proposal_cosign,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_from_voter_contact,
    proposal_move,
    proposal_rate,
    proposal_register,
    proposal_submit,
    workday_override_add,
)
from proposals.workflow import Status
from sessions.tests.factories import CongressSessionFactory


def at(day: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour, minute))
    )


@pytest.fixture
def proposal(township, staff):
    return proposal_submit(
        deputy=DeputyFactory(township=township),
        title="关于道路硬化的建议",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=at("2024-01-21"),
    )


def category(township, code="A"):
    return AnswerCategory.objects.get(township=township, code=code)


def test_a_deputys_draft_is_theirs_until_submitted(users, township, staff):
    deputy_user = users[Role.DEPUTY]
    draft = proposal_draft_save(
        deputy=deputy_user.deputy,
        by=deputy_user,
        kind="suggestion",
        title="关于路灯的建议",
        content="路灯坏了",
    )
    assert draft.status == Status.DRAFT and draft.submitted_at is None
    assert draft in proposal_list_for_user(user=deputy_user)
    assert draft not in proposal_list_for_user(user=staff)  # staff see it once submitted
    proposal_draft_save(
        deputy=deputy_user.deputy, by=deputy_user, proposal=draft, title="关于更换路灯的建议"
    )
    proposal_draft_submit(proposal=draft, by=deputy_user)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.submitted_at is not None
    assert draft in proposal_list_for_user(user=staff)
    with pytest.raises(ValidationError, match="只有草稿"):
        proposal_draft_save(deputy=deputy_user.deputy, by=deputy_user, proposal=draft, title="改")


def test_a_motion_needs_five_deputies_jointly(township, staff):
    deputies = DeputyFactory.create_batch(5, township=township)
    fields = {
        "title": "关于五雷街道路改造的议案",
        "content": "案据",
        "solution": "方案",
        "kind": "motion",
        "submitted_by": staff,
    }
    with pytest.raises(ValidationError, match="至少需要5名代表联名.*现有4名"):
        proposal_submit(deputy=deputies[0], cosigners=deputies[1:4], **fields)
    assert not Proposal.objects.exists()
    motion = proposal_submit(deputy=deputies[0], cosigners=deputies[1:], **fields)
    assert motion.signers.count() == 5 and motion.status == Status.SUBMITTED


def test_a_draft_motion_counts_only_confirmed_co_signers(users, township, make_user):
    deputy_user = users[Role.DEPUTY]
    others = DeputyFactory.create_batch(4, township=township)
    accounts = []
    for deputy in others:
        user = make_user(Role.DEPUTY, township)
        deputy.user = user
        deputy.save(update_fields=["user"])
        accounts.append(user)
    draft = proposal_draft_save(
        deputy=deputy_user.deputy,
        by=deputy_user,
        kind="motion",
        title="关于建设文化礼堂的议案",
        content="案据",
        solution="方案",
    )
    signers = proposal_cosigners_invite(proposal=draft, deputies=others, by=deputy_user)
    assert Notification.objects.filter(kind="proposals.cosign_asked").count() == 4
    for signer, user in zip(signers[:3], accounts[:3], strict=True):
        proposal_cosign(signer=signer, by=user, confirm=True)
    with pytest.raises(ValidationError, match="现有4名"):
        proposal_draft_submit(proposal=draft, by=deputy_user)
    with pytest.raises(ValidationError, match="只有被邀请的代表"):
        proposal_cosign(signer=signers[3], by=accounts[0], confirm=True)
    proposal_cosign(signer=signers[3], by=accounts[3], confirm=True)
    proposal_draft_submit(proposal=draft, by=deputy_user)
    assert Proposal.objects.get().status == Status.SUBMITTED


def test_a_co_signer_confirms_until_the_last_day_to_confirm_and_not_after(
    users, township, make_user
):
    """`confirm_by` is the last day (in the township's time zone) to confirm: its last
    minute is in time, the next day's first is not."""
    deputy_user = users[Role.DEPUTY]
    asked = [
        DeputyFactory(township=township, user=make_user(Role.DEPUTY, township)) for _ in range(2)
    ]
    with freeze_time(at("2024-05-06")):
        draft = proposal_draft_save(
            deputy=deputy_user.deputy, by=deputy_user, title="关于路灯的建议", content="路灯坏了"
        )
        in_time, late = proposal_cosigners_invite(
            proposal=draft, deputies=asked, by=deputy_user, confirm_by=datetime.date(2024, 5, 10)
        )
    with freeze_time(at("2024-05-10", 23, 59)):
        proposal_cosign(signer=in_time, by=asked[0].user, confirm=True)
    with freeze_time(at("2024-05-11", 0, 0)):
        for confirm in (True, False):
            with pytest.raises(ValidationError, match="联名确认已过截止日期"):
                proposal_cosign(signer=late, by=asked[1].user, confirm=confirm)
    in_time.refresh_from_db()
    late.refresh_from_db()
    assert in_time.is_confirmed and in_time.confirmed_at == at("2024-05-10", 23, 59)
    assert (late.confirmed_at, late.declined_at) == (None, None)


def test_submit_refuses_a_session_of_another_township(township, staff):
    foreign_session = CongressSessionFactory(township=TownshipFactory())
    with pytest.raises(ValidationError, match="属于其他乡镇"):
        proposal_submit(
            deputy=DeputyFactory(township=township),
            title="t",
            content="c",
            kind="suggestion",
            submitted_by=staff,
            session=foreign_session,
        )
    assert not Proposal.objects.exists()


def test_a_deputy_cannot_submit_in_another_deputys_name(users, township):
    """The service itself refuses, whatever view calls it; only staff register on a deputy's
    behalf, and only for deputies of their own township."""
    someone_else = DeputyFactory(township=township)
    fields = {"title": "t", "content": "c", "kind": "suggestion"}
    with pytest.raises(ValidationError, match="只能以本人名义"):
        proposal_submit(deputy=someone_else, submitted_by=users[Role.DEPUTY], **fields)
    for role in (Role.MEMBER, Role.UNIT, Role.COUNTY):
        with pytest.raises(ValidationError):
            proposal_submit(deputy=someone_else, submitted_by=users[role], **fields)
    foreign = DeputyFactory(township=TownshipFactory())
    with pytest.raises(ValidationError):
        proposal_submit(deputy=foreign, submitted_by=users[Role.STAFF], **fields)
    assert not Proposal.objects.exists()
    own = proposal_submit(
        deputy=users[Role.DEPUTY].deputy, submitted_by=users[Role.DEPUTY], **fields
    )
    on_behalf = proposal_submit(deputy=someone_else, submitted_by=users[Role.STAFF], **fields)
    assert {own.deputy, on_behalf.deputy} == {users[Role.DEPUTY].deputy, someone_else}


def test_registration_numbers_per_township_year_and_kind(township, staff, make_user):
    def submit(day, kind="suggestion", township=township, by=staff):
        return proposal_submit(
            deputy=DeputyFactory(township=township),
            title="t",
            content="c",
            solution="s",
            kind=kind,
            cosigners=DeputyFactory.create_batch(4, township=township) if kind == "motion" else (),
            submitted_by=by,
            submitted_at=at(day),
        )

    first, second = submit("2024-01-21"), submit("2024-01-22")
    motion = submit("2024-01-21", kind="motion")
    next_year = submit("2025-01-20")
    foreign_township = TownshipFactory()
    foreign = submit(
        "2024-01-21", township=foreign_township, by=make_user(Role.STAFF, foreign_township)
    )
    for proposal in (second, first, motion, next_year):
        proposal_register(proposal=proposal, by=staff)
    proposal_register(proposal=foreign, by=foreign.created_by)
    labels = {p.pk: (p.number_year, p.kind, p.number) for p in Proposal.objects.all()}
    assert labels[second.pk] == (2024, "suggestion", 1)  # in the order registered
    assert labels[first.pk] == (2024, "suggestion", 2)
    assert labels[motion.pk] == (2024, "motion", 1)
    assert labels[next_year.pk] == (2025, "suggestion", 1)
    assert labels[foreign.pk] == (2024, "suggestion", 1)
    second.refresh_from_db()
    assert second.number_label == "建议第1号（2024）"


def test_a_motion_not_on_the_agenda_is_registered_as_a_suggestion(township, staff):
    motion = proposal_submit(
        deputy=DeputyFactory(township=township),
        cosigners=DeputyFactory.create_batch(4, township=township),
        title="关于的议案",
        content="案据",
        solution="方案",
        kind="motion",
        submitted_by=staff,
    )
    with pytest.raises(ValidationError, match="说明不列入议程的理由"):
        proposal_register(proposal=motion, by=staff, as_suggestion=True)
    proposal_register(proposal=motion, by=staff, as_suggestion=True, note="不属于本级人大职权")
    motion.refresh_from_db()
    assert (motion.kind, motion.number) == ("suggestion", 1)


def test_a_key_proposal_has_a_presidium_member_leading_it(proposal, staff, users):
    with pytest.raises(ValidationError, match="领办"):
        proposal_register(proposal=proposal, by=staff, is_key=True)
    proposal_register(proposal=proposal, by=staff, is_key=True, lead_member=users[Role.MEMBER])
    proposal.refresh_from_db()
    assert proposal.is_key and proposal.lead_member == users[Role.MEMBER]


def test_assignment_sets_units_and_a_working_day_deadline(proposal, unit, staff, township):
    co_unit = UnitFactory(township=township)
    proposal_register(proposal=proposal, by=staff, at=at("2024-01-22"))
    # 1 July + 3 months is National Day: due the first working day after the holiday.
    proposal_assign(
        proposal=proposal,
        unit=unit,
        co_units=[co_unit],
        by=staff,
        assigned_on=datetime.date(2024, 7, 1),
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED and proposal.handling_unit == unit
    assert proposal.due_date == datetime.date(2024, 10, 8)
    assert sorted(proposal.assignments.values_list("role", flat=True)) == ["co", "lead"]


def test_assignment_refuses_a_unit_of_another_township_and_a_deadline_past_six_months(
    proposal, unit, staff
):
    proposal_register(proposal=proposal, by=staff, at=at("2024-01-22"))
    with pytest.raises(ValidationError):
        proposal_assign(proposal=proposal, unit=UnitFactory(township=TownshipFactory()), by=staff)
    with pytest.raises(ValidationError, match="最长为交办后六个月"):
        proposal_assign(
            proposal=proposal,
            unit=unit,
            by=staff,
            assigned_on=datetime.date(2024, 3, 25),
            deadline=datetime.date(2024, 10, 1),
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.REGISTERED and not proposal.assignments.exists()


def test_an_assignment_deadline_is_not_before_the_day_of_assignment(proposal, unit, staff):
    proposal_register(proposal=proposal, by=staff, at=at("2024-01-22"))
    assigned_on = datetime.date(2024, 3, 25)
    with pytest.raises(ValidationError) as refused:
        proposal_assign(
            proposal=proposal,
            unit=unit,
            by=staff,
            assigned_on=assigned_on,
            deadline=assigned_on - datetime.timedelta(days=1),
        )
    assert list(refused.value.message_dict) == ["deadline"]
    proposal.refresh_from_db()
    assert proposal.status == Status.REGISTERED and not proposal.assignments.exists()
    # The day of assignment itself is the earliest deadline there is.
    proposal_assign(
        proposal=proposal, unit=unit, by=staff, assigned_on=assigned_on, deadline=assigned_on
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED and proposal.due_date == assigned_on


def test_the_handling_runs_through_an_unsatisfied_rating_to_closed(users, township, unit):
    staff, unit_user, deputy_user = users[Role.STAFF], users[Role.UNIT], users[Role.DEPUTY]
    proposal = proposal_submit(
        deputy=deputy_user.deputy,
        title="关于路灯的建议",
        content="内容",
        kind="suggestion",
        submitted_by=deputy_user,
    )
    proposal_register(proposal=proposal, by=staff)
    proposal_assign(proposal=proposal, unit=unit, by=staff)
    proposal_answer(proposal=proposal, by=unit_user, category=category(township, "B"), text="在办")
    with pytest.raises(ValidationError, match="请说明不满意的理由"):
        proposal_rate(proposal=proposal, by=deputy_user, attitude="satisfied", result="unsatisfied")
    proposal_rate(
        proposal=proposal,
        by=deputy_user,
        attitude="satisfied",
        result="unsatisfied",
        reasons="路灯仍未安装",
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED
    assert proposal.due_date is not None  # one month to answer again (pinned below)
    proposal_answer(
        proposal=proposal, by=unit_user, category=category(township, "A"), text="已安装"
    )
    proposal_rate(proposal=proposal, by=deputy_user, attitude="satisfied", result="satisfied")
    proposal.refresh_from_db()
    assert proposal.status == Status.RATED
    proposal_move(proposal=proposal, move="close", by=staff)
    proposal.refresh_from_db()
    assert [c.to_status for c in proposal.status_changes.all()] == [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.REGISTERED,
        Status.ASSIGNED,
        Status.ANSWERED,
        Status.ASSIGNED,
        Status.ANSWERED,
        Status.RATED,
        Status.CLOSED,
    ]
    for move in ("refuse", "close"):
        with pytest.raises(ValidationError):
            proposal_move(proposal=proposal, move=move, by=staff)


@pytest.mark.parametrize(
    ("rated_at", "township_day_off", "due"),
    [
        (("2024-07-02", 10), None, "2024-08-02"),  # a month on: a Friday
        (("2024-06-06", 10), None, "2024-07-08"),  # 6 July is a Saturday: the Monday after
        (("2024-05-10", 10), None, "2024-06-11"),  # 10 June, a Monday, is 端午节: the Tuesday
        (("2024-01-18", 10), None, "2024-02-18"),  # 18 February, a Sunday, is worked (调休)
        (("2024-01-31", 10), None, "2024-02-29"),  # no 31 February: that month's last day
        # Just after midnight in the township, still 1 July in UTC: its own day counts.
        (("2024-07-02", 0), None, "2024-08-02"),
        (("2024-07-02", 10), "2024-08-02", "2024-08-05"),  # a day off the township set
    ],
)
def test_an_unsatisfied_rating_gives_a_month_to_answer_again_to_a_working_day(
    users, township, unit, rated_at, township_day_off, due
):
    """REANSWER_MONTHS (one) from the day of the 不满意 rating, moved off weekends, holidays
    and the township's own days off to the next working day."""
    staff, unit_user, deputy_user = users[Role.STAFF], users[Role.UNIT], users[Role.DEPUTY]
    if township_day_off:
        workday_override_add(
            township=township,
            by=staff,
            date=datetime.date.fromisoformat(township_day_off),
            is_workday=False,
        )
    with freeze_time(at(*rated_at)):
        proposal = proposal_submit(
            deputy=deputy_user.deputy, title="关于路灯的建议", content="内容",
            kind="suggestion", submitted_by=deputy_user,
        )  # fmt: skip
        proposal_register(proposal=proposal, by=staff)
        proposal_assign(proposal=proposal, unit=unit, by=staff)
        proposal_answer(proposal=proposal, by=unit_user, category=category(township), text="在办")
        proposal_rate(
            proposal=proposal, by=deputy_user, attitude="satisfied", result="unsatisfied",
            reasons="路灯仍未安装",
        )  # fmt: skip
    proposal.refresh_from_db()
    due_date = datetime.date.fromisoformat(due)
    assert (proposal.status, proposal.due_date) == (Status.ASSIGNED, due_date)
    assert list(proposal.assignments.values_list("deadline", flat=True)) == [due_date]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_signers_rating_at_once_rate_the_proposal_on_postgresql(
    users, township, unit, make_user
):
    """Each signer's rating alone does not finish the proposal, and neither sees the other's
    until it commits: the second signer rates while the first's rating is not committed, and
    the proposal's row lock makes them wait for it, see both ratings and mark it rated (two
    phones, perhaps two app servers)."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    staff, unit_user, lead_user = users[Role.STAFF], users[Role.UNIT], users[Role.DEPUTY]
    cosigner_user = make_user(Role.DEPUTY, township)
    cosigner = DeputyFactory(township=township, user=cosigner_user)
    proposal = proposal_submit(
        deputy=lead_user.deputy, title="关于路灯的建议", content="内容", kind="suggestion",
        submitted_by=lead_user,
    )  # fmt: skip
    ProposalSigner.objects.create(proposal=proposal, deputy=cosigner, confirmed_at=timezone.now())
    proposal_register(proposal=proposal, by=staff)
    proposal_assign(proposal=proposal, unit=unit, by=staff)
    proposal_answer(proposal=proposal, by=unit_user, category=category(township), text="已安装")

    def rate(user):
        def run(turn):
            with transaction.atomic():
                turn.start()
                proposal_rate(proposal=proposal, by=user, attitude="satisfied", result="satisfied")
                turn.hold()

        return run

    run_overlapping(rate(lead_user), rate(cosigner_user))
    proposal.refresh_from_db()
    assert proposal.status == Status.RATED


def test_only_the_lead_unit_answers(proposal, unit, staff, township, make_user):
    co_unit = UnitFactory(township=township)
    co_user = make_user(Role.UNIT, township, unit=co_unit)
    proposal_register(proposal=proposal, by=staff)
    proposal_assign(proposal=proposal, unit=unit, co_units=[co_unit], by=staff)
    with pytest.raises(ValidationError):
        proposal_answer(proposal=proposal, by=co_user, category=category(township), text="x")
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED


def test_a_voter_contact_becomes_one_proposal_at_most(users):
    deputy_user = users[Role.DEPUTY]
    contact = VoterContact.objects.create(
        deputy=deputy_user.deputy, date="2024-05-16", voters="村民", raised="路灯"
    )
    fields = {"title": "关于路灯的建议", "content": "路灯", "kind": "suggestion"}
    proposal = proposal_from_voter_contact(contact=contact, submitted_by=deputy_user, **fields)
    assert contact.proposal == proposal
    with pytest.raises(ValidationError, match="已经提出过建议"):
        proposal_from_voter_contact(contact=contact, submitted_by=deputy_user, **fields)
    assert Proposal.objects.count() == 1


def test_each_step_tells_who_acts_next(users, township, unit):
    staff, unit_user, deputy_user = users[Role.STAFF], users[Role.UNIT], users[Role.DEPUTY]
    proposal = proposal_submit(
        deputy=deputy_user.deputy,
        title="关于路灯的建议",
        content="内容",
        kind="suggestion",
        submitted_by=deputy_user,
    )
    proposal_register(proposal=proposal, by=staff)
    proposal_assign(proposal=proposal, unit=unit, by=staff)
    proposal_answer(
        proposal=proposal, by=unit_user, category=category(township), text="年内安装路灯。"
    )
    told = [(n.recipient, n.kind) for n in Notification.objects.order_by("pk")]
    assert told == [
        (deputy_user, "proposals.register"),
        (unit_user, "proposals.to_unit"),
        (deputy_user, "proposals.answer"),
    ]
    answer = Notification.objects.get(kind="proposals.answer")
    assert answer.subject == f"您的议案建议已答复：“{proposal.title}”"
    assert answer.url == f"/proposals/{proposal.pk}/"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_ten_registrations_at_once_get_ten_numbers_without_gaps_on_postgresql(make_user):
    """Numbers are gapless and unique even when registered at the same instant."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    township = TownshipFactory()
    staff = make_user(Role.STAFF, township)
    proposals = [
        proposal_submit(
            deputy=DeputyFactory(township=township),
            title=f"第{n}件",
            content="c",
            kind="suggestion",
            submitted_by=staff,
            submitted_at=at("2024-01-21"),
        )
        for n in range(10)
    ]

    def register(proposal):
        def run(barrier):
            barrier.wait(timeout=10)
            return proposal_register(proposal=proposal, by=staff).number

        return run

    numbers = run_together(*[register(p) for p in proposals])
    assert sorted(numbers) == list(range(1, 11))
    assert sorted(Proposal.objects.values_list("number", flat=True)) == list(range(1, 11))
