"""Who may act on a proposal, as tables: for every rule of proposals.permissions, exactly who
among the people around one proposal may act (the lead deputy, a co-signer in each state of
their signature, a deputy who signed nothing, the lead unit, a co-unit, another unit, the
township's staff, staff of another township, a member, the county). Widening a rule or
narrowing it changes a set below, and the test fails."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from freezegun import freeze_time

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals import permissions
from proposals.models import Answer, Assignment, Proposal, ProposalSigner
from proposals.selectors import overdue_q
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status

STAFF = {"staff", "staff holding a unit"}  # both are the township's staff


@pytest.fixture
def people(township, unit, users, make_user):
    """Everyone around one proposal, by what they are to it (see `proposal`)."""

    def deputy():
        user = make_user(Role.DEPUTY, township)
        DeputyFactory(township=township, user=user)
        return user

    return {
        "lead deputy": users[Role.DEPUTY],
        "co-signer": deputy(),  # confirmed
        "asked": deputy(),  # asked to co-sign, not yet confirmed
        "declined": deputy(),  # asked, declined
        "other deputy": deputy(),  # signed nothing
        "lead unit": users[Role.UNIT],  # a user of `unit`
        "co-unit": make_user(Role.UNIT, township, unit=UnitFactory(township=township)),
        "other unit": make_user(Role.UNIT, township, unit=UnitFactory(township=township)),
        "staff": users[Role.STAFF],
        "staff holding a unit": make_user(Role.STAFF, township, unit=unit),
        "staff elsewhere": make_user(Role.STAFF, TownshipFactory()),
        "member": users[Role.MEMBER],
        "county": users[Role.COUNTY],
    }


@pytest.fixture
def make_proposal(people, unit, users):
    """A suggestion led by "lead deputy", co-signed by "co-signer" (confirmed), "asked" (not
    yet) and "declined"; assigned to `unit` as lead and to "co-unit"'s unit as co-unit."""

    def make(status=Status.ASSIGNED, **fields):
        proposal = ProposalFactory(deputy=people["lead deputy"].deputy, status=status, **fields)
        now = timezone.now()
        for name, confirmed_at, declined_at in [
            ("co-signer", now, None),
            ("asked", None, None),
            ("declined", None, now),
        ]:
            ProposalSigner.objects.create(
                proposal=proposal,
                deputy=people[name].deputy,
                confirmed_at=confirmed_at,
                declined_at=declined_at,
            )
        for who, role in [("lead unit", Assignment.Role.LEAD), ("co-unit", Assignment.Role.CO)]:
            Assignment.objects.create(
                proposal=proposal,
                unit_id=people[who].unit_id,
                role=role,
                assigned_on=datetime.date(2024, 3, 25),
                deadline=datetime.date(2024, 6, 25),
                assigned_by=users[Role.STAFF],
            )
        return proposal

    return make


def allowed(rule, people, **record) -> set[str]:
    """The names of the people `rule` lets act on the record."""
    return {name for name, user in people.items() if rule(user=user, **record)}


def signature(proposal, person) -> ProposalSigner:
    return proposal.signers.get(deputy__user=person)


def assignment(proposal, role) -> Assignment:
    return proposal.assignments.get(role=role)


# ------------------------------------------------------------------------ who the user is


def test_staff_act_on_their_own_townships_records_only(people, township):
    holds = {
        name
        for name, user in people.items()
        if permissions.is_township_staff(
            user=user, township_id=township.pk, permission=permissions.ON_BEHALF
        )
    }
    assert holds == STAFF
    enters = {
        name
        for name, user in people.items()
        if permissions.enters_paper_records(user=user, township_id=township.pk)
    }
    assert enters == STAFF
    # A record of no township is no staff's.
    assert not permissions.is_township_staff(
        user=people["staff"], township_id=None, permission=permissions.ON_BEHALF
    )
    # Another township's staff, on a record of theirs.
    elsewhere = people["staff elsewhere"]
    assert permissions.enters_paper_records(user=elsewhere, township_id=elsewhere.township_id)


def test_a_deputy_is_only_their_own_account(people, township):
    lead = people["lead deputy"]
    assert permissions.is_deputy(user=lead, deputy=lead.deputy)
    assert not permissions.is_deputy(user=people["other deputy"], deputy=lead.deputy)
    assert not permissions.is_deputy(user=people["staff"], deputy=lead.deputy)
    assert not permissions.is_deputy(user=lead, deputy=None)
    # A deputy without an account is nobody's, not the account of someone without one.
    no_account = DeputyFactory(township=township)
    assert not permissions.is_deputy(user=AnonymousUser(), deputy=no_account)


def test_the_lead_deputy_is_the_one_who_leads_it(people, make_proposal, township, staff):
    proposal = make_proposal(Status.SUBMITTED)
    assert allowed(permissions.is_lead_deputy, people, proposal=proposal) == {"lead deputy"}
    presidiums = ProposalFactory(
        deputy=None,
        township=township,
        proposer=Proposal.Proposer.PRESIDIUM,
        kind=Proposal.Kind.MOTION,
    )
    assert allowed(permissions.is_lead_deputy, people, proposal=presidiums) == set()
    assert not permissions.is_lead_deputy(user=AnonymousUser(), proposal=presidiums)


