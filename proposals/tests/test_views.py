import datetime
import re

from django.urls import reverse
from django.utils import timezone

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import Assignment, Proposal, ProposalSigner
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status


def test_deputy_drafts_then_submits_for_themself(client, users):
    deputy_user = users[Role.DEPUTY]
    client.force_login(deputy_user)
    form = client.get(reverse("proposals:create")).content.decode()
    assert 'name="deputy"' not in form  # a deputy cannot submit in another's name
    response = client.post(
        reverse("proposals:create"),
        {
            "kind": "suggestion",
            "title": "关于增设路灯的建议",
            "content": "村口道路夜间无照明。",
        },
        follow=True,
    )
    proposal = Proposal.objects.get()
    assert proposal.deputy == deputy_user.deputy
    assert proposal.township == deputy_user.township
    assert proposal.status == Status.DRAFT
    page = response.content.decode()
    assert "草稿“关于增设路灯的建议”已保存" in page
    response = client.post(
        reverse("proposals:move", args=[proposal.pk, "submit"]), {"note": ""}, follow=True
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert "已提交" in response.content.decode()


def test_empty_title_is_refused_in_chinese(client, users):
    client.force_login(users[Role.DEPUTY])
    response = client.post(
        reverse("proposals:create"),
        {
            "kind": "suggestion",
            "title": "",
            "content": "内容",
        },
    )
    assert "这个字段是必填项" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_title_with_a_bidi_override_is_refused_in_chinese(client, users):
    client.force_login(users[Role.DEPUTY])
    response = client.post(
        reverse("proposals:create"),
        {"kind": "suggestion", "title": "关于\u2066路灯的建议", "content": "内容"},
    )
    assert "请删除第3个字符（紧接在“关于”之后）" in response.content.decode()
    assert not Proposal.objects.exists()


def test_staff_register_on_a_deputys_behalf(client, staff, township):
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    response = client.post(
        reverse("proposals:create"),
        {
            "proposer": "deputies",
            "deputy": deputy.pk,
            "kind": "suggestion",
            "title": "意见",
            "content": "内容",
            "submitted_on": "2024-01-21",
        },
    )
    proposal = Proposal.objects.get()
    assert proposal.deputy == deputy and proposal.status == Status.SUBMITTED
    # A paper proposal keeps the day it was really submitted: it counts in 2024.
    assert timezone.localtime(proposal.submitted_at).date() == datetime.date(2024, 1, 21)
    assert response.status_code == 302


def test_staff_cannot_enter_a_proposal_dated_in_the_future(client, staff, township):
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    response = client.post(
        reverse("proposals:create"),
        {
            "proposer": "deputies",
            "deputy": deputy.pk,
            "kind": "suggestion",
            "title": "意见",
            "content": "内容",
            "submitted_on": "2999-01-21",
        },
    )
    assert "提出日期不能晚于今天" in response.content.decode()
    assert not Proposal.objects.exists()


def test_each_role_sees_what_it_may(client, users, township, unit):
    own = ProposalFactory(deputy=users[Role.DEPUTY].deputy, title="我的建议")
    assigned = ProposalFactory(
        deputy__township=township,
        title="交办给本单位的建议",
        handling_unit=unit,
        status=Status.ASSIGNED,
    )
    Assignment.objects.create(
        proposal=assigned,
        unit=unit,
        assigned_on=datetime.date(2024, 3, 25),
        deadline=datetime.date(2024, 6, 25),
        assigned_by=users[Role.STAFF],
    )
    other = ProposalFactory(deputy__township=township, title="其他代表的建议")
    foreign = ProposalFactory(deputy__township=TownshipFactory(), title="外镇的建议")
    expected = {
        Role.STAFF: {own, assigned, other},
        Role.MEMBER: {own, assigned, other},
        Role.DEPUTY: {own},
        Role.UNIT: {assigned},
    }
    for role, visible in expected.items():
        client.force_login(users[role])
        page = client.get(reverse("proposals:list")).content.decode()
        for proposal in (own, assigned, other, foreign):
            assert (proposal.title in page) == (proposal in visible), (role, proposal.title)


def test_staff_register_and_assign_from_the_detail_page(client, staff, township, unit):
    # Entered from paper: submitted and registered before the assignment of 25 March 2024.
    proposal = ProposalFactory(
        deputy__township=township,
        submitted_at=datetime.datetime(2024, 3, 1, 10, tzinfo=datetime.UTC),
    )
    client.force_login(staff)
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "登记" in page and "不予登记" in page
    response = client.post(
        reverse("proposals:move", args=[proposal.pk, "register"]),
        {"note": "", "on": "2024-03-20"},
        follow=True,
    )
    assert "已登记为建议第1号" in response.content.decode()
    response = client.post(
        reverse("proposals:move", args=[proposal.pk, "assign"]),
        {"unit": unit.pk, "assigned_on": "2024-03-25", "note": "交办会"},
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED and proposal.handling_unit == unit
    assert proposal.due_date == datetime.date(2024, 6, 25)
    assert f"已交{unit.name}办理，答复期限2024-06-25" in response.content.decode()


def test_assigning_twice_from_closed_is_refused_in_chinese(client, staff, township, unit):
    proposal = ProposalFactory(deputy__township=township, status=Status.CLOSED)
    client.force_login(staff)
    response = client.post(
        reverse("proposals:move", args=[proposal.pk, "reassign"]), {"unit": unit.pk, "note": "改"}
    )
    assert response.status_code == 200
    assert "不能变为" in response.content.decode()


def test_staff_cannot_assign_to_another_townships_unit(client, staff, township):
    proposal = ProposalFactory(deputy__township=township, status=Status.REGISTERED)
    foreign_unit = UnitFactory(township=TownshipFactory())
    client.force_login(staff)
    response = client.post(
        reverse("proposals:move", args=[proposal.pk, "assign"]), {"unit": foreign_unit.pk}
    )
    assert "选择一个有效的选项" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.REGISTERED


def test_list_query_count_is_constant(client, staff, township, unit, django_assert_max_num_queries):
    deputies = DeputyFactory.create_batch(5, township=township)
    proposals = [
        ProposalFactory(deputy=deputies[i % 5], handling_unit=unit if i % 2 else None)
        for i in range(60)
    ]
    client.force_login(staff)
    # 11: the filters' drop-downs of the township's sessions, fields and units are three.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("proposals:list"))
    assert response.status_code == 200
    text = response.content.decode()
    listed = [p for p in proposals if f'"{reverse("proposals:detail", args=[p.pk])}"' in text]
    assert len(listed) == 50 and "第1页，共2页" in text
    # The home page asks each app's panel (and the header its unread notifications): a fixed
    # number of queries, whatever the rows. (21: deputies without a login account, and one
    # each for the problems, the letters and visits and the work report drafts waiting; 23
    # with the year it opens on: the years with records, whether last year's report is final.)
    with django_assert_max_num_queries(23):
        home = client.get(reverse("home"))
    assert home.status_code == 200
    assert re.search(r"待登记的议案建议</a>\s*<span[^>]*>60</span>", home.content.decode())


def test_a_nonsense_year_in_the_list_filter_shows_nothing_not_an_error(client, staff, township):
    ProposalFactory(deputy__township=township, title="今年的建议")
    client.force_login(staff)
    for year in ("99999", "-5", "0", "abc"):
        response = client.get(reverse("proposals:list"), {"year": year})
        assert response.status_code == 200, year
        assert "今年的建议" not in response.content.decode(), year


def test_who_may_open_a_joint_proposal_and_a_draft(client, users, township, unit, make_user):
    """A co-signer opens the joint item; another deputy cannot open a draft (404); a unit not
    given it cannot see it; county viewers read no proposal at all."""
    lead = DeputyFactory(township=township)
    joint = ProposalFactory(deputy=lead, title="联名建议")
    ProposalSigner.objects.create(
        proposal=joint, deputy=users[Role.DEPUTY].deputy, confirmed_at=timezone.now()
    )
    draft = ProposalFactory(deputy=lead, title="别人的草稿", status=Status.DRAFT)
    client.force_login(users[Role.DEPUTY])
    assert client.get(reverse("proposals:detail", args=[joint.pk])).status_code == 200
    assert client.get(reverse("proposals:detail", args=[draft.pk])).status_code == 404
    client.force_login(users[Role.UNIT])
    assert client.get(reverse("proposals:detail", args=[joint.pk])).status_code == 404
    client.force_login(users[Role.COUNTY])
    assert client.get(reverse("proposals:detail", args=[joint.pk])).status_code == 403
    client.force_login(users[Role.STAFF])
    assert client.get(reverse("proposals:detail", args=[draft.pk])).status_code == 404
