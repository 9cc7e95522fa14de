"""Deadlines that move: a lead unit asks for a later deadline and staff decide; co-units send
the lead unit their view; staff correct the working-day calendar."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from conftest import require, run_together
from congress.models import Notification, WorkdayOverride
from congress.registry import run_job
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory, Assignment, CoUnitOpinion, DeadlineExtension
from proposals.reminders import DUE_SOON
from proposals.services import (
    answer_deadline,
    counit_opinion_send,
    extension_decide,
    extension_request,
    proposal_answer,
    proposal_assign,
    proposal_register,
    proposal_submit,
)

DEADLINE = datetime.date(2024, 6, 25)  # three months from 25 March 2024, a Tuesday
LATEST = datetime.date(2024, 9, 25)  # three more months, a Wednesday


def at(day: str, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


@pytest.fixture
def world(township, make_user):
    """A suggestion assigned on 25 March 2024 to a lead unit and a co-unit, and who acts on
    it: staff, a user of each unit, the deputy who wrote it."""
    lead_unit = UnitFactory(township=township, name="镇建设办")
    co_unit = UnitFactory(township=township, name="镇财政所")
    people = {
        "staff": make_user(Role.STAFF, township, username="staff"),
        "lead": make_user(Role.UNIT, township, unit=lead_unit, username="lead"),
        "lead2": make_user(Role.UNIT, township, unit=lead_unit, username="lead2"),
        "co": make_user(Role.UNIT, township, unit=co_unit, username="co"),
        "deputy": make_user(Role.DEPUTY, township, username="deputy"),
        "member": make_user(Role.MEMBER, township, username="member"),
    }
    deputy = DeputyFactory(township=township, user=people["deputy"], name="王代表")
    staff = people["staff"]
    proposal = proposal_submit(
        deputy=deputy,
        title="修缮村道",
        content="村道破损",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=at("2024-03-20"),
    )
    proposal_register(proposal=proposal, by=staff, at=at("2024-03-20"))
    proposal_assign(
        proposal=proposal,
        unit=lead_unit,
        co_units=[co_unit],
        by=staff,
        assigned_on=datetime.date(2024, 3, 25),
        at=at("2024-03-25"),
    )
    Notification.objects.all().delete()  # the assignment told the units
    proposal.refresh_from_db()
    lead = proposal.assignments.get(role=Assignment.Role.LEAD)
    co = proposal.assignments.get(role=Assignment.Role.CO)
    return {
        "proposal": proposal,
        "lead": lead,
        "co": co,
        **{f"u_{k}": v for k, v in people.items()},
    }


def ask(world, day, reason="需要协调资金", by="u_lead"):
    return extension_request(
        assignment=world["lead"], by=world[by], new_deadline=day, reason=reason
    )


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# ---------------------------------------------------------------------------- extensions


def test_the_lead_unit_asks_for_a_later_deadline_and_staff_are_told(world):
    extension = ask(world, datetime.date(2024, 8, 10))  # a Saturday
    assert extension.new_deadline == datetime.date(2024, 8, 12)  # the next working day
    assert extension.approved is None
    assert extension.requested_by == world["u_lead"]
    note = Notification.objects.get(kind="proposals.extension_requested")
    assert note.recipient == world["u_staff"]
    assert note.subject == "镇建设办申请将“修缮村道”的答复期限延至2024年8月12日"
    assert note.body == "需要协调资金"
    assert note.url == reverse("proposals:extension_decide", args=[extension.pk])


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (DEADLINE, "新的答复期限须晚于现在的期限（2024年6月25日）。"),
        (DEADLINE - datetime.timedelta(days=1), "新的答复期限须晚于现在的期限（2024年6月25日）。"),
        (
            LATEST + datetime.timedelta(days=1),
            "延期最多在现有期限基础上延长3个月，最迟为2024年9月25日。",
        ),
    ],
)
def test_the_new_deadline_lies_after_the_current_one_and_at_most_three_months_on(
    world, day, message
):
    with pytest.raises(ValidationError) as caught:
        ask(world, day)
    assert caught.value.message_dict == {"new_deadline": [message]}
    assert not DeadlineExtension.objects.exists()


def test_the_edges_are_allowed(world):
    assert ask(world, LATEST).new_deadline == LATEST


def test_the_latest_day_is_itself_moved_to_a_working_day(world, township):
    # 25 September 2024 made a day off: the latest possible day is the 26th.
    WorkdayOverride.objects.create(township=township, date=LATEST, is_workday=False)
    assert ask(world, LATEST).new_deadline == datetime.date(2024, 9, 26)


@pytest.mark.parametrize(
    ("by", "message"),
    [
        ("u_co", "只有主办单位可以申请延期；协办单位随主办单位的期限。"),
        ("u_staff", "只有承办单位本单位的用户可以申请延期。"),
    ],
)
def test_only_the_lead_units_users_ask(world, by, message):
    assignment = world["co"] if by == "u_co" else world["lead"]
    with pytest.raises(ValidationError) as caught:
        extension_request(assignment=assignment, by=world[by], new_deadline=LATEST, reason="理由")
    assert messages_of(caught.value) == message


def test_another_units_user_cannot_ask_for_this_unit(world, township, make_user):
    other = make_user(Role.UNIT, township, unit=UnitFactory(township=township))
    with pytest.raises(ValidationError, match="只有承办单位本单位的用户可以申请延期"):
        extension_request(assignment=world["lead"], by=other, new_deadline=LATEST, reason="x")


def test_a_reason_is_needed(world):
    with pytest.raises(ValidationError) as caught:
        ask(world, LATEST, reason="  ")
    assert caught.value.message_dict == {"reason": ["请说明需要延期的理由。"]}


def test_one_request_waits_at_a_time(world):
    first = ask(world, datetime.date(2024, 7, 25))
    with pytest.raises(ValidationError, match="已有一项延期申请等待人大办审批"):
        ask(world, datetime.date(2024, 8, 26), by="u_lead2")
    extension_decide(extension=first, by=world["u_staff"], approve=False, note="理由不充分")
    assert ask(world, datetime.date(2024, 8, 26)).approved is None  # decided: ask again


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_requests_sent_at_once_leave_one_waiting_on_postgresql(world):
    """Both find none waiting unless the assignment is locked: one waits for the other."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")

    def send(by):
        def run(barrier):
            barrier.wait(timeout=10)
            try:
                return ask(world, datetime.date(2024, 8, 12), by=by).pk
            except ValidationError as error:
                return messages_of(error)

        return run

    results = run_together(send("u_lead"), send("u_lead2"))
    assert DeadlineExtension.objects.count() == 1
    assert "已有一项延期申请等待人大办审批。" in results


