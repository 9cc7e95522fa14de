"""The handling workflow as a specification: every move it does not list, and every role it
does not allow, is refused and leaves no trace."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from congress.roles import Role
from congress.tests.factories import UnitFactory
from proposals.models import ProposalStatusChange
from proposals.tests.factories import ProposalFactory
from proposals.workflow import PROPOSAL_WORKFLOW, Status

S, A, N, C = Status.SUBMITTED, Status.ASSIGNED, Status.ANSWERED, Status.CLOSED

# The specification, written out independently of proposals/workflow.py: the only moves a
# proposal can make, and the roles that may make each. Adding an edge to the workflow (say
# submitted -> closed) or a role to a move without changing this table fails these tests.
LEGAL = {
    (S, A): {Role.STAFF},  # 交办
    (A, A): {Role.STAFF},  # 改交其他单位
    (A, N): {Role.UNIT},  # 承办单位答复
    (N, A): {Role.STAFF},  # 退回重办
    (N, C): {Role.STAFF},  # 办结
}
ROLES = [Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY]


def test_the_workflow_table_is_the_specification():
    assert PROPOSAL_WORKFLOW.edges() == set(LEGAL)
    assert PROPOSAL_WORKFLOW.is_final(C)
    assert PROPOSAL_WORKFLOW.at_or_after(A) == {A, N, C}


@pytest.mark.parametrize(
    ("source", "target", "role"), list(itertools.product(Status, Status, ROLES))
)
def test_each_move_is_allowed_only_where_the_table_allows_it(
    users, township, unit, source, target, role
):
    """From every state to every state, as every role: the move happens only where LEGAL
    says; everywhere else every move that leads to `target` is neither offered nor done."""
    proposal = ProposalFactory(deputy=users[Role.DEPUTY].deputy, status=source, handling_unit=unit)
    user = users[role]
    offered = PROPOSAL_WORKFLOW.moves_for(user=user, record=proposal)
    leading_there = [move for move in PROPOSAL_WORKFLOW.moves if move.target == target]
    if role in LEGAL.get((source, target), set()):
        [move] = [m for m in leading_there if source in m.sources]
        assert move in offered
        changes = {"handling_unit": unit} if move.name in {"assign", "reassign"} else None
        PROPOSAL_WORKFLOW.perform(record=proposal, move=move, by=user, note="说明", changes=changes)
        proposal.refresh_from_db()
        assert proposal.status == target
        return
    assert not any(move.target == target for move in offered)
    before = ProposalStatusChange.objects.count()
    for move in leading_there:
        with pytest.raises(ValidationError):
            PROPOSAL_WORKFLOW.perform(record=proposal, move=move, by=user, note="说明")
    proposal.refresh_from_db()
    assert proposal.status == source
    assert ProposalStatusChange.objects.count() == before


def test_a_unit_answers_only_what_was_assigned_to_it(users, township):
    other_unit = UnitFactory(township=township)
    proposal = ProposalFactory(deputy__township=township, status=A, handling_unit=other_unit)
    assert not PROPOSAL_WORKFLOW.moves_for(user=users[Role.UNIT], record=proposal)
    with pytest.raises(ValidationError):
        PROPOSAL_WORKFLOW.perform(record=proposal, move="answer", by=users[Role.UNIT], note="x")
    proposal.refresh_from_db()
    assert proposal.status == A


def test_a_move_that_needs_a_note_is_refused_without_one(users, unit):
    proposal = ProposalFactory(deputy=users[Role.DEPUTY].deputy, status=A, handling_unit=unit)
    with pytest.raises(ValidationError, match="请填写"):
        PROPOSAL_WORKFLOW.perform(record=proposal, move="answer", by=users[Role.UNIT], note=" ")
    proposal.refresh_from_db()
    assert proposal.status == A
