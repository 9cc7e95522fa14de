"""Open problems go on the agenda of the next congress session as one rectification report;
closed problems, another township's records and a session that has convened are refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from oversight.models import Problem
from oversight.services.problems import problems_to_agenda
from oversight.tests.factories import OversightActionFactory, ProblemFactory
from oversight.workflow import ProblemStatus
from sessions.models import AgendaItem
from sessions.tests.factories import CongressSessionFactory

TITLE = "关于人大监督发现问题整改情况的报告"


@pytest.fixture
def session(township):
    return CongressSessionFactory(
        township=township,
        number=3,
        start_date=datetime.date(2025, 1, 15),
        end_date=datetime.date(2025, 1, 16),
    )


@pytest.fixture
def problems(township, unit):
    action = OversightActionFactory(township=township)
    return [
        ProblemFactory(action=action, unit=unit, status=status, description=f"问题{status}")
        for status in (
            ProblemStatus.PENDING,
            ProblemStatus.IN_PROGRESS,
            ProblemStatus.REPORTED,
        )
    ]


def test_open_problems_become_one_report_item_of_a_session_in_preparation(
    township, session, problems, staff
):
    item = problems_to_agenda(township=township, session=session, problems=problems, by=staff)
    assert (item.session, item.kind, item.title) == (session, AgendaItem.Kind.REPORT, TITLE)
    assert set(item.problems.all()) == set(problems)
    # More problems later join the same item, and another title makes another.
    late = ProblemFactory(action=problems[0].action, unit=problems[0].unit)
    again = problems_to_agenda(township=township, session=session, problems=[late], by=staff)
    assert again == item and item.problems.count() == 4
    other = problems_to_agenda(
        township=township, session=session, problems=[late], by=staff, title="专项报告"
    )
    assert other != item and list(other.problems.all()) == [late]
    assert AgendaItem.objects.filter(session=session).count() == 2


def test_a_closed_problem_is_refused_and_nothing_is_linked(township, session, problems, staff):
    closed = ProblemFactory(
        action=problems[0].action,
        unit=problems[0].unit,
        status=ProblemStatus.CLOSED,
        description="已销号的问题",
    )
    with pytest.raises(ValidationError) as error:
        problems_to_agenda(
            township=township, session=session, problems=[*problems, closed], by=staff
        )
    assert error.value.message_dict == {"problems": ["已销号的问题不再提请审议：已销号的问题"]}
    assert not AgendaItem.objects.exists()
    assert not Problem.objects.filter(agenda_item__isnull=False).exists()


@pytest.mark.parametrize("status", ["in_session", "closed"])
def test_a_session_that_has_convened_is_refused(township, session, problems, staff, status):
    session.status = status
    session.save()
    with pytest.raises(ValidationError) as error:
        problems_to_agenda(township=township, session=session, problems=problems, by=staff)
    assert "只有筹备中的会议才能增加议程" in error.value.message_dict["session"][0]
    assert not AgendaItem.objects.exists()


def test_another_townships_session_or_problem_is_refused(township, session, problems, staff):
    foreign_session = CongressSessionFactory(township=TownshipFactory())
    with pytest.raises(ValidationError) as error:
        problems_to_agenda(township=township, session=foreign_session, problems=problems, by=staff)
    assert error.value.message_dict == {"session": ["该人代会会议属于其他乡镇。"]}
    foreign_problem = ProblemFactory()
    with pytest.raises(ValidationError) as error:
        problems_to_agenda(township=township, session=session, problems=[foreign_problem], by=staff)
    assert error.value.message_dict == {"problems": ["该问题属于其他乡镇。"]}
    with pytest.raises(ValidationError) as error:
        problems_to_agenda(township=township, session=session, problems=[], by=staff)
    assert error.value.message_dict == {"problems": ["请选择提请审议的问题。"]}
    assert not AgendaItem.objects.exists()


def test_staff_put_problems_on_the_agenda_through_the_page(
    client, township, session, problems, users
):
    CongressSessionFactory(township=township, status="closed")  # not offered
    url = reverse("oversight:problems_to_agenda")
    for role in (Role.MEMBER, Role.UNIT, Role.DEPUTY):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
    client.force_login(users[Role.STAFF])
    page = client.get(url)
    assert list(page.context["form"].fields["session"].queryset) == [session]
    response = client.post(
        url,
        {
            "session": session.pk,
            "title": TITLE,
            "presenter": "镇长 周志远",
            "problems": [p.pk for p in problems[:2]],
        },
        follow=True,
    )
    assert "2个问题已列入" in response.content.decode()
    item = AgendaItem.objects.get()
    assert item.presenter == "镇长 周志远"
    assert response.redirect_chain[-1][0] == reverse("sessions:detail", args=[session.pk])
    detail = client.get(reverse("oversight:problem_detail", args=[problems[0].pk]))
    assert TITLE in detail.content.decode()
