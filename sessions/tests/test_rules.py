"""Quorum, majorities and the election tally at the edges the law draws (no database)."""

import pytest

from sessions.rules import has_quorum, is_majority_of_all, majority_needed, quorum_needed, tally


@pytest.mark.parametrize(
    ("present", "in_office", "quorum"),
    [
        (8, 12, True),  # exactly two thirds
        (7, 12, False),
        (27, 40, True),  # 27 * 3 = 81 >= 80
        (26, 40, False),
        (2, 3, True),
        (1, 3, False),
        (0, 0, False),  # nobody in office: nothing can be held
    ],
)
def test_quorum_is_two_thirds_of_all_in_office(present, in_office, quorum):
    assert has_quorum(present=present, in_office=in_office) is quorum
    assert (present >= quorum_needed(in_office) and in_office > 0) is quorum


@pytest.mark.parametrize(
    ("votes_for", "in_office", "passes"),
    [
        (6, 12, False),  # exactly half of all deputies is not enough
        (7, 12, True),
        (20, 40, False),
        (21, 40, True),
        (6, 11, True),
        (5, 11, False),
    ],
)
def test_a_majority_is_more_than_half_of_all_deputies(votes_for, in_office, passes):
    assert is_majority_of_all(votes_for, in_office) is passes
    assert (votes_for >= majority_needed(in_office)) is passes


def test_ballots_returned_above_issued_void_the_vote():
    result = tally(seats=1, in_office=40, issued=36, returned=37, votes={"a": 36})
    assert result.void and result.elected == [] and result.unfilled == 1


def test_returned_equal_to_issued_is_valid():
    result = tally(seats=1, in_office=40, issued=36, returned=36, votes={"a": 36})
    assert not result.void and result.elected == ["a"] and result.unfilled == 0


def test_a_candidate_needs_more_than_half_of_all_not_of_those_present():
    # 30 present of 40: 20 votes is two thirds of those present but only half of all.
    result = tally(seats=1, in_office=40, issued=30, returned=30, votes={"a": 20})
    assert result.elected == [] and result.unfilled == 1
    result = tally(seats=1, in_office=40, issued=30, returned=30, votes={"a": 21})
    assert result.elected == ["a"]


def test_more_passing_than_seats_the_highest_win():
    votes = {"a": 30, "b": 25, "c": 22}
    result = tally(seats=2, in_office=40, issued=36, returned=36, votes=votes)
    assert result.elected == ["a", "b"] and result.tied == [] and result.unfilled == 0


def test_a_tie_for_the_last_seat_needs_another_ballot():
    votes = {"a": 30, "b": 25, "c": 25}
    result = tally(seats=2, in_office=40, issued=36, returned=36, votes=votes)
    assert result.elected == ["a"]
    assert sorted(result.tied) == ["b", "c"]
    assert result.unfilled == 1


def test_a_tie_that_fits_the_seats_elects_both():
    votes = {"a": 25, "b": 25, "c": 10}
    result = tally(seats=2, in_office=40, issued=36, returned=36, votes=votes)
    assert sorted(result.elected) == ["a", "b"] and result.tied == []


def test_unfilled_seats_are_left_to_another_ballot():
    votes = {"a": 30, "b": 15}
    result = tally(seats=2, in_office=40, issued=36, returned=36, votes=votes)
    assert result.elected == ["a"] and result.unfilled == 1
