"""Work evaluation pages: who opens which, who reads who rated what, the ratings grid."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from congress.attendance import AttendanceStatus
from congress.roles import Role
from congress.tests.factories import UnitFactory
from deputies.models import Attendance, Deputy
from deputies.tests.factories import DeputyFactory
from oversight.models import EvaluationRating, OversightAction, WorkEvaluation
from oversight.selectors.evaluations import evaluation_for_action
from oversight.tests.factories import OversightActionFactory, WorkEvaluationFactory

S, M, D, U, C, CA = (
    Role.STAFF,
    Role.MEMBER,
    Role.DEPUTY,
    Role.UNIT,
    Role.COUNTY,
    Role.COUNTY_ADMIN,
)
OK, X, NF = 200, 403, 404


@pytest.fixture
def evaluation(township, unit, users):
    """The police station's evaluation: the signed-in deputy and three others present, one on
    leave; the deputy and two others rated."""
    action = OversightActionFactory(
        township=township,
        kind=OversightAction.Kind.EVALUATION,
        activity__title="公安派出所工作评议",
        activity__start_date=datetime.date(2024, 8, 20),
    )
    evaluation = WorkEvaluation.objects.create(action=action, unit=unit, conclusion="总体满意")
    me = users[D].deputy
    others = [DeputyFactory(township=township, name=n) for n in ("甲代表", "乙代表", "丙代表")]
    for deputy in [me, *others]:
        Attendance.objects.create(
            activity=action.activity, deputy=deputy, status=AttendanceStatus.PRESENT
        )
    Attendance.objects.create(
        activity=action.activity,
        deputy=DeputyFactory(township=township, name="请假代表"),
        status=AttendanceStatus.LEAVE,
    )
    for deputy, verdict, opinion in (
        (me, "fairly", "我的意见：接警要快"),
        (others[0], "satisfied", "甲的意见：服务好"),
        (others[1], "dissatisfied", "乙的意见：巡逻少"),
    ):
        EvaluationRating.objects.create(
            evaluation=evaluation, deputy=deputy, verdict=verdict, opinion=opinion
        )
    return evaluation


def pages(evaluation):
    pk = evaluation.pk
    return {
        "oversight:evaluations": reverse("oversight:evaluations") + "?year=2024",
        "oversight:evaluation_detail": reverse("oversight:evaluation_detail", args=[pk]),
        "oversight:evaluation_edit": reverse("oversight:evaluation_edit", args=[pk]),
        "oversight:evaluation_ratings": reverse("oversight:evaluation_ratings", args=[pk]),
        "oversight:evaluation_respond": reverse("oversight:evaluation_respond", args=[pk]),
        "oversight:evaluation_start": reverse(
            "oversight:evaluation_start", args=[evaluation.action.pk]
        ),
    }


# fmt: off
TABLE = {
    "oversight:evaluations":        {S: OK, M: OK, D: X,  U: OK, C: X, CA: X},
    "oversight:evaluation_detail":  {S: OK, M: OK, D: OK, U: OK, C: X, CA: X},
    "oversight:evaluation_edit":    {S: OK, M: X,  D: X,  U: X,  C: X, CA: X},
    "oversight:evaluation_ratings": {S: OK, M: X,  D: X,  U: X,  C: X, CA: X},
    "oversight:evaluation_respond": {S: OK, M: X,  D: X,  U: OK, C: X, CA: X},
    # It holds its evaluation already: the page leads there.
    "oversight:evaluation_start":   {S: 302, M: X, D: X,  U: X,  C: X, CA: X},
}
# fmt: on


@pytest.mark.parametrize("role", [S, M, D, U, C, CA])
def test_who_opens_which_page(client, evaluation, users, role):
    client.force_login(users[role])
    answers = {name: client.get(url).status_code for name, url in pages(evaluation).items()}
    assert answers == {name: row[role] for name, row in TABLE.items()}


def test_another_units_user_and_a_deputy_who_did_not_rate_get_404(
    client, evaluation, township, make_user
):
    other_unit = make_user(U, township, unit=UnitFactory(township=township))
    not_rated = make_user(D, township)
    DeputyFactory(township=township, user=not_rated)
    for user in (other_unit, not_rated):
        client.force_login(user)
        url = reverse("oversight:evaluation_detail", args=[evaluation.pk])
        assert client.get(url).status_code == NF
    client.force_login(other_unit)
    assert (
        client.get(reverse("oversight:evaluation_respond", args=[evaluation.pk])).status_code == NF
    )
    page = client.get(reverse("oversight:evaluations") + "?year=2024").content.decode()
    assert "公安派出所工作评议" not in page


def test_staff_and_members_read_who_rated_what(client, evaluation, users):
    for role in (S, M):
        client.force_login(users[role])
        page = client.get(reverse("oversight:evaluation_detail", args=[evaluation.pk]))
        html = page.content.decode()
        for text in ("甲代表", "甲的意见：服务好", "乙的意见：巡逻少", "我的意见：接警要快"):
            assert text in html
        assert "尚未测评：" in html and "丙代表" in html  # present, not rated
        assert "请假代表" not in html
        assert "66.7%" in html  # (满意 1 + 基本满意 1) / 3 rated


def test_the_unit_sees_the_counts_and_its_response_form_but_never_who_rated_what(
    client, evaluation, users
):
    client.force_login(users[U])
    html = client.get(reverse("oversight:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "总体满意" in html and "66.7%" in html
    for deputy in Deputy.objects.all():
        assert deputy.name not in html
    for opinion in EvaluationRating.objects.values_list("opinion", flat=True):
        assert opinion not in html
    assert reverse("oversight:evaluation_respond", args=[evaluation.pk]) in html
    assert reverse("oversight:evaluation_ratings", args=[evaluation.pk]) not in html


def test_a_deputy_sees_their_own_rating_only(client, evaluation, users):
    client.force_login(users[D])
    html = client.get(reverse("oversight:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "我的测评" in html and "我的意见：接警要快" in html
    assert "甲的意见" not in html and "乙的意见" not in html and "甲代表" not in html
    assert "尚未测评" not in html


def test_the_ratings_grid_saves_the_deputies_present(client, evaluation, users, township):
    client.force_login(users[S])
    url = reverse("oversight:evaluation_ratings", args=[evaluation.pk])
    grid = client.get(url)
    names = [deputy.name for deputy, _v, _o in grid.context["form"].bound_rows()]
    assert sorted(names) == sorted([users[D].deputy.name, "甲代表", "乙代表", "丙代表"])
    third = Deputy.objects.get(name="丙代表")
    on_leave = Deputy.objects.get(name="请假代表")
    response = client.post(
        url,
        {
            f"v{third.pk}": "satisfied",
            f"o{third.pk}": "很好",
            f"v{on_leave.pk}": "dissatisfied",  # not on the grid: ignored
        },
    )
    assert response.status_code == 302
    assert EvaluationRating.objects.get(deputy=third).opinion == "很好"
    assert not EvaluationRating.objects.filter(deputy=on_leave).exists()
    assert EvaluationRating.objects.count() == 4  # the three rated before stay


def test_an_opinion_without_a_rating_is_refused_and_nothing_saved(client, evaluation, users):
    client.force_login(users[S])
    third = Deputy.objects.get(name="丙代表")
    first = Deputy.objects.get(name="甲代表")
    response = client.post(
        reverse("oversight:evaluation_ratings", args=[evaluation.pk]),
        {f"v{first.pk}": "dissatisfied", f"o{third.pk}": "有意见"},
    )
    assert response.status_code == 200
    assert "请为丙代表选择评议结果，再填写意见。" in response.content.decode()
    assert EvaluationRating.objects.get(deputy=first).verdict == "satisfied"
    assert not EvaluationRating.objects.filter(deputy=third).exists()


def test_staff_start_an_evaluation_on_an_evaluation_action(client, township, unit, users):
    action = OversightActionFactory(township=township, kind=OversightAction.Kind.EVALUATION)
    client.force_login(users[S])
    url = reverse("oversight:evaluation_start", args=[action.pk])
    assert client.get(url).status_code == OK
    response = client.post(url, {"unit": unit.pk, "conclusion": ""})
    evaluation = WorkEvaluation.objects.get(action=action)
    assert response["Location"] == reverse("oversight:evaluation_detail", args=[evaluation.pk])
    # Again: it holds one now, the page leads to it.
    response = client.post(url, {"unit": unit.pk, "conclusion": ""})
    assert response.status_code == 302 and WorkEvaluation.objects.count() == 1


def test_an_action_of_another_kind_is_refused_in_chinese(client, township, unit, users):
    action = OversightActionFactory(township=township, kind=OversightAction.Kind.INSPECTION)
    client.force_login(users[S])
    url = reverse("oversight:evaluation_start", args=[action.pk])
    response = client.post(url, {"unit": unit.pk, "conclusion": ""})
    assert response.status_code == 200
    assert "只有类别为“工作评议”的监督活动才能开展评议" in response.content.decode()
    assert not WorkEvaluation.objects.filter(action=action).exists()


@freeze_time("2024-09-20 10:00:00+08:00")
def test_the_unit_records_its_response(client, evaluation, users):
    client.force_login(users[U])
    url = reverse("oversight:evaluation_respond", args=[evaluation.pk])
    response = client.post(url, {"response": "", "responded_on": "2024-09-10"})
    assert response.status_code == 200 and response.context["form"].errors["response"]
    response = client.post(
        url, {"response": "已整改", "improvements": "增设巡逻点", "responded_on": "2024-09-21"}
    )
    assert "日期不能晚于今天。" in response.content.decode()
    response = client.post(
        url, {"response": "已整改", "improvements": "增设巡逻点", "responded_on": "2024-09-10"}
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.improvements == "增设巡逻点"


def test_the_list_reads_a_fixed_number_of_queries(
    client, township, users, django_assert_max_num_queries
):
    for _n in range(20):
        evaluation = WorkEvaluationFactory(
            action__township=township, action__activity__start_date=datetime.date(2024, 5, 1)
        )
        deputy = DeputyFactory(township=township)
        Attendance.objects.create(
            activity=evaluation.action.activity, deputy=deputy, status=AttendanceStatus.PRESENT
        )
        EvaluationRating.objects.create(evaluation=evaluation, deputy=deputy, verdict="satisfied")
    client.force_login(users[S])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("oversight:evaluations") + "?year=2024")
    assert page.content.decode().count("100.0%") == 20


def test_the_action_pages_box_makes_no_query(
    evaluation, users, township, django_assert_num_queries
):
    staff = users[S]
    request = RequestFactory().get("/")
    request.user = staff
    found = evaluation_for_action(action=evaluation.action, user=staff)
    assert found == evaluation
    staff.get_all_permissions()  # the perms the template asks are cached with the user
    with django_assert_num_queries(0):
        html = render_to_string(
            "oversight/evaluations/_for_action.html",
            {"action": evaluation.action, "evaluation": found, "perms": _perms(staff)},
        )
    assert evaluation.unit.name in html and "总体满意" in html
    assert reverse("oversight:evaluation_detail", args=[evaluation.pk]) in html

    bare = OversightActionFactory(township=township, kind=OversightAction.Kind.EVALUATION)
    assert evaluation_for_action(action=bare, user=staff) is None
    with django_assert_num_queries(0):
        html = render_to_string(
            "oversight/evaluations/_for_action.html",
            {"action": bare, "evaluation": None, "perms": _perms(staff)},
        )
    assert reverse("oversight:evaluation_start", args=[bare.pk]) in html
    other_kind = OversightActionFactory(township=township)
    html = render_to_string(
        "oversight/evaluations/_for_action.html",
        {"action": other_kind, "evaluation": None, "perms": _perms(staff)},
    )
    assert not html.strip()


def test_a_unit_and_a_deputy_find_the_evaluation_of_the_action(evaluation, users, township):
    assert evaluation_for_action(action=evaluation.action, user=users[U]) == evaluation
    assert evaluation_for_action(action=evaluation.action, user=users[D]) == evaluation
    assert evaluation_for_action(action=evaluation.action, user=users[C]) is None


def _perms(user):
    from django.contrib.auth.context_processors import PermWrapper

    return PermWrapper(user)
