"""The public page of answered proposals (代表法 Art 58): open without login, only what staff
published, never a phone number, a rating or anything unanswered."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals import services
from proposals.models import AnswerCategory, ProposalField, ProposalSigner
from proposals.selectors import mask_phone_numbers
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status

PHONE = "13912345678"


@pytest.fixture
def answered(township, staff):
    """A proposal of the township taken through registration and assignment to an answer."""

    def make(title, *, township=township, staff=staff, text="已安排资金修缮。", publish=True):
        deputy = DeputyFactory(township=township, phone=PHONE, name=f"{title}的代表")
        proposal = ProposalFactory(
            deputy=deputy,
            title=title,
            content=f"联系电话{PHONE}",
            field=ProposalField.objects.get(township=township, name="城乡建设"),
        )
        services.proposal_register(proposal=proposal, by=staff)
        unit = UnitFactory(township=township, name=f"{title}承办单位")
        services.proposal_assign(proposal=proposal, unit=unit, by=staff)
        services.proposal_answer(
            proposal=proposal,
            by=staff,
            category=AnswerCategory.objects.get(township=township, code="A"),
            text=text,
            contact_person="刘主任",
        )
        if publish:
            services.proposal_publish(proposal=proposal, by=staff, published=True)
        return proposal

    return make


def public_page(client, township) -> str:
    response = client.get(reverse("public:proposals", args=[township.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_reads_the_published_answers_without_logging_in(client, township, answered):
    proposal = answered("修缮五雷街", text="已列入今年计划，五月开工。")
    page = public_page(client, township)
    for text in (
        "修缮五雷街",
        proposal.number_label,
        "城乡建设",
        "修缮五雷街承办单位",
        "已解决或基本解决",
        "已列入今年计划，五月开工。",
    ):
        assert text in page, text
    assert township.name in page


def test_what_is_unpublished_unanswered_or_elsewhere_never_appears(
    client, township, staff, answered, make_user
):
    answered("公开的建议")
    answered("未公开的建议", publish=False)
    returned = answered("答复被退回的建议")
    services.proposal_return_answer(proposal=returned, by=staff, note="答复不具体")
    ProposalFactory(deputy__township=township, title="刚提交的建议", published=True)
    ProposalFactory(
        deputy__township=township, title="代表的草稿", status=Status.DRAFT, published=True
    )
    other = TownshipFactory()
    answered("外镇公开的建议", township=other, staff=make_user(Role.STAFF, other))
    page = public_page(client, township)
    assert "公开的建议" in page
    for title in (
        "未公开的建议",
        "答复被退回的建议",
        "刚提交的建议",
        "代表的草稿",
        "外镇公开的建议",
    ):
        assert title not in page, title


def test_no_phone_number_rating_or_name_appears(client, township, staff, answered):
    proposal = answered("修缮五雷街", text=f"请与刘主任联系（手机{PHONE}，电话0578-8123456）。")
    signer = proposal.signers.get(is_lead=True)
    services.proposal_rate(
        proposal=proposal,
        by=staff,
        on_behalf_of=signer.deputy,
        attitude="unsatisfied",
        result="unsatisfied",
        reasons="答复敷衍，未见行动",
    )
    # Unsatisfied: back to the unit; answered again, and published still.
    services.proposal_answer(
        proposal=proposal,
        by=staff,
        category=AnswerCategory.objects.get(township=township, code="B"),
        text=f"正在施工，联系电话{PHONE}。",
    )
    page = public_page(client, township)
    assert "正在施工" in page and "正在解决" in page
    for private in (
        PHONE,
        "0578-8123456",
        "8123456",
        "答复敷衍",
        "不满意",
        "修缮五雷街的代表",  # the deputy's name
        "刘主任",  # who met the deputy
        "联系电话1",  # the proposal's content is not shown at all
    ):
        assert private not in page, private
    assert "[电话号码已隐去]" in page


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("请拨打13912345678咨询", "请拨打[电话号码已隐去]咨询"),
        ("手机：139 1234 5678", "手机：[电话号码已隐去]"),
        ("+86-139-1234-5678", "[电话号码已隐去]"),
        ("电话0578-8123456。", "电话[电话号码已隐去]。"),
        ("联系电话：8123456", "联系电话：[电话号码已隐去]"),
        ("投入资金1500000元，2024年6月完工", "投入资金1500000元，2024年6月完工"),
    ],
)
def test_phone_numbers_in_a_text_are_masked(text, masked):
    assert mask_phone_numbers(text) == masked


def test_a_township_that_published_nothing_has_no_page(client, township, answered):
    answered("未公开的建议", publish=False)
    assert client.get(reverse("public:proposals", args=[township.pk])).status_code == 404
    assert client.get(reverse("public:proposals", args=[999_999])).status_code == 404


def test_the_public_page_takes_no_post(client, township, answered):
    answered("公开的建议")
    assert client.post(reverse("public:proposals", args=[township.pk])).status_code == 405


def test_the_public_page_reads_a_fixed_number_of_queries(
    client, township, answered, django_assert_max_num_queries
):
    for n in range(12):
        answered(f"第{n}件建议")
    with django_assert_max_num_queries(5):
        page = public_page(client, township)
    assert page.count('data-testid="public-item"') == 12


# ----------------------------------------------------------------------------- publishing


def test_staff_publish_and_withdraw_from_the_detail_page(client, township, staff, answered):
    proposal = answered("修缮五雷街", publish=False)
    client.force_login(staff)
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert reverse("proposals:publish", args=[proposal.pk]) in detail
    response = client.post(
        reverse("proposals:publish", args=[proposal.pk]), {"published": "1"}, follow=True
    )
    assert "已在公开页面展示。" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.published
    assert proposal.history.first().published  # the change is in the history
    client.post(reverse("proposals:publish", args=[proposal.pk]), {"published": "0"})
    proposal.refresh_from_db()
    assert not proposal.published


def test_an_unanswered_proposal_cannot_be_published(client, township, staff):
    proposal = ProposalFactory(deputy__township=township)
    with pytest.raises(ValidationError) as refused:
        services.proposal_publish(proposal=proposal, by=staff, published=True)
    assert refused.value.messages == ["只有已答复的议案建议可以连同答复公开（现为已提交）。"]
    client.force_login(staff)
    response = client.post(
        reverse("proposals:publish", args=[proposal.pk]), {"published": "1"}, follow=True
    )
    assert "只有已答复的议案建议可以连同答复公开" in response.content.decode()
    proposal.refresh_from_db()
    assert not proposal.published


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_only_staff_publish(client, users, township, answered, role):
    proposal = answered("修缮五雷街", publish=False)
    ProposalSigner.objects.create(proposal=proposal, deputy=users[Role.DEPUTY].deputy)
    client.force_login(users[role])
    response = client.post(reverse("proposals:publish", args=[proposal.pk]), {"published": "1"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert not proposal.published


def test_staff_of_another_township_cannot_publish(client, answered, make_user):
    proposal = answered("修缮五雷街", publish=False)
    other_staff = make_user(Role.STAFF, TownshipFactory())
    client.force_login(other_staff)
    response = client.post(reverse("proposals:publish", args=[proposal.pk]), {"published": "1"})
    assert response.status_code == 404
    with pytest.raises(ValidationError):
        services.proposal_publish(proposal=proposal, by=other_staff, published=True)
