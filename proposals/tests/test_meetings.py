"""The assignment meeting (交办会): a dated meeting, many proposals handed out in one batch
(all or none), and the assignment sheets printed as one PDF."""

import datetime
import shutil
import subprocess
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import require
from congress.models import Notification
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals import services
from proposals.models import Assignment, AssignmentMeeting, ProposalField, ProposalSigner
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status

MEETING_DAY = datetime.date(2024, 3, 25)
REGISTERED_AT = datetime.datetime(2024, 3, 11, 10, tzinfo=datetime.UTC)
DUE = datetime.date(2024, 6, 25)  # three months on: a Tuesday
HARD_DUE = datetime.date(2024, 9, 25)  # six months on: a Wednesday


def pdf_text(pdf: bytes, tmp_path) -> str:
    """Text as poppler's pdftotext reads it, pages separated by form feeds."""
    require(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    path = tmp_path / "sheets.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def units(township):
    return [
        UnitFactory(township=township, name=name) for name in ("镇建设办", "镇农业办", "镇财政所")
    ]


@pytest.fixture
def register(township, staff):
    """A submitted proposal of the township, registered by staff (it gets its number)."""

    def make(title, **fields):
        # Submitted and registered before the meeting: an assignment follows its registration.
        fields.setdefault("submitted_at", REGISTERED_AT)
        proposal = ProposalFactory(
            deputy=fields.pop("deputy", None) or DeputyFactory(township=township),
            title=title,
            **fields,
        )
        return services.proposal_register(proposal=proposal, by=staff, at=proposal.submitted_at)

    return make


@pytest.fixture
def meeting(township):
    return services.assignment_meeting_save(
        township=township, date=MEETING_DAY, place="镇政府三楼会议室"
    )


def row(proposal, unit, *, co_units=(), hard=False, deadline=""):
    key = f"p{proposal.pk}"
    data = {f"{key}-selected": "on", f"{key}-unit": unit.pk, f"{key}-deadline": deadline}
    if co_units:
        data[f"{key}-co_units"] = [u.pk for u in co_units]
    if hard:
        data[f"{key}-hard"] = "on"
    return data


# ----------------------------------------------------------------------------- the meeting


def test_staff_record_a_meeting_of_last_season(client, staff, township):
    client.force_login(staff)
    response = client.post(
        reverse("proposals:meetings"), {"date": "2024-03-25", "place": "镇政府", "note": ""}
    )
    meeting = AssignmentMeeting.objects.get()
    assert (meeting.township, meeting.date, meeting.place) == (township, MEETING_DAY, "镇政府")
    assert response["Location"] == reverse("proposals:meeting", args=[meeting.pk])
    page = client.get(reverse("proposals:meetings")).content.decode()
    assert "2024-03-25" in page


def test_a_double_click_records_one_meeting(client, staff):
    """The create page's one-time token (tests/test_double_submit.py covers the others)."""
    client.force_login(staff)
    data = {"date": "2024-03-25", "place": "镇政府", "note": "", "submission_token": str(uuid4())}
    first = client.post(reverse("proposals:meetings"), data)
    second = client.post(reverse("proposals:meetings"), data, follow=True)
    assert AssignmentMeeting.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "这张表单已经提交过，没有重复保存。" in second.content.decode()


def test_a_meeting_without_a_date_is_refused_in_chinese(client, staff):
    client.force_login(staff)
    response = client.post(reverse("proposals:meetings"), {"date": "", "place": "镇政府"})
    assert "这个字段是必填项" in response.content.decode()
    assert not AssignmentMeeting.objects.exists()


def test_the_date_stays_once_something_was_assigned_there(
    client, staff, township, meeting, units, register
):
    client.force_login(staff)
    url = reverse("proposals:meeting_edit", args=[meeting.pk])
    client.post(url, {"date": "2024-03-26", "place": "镇政府", "note": ""})
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2024, 3, 26)  # nothing assigned yet: a correction
    client.post(url, {"date": "2024-03-25", "place": "镇政府", "note": ""})
    proposal = register("修缮村道")
    services.meeting_assign(
        meeting=meeting, items=[services.MeetingItem(proposal, units[0])], by=staff
    )
    response = client.post(url, {"date": "2024-04-01", "place": "镇政府二楼", "note": ""})
    assert "交办期限已按会议日期计算，会议日期不能再改" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.date, meeting.place) == (MEETING_DAY, "镇政府")
    client.post(url, {"date": "2024-03-25", "place": "镇政府二楼", "note": "补记"})
    meeting.refresh_from_db()
    assert (meeting.place, meeting.note) == ("镇政府二楼", "补记")