def test_only_while_the_proposal_is_handled(world):
    proposal_answer(
        proposal=world["proposal"],
        by=world["u_lead"],
        category=AnswerCategory.objects.get(township=world["proposal"].township, code="B"),
        text="正在解决",
        at=at("2024-06-01"),
    )
    world["lead"].proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="只有在办理期间才能申请延期"):
        ask(world, LATEST)


def test_approval_moves_every_deadline_and_tells_every_unit(world):
    extension = ask(world, datetime.date(2024, 8, 12))
    with freeze_time("2024-06-20 09:00:00+08:00"):
        extension_decide(extension=extension, by=world["u_staff"], approve=True)
    extension.refresh_from_db()
    assert (extension.approved, extension.decided_by, extension.decision_note) == (
        True,
        world["u_staff"],
        "",
    )
    assert extension.decided_at == at("2024-06-20", 9)
    proposal = world["proposal"]
    proposal.refresh_from_db()
    assert proposal.due_date == datetime.date(2024, 8, 12)
    assert set(proposal.assignments.values_list("deadline", flat=True)) == {
        datetime.date(2024, 8, 12)
    }
    # The change is in each record's history, with who made it.
    new = datetime.date(2024, 8, 12)
    assert proposal.history.get(due_date=new).history_user == world["u_staff"]
    assert world["lead"].history.get(deadline=new).history_user == world["u_staff"]
    told = Notification.objects.filter(kind="proposals.extension_decided")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["co", "lead", "lead2"]
    assert told.first().subject == "延期申请已批准：“修缮村道”的答复期限延至2024年8月12日"


