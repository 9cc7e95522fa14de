"""The handling workflow as a specification: every move it does not list, and every role it
does not allow, is refused and leaves no trace."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError

from congress.roles import Role
from congress.tests.factories import UnitFactory
from proposals.models import Assignment, ProposalStatusChange
from proposals.tests.factories import ProposalFactory
from proposals.workflow import PROPOSAL_WORKFLOW, Status

D, S, R, X = Status.DRAFT, Status.SUBMITTED, Status.REGISTERED, Status.NOT_REGISTERED
A, N, T, C = Status.ASSIGNED, Status.ANSWERED, Status.RATED, Status.CLOSED
W, M = Status.WITHDRAWN, Status.MERGED
ST, DE, UN = Role.STAFF, Role.DEPUTY, Role.UNIT

# The specification, written out independently of proposals/workflow.py: the only moves a
# proposal can make, and the roles that may make each. Adding an edge to the workflow (say
# submitted -> closed) or a role to a move without changing this table fails these tests.
# Staff act for deputies and units only to enter paper records (submission, answer, rating).
LEGAL = {
    (D, S): {DE, ST},  # 提交（代表本人；人大办录入纸质件）
    (D, W): {DE},  # 撤回草稿
    (S, R): {ST},  # 登记编号
    (S, X): {ST},  # 不予登记
    (S, M): {ST},  # 并案
    (R, M): {ST},
    (R, A): {ST},  # 交办
    (A, A): {ST},  # 改交其他单位
    (A, N): {UN, ST},  # 主办单位答复
    (N, A): {ST, DE},  # 退回重办；代表不满意
    (N, T): {DE, ST},  # 代表评价
    (N, C): {ST},  # 办结
    (T, C): {ST},
}
ROLES = [Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY]


def test_the_workflow_table_is_the_specification():
    assert PROPOSAL_WORKFLOW.edges() == set(LEGAL)
    for final in (C, X, W, M):
        assert PROPOSAL_WORKFLOW.is_final(final)
    assert PROPOSAL_WORKFLOW.at_or_after(A) == {A, N, T, C}


@pytest.mark.parametrize(
    ("source", "target", "role"), list(itertools.product(Status, Status, ROLES))
)
def test_each_move_is_allowed_only_where_the_table_allows_it(
    users, township, unit, source, target, role
):
    """From every state to every state, as every role: the move happens only where LEGAL
    says; everywhere else every move that leads to `target` is neither offered nor done."""
    proposal = ProposalFactory(deputy=users[Role.DEPUTY].deputy, status=source, handling_unit=unit)
    Assignment.objects.create(
        proposal=proposal,
        unit=unit,
        assigned_on=datetime.date(2024, 3, 25),
        deadline=datetime.date(2024, 6, 25),
        assigned_by=users[Role.STAFF],
    )
    user = users[role]
    offered = PROPOSAL_WORKFLOW.moves_for(user=user, record=proposal)
    leading_there = [move for move in PROPOSAL_WORKFLOW.moves if move.target == target]
    if role in LEGAL.get((source, target), set()):
        moves = [m for m in leading_there if source in m.sources and m in offered]
        assert moves, "a legal move is not offered"
        move = moves[0]
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


def test_a_unit_answers_only_what_was_assigned_to_it(users, township, unit):
    other_unit = UnitFactory(township=township)
    proposal = ProposalFactory(deputy__township=township, status=A, handling_unit=other_unit)
    # A co-unit sees it but does not answer: only the lead unit does.
    for which, role in ((other_unit, "lead"), (unit, "co")):
        Assignment.objects.create(
            proposal=proposal,
            unit=which,
            role=role,
            assigned_on=datetime.date(2024, 3, 25),
            deadline=datetime.date(2024, 6, 25),
            assigned_by=users[Role.STAFF],
        )
    assert not PROPOSAL_WORKFLOW.moves_for(user=users[Role.UNIT], record=proposal)
    with pytest.raises(ValidationError):
        PROPOSAL_WORKFLOW.perform(record=proposal, move="answer", by=users[Role.UNIT], note="x")
    proposal.refresh_from_db()
    assert proposal.status == A


def test_a_move_that_needs_a_note_is_refused_without_one(users, unit):
    proposal = ProposalFactory(deputy=users[Role.DEPUTY].deputy, status=N, handling_unit=unit)
    with pytest.raises(ValidationError, match="请填写"):
        PROPOSAL_WORKFLOW.perform(record=proposal, move="send_back", by=users[Role.STAFF], note=" ")
    proposal.refresh_from_db()
    assert proposal.status == N