def test_a_unit_acts_for_its_own_unit_only(people, unit, make_proposal):
    # Staff holding a unit act for no unit: only a unit's accounts do.
    assert allowed(permissions.works_for_unit, people, unit_id=unit.pk) == {"lead unit"}
    assert allowed(permissions.works_for_unit, people, unit_id=None) == set()
    proposal = make_proposal()
    lead, co = assignment(proposal, "lead"), assignment(proposal, "co")
    own = {
        name: set(Assignment.objects.filter(permissions.own_unit_q(user)))
        for name, user in people.items()
    }
    assert {name: rows for name, rows in own.items() if rows} == {
        "lead unit": {lead},
        "co-unit": {co},
    }
    as_lead = {
        name: set(Assignment.objects.filter(permissions.lead_unit_q(user)))
        for name, user in people.items()
    }
    assert {name: rows for name, rows in as_lead.items() if rows} == {"lead unit": {lead}}
    # Through a relation: the proposals the user's unit leads.
    led = Proposal.objects.filter(permissions.lead_unit_q(people["lead unit"], "assignments__"))
    assert list(led) == [proposal]
    assert not Proposal.objects.filter(permissions.lead_unit_q(people["co-unit"], "assignments__"))


def test_the_lead_unit_is_the_unit_assigned_as_lead(people, make_proposal):
    proposal = make_proposal()
    assert allowed(permissions.is_lead_unit, people, proposal=proposal) == {"lead unit"}


def test_who_signed_it(people, make_proposal):
    """The lead and a co-signer who confirmed; not one still asked, nor one who declined."""
    proposal = make_proposal()
    by_query = set(
        proposal.signers.filter(permissions.signed_q()).values_list("deputy__user", flat=True)
    )
    by_row = {s.deputy.user_id for s in proposal.signers.all() if permissions.has_signed(s)}
    assert by_query == by_row == {people["lead deputy"].pk, people["co-signer"].pk}
    # A lead never confirms: leading it is signing it.
    lead = signature(proposal, people["lead deputy"])
    assert lead.is_lead and lead.confirmed_at is None and permissions.has_signed(lead)


# ------------------------------------------------------------------------ drafting and signing


def test_who_writes_in_a_deputys_name(people):
    lead = people["lead deputy"].deputy
    assert allowed(permissions.may_write_for, people, deputy=lead) == {"lead deputy"} | STAFF
    foreign = DeputyFactory(township=people["staff elsewhere"].township)
    assert allowed(permissions.may_write_for, people, deputy=foreign) == {"staff elsewhere"}


def test_who_acts_on_a_draft(people, make_proposal):
    draft = make_proposal(Status.DRAFT)
    assert allowed(permissions.may_edit_draft, people, proposal=draft) == {"lead deputy"}
    assert allowed(permissions.may_submit, people, proposal=draft) == {"lead deputy"} | STAFF
    assert allowed(permissions.may_withdraw, people, proposal=draft) == {"lead deputy"}
    submitted = make_proposal(Status.SUBMITTED)
    assert allowed(permissions.may_edit_draft, people, proposal=submitted) == set()


def test_a_co_signer_confirms_their_own_signature(people, make_proposal):
    proposal = make_proposal(Status.DRAFT)
    for name in ("asked", "co-signer", "declined"):
        mine = signature(proposal, people[name])
        assert allowed(permissions.may_confirm_signature, people, signer=mine) == {name}
    # The page asks for an answer while the signature is not confirmed (a declined one may
    # still be confirmed before its deadline); not the lead's, not one confirmed.
    asks = {
        name: allowed(
            permissions.awaits_signature, people, signer=signature(proposal, people[name])
        )
        for name in ("lead deputy", "co-signer", "asked", "declined")
    }
    assert asks == {
        "lead deputy": set(),
        "co-signer": set(),
        "asked": {"asked"},
        "declined": {"declined"},
    }


# ------------------------------------------------------------------------ answers and ratings


def test_the_lead_unit_answers_and_staff_enter_a_paper_answer(people, make_proposal):
    proposal = make_proposal(Status.ASSIGNED)
    assert allowed(permissions.may_answer, people, proposal=proposal) == {"lead unit"} | STAFF


def test_the_deputies_who_signed_it_rate_and_staff_enter_a_paper_form(people, make_proposal):
    proposal = make_proposal(Status.ANSWERED)
    assert (
        allowed(permissions.may_rate, people, proposal=proposal)
        == {"lead deputy", "co-signer"} | STAFF
    )


@pytest.fixture
def answered(make_proposal, people):
    """An answered proposal with an earlier answer staff returned and its current one, both
    the lead unit's."""
    proposal = make_proposal(Status.ANSWERED)
    unit_id = people["lead unit"].unit_id
    at = timezone.now()

    def answer(returned, minutes):
        return Answer.objects.create(
            proposal=proposal,
            unit_id=unit_id,
            text="答复",
            answered_at=at + datetime.timedelta(minutes=minutes),
            answered_by=people["lead unit"],
            returned=returned,
        )

    return proposal, answer(True, 0), answer(False, 1)


