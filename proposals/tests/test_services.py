import pytest
from django.core.exceptions import ValidationError

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import VoterContact
from deputies.tests.factories import DeputyFactory
from proposals.models import Proposal
from proposals.services import (
    proposal_assign,
    proposal_from_voter_contact,
    proposal_move,
    proposal_submit,
)
from proposals.workflow import Status
from sessions.tests.factories import CongressSessionFactory


@pytest.fixture
def proposal(township, staff):
    return proposal_submit(
        deputy=DeputyFactory(township=township),
        title="关于道路硬化的建议",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
    )


def test_submit_records_the_first_step(proposal, staff):
    assert proposal.status == Status.SUBMITTED
    step = proposal.status_changes.get()
    assert (step.from_status, step.to_status, step.changed_by) == ("", Status.SUBMITTED, staff)


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


def test_assign_moves_to_assigned_and_sets_the_unit(proposal, unit, staff):
    proposal_assign(proposal=proposal, unit=unit, by=staff, note="交办会")
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED and proposal.handling_unit == unit
    assert proposal.status_changes.last().note == "交办会"


def test_assign_refuses_a_unit_of_another_township(proposal, staff):
    with pytest.raises(ValidationError):
        proposal_assign(proposal=proposal, unit=UnitFactory(township=TownshipFactory()), by=staff)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and proposal.handling_unit is None
    assert proposal.status_changes.count() == 1


def test_the_handling_runs_to_closed_and_closed_is_final(proposal, unit, users):
    staff, unit_user = users[Role.STAFF], users[Role.UNIT]
    proposal_assign(proposal=proposal, unit=unit, by=staff)
    proposal_move(proposal=proposal, move="answer", by=unit_user, note="已列入年度计划。")
    proposal_move(proposal=proposal, move="close", by=staff)
    proposal.refresh_from_db()
    assert proposal.status == Status.CLOSED
    assert [c.to_status for c in proposal.status_changes.all()] == [
        Status.SUBMITTED,
        Status.ASSIGNED,
        Status.ANSWERED,
        Status.CLOSED,
    ]
    for move in ("answer", "send_back", "close"):
        with pytest.raises(ValidationError):
            proposal_move(proposal=proposal, move=move, by=staff)
    with pytest.raises(ValidationError):
        proposal_assign(proposal=proposal, unit=unit, by=staff)


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


def test_each_step_tells_who_acts_next(proposal, unit, users, township):
    from congress.models import Notification

    staff, unit_user, deputy_user = users[Role.STAFF], users[Role.UNIT], users[Role.DEPUTY]
    proposal.deputy = deputy_user.deputy
    proposal.save(update_fields=["deputy"])
    proposal_assign(proposal=proposal, unit=unit, by=staff)
    proposal_move(proposal=proposal, move="answer", by=unit_user, note="年内安装路灯。")
    told = [(n.recipient, n.kind) for n in Notification.objects.order_by("pk")]
    assert told == [(unit_user, "proposals.assign"), (deputy_user, "proposals.answer")]
    answer = Notification.objects.get(kind="proposals.answer")
    assert answer.subject == f"您的议案建议已答复：“{proposal.title}”"
    assert answer.body == "年内安装路灯。"
    assert answer.url == f"/proposals/{proposal.pk}/"
