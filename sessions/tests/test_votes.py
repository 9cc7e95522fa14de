"""Votes through the services: the quorum gate, majorities of all deputies, counts that cannot
be, nominations, and the stored election result."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from congress.roles import Role
from deputies.services import mandate_update
from deputies.tests.factories import DeputyFactory, MandateFactory
from sessions import services
from sessions.models import Candidate, Resolution
from sessions.selectors import sitting_quorum
from sessions.tests.factories import CongressSessionFactory, SittingFactory

DAY = datetime.date(2024, 1, 21)


@pytest.fixture
def staff(make_user, township):
    return make_user(Role.STAFF, township)


def held_session(township, staff, *, deputies=12, present=12):
    """A convened session whose one sitting has `deputies` in office and `present` present."""
    people = DeputyFactory.create_batch(deputies, township=township)
    session = CongressSessionFactory(
        township=township, term=township.current_term, start_date=DAY, end_date=DAY
    )
    services.session_move(session=session, move="convene", by=staff)
    sitting = SittingFactory(session=session, date=DAY)
    statuses = {d.pk: "present" if i < present else "absent" for i, d in enumerate(people)}
    services.sitting_set_attendance(sitting=sitting, statuses=statuses, by=staff)
    return session, sitting, people


def resign(deputy, *, out_of_office_from: datetime.date) -> None:
    """Record the resignation of a deputy: their mandate's end date is the first day they
    are out of office."""
    mandate = deputy.mandates.get()
    mandate_update(
        mandate=mandate,
        constituency=mandate.constituency,
        group=mandate.group,
        status="resigned",
        start_date=mandate.start_date,
        end_date=out_of_office_from,
        status_reason="辞职",
    )


def resolve(session, sitting, votes_for, against=0, abstain=0):
    return services.resolution_record(
        session=session,
        sitting=sitting,
        kind="resolution",
        title="关于政府工作报告的决议",
        votes_for=votes_for,
        votes_against=against,
        votes_abstain=abstain,
    )


def test_with_12_deputies_6_votes_for_is_not_enough(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=12)
    assert not resolve(session, sitting, 6, 6).adopted
    assert resolve(session, sitting, 7, 5).adopted


def test_the_majority_counts_all_deputies_not_those_present(township, staff):
    # 12 in office, 9 present (a quorum): 6 of 9 present is two thirds, but not > 6.
    session, sitting, _ = held_session(township, staff, deputies=12, present=9)
    resolution = resolve(session, sitting, 6, 3)
    assert (resolution.in_office, resolution.present, resolution.adopted) == (12, 9, False)


def test_counts_above_those_present_are_refused(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=9)
    with pytest.raises(ValidationError, match="超过.*出席代表9人"):
        resolve(session, sitting, 8, 1, 1)
    assert not Resolution.objects.exists()


def test_exactly_two_thirds_present_is_a_quorum(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=8)
    assert resolve(session, sitting, 8).adopted


def test_below_the_quorum_no_vote_can_be_recorded(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=7)
    with pytest.raises(ValidationError, match="不足法定人数.*至少需8人"):
        resolve(session, sitting, 7)
    with pytest.raises(ValidationError, match="不足法定人数"):
        services.election_save(
            session=session, sitting=sitting, office="head", kind="by_election", seats=1
        )
    assert not Resolution.objects.exists()


def test_a_session_in_preparation_takes_no_vote(township, staff):
    DeputyFactory.create_batch(3, township=township)
    session = CongressSessionFactory(township=township, start_date=DAY, end_date=DAY)
    sitting = SittingFactory(session=session, date=DAY)
    with pytest.raises(ValidationError, match="会议尚未召开"):
        resolve(session, sitting, 3)


def test_a_deputy_who_resigned_before_the_sitting_is_not_counted(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=12)
    gone = DeputyFactory(township=township, mandate=False)
    MandateFactory(
        deputy=gone, status="resigned", end_date=DAY - datetime.timedelta(1), status_reason="辞职"
    )
    # Still 12 in office: 7 is a majority of all.
    assert resolve(session, sitting, 7, 5).in_office == 12


def test_the_quorum_leaves_out_the_mark_of_a_deputy_out_of_office_on_the_sittings_day(
    township, staff
):
    """8 of 12 present is exactly two thirds. One of the 8 resigns, recorded after the roll
    was taken: out of office from the day after the sitting, their mark still counts; from
    the sitting's day itself, they are not on its roll and neither is their mark: 7 of 11 is
    no quorum."""
    session, sitting, people = held_session(township, staff, deputies=12, present=8)
    marked_present = people[0]
    resign(marked_present, out_of_office_from=DAY + datetime.timedelta(days=1))
    quorum = sitting_quorum(sitting=sitting)
    assert (quorum.in_office, quorum.present, quorum.reached) == (12, 8, True)
    resign(marked_present, out_of_office_from=DAY)
    quorum = sitting_quorum(sitting=sitting)
    assert (quorum.in_office, quorum.present, quorum.reached) == (11, 7, False)
    with pytest.raises(ValidationError, match="不足法定人数"):
        resolve(session, sitting, 7)
    assert not Resolution.objects.exists()


def election_of(session, sitting, *, seats=1, names=("周志远",)):
    election = services.election_save(
        session=session, sitting=sitting, office="deputy_head", kind="by_election", seats=seats
    )
    for name in names:
        services.candidate_add(election=election, name=name, nominated_by="presidium")
    return election


def count(election, *, issued, returned, valid=None, invalid=0, votes):
    """Record the count; returns the election as stored."""
    by_name = {c.name: c.pk for c in election.candidates.all()}
    return services.election_count(
        election=election,
        issued=issued,
        returned=returned,
        valid=returned - invalid if valid is None else valid,
        invalid=invalid,
        votes={by_name[name]: {"for": n} for name, n in votes.items()},
    )


def results(election):
    return {c.name: (c.result, c.unanimous) for c in election.candidates.all()}


def test_every_vote_for_marks_the_result_unanimous(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=9)
    election = election_of(session, sitting, seats=2, names=("吴海燕", "郑国平"))
    election = count(election, issued=9, returned=9, votes={"吴海燕": 9, "郑国平": 8})
    assert results(election) == {"吴海燕": ("elected", True), "郑国平": ("elected", False)}
    assert not election.is_contested and election.unfilled_seats == 0


def test_every_valid_vote_with_an_invalid_ballot_is_not_unanimous(township, staff):
    """满票 is every ballot cast: all 8 valid ballots of the 9 returned (one invalid) elect,
    but not unanimously."""
    session, sitting, _ = held_session(township, staff, deputies=12, present=9)
    election = election_of(session, sitting)
    election = count(election, issued=9, returned=9, invalid=1, votes={"周志远": 8})
    assert (election.ballots_valid, election.ballots_invalid) == (8, 1)
    assert results(election) == {"周志远": ("elected", False)}
    election = count(election, issued=9, returned=9, invalid=0, votes={"周志远": 9})
    assert results(election) == {"周志远": ("elected", True)}


def test_more_returned_than_issued_is_recorded_as_void(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=9)
    election = election_of(session, sitting)
    election = count(election, issued=8, returned=9, votes={"周志远": 9})
    assert election.void
    assert results(election) == {"周志远": ("not_elected", False)}


def test_a_tie_for_the_last_seat_is_stored_as_needing_another_ballot(township, staff):
    session, sitting, _ = held_session(township, staff, deputies=12, present=12)
    election = election_of(session, sitting, seats=2, names=("甲", "乙", "丙"))
    assert election.is_contested
    # 7 is more than half of 12: all three pass, two tie for the second seat.
    election = count(election, issued=12, returned=12, votes={"甲": 10, "乙": 7, "丙": 7})
    assert results(election) == {
        "甲": ("elected", False),
        "乙": ("tie", False),
        "丙": ("tie", False),
    }
    assert election.unfilled_seats == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"issued": 10, "returned": 9}, "出席代表只有9人"),
        ({"issued": 9, "returned": 9, "valid": 6, "invalid": 2}, "之和须等于收回选票9张"),
        ({"issued": 9, "returned": 8, "votes": {"周志远": 9}}, "超过有效票8张"),
        # One seat: a ballot votes for one candidate at most.
        ({"issued": 9, "returned": 9, "votes": {"周志远": 5, "吴海燕": 5}}, "最多只能有9张赞成票"),
    ],
)
def test_counts_that_cannot_be_are_refused(township, staff, kwargs, message):
    session, sitting, _ = held_session(township, staff, deputies=12, present=9)
    election = election_of(session, sitting, names=("周志远", "吴海燕"))
    with pytest.raises(ValidationError, match=message):
        count(election, **{"votes": {"周志远": 8}, **kwargs})
    election.refresh_from_db()
    assert election.ballots_returned is None
    assert not Candidate.objects.filter(votes_for__isnull=False).exists()


def test_a_joint_nomination_needs_ten_deputies_in_office(township, staff):
    session, sitting, people = held_session(township, staff, deputies=12, present=12)
    election = services.election_save(
        session=session, sitting=sitting, office="head", kind="by_election", seats=1
    )
    with pytest.raises(ValidationError, match="须有10名以上代表，现只选了9名"):
        services.candidate_add(
            election=election, name="甲", nominated_by="deputies", nominators=people[:9]
        )
    candidate = services.candidate_add(
        election=election, name="甲", nominated_by="deputies", nominators=people[:10]
    )
    assert candidate.nominators.count() == 10
    with pytest.raises(ValidationError, match="只有代表联合提名"):
        services.candidate_add(
            election=election, name="乙", nominated_by="presidium", nominators=people[:1]
        )


def test_a_joint_nominator_out_of_office_on_the_day_of_the_vote_does_not_count(township, staff):
    """Ten deputies nominate jointly (组织法 Art 26), one of them out of office from the day of
    the vote: nine count, and the nomination is refused. Out of office only from the day
    after, all ten count."""
    session, sitting, people = held_session(township, staff, deputies=12, present=12)
    election = services.election_save(
        session=session, sitting=sitting, office="head", kind="by_election", seats=1
    )
    nominators = people[:10]
    resign(nominators[0], out_of_office_from=DAY)
    with pytest.raises(ValidationError, match="只有投票当天在任的代表才能联名提名"):
        services.candidate_add(
            election=election, name="甲", nominated_by="deputies", nominators=nominators
        )
    assert not election.candidates.exists()
    resign(nominators[0], out_of_office_from=DAY + datetime.timedelta(days=1))
    candidate = services.candidate_add(
        election=election, name="甲", nominated_by="deputies", nominators=nominators
    )
    assert candidate.nominators.count() == 10