# ----------------------------------------------------------------------------- the batch


def test_the_meeting_page_lists_only_registered_proposals_not_yet_assigned(
    client, staff, township, meeting, units, register
):
    waiting = register("修缮村道")
    assigned = register("增设路灯")
    services.proposal_assign(proposal=assigned, unit=units[0], by=staff)
    ProposalFactory(deputy__township=township, title="尚未登记的建议")
    other = TownshipFactory()
    ProposalFactory(deputy__township=other, title="外镇的建议", status=Status.REGISTERED, number=1)
    client.force_login(staff)
    page = client.get(reverse("proposals:meeting", args=[meeting.pk])).content.decode()
    assert f'name="p{waiting.pk}-selected"' in page
    for title in ("增设路灯", "尚未登记的建议", "外镇的建议"):
        assert title not in page


def test_staff_assign_many_at_once_with_default_deadlines(
    client, staff, township, meeting, units, register
):
    road, lights, bridge = register("修缮村道"), register("增设路灯"), register("维修桥梁")
    client.force_login(staff)
    response = client.post(
        reverse("proposals:meeting", args=[meeting.pk]),
        {
            **row(road, units[0], co_units=[units[1], units[2]]),
            **row(lights, units[1], hard=True),
        },
        follow=True,
    )
    assert "已在本次交办会交办2件" in response.content.decode()
    for proposal in (road, lights, bridge):
        proposal.refresh_from_db()
    assert (road.status, road.handling_unit, road.due_date) == (Status.ASSIGNED, units[0], DUE)
    assert (lights.status, lights.due_date) == (Status.ASSIGNED, HARD_DUE)
    assert bridge.status == Status.REGISTERED  # not ticked: waits for another meeting
    rows = {
        (a.unit, a.role, a.meeting, a.assigned_on, a.deadline)
        for a in Assignment.objects.filter(proposal=road)
    }
    assert rows == {
        (units[0], "lead", meeting, MEETING_DAY, DUE),
        (units[1], "co", meeting, MEETING_DAY, DUE),
        (units[2], "co", meeting, MEETING_DAY, DUE),
    }
    assert Assignment.objects.get(proposal=lights).is_hard
    page = response.content.decode()
    assert "修缮村道" in page and "2024-06-25" in page and "2024-09-25" in page


def test_a_default_deadline_on_a_holiday_moves_to_the_next_working_day(
    staff, township, units, register
):
    # 1 July + 3 months is 1 October, National Day: the week off ends on the 7th.
    meeting = services.assignment_meeting_save(township=township, date=datetime.date(2024, 7, 1))
    proposal = register("修缮村道")
    services.meeting_assign(
        meeting=meeting, items=[services.MeetingItem(proposal, units[0])], by=staff
    )
    proposal.refresh_from_db()
    assert proposal.due_date == datetime.date(2024, 10, 8)


def test_a_given_deadline_is_kept(client, staff, meeting, units, register):
    proposal = register("修缮村道")
    client.force_login(staff)
    client.post(
        reverse("proposals:meeting", args=[meeting.pk]),
        row(proposal, units[0], deadline="2024-05-31"),
    )
    proposal.refresh_from_db()
    assert proposal.due_date == datetime.date(2024, 5, 31)


