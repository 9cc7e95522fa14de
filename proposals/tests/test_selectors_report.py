"""What the proposal-handling report reads beyond the statistics: the key proposals one by one
and the year's assignment meetings, each in one query however many there are."""

import datetime

from django.utils import timezone

from congress.roles import Role
from proposals.models import Answer, AnswerCategory, Assignment, AssignmentMeeting
from proposals.selectors.report import assignment_meetings_of_year, key_proposals_of_year
from proposals.tests.factories import ProposalFactory

IN_2024 = timezone.make_aware(datetime.datetime(2024, 3, 1, 10))


def _answer(proposal, unit, user, category, day, returned=False):
    return Answer.objects.create(
        proposal=proposal,
        unit=unit,
        category=category,
        text="答复",
        answered_at=timezone.make_aware(datetime.datetime(2024, 5, day, 10)),
        answered_by=user,
        returned=returned,
    )


def test_key_proposals_with_their_current_answers_category_in_one_query(
    township, unit, users, django_assert_num_queries
):
    staff = users[Role.STAFF]
    a, _ = AnswerCategory.objects.get_or_create(
        township=township, code="A", defaults={"label": "甲"}
    )
    b, _ = AnswerCategory.objects.get_or_create(
        township=township, code="B", defaults={"label": "乙"}
    )
    keys = [
        ProposalFactory(deputy__township=township, submitted_at=IN_2024, is_key=True, number=n)
        for n in (2, 1, 3)
    ]
    ProposalFactory(deputy__township=township, submitted_at=IN_2024)  # not key
    ProposalFactory(deputy__township=township, is_key=True, submitted_at=IN_2024.replace(2023))
    _answer(keys[0], unit, staff, a, 1)
    _answer(keys[0], unit, staff, b, 2, returned=True)  # sent back: not the current answer
    _answer(keys[2], unit, staff, a, 1)
    _answer(keys[2], unit, staff, b, 3)
    keys[0].handling_unit = unit
    keys[0].save()
    with django_assert_num_queries(1):
        items = key_proposals_of_year(township=township, year=2024)
    assert [item.pk for item in items] == [keys[1].pk, keys[0].pk, keys[2].pk]  # by number
    by_pk = {item.pk: item for item in items}
    assert (by_pk[keys[0].pk].category_code, by_pk[keys[0].pk].unit) == ("A", unit.name)
    assert by_pk[keys[1].pk].category_code == "" and by_pk[keys[1].pk].unit == ""
    assert by_pk[keys[2].pk].category_code == "B"
    assert by_pk[keys[2].pk].category_label == b.label
    assert by_pk[keys[1].pk].deputy == keys[1].deputy.name and by_pk[keys[1].pk].by_deputy


def test_the_years_assignment_meetings_with_how_many_they_assigned(
    township, unit, users, django_assert_num_queries
):
    staff = users[Role.STAFF]
    march = AssignmentMeeting.objects.create(township=township, date=datetime.date(2024, 3, 25))
    june = AssignmentMeeting.objects.create(township=township, date=datetime.date(2024, 6, 3))
    AssignmentMeeting.objects.create(township=township, date=datetime.date(2024, 7, 1))  # none
    proposals = ProposalFactory.create_batch(3, deputy__township=township, submitted_at=IN_2024)
    older = ProposalFactory(deputy__township=township, submitted_at=IN_2024.replace(2023))
    for proposal, meeting in zip([*proposals, older], [march, march, june, june], strict=True):
        Assignment.objects.create(
            proposal=proposal,
            unit=unit,
            meeting=meeting,
            assigned_on=meeting.date,
            deadline=meeting.date + datetime.timedelta(days=90),
            assigned_by=staff,
        )
    with django_assert_num_queries(1):
        meetings = assignment_meetings_of_year(township=township, year=2024)
    assert [(m.date, m.proposals) for m in meetings] == [
        (datetime.date(2024, 3, 25), 2),
        (datetime.date(2024, 6, 3), 1),
    ]
