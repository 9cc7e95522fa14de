import pytest
from django.core.exceptions import ValidationError

from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import Proposal
from proposals.services import proposal_assign, proposal_submit, proposal_transition
from proposals.workflow import TRANSITIONS, Status
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
    with pytest.raises(ValidationError, match="该会议属于其他乡镇"):
        proposal_submit(
            deputy=DeputyFactory(township=township),
            title="t",
            content="c",
            kind="suggestion",
            submitted_by=staff,
            session=foreign_session,
        )
    assert not Proposal.objects.exists()


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


@pytest.mark.parametrize("target", [s for s in Status if s not in TRANSITIONS[Status.SUBMITTED]])
def test_illegal_transitions_are_refused_and_leave_no_trace(proposal, staff, target):
    with pytest.raises(ValidationError, match="不能变为"):
        proposal_transition(proposal=proposal, to=target, by=staff)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert proposal.status_changes.count() == 1


def test_closed_is_final(proposal, unit, staff):
    proposal_assign(proposal=proposal, unit=unit, by=staff)
    proposal_transition(proposal=proposal, to=Status.ANSWERED, by=staff)
    proposal_transition(proposal=proposal, to=Status.CLOSED, by=staff)
    for target in Status:
        with pytest.raises(ValidationError):
            proposal_transition(proposal=proposal, to=target, by=staff)
