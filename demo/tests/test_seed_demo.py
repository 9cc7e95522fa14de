import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from congress.models import Township, User
from congress.years import reporting_year
from demo import xiang2025
from demo import year2024 as demo
from deputies.models import Deputy
from oversight.models import Campaign, OversightAction
from oversight.selectors.actions import campaign_totals
from proposals.models import Proposal
from proposals.workflow import Status
from reports.selectors import annual_stats
from sessions.models import Candidate, CongressSession
from sessions.selectors import absence_warnings


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_demo_recreates_the_2024_report(seeded):
    staff = User.objects.get(username="staff")
    township = staff.township
    stats = annual_stats(township=township, year=2024)
    assert stats["sessions"]["held"] == 1  # 1月21日 第二次会议
    # 听取和审议了政府工作报告、人大主席团工作报告及财政收支情况报告，通过了各项决议
    assert stats["sessions"]["reports"] == 3
    assert stats["sessions"]["resolutions"] == 3
    # 依法补选了镇人民政府镇长1名、副镇长2名，且全部满票
    assert stats["sessions"]["elected"] == 3
    assert stats["sessions"]["elected_unanimously"] == 3
    assert stats["proposals"]["total"] == 6  # 6件议案、建议和意见
    assert stats["proposals"]["key"] == 1  # 其中1件确定为重点议案
    assert stats["proposals"]["assigned"] == 6  # 3月25日交办会逐件交办
    assert stats["deputies"]["county"] == 8  # 8位县镇两级人大代表
    assert stats["deputies"]["township"] == 40
    # The eight county deputies hold township seats too: the levels add up to the people.
    assert stats["deputies"]["both"] == 8
    assert stats["deputies"]["in_office"] == 40
    river = Campaign.objects.get(township=township, title__contains="关心母亲河溪")
    assert campaign_totals(campaign=river).person_times == 86  # 共86人次
    assert [d.name for d in absence_warnings(township=township)] == [
        demo.DEPUTIES[39]["name"]
    ]  # stayed away from both sessions of the term


def test_seed_demo_is_idempotent(seeded):
    counts = (
        Deputy.objects.count(),
        CongressSession.objects.count(),
        Candidate.objects.count(),
        Proposal.objects.count(),
        OversightAction.objects.count(),
        User.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        Deputy.objects.count(),
        CongressSession.objects.count(),
        Candidate.objects.count(),
        Proposal.objects.count(),
        OversightAction.objects.count(),
        User.objects.count(),
    )


def test_seed_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("staff", "人大办工作人员"),
        ("member", "主席团成员"),
        ("deputy", "我的议案建议"),
        ("unit", "交办本单位的议案建议"),
        ("county", "各乡镇定稿工作报告"),
        ("countyadmin", "共有2个乡镇使用本平台"),
        ("xstaff", "人大办工作人员"),
        ("xdeputy", "我的议案建议"),
    ],
)
def test_each_demo_account_logs_in_to_its_own_home_page(client, seeded, username, expected):
    # Through the login page: the lockout's backend needs the request client.login lacks.
    response = client.post(
        reverse("login"), {"username": username, "password": demo.DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert expected in response.content.decode()


def test_the_demo_has_a_xiang_of_the_same_county(seeded):
    """桃源乡: a 乡, its four accounts, its 2025 session and four suggestions rated by their
    lead deputies, its 2025 work report a draft (so its pages open on 2025)."""
    xiang = Township.objects.get(name=xiang2025.TOWNSHIP["name"])
    assert (xiang.kind, xiang.county) == ("xiang", "遂昌县")
    items = Proposal.objects.filter(township=xiang)
    assert items.count() == 4 and set(items.values_list("status", flat=True)) == {Status.RATED}
    assert reporting_year(township=xiang) == 2025


def test_demo_deputy_and_unit_have_work(seeded):
    deputy_user = User.objects.get(username="deputy")
    unit_user = User.objects.get(username="unit")
    assert Proposal.objects.filter(deputy__user=deputy_user).count() >= 2
    assert Proposal.objects.filter(deputy__user=deputy_user, status=Status.DRAFT).exists()
    assigned = Proposal.objects.filter(handling_unit=unit_user.unit, status=Status.ASSIGNED)
    assert assigned.count() >= 1


def test_the_januarys_six_items_were_all_answered_and_rated(seeded):
    """五：6件议案、建议和意见，其中1件重点，3月25日交办，件件有答复."""
    items = Proposal.objects.filter(session__isnull=False, township__name="练溪镇")
    assert items.count() == 6
    assert set(items.values_list("status", flat=True)) == {Status.RATED}
    assert items.filter(is_key=True).get().signers.count() == 5  # the motion: five deputies
    assert {a.meeting.date.isoformat() for p in items for a in p.assignments.all()} == {
        "2024-03-25"
    }
    assert sorted(items.values_list("number", flat=True)) == [1, 1, 2, 3, 4, 5]