def test_refusal_needs_a_reason_keeps_the_deadline_and_tells_the_lead_unit(world):
    extension = ask(world, datetime.date(2024, 8, 12))
    with pytest.raises(ValidationError) as caught:
        extension_decide(extension=extension, by=world["u_staff"], approve=False, note=" ")
    assert caught.value.message_dict == {"note": ["请说明不予批准的理由。"]}
    extension_decide(extension=extension, by=world["u_staff"], approve=False, note="请按期办结")
    extension.refresh_from_db()
    assert extension.approved is False
    world["proposal"].refresh_from_db()
    assert world["proposal"].due_date == DEADLINE
    told = Notification.objects.filter(kind="proposals.extension_decided")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["lead", "lead2"]
    assert told.first().subject == "延期申请未获批准：“修缮村道”仍应于2024年6月25日前答复"
    assert told.first().body == "请按期办结"


def test_a_request_is_decided_once(world):
    extension = ask(world, datetime.date(2024, 8, 12))
    extension_decide(extension=extension, by=world["u_staff"], approve=True)
    with pytest.raises(ValidationError, match="该申请已经审批"):
        extension_decide(extension=extension, by=world["u_staff"], approve=False, note="x")


def test_only_the_townships_staff_decide(world, make_user):
    extension = ask(world, datetime.date(2024, 8, 12))
    foreign = make_user(Role.STAFF, TownshipFactory())
    for user in (foreign, world["u_member"], world["u_lead"]):
        with pytest.raises(ValidationError, match="只有本镇人大办工作人员可以审批延期申请"):
            extension_decide(extension=extension, by=user, approve=True)


def test_approval_checks_the_deadline_as_it_stands_now(world):
    """Answered meanwhile: nothing to extend."""
    extension = ask(world, datetime.date(2024, 8, 12))
    proposal_answer(
        proposal=world["proposal"],
        by=world["u_lead"],
        category=AnswerCategory.objects.get(township=world["proposal"].township, code="A"),
        text="已解决",
        at=at("2024-06-01"),
    )
    with pytest.raises(ValidationError, match="该建议已不在办理中"):
        extension_decide(extension=extension, by=world["u_staff"], approve=True)
    extension_decide(extension=extension, by=world["u_staff"], approve=False, note="已答复")


def test_an_extended_deadline_gets_its_own_reminders(world):
    extension = ask(world, datetime.date(2024, 8, 12))
    extension_decide(extension=extension, by=world["u_staff"], approve=True)
    with freeze_time("2024-06-18 07:00:00+08:00"):
        assert run_job("proposals.answer_deadline") == 0  # the old deadline is gone
    with freeze_time("2024-08-05 07:00:00+08:00"):
        assert run_job("proposals.answer_deadline") == 3  # two lead unit users and staff
    assert set(Notification.objects.filter(kind=DUE_SOON).values_list("day", flat=True)) == {
        datetime.date(2024, 8, 12)
    }


# ---------------------------------------------------------------------------- co-units' views


def test_a_co_unit_sends_its_view_and_the_lead_unit_is_told(world):
    opinion = counit_opinion_send(assignment=world["co"], by=world["u_co"], text=" 资金已落实 ")
    assert (opinion.text, opinion.sent_by) == ("资金已落实", world["u_co"])
    told = Notification.objects.filter(kind="proposals.counit_opinion")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["lead", "lead2"]
    assert told.first().subject == "协办单位镇财政所对“修缮村道”的意见"
    assert told.first().body == "资金已落实"


