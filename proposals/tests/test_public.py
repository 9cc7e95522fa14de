"""The public page of answered proposals (代表法 Art 58): open without login, only what staff
published, never a phone number, an ID card number, an e-mail address, a rating or anything
unanswered; staff see exactly that before they publish."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals import services
from proposals.masking import mask_personal_data
from proposals.models import AnswerCategory, ProposalField, ProposalSigner
from proposals.selectors import public_items, public_preview, public_proposals
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status

PHONE = "13912345678"
PHONE_WITHHELD = "〔电话号码已隐去〕"
ID_WITHHELD = "〔身份证号码已隐去〕"
EMAIL_WITHHELD = "〔电子邮箱已隐去〕"
UNIT = "镇村镇建设办公室"


@pytest.fixture
def answered(township, staff):
    """A proposal of the township taken through registration and assignment to an answer."""

    def make(
        title, *, township=township, staff=staff, text="已安排资金修缮。", publish=True, unit=None
    ):
        deputy = DeputyFactory(township=township, phone=PHONE, name=f"{title}的代表")
        proposal = ProposalFactory(
            deputy=deputy,
            title=title,
            content=f"联系电话{PHONE}",
            field=ProposalField.objects.get(township=township, name="城乡建设"),
        )
        services.proposal_register(proposal=proposal, by=staff)
        unit = UnitFactory(township=township, name=unit or f"{title}承办单位")
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
    assert PHONE_WITHHELD in page


# Each as a unit or a deputy may type it, none masked by the phone rule the page had before.
SPELLINGS = {
    "full-width digits": ("请拨打１３９１２３４５６７８", PHONE_WITHHELD),
    "a space between every digit": ("请拨打1 3 9 1 2 3 4 5 6 7 8", PHONE_WITHHELD),
    "full-width hyphens": ("请拨打139－1234－5678", PHONE_WITHHELD),
    "+86 typed full-width": ("请拨打＋８６－１３９－１２３４－５６７８", PHONE_WITHHELD),
    "a landline with its area code in brackets": ("请拨打（0578）8123456", PHONE_WITHHELD),
    "an 18-character ID card number ending in X": ("身份证33010219900101123X", ID_WITHHELD),
    "a 15-digit ID card number": ("身份证330102900101123", ID_WITHHELD),
    "an e-mail address": ("请发至zhang.san@example.com", EMAIL_WITHHELD),
    "an e-mail address with a full-width ＠": ("请发至zhangsan＠example.com", EMAIL_WITHHELD),
}


@pytest.mark.parametrize("where", ["title", "answer"])
@pytest.mark.parametrize("spelling", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_personal_data_however_typed_is_masked_on_the_public_page(
    client, township, answered, spelling, where
):
    typed, placeholder = spelling
    if where == "title":
        answered(f"关于五雷街路灯的建议（{typed}）", unit=UNIT)
    else:
        answered("关于五雷街路灯的建议", text=f"已安装路灯。{typed}，周一至周五。", unit=UNIT)
    page = public_page(client, township)
    private = typed[3:]  # what follows 请拨打, 身份证 or 请发至
    assert private not in page
    expected = typed[:3] + placeholder
    assert expected in page
    assert "关于五雷街路灯的建议" in page  # the rest is shown as typed
    if where == "answer":
        assert f"已安装路灯。{expected}，周一至周五。" in page


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("请拨打13912345678咨询", f"请拨打{PHONE_WITHHELD}咨询"),
        ("手机：139 1234 5678", f"手机：{PHONE_WITHHELD}"),
        ("手机：139　1234　5678。", f"手机：{PHONE_WITHHELD}。"),  # ideographic spaces
        ("请拨打139 - 1234 - 5678", f"请拨打{PHONE_WITHHELD}"),
        ("+86-139-1234-5678", PHONE_WITHHELD),
        ("(+86) 139 1234 5678", PHONE_WITHHELD),
        ("008613912345678", PHONE_WITHHELD),
        ("电话0578-8123456。", f"电话{PHONE_WITHHELD}。"),
        ("请拨打0578 8123456", f"请拨打{PHONE_WITHHELD}"),
        ("请拨打010-62345678转801", f"请拨打{PHONE_WITHHELD}转801"),
        ("联系电话：8123456", f"联系电话：{PHONE_WITHHELD}"),
        ("座机号为８１２３４５６", f"座机号为{PHONE_WITHHELD}"),
        ("身份证号330102199001011234，", f"身份证号{ID_WITHHELD}，"),
        ("身份证号33010219900101123x", f"身份证号{ID_WITHHELD}"),
        ("身份证号３３０１０２１９９００１０１１２３Ｘ", f"身份证号{ID_WITHHELD}"),
        ("身份证号330102 19900101 1234", f"身份证号{ID_WITHHELD}"),
        ("邮箱：ZhangSan_1990@163.com。", f"邮箱：{EMAIL_WITHHELD}。"),
        ("邮箱：ｚｈａｎｇ＠ｑｑ．ｃｏｍ。", f"邮箱：{EMAIL_WITHHELD}。"),
        ("邮箱：13912345678@139.com", f"邮箱：{EMAIL_WITHHELD}"),
        # What is not masked is kept as typed, full-width forms included.
        ("（一）请拨打１３９１２３４５６７８。", f"（一）请拨打{PHONE_WITHHELD}。"),
    ],
)
def test_personal_data_in_a_text_is_masked(text, masked):
    assert mask_personal_data(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "投入资金1500000元，2024年6月完工",
        "投入12.5万元",
        "2024年完成",
        "依据〔2024〕12号文件",
        "2024-06-01开工，2024年11月30日前完工",
        "20240601",
        "邮编321000",
        "合计13912345678元",
        "合计¥13912345678",
        "共13912345678.5万元",
        "2023—2025年",
        "上午8:00-12:00",
        "G318国道0.5公里",
        "拨打12345热线",
        "热线电话12345",
        "电话费1500000元",
        "统一社会信用代码91330102MA2CFXXX1X",
    ],
)
def test_ordinary_figures_are_not_masked(text):
    assert mask_personal_data(text) == text


def test_ordinary_figures_are_shown_on_the_public_page(client, township, answered):
    text = "依据〔2024〕12号文件，投入12.5万元，合计13912345678元，2024-06-01开工，邮编321000。"
    answered("关于2024年修缮五雷街的建议", text=text)
    page = public_page(client, township)
    assert "关于2024年修缮五雷街的建议" in page
    assert text in page
    assert "已隐去" not in page


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


def preview_of(html: str) -> str:
    """The public page's preview on a proposal's page."""
    start = html.index('data-testid="public-preview"')
    return html[start : html.index("</details>", start)]


def test_staff_see_the_masked_text_before_publishing(client, township, staff, answered):
    proposal = answered(
        f"关于五雷街路灯的建议（联系{PHONE}）",
        text="已安装。请发至zhangsan＠example.com，身份证号33010219900101123X。",
        publish=False,
        unit=UNIT,
    )
    client.force_login(staff)
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    preview = preview_of(detail)
    assert preview.startswith('data-testid="public-preview" open>')  # unfolded
    assert "预览：公开后公开页面上将展示的内容" in preview
    assert f'关于五雷街路灯的建议（联系<mark data-testid="withheld">{PHONE_WITHHELD}</mark>）' in (
        preview
    )
    assert (
        f'已安装。请发至<mark data-testid="withheld">{EMAIL_WITHHELD}</mark>，身份证号'
        f'<mark data-testid="withheld">{ID_WITHHELD}</mark>。'
    ) in preview
    for private in (PHONE, "zhangsan", "33010219900101123X", "修缮五雷街的代表", "刘主任"):
        assert private not in preview, private
    assert proposal.number_label in preview and "已解决或基本解决" in preview
    # The preview sits with the publish button.
    assert detail.index('data-testid="public-preview"') < detail.index(
        reverse("proposals:publish", args=[proposal.pk])
    )


def test_the_preview_is_what_the_public_page_shows(client, township, staff, answered):
    proposal = answered(
        f"关于五雷街路灯的建议（联系{PHONE}）", text="请拨打1 3 9 1 2 3 4 5 6 7 8", unit=UNIT
    )
    [on_the_page] = public_items(public_proposals(township_id=township.pk))
    assert public_preview(proposal=proposal) == on_the_page
    client.force_login(staff)
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    preview = preview_of(detail)
    assert preview.startswith('data-testid="public-preview">')  # published: folded
    assert "公开页面上展示的内容" in preview and "预览" not in preview
    page = public_page(client, township)
    marked = f'<mark data-testid="withheld">{PHONE_WITHHELD}</mark>'
    for shown in (on_the_page.title, on_the_page.answer):
        assert PHONE_WITHHELD in shown and shown in page
        assert shown.replace(PHONE_WITHHELD, marked) in preview


def test_no_preview_for_those_who_do_not_publish_or_before_an_answer(
    client, township, staff, users, answered
):
    proposal = answered("关于五雷街路灯的建议", publish=False)
    ProposalSigner.objects.create(proposal=proposal, deputy=users[Role.DEPUTY].deputy)
    for role in (Role.MEMBER, Role.DEPUTY):
        client.force_login(users[role])
        detail = client.get(reverse("proposals:detail", args=[proposal.pk]))
        assert 'data-testid="public-preview"' not in detail.content.decode(), role
    unanswered = ProposalFactory(deputy__township=township)
    client.force_login(staff)
    detail = client.get(reverse("proposals:detail", args=[unanswered.pk]))
    assert 'data-testid="public-preview"' not in detail.content.decode()


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