def test_one_bad_item_refuses_the_whole_batch_and_names_it(client, staff, meeting, units, register):
    good, late, twice = register("修缮村道"), register("增设路灯"), register("维修桥梁")
    client.force_login(staff)
    response = client.post(
        reverse("proposals:meeting", args=[meeting.pk]),
        {
            **row(good, units[0]),
            **row(late, units[1], deadline="2024-12-31"),  # past the six months
            **row(twice, units[2], co_units=[units[2]]),  # lead and co-unit at once
        },
    )
    page = response.content.decode()
    assert "“增设路灯”：答复期限最长为交办后六个月（2024-09-25）。" in page
    assert "“维修桥梁”：主办单位不能同时是协办单位。" in page
    assert "“修缮村道”" not in page.split('data-testid="batch-errors"')[1].split("</div>")[0]
    for proposal in (good, late, twice):
        proposal.refresh_from_db()
        assert proposal.status == Status.REGISTERED
    assert not Assignment.objects.exists()
    assert not Notification.objects.filter(kind="proposals.to_unit").exists()


def test_a_ticked_row_needs_its_lead_unit(client, staff, meeting, units, register):
    proposal = register("修缮村道")
    client.force_login(staff)
    response = client.post(
        reverse("proposals:meeting", args=[meeting.pk]),
        {f"p{proposal.pk}-selected": "on", f"p{proposal.pk}-unit": ""},
    )
    assert "请选择主办单位。" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.REGISTERED


def test_nothing_ticked_is_refused(client, staff, meeting, register):
    register("修缮村道")
    client.force_login(staff)
    response = client.post(reverse("proposals:meeting", args=[meeting.pk]), {})
    assert "请至少选择一件要交办的议案建议。" in response.content.decode()


def test_a_proposal_assigned_meanwhile_refuses_the_batch(staff, meeting, units, register):
    """Two staff at two screens: the second batch names the item the first one took."""
    first, second = register("修缮村道"), register("增设路灯")
    stale = type(first).objects.get(pk=first.pk)
    services.proposal_assign(proposal=first, unit=units[0], by=staff)
    with pytest.raises(ValidationError) as refused:
        services.meeting_assign(
            meeting=meeting,
            items=[
                services.MeetingItem(second, units[1]),
                services.MeetingItem(stale, units[1]),
            ],
            by=staff,
        )
    assert refused.value.messages == ["“修缮村道”：已不在待交办状态（现为已交办）。"]
    second.refresh_from_db()
    assert second.status == Status.REGISTERED


def test_a_tick_on_a_page_shown_before_another_assigned_it_refuses_the_batch(
    client, staff, township, meeting, units, register
):
    first, second = register("修缮村道"), register("增设路灯")
    foreign = ProposalFactory(
        deputy__township=TownshipFactory(), title="外镇的建议", status=Status.REGISTERED
    )
    client.force_login(staff)
    shown = client.get(reverse("proposals:meeting", args=[meeting.pk])).content.decode()
    assert "修缮村道" in shown
    services.proposal_assign(proposal=first, unit=units[0], by=staff)  # at another screen
    response = client.post(
        reverse("proposals:meeting", args=[meeting.pk]),
        {**row(first, units[1]), **row(second, units[1]), **row(foreign, units[1])},
    )
    page = response.content.decode()
    assert "“修缮村道”：已不在待交办状态（现为已交办）。" in page
    assert "外镇的建议" not in page  # another township's id is not even read
    second.refresh_from_db()
    assert second.status == Status.REGISTERED
    first.refresh_from_db()
    assert first.handling_unit == units[0]


def test_another_townships_proposal_or_unit_is_refused(staff, township, meeting, units, register):
    other = TownshipFactory()
    foreign = ProposalFactory(
        deputy__township=other, title="外镇的建议", status=Status.REGISTERED, number=1
    )
    with pytest.raises(ValidationError) as refused:
        services.meeting_assign(
            meeting=meeting, items=[services.MeetingItem(foreign, units[0])], by=staff
        )
    assert "外镇的建议" in refused.value.messages[0]
    mine = register("修缮村道")
    with pytest.raises(ValidationError) as refused:
        services.meeting_assign(
            meeting=meeting,
            items=[services.MeetingItem(mine, UnitFactory(township=other))],
            by=staff,
        )
    assert refused.value.messages[0].startswith("“修缮村道”：")
    assert not Assignment.objects.exists()