@pytest.mark.parametrize(
    ("assignment", "by", "message"),
    [
        ("lead", "u_lead", "只有协办单位提出协办意见；主办单位负责答复。"),
        ("co", "u_lead", "只有协办单位本单位的用户可以提出协办意见。"),
        ("co", "u_staff", "只有协办单位本单位的用户可以提出协办意见。"),
    ],
)
def test_only_a_co_units_users_send_a_view(world, assignment, by, message):
    with pytest.raises(ValidationError) as caught:
        counit_opinion_send(assignment=world[assignment], by=world[by], text="意见")
    assert messages_of(caught.value) == message
    assert not CoUnitOpinion.objects.exists()


def test_a_view_needs_text_and_a_proposal_being_handled(world):
    with pytest.raises(ValidationError) as caught:
        counit_opinion_send(assignment=world["co"], by=world["u_co"], text=" ")
    assert caught.value.message_dict == {"text": ["请填写协办意见。"]}
    proposal_answer(
        proposal=world["proposal"],
        by=world["u_lead"],
        category=AnswerCategory.objects.get(township=world["proposal"].township, code="A"),
        text="已解决",
    )
    world["co"].proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="只有在办理期间才能向主办单位提出协办意见"):
        counit_opinion_send(assignment=world["co"], by=world["u_co"], text="意见")


# ---------------------------------------------------------------------------- the pages