def test_who_attaches_files_to_an_answer(people, answered):
    proposal, returned, current = answered
    rule = permissions.may_attach_to_answer
    assert allowed(rule, people, answer=current) == {"lead unit"} | STAFF
    assert allowed(rule, people, answer=returned) == set()
    # An answer earlier than the current one, not returned: not the one signers rate.
    returned.returned = False
    returned.save(update_fields=["returned"])
    assert allowed(rule, people, answer=returned) == set()
    # Once rated, the answer is as the signers rated it.
    Proposal.objects.filter(pk=proposal.pk).update(status=Status.RATED)
    current.proposal.refresh_from_db()
    assert allowed(rule, people, answer=current) == set()


# ------------------------------------------------------------------------ assignments


def test_the_lead_unit_asks_for_more_time_and_a_co_unit_sends_its_view(people, make_proposal):
    proposal = make_proposal(Status.ASSIGNED)
    lead, co = assignment(proposal, "lead"), assignment(proposal, "co")
    assert allowed(permissions.may_request_extension, people, assignment=lead) == {"lead unit"}
    assert allowed(permissions.may_request_extension, people, assignment=co) == set()
    assert allowed(permissions.may_send_opinion, people, assignment=co) == {"co-unit"}
    assert allowed(permissions.may_send_opinion, people, assignment=lead) == set()
    assert allowed(permissions.may_decide_extension, people, proposal=proposal) == STAFF


# ------------------------------------------------------------------------ the staff's actions


def test_staff_of_the_township_handle_it(people, make_proposal):
    assert allowed(permissions.handles, people, proposal=make_proposal()) == STAFF


@pytest.mark.parametrize(
    ("status", "kind", "mergeable"),
    [
        (Status.SUBMITTED, Proposal.Kind.SUGGESTION, True),
        (Status.REGISTERED, Proposal.Kind.SUGGESTION, True),
        (Status.ASSIGNED, Proposal.Kind.SUGGESTION, False),
        (Status.DRAFT, Proposal.Kind.SUGGESTION, False),
        (Status.SUBMITTED, Proposal.Kind.MOTION, False),  # the presidium decides on motions
    ],
)
def test_a_duplicate_suggestion_is_merged_while_submitted_or_registered(
    people, make_proposal, status, kind, mergeable
):
    proposal = make_proposal(status, kind=kind)
    assert allowed(permissions.may_merge, people, proposal=proposal) == (
        STAFF if mergeable else set()
    )
    assert bool(permissions.merge_refusal(proposal)) is not mergeable


@pytest.mark.parametrize(
    ("status", "splittable"),
    [(Status.SUBMITTED, True), (Status.REGISTERED, False), (Status.DRAFT, False)],
)
def test_only_a_submitted_proposal_is_split(people, make_proposal, status, splittable):
    proposal = make_proposal(status)
    assert permissions.is_splittable(proposal) is splittable
    assert allowed(permissions.may_split, people, proposal=proposal) == (
        STAFF if splittable else set()
    )
    assert bool(permissions.split_refusal(proposal)) is not splittable


@pytest.mark.parametrize(
    ("status", "published", "offered"),
    [
        (Status.ANSWERED, False, True),
        (Status.RATED, False, True),
        (Status.CLOSED, False, True),
        (Status.ASSIGNED, False, False),
        # Answered and published, then its answer sent back: staff may still take it off.
        (Status.ASSIGNED, True, True),
    ],
)
def test_staff_publish_an_answered_proposal(people, make_proposal, status, published, offered):
    proposal = make_proposal(status, published=published)
    assert allowed(permissions.publishes, people, proposal=proposal) == STAFF
    assert allowed(permissions.may_publish, people, proposal=proposal) == (
        STAFF if offered else set()
    )


# ------------------------------------------------------------------------ overdue


@freeze_time("2024-06-25 09:00:00+08:00")
def test_overdue_from_the_day_after_the_deadline_while_being_handled(make_proposal):
    """The deadline day itself is in time; an answered proposal is no longer late."""
    due = {
        "due yesterday": (Status.ASSIGNED, datetime.date(2024, 6, 24)),
        "due today": (Status.ASSIGNED, datetime.date(2024, 6, 25)),
        "answered late": (Status.ANSWERED, datetime.date(2024, 6, 1)),
        "no deadline": (Status.REGISTERED, None),
    }
    for title, (status, due_date) in due.items():
        proposal = make_proposal(status, title=title, due_date=due_date)
        proposal.assignments.update(deadline=due_date or datetime.date(2024, 6, 25))
    late = Proposal.objects.filter(overdue_q())
    assert set(late.values_list("title", flat=True)) == {"due yesterday"}
    on_time = Proposal.objects.exclude(overdue_q())
    assert set(on_time.values_list("title", flat=True)) == set(due) - {"due yesterday"}
    # A unit's assignment, by its own deadline.
    late_items = Assignment.objects.filter(overdue_q(prefix="proposal__", due="deadline"))
    assert set(late_items.values_list("proposal__title", flat=True)) == {"due yesterday"}