def test_the_meeting_page_reads_a_fixed_number_of_queries(
    client, staff, township, meeting, units, register, django_assert_max_num_queries
):
    assigned = [register(f"已交办的第{n}件") for n in range(8)]
    services.meeting_assign(
        meeting=meeting,
        items=[services.MeetingItem(p, units[0], co_units=[units[1]]) for p in assigned],
        by=staff,
    )
    for n in range(12):
        register(f"待交办的第{n}件")
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("proposals:meeting", args=[meeting.pk]))
    page = response.content.decode()
    assert page.count('data-testid="assigned"') == 1 and "待交办的第11件" in page
    with django_assert_max_num_queries(10):
        client.get(reverse("proposals:meetings"))


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_only_staff_use_the_meeting_pages(client, users, meeting, role):
    client.force_login(users[role])
    assert client.get(reverse("proposals:meetings")).status_code == 403
    assert client.get(reverse("proposals:meeting", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("proposals:meeting_sheets", args=[meeting.pk])).status_code == 403


def test_another_townships_meeting_is_not_found(client, make_user, meeting):
    other_staff = make_user(Role.STAFF, TownshipFactory())
    client.force_login(other_staff)
    for name in ("proposals:meeting", "proposals:meeting_edit", "proposals:meeting_sheets"):
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 404
    assert client.post(reverse("proposals:meeting", args=[meeting.pk])).status_code == 404


# ----------------------------------------------------------------------------- the sheets


def test_the_assignment_sheets_print_one_page_per_proposal(
    client, staff, township, meeting, units, register, tmp_path
):
    lead, cosigner = (
        DeputyFactory(township=township, name="王建国"),
        DeputyFactory(township=township, name="李秀英"),
    )
    field = ProposalField.objects.get(township=township, name="城乡建设")
    road = register("修缮村道", deputy=lead, field=field, content="村道破损严重，雨天积水。")
    ProposalSigner.objects.create(proposal=road, deputy=cosigner, confirmed_at=road.submitted_at)
    ProposalSigner.objects.create(
        proposal=road, deputy=DeputyFactory(township=township, name="赵未确认")
    )
    lights = register("增设路灯")
    services.meeting_assign(
        meeting=meeting,
        items=[
            services.MeetingItem(road, units[0], co_units=[units[1]]),
            services.MeetingItem(lights, units[2], hard=True),
        ],
        by=staff,
    )
    client.force_login(staff)
    response = client.get(reverse("proposals:meeting_sheets", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    pages = [p for p in pdf_text(response.content, tmp_path).split("\f") if p.strip()]
    assert len(pages) == 2
    first = "".join(pages[0].split())  # pdftotext spaces and wraps the layout
    for text in (
        f"{township.name}人民代表大会主席团",
        "代表建议交办单",
        "建议第1号",
        "修缮村道",
        "王建国（领衔）、李秀英",
        "城乡建设",
        "村道破损严重，雨天积水。",
        "镇建设办",
        "镇农业办",
        "2024年3月25日",
        "2024年6月25日",
        "办理要求",
    ):
        assert text in first, text
    assert "赵未确认" not in first  # asked, never confirmed: did not sign
    second = "".join(pages[1].split())
    assert "增设路灯" in second and "镇财政所" in second and "2024年9月25日" in second
    assert "修缮村道" not in second


def test_no_sheets_before_anything_is_assigned(client, staff, meeting):
    client.force_login(staff)
    response = client.get(reverse("proposals:meeting_sheets", args=[meeting.pk]), follow=True)
    assert "本次交办会尚未交办任何议案建议。" in response.content.decode()