def detail(client, world, user):
    client.force_login(world[user])
    response = client.get(reverse("proposals:detail", args=[world["proposal"].pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_lead_unit_asks_from_the_proposals_page(client, world):
    page = detail(client, world, "u_lead")
    url = reverse("proposals:extension_request", args=[world["proposal"].pk])
    assert f'action="{url}"' in page and "申请延期" in page
    assert "现答复期限为2024年6月25日，最迟可延至2024年9月25日" in page
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_deadline": "2024-10-01", "reason": "资金未到位"})
    assert response.status_code == 200  # too late: the form again, with the reason
    assert "延期最多在现有期限基础上延长3个月，最迟为2024年9月25日。" in response.content.decode()
    response = client.post(url, {"new_deadline": "2024-08-10", "reason": "资金未到位"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "proposals:detail", args=[world["proposal"].pk]
    )
    page = response.content.decode()
    assert "已申请将答复期限延至2024年8月12日，待人大办审批。" in page
    assert "待审批" in page and f'action="{url}"' not in page  # one request at a time
    # Asking again now: back to the proposal, with the reason.
    response = client.get(url, follow=True)
    assert "已有一项延期申请等待人大办审批。" in response.content.decode()


def test_a_co_unit_is_offered_the_view_form_not_the_extension(client, world):
    page = detail(client, world, "u_co")
    assert reverse("proposals:extension_request", args=[world["proposal"].pk]) not in page
    url = reverse("proposals:counit_opinion", args=[world["proposal"].pk])
    assert f'action="{url}"' in page
    response = client.get(reverse("proposals:extension_request", args=[world["proposal"].pk]))
    assert response.status_code == 302  # back to the proposal with the reason
    response = client.post(url, {"text": "资金已落实"}, follow=True)
    assert "协办意见已送主办单位。" in response.content.decode()
    assert "资金已落实" in detail(client, world, "u_lead")
    assert "资金已落实" in detail(client, world, "u_staff")
    assert "资金已落实" in detail(client, world, "u_member")
    deputy_page = detail(client, world, "u_deputy")
    assert "资金已落实" not in deputy_page and "协办单位意见" not in deputy_page


def test_staff_decide_from_the_request_page(client, world):
    extension = ask(world, datetime.date(2024, 8, 12), reason="需要协调资金")
    page = detail(client, world, "u_staff")
    decide = reverse("proposals:extension_decide", args=[extension.pk])
    assert decide in page
    assert "需要协调资金" not in detail(client, world, "u_deputy")  # the deputy sees none
    client.force_login(world["u_staff"])
    page = client.get(decide).content.decode()
    assert "需要协调资金" in page and "2024-08-12" in page
    response = client.post(decide, {"decision": "refuse", "note": ""})
    assert "请说明不予批准的理由。" in response.content.decode()
    response = client.post(decide, {"decision": "approve", "note": "同意"}, follow=True)
    assert "已批准：答复期限延至2024年8月12日。" in response.content.decode()
    world["proposal"].refresh_from_db()
    assert world["proposal"].due_date == datetime.date(2024, 8, 12)
    response = client.get(decide, follow=True)
    assert "该申请已经审批。" in response.content.decode()


@pytest.mark.parametrize(
    ("user", "name", "expected"),
    [
        ("u_staff", "extension_request", 403),
        ("u_member", "extension_request", 403),
        ("u_deputy", "extension_request", 403),
        ("u_lead", "extension_request", 200),
        ("u_co", "counit_opinion", 200),
        ("u_lead", "counit_opinion", 302),
        ("u_staff", "counit_opinion", 403),
        ("u_deputy", "counit_opinion", 403),
    ],
)
def test_who_opens_the_unit_pages(client, world, user, name, expected):
    client.force_login(world[user])
    url = reverse(f"proposals:{name}", args=[world["proposal"].pk])
    assert client.get(url).status_code == expected


def test_another_units_request_page_is_404(client, world, township, make_user):
    client.force_login(make_user(Role.UNIT, township, unit=UnitFactory(township=township)))
    for name in ("extension_request", "counit_opinion"):
        assert (
            client.get(reverse(f"proposals:{name}", args=[world["proposal"].pk])).status_code == 404
        )
    extension = ask(world, LATEST)
    client.force_login(make_user(Role.STAFF, TownshipFactory()))
    assert client.get(reverse("proposals:extension_decide", args=[extension.pk])).status_code == 404


# ---------------------------------------------------------------------------- working days


def test_a_deadline_falling_on_a_day_staff_marked_off_moves_to_the_next_working_day(
    client, township, staff
):
    assigned = datetime.date(2024, 3, 25)
    assert answer_deadline(township=township, assigned_on=assigned) == DEADLINE
    client.force_login(staff)
    url = reverse("proposals:workdays")
    response = client.post(
        url, {"date": "2024-06-25", "is_workday": "0", "note": "防汛"}, follow=True
    )
    assert "2024年6月25日已设为休息日。" in response.content.decode()
    assert answer_deadline(township=township, assigned_on=assigned) == datetime.date(2024, 6, 26)
    # Another township keeps the published calendar.
    assert answer_deadline(township=TownshipFactory(), assigned_on=assigned) == DEADLINE


def test_a_year_not_yet_published_takes_the_days_staff_enter(client, township, staff):
    """1 October 2027 is a Friday, unknown to the published calendar; staff mark the
    National Day holiday and a make-up Saturday."""
    client.force_login(staff)
    url = reverse("proposals:workdays")
    for day in ("2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"):
        client.post(url, {"date": day, "is_workday": "0", "note": "国庆节"})
    client.post(url, {"date": "2027-10-09", "is_workday": "1", "note": "调休上班"})
    assert WorkdayOverride.objects.filter(township=township).count() == 6
    assert answer_deadline(
        township=township, assigned_on=datetime.date(2027, 7, 1)
    ) == datetime.date(2027, 10, 8)
    assert answer_deadline(
        township=township, assigned_on=datetime.date(2027, 7, 9)
    ) == datetime.date(2027, 10, 9)  # the make-up Saturday is a working day


def test_the_workdays_page_lists_refuses_and_removes(client, township, staff):
    client.force_login(staff)
    url = reverse("proposals:workdays")
    page = client.get(url).content.decode()
    assert "2004—2026年的法定节假日和调休上班日按国务院公布的安排自动计算" in page
    assert "没有更正" in page
    response = client.post(url, {"date": "2024-06-22", "is_workday": "0"})  # a Saturday
    assert "2024年6月22日已是休息日，无需更正。" in response.content.decode()
    client.post(url, {"date": "2024-06-25", "is_workday": "0", "note": "防汛"})
    response = client.post(url, {"date": "2024-06-25", "is_workday": "1"})
    assert "2024年6月25日已是工作日，无需更正。" in response.content.decode()
    client.post(url, {"date": "2024-06-26", "is_workday": "0"})
    response = client.post(url, {"date": "2024-06-26", "is_workday": "0"})
    assert "该日已有更正。" in response.content.decode()
    page = client.get(url).content.decode()
    assert "防汛" in page and "2024-06-25" in page
    override = WorkdayOverride.objects.get(date="2024-06-25")
    delete = reverse("proposals:workday_delete", args=[override.pk])
    assert client.get(delete).status_code == 405
    response = client.post(delete, follow=True)
    assert "已删除2024年6月25日的更正。" in response.content.decode()
    assert not WorkdayOverride.objects.filter(date="2024-06-25").exists()
    removed = WorkdayOverride.history.get(history_type="-")
    assert (removed.date, removed.history_user) == (datetime.date(2024, 6, 25), staff)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.STAFF, 200),
        (Role.MEMBER, 403),
        (Role.DEPUTY, 403),
        (Role.UNIT, 403),
        (Role.COUNTY, 403),
        (Role.COUNTY_ADMIN, 403),
    ],
)
def test_who_opens_the_workdays_page(client, users, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("proposals:workdays")).status_code == expected


def test_another_townships_correction_cannot_be_removed(client, staff):
    other = WorkdayOverride.objects.create(
        township=TownshipFactory(), date=datetime.date(2024, 6, 25), is_workday=False
    )
    client.force_login(staff)
    assert client.post(reverse("proposals:workday_delete", args=[other.pk])).status_code == 404
    assert WorkdayOverride.objects.filter(pk=other.pk).exists()


# ---------------------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_later_deadline_asked_by_the_unit_and_approved_by_staff_in_a_browser(
    live_server, page, world
):
    """The lead unit asks from its list, a co-unit sends its view, staff approve from their
    queue; every page passes axe-core's WCAG 2.1 AA rules."""
    from axe_playwright_python.base import AXE_SCRIPT
    from playwright.sync_api import expect

    from tests.test_accessibility import AXE_OPTIONS, axe_report

    page.add_init_script(AXE_SCRIPT)
    problems = []

    def check(where):
        page.wait_for_load_state()
        violations = page.evaluate("options => axe.run(options)", AXE_OPTIONS)["violations"]
        if violations:
            problems.append(axe_report(where, violations))

    def log_in(username):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}{reverse('login')}")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill("pw-for-tests-1")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/")

    log_in("lead")
    page.goto(f"{live_server.url}{reverse('proposals:list')}")
    page.get_by_role("link", name="本单位承办件").click()
    check("unit items")
    expect(page.get_by_test_id("unit-items")).to_contain_text("已逾期")
    page.get_by_role("link", name="修缮村道").click()
    page.get_by_text("申请延期", exact=True).click()
    check("proposal page with the extension form")
    page.get_by_label("新的答复期限").fill("2024-08-10")
    page.get_by_label("理由").fill("需要协调资金")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("已申请将答复期限延至2024年8月12日，待人大办审批。")).to_be_visible()
    expect(page.get_by_test_id("extensions").get_by_text("待审批")).to_be_visible()

    log_in("co")
    page.goto(f"{live_server.url}{reverse('proposals:detail', args=[world['proposal'].pk])}")
    page.get_by_label("协办意见").fill("资金已落实")
    check("proposal page with the co-unit's form")
    page.get_by_role("button", name="送主办单位").click()
    expect(page.get_by_test_id("counit-views").get_by_text("资金已落实")).to_be_visible()

    log_in("staff")
    page.goto(f"{live_server.url}{reverse('proposals:queues')}")
    check("staff queues")
    page.get_by_test_id("queue-extensions").get_by_role("link", name="审批").click()
    check("decide page")
    page.get_by_label("批准新的答复期限").check()
    page.get_by_role("button", name="保存审批结果").click()
    expect(page.get_by_text("已批准：答复期限延至2024年8月12日。")).to_be_visible()
    assert "2024-08-12" in page.content()
    check("proposal page for staff")
    page.goto(f"{live_server.url}{reverse('proposals:workdays')}")
    check("working days")
    assert not problems, "\n".join(problems)
