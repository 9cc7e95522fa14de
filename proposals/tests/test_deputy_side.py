"""The deputy's side: duplicate hints while a title is typed, "my proposals" with what each
asks of them, and the rating form's 不满意 without reasons."""

import re

import pytest
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory, Proposal, ProposalField, ProposalSigner, Rating
from proposals.selectors.deputy import my_proposals, similar_proposals, title_pairs
from proposals.services import (
    proposal_answer,
    proposal_assign,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_move,
    proposal_publish,
    proposal_rate,
    proposal_register,
)
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status


@pytest.fixture
def deputy_user(users):
    return users[Role.DEPUTY]


@pytest.fixture
def staff(users):
    return users[Role.STAFF]


@pytest.fixture
def other_deputy_user(township, make_user):
    user = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=user)
    return user


def checked(html: str, name: str) -> list[str]:
    """The values of the ticked radio buttons named `name` in a page."""
    inputs = re.findall(r"<input[^>]*>", html)
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in inputs
        if f'name="{name}"' in tag and re.search(r"\schecked[\s>]", tag)
    ]


def submitted(township, title, **extra):
    return ProposalFactory(deputy__township=township, title=title, **extra)


# ----------------------------------------------------------------------------- similar titles


def test_a_title_is_compared_by_its_pairs_of_characters_without_the_common_words():
    assert title_pairs("关于修缮五雷街道路的建议") == [
        "修缮",
        "缮五",
        "五雷",
        "雷街",
        "街道",
        "道路",
    ]
    # Never across a joining character (的, 和): 路和 and 和路 say nothing.
    assert title_pairs("关于加强道路和桥梁管理的意见") == ["道路", "桥梁", "梁管", "管理"]
    assert title_pairs("关于G318国道5G信号覆盖的建议") == [
        "国道",
        "信号",
        "号覆",
        "覆盖",
        "G318",
        "5G",
    ]
    assert title_pairs("关于建议的意见") == []  # nothing but common words


def test_similar_titles_are_ranked_by_shared_pairs_then_newest(township, staff):
    road = submitted(township, "关于修缮五雷街道路的建议")  # shares 6 pairs
    drainage = submitted(township, "关于五雷街排水的建议")  # 五雷 雷街 排水: 3
    older_drainage = submitted(township, "关于五雷街排水沟的建议")  # also 3, older
    older_drainage.submitted_at = drainage.submitted_at.replace(year=2023)
    older_drainage.save(update_fields=["submitted_at"])
    submitted(township, "关于修缮村道的建议")  # 修缮 only: one pair is not enough
    submitted(township, "关于加强学校安全的建议")  # nothing in common

    found = similar_proposals(user=staff, title="关于修缮五雷街道路排水的建议")

    assert [(p.pk, p.shared) for p in found.shown] == [
        (road.pk, 6),
        (drainage.pk, 3),
        (older_drainage.pk, 3),
    ]
    assert found.others == 0


def test_at_most_five_are_shown_and_a_one_pair_title_needs_that_pair(township, staff, deputy_user):
    for n in range(7):
        submitted(township, f"关于第{n}处路灯的建议")
    assert len(similar_proposals(user=staff, title="路灯").shown) == 5
    assert not similar_proposals(user=staff, title="关于的建议")
    # Another deputy's are counted, all of them.
    hints = similar_proposals(user=deputy_user, title="路灯")
    assert (hints.shown, hints.others) == ([], 7)


def test_a_deputy_never_sees_another_deputys_draft_there(
    client, township, deputy_user, other_deputy_user
):
    """Drafts (and withdrawn drafts) are their signers' alone, not even counted; another
    deputy's submitted proposal is only counted; other townships never."""
    theirs = proposal_draft_save(
        deputy=other_deputy_user.deputy,
        by=other_deputy_user,
        title="关于整治五雷街违章停车的建议（草稿）",
        content="c",
    )
    withdrawn = proposal_draft_save(
        deputy=other_deputy_user.deputy,
        by=other_deputy_user,
        title="关于整治五雷街违章停车的建议（撤回）",
        content="c",
    )
    proposal_move(proposal=withdrawn, move="withdraw", by=other_deputy_user)
    others_submitted = submitted(township, "关于整治五雷街违章停车的建议")
    own = submitted(township, "关于五雷街违章停车收费的建议", deputy=deputy_user.deputy)
    submitted(TownshipFactory(), "关于整治五雷街违章停车的建议（他镇）")

    client.force_login(deputy_user)
    response = client.get(reverse("proposals:similar"), {"title": "整治五雷街违章停车"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "草稿" not in text and "撤回" not in text and "他镇" not in text
    assert theirs.title not in text and others_submitted.title not in text
    assert reverse("proposals:detail", args=[others_submitted.pk]) not in text
    assert "另有1件相近的议案建议已提交，是否属于同一事项，可向人大办咨询。" in text
    assert own.title in text and reverse("proposals:detail", args=[own.pk]) in text
    found = similar_proposals(user=deputy_user, title="整治五雷街违章停车")
    assert ([p.pk for p in found.shown], found.others) == ([own.pk], 1)


@pytest.fixture
def similar_world(township, users, deputy_user, other_deputy_user):
    """Proposals on the 五雷街 parking matter: the deputy's own, one they were asked to
    co-sign, two of another deputy's (registered, so numbered, in two fields), one without a
    field, and one answered and published with a phone number in its title."""
    staff, unit_user = users[Role.STAFF], users[Role.UNIT]
    field = {f.name: f for f in ProposalField.objects.filter(township=township)}
    other = other_deputy_user.deputy
    other.name = "王另一代表"
    other.save(update_fields=["name"])
    world = {
        "own": submitted(township, "关于五雷街违章停车收费的建议", deputy=deputy_user.deputy),
        "cosigned": submitted(township, "关于五雷街违章停车划线的建议", deputy=other),
        "farming": submitted(
            township, "关于五雷街违章停车占用农田的建议", deputy=other, field=field["农业农村"]
        ),
        "building": submitted(
            township, "关于整治五雷街违章停车的建议", deputy=other, field=field["城乡建设"]
        ),
        "no_field": submitted(township, "关于五雷街违章停车罚款的建议", deputy=other),
        "published": submitted(
            township, "关于五雷街违章停车举报电话13912345678的建议", deputy=other
        ),
    }
    ProposalSigner.objects.create(proposal=world["cosigned"], deputy=deputy_user.deputy)
    for key in ("farming", "building"):
        proposal_register(proposal=world[key], by=staff)
        world[key].refresh_from_db()
    _answered(world["published"], staff, unit_user)
    proposal_publish(proposal=world["published"], by=staff, published=True)
    return world


def test_a_deputy_reads_no_title_number_or_state_of_what_they_may_not_open(
    client, township, deputy_user, similar_world
):
    client.force_login(deputy_user)
    response = client.get(reverse("proposals:similar"), {"title": "整治五雷街违章停车"})
    text = response.content.decode()
    for hidden in ("farming", "building", "no_field"):
        proposal = similar_world[hidden]
        assert proposal.title not in text, hidden
        assert reverse("proposals:detail", args=[proposal.pk]) not in text, hidden
    for number in (similar_world["farming"].number_label, similar_world["building"].number_label):
        assert number and number not in text
    assert "已登记" not in text and "王另一代表" not in text
    # Counted, with their fields, the one without a field counted too.
    assert (
        "另有3件相近的议案建议已提交（领域：城乡建设、农业农村），是否属于同一事项，"
        "可向人大办咨询。"
    ) in text
    # What they may open: title, state and a link to its page.
    for mine in ("own", "cosigned"):
        proposal = similar_world[mine]
        assert proposal.title in text, mine
        assert reverse("proposals:detail", args=[proposal.pk]) in text, mine
    assert "已提交" in text
    # On the public page: the public page's title (masked) and a link to that page.
    published = similar_world["published"]
    assert "关于五雷街违章停车举报电话〔电话号码已隐去〕的建议" in text
    assert "13912345678" not in text
    assert reverse("proposals:detail", args=[published.pk]) not in text
    assert reverse("public:proposals", args=[township.pk]) in text
    assert "答复已公开" in text


def test_staff_see_every_title_in_the_hints(client, staff, similar_world):
    client.force_login(staff)
    text = client.get(
        reverse("proposals:similar"), {"title": "整治五雷街违章停车"}
    ).content.decode()
    # The five best of six, each with its title and page; nothing left to count.
    assert text.count('href="/proposals/') == 5
    for key in ("building", "farming"):
        assert similar_world[key].title in text and similar_world[key].number_label in text
    assert "另有" not in text
    found = similar_proposals(user=staff, title="整治五雷街违章停车", limit=10)
    assert {p.pk for p in found.shown} == {p.pk for p in similar_world.values()}
    assert found.others == 0


def test_the_draft_being_edited_is_not_its_own_duplicate(client, township, deputy_user):
    proposal = submitted(township, "关于修缮五雷街道路的建议", deputy=deputy_user.deputy)
    client.force_login(deputy_user)
    url = reverse("proposals:similar")
    query = {"title": proposal.title, "exclude": proposal.pk}
    assert client.get(url, query).content.decode().strip() == ""
    assert client.get(url, {"title": "短"}).content.decode().strip() == ""


def test_the_hints_take_the_same_queries_however_many_proposals_match(
    client, township, deputy_user, similar_world, django_assert_num_queries
):
    client.force_login(deputy_user)
    url = reverse("proposals:similar")
    # The session, the user, their permissions (2), the titles shown, the others counted.
    with django_assert_num_queries(6):
        client.get(url, {"title": "五雷街违章停车"})
    for n in range(20):
        submitted(township, f"关于五雷街违章停车第{n}段的建议")
        submitted(township, f"关于五雷街违章停车第{n}处的建议", deputy=deputy_user.deputy)
    with django_assert_num_queries(6):
        text = client.get(url, {"title": "五雷街违章停车"}).content.decode()
    assert "另有23件相近的议案建议已提交" in text


def test_only_those_who_draft_ask_for_hints(client, users):
    url = reverse("proposals:similar")
    for role, status in {
        Role.DEPUTY: 200,
        Role.STAFF: 200,
        Role.MEMBER: 403,
        Role.UNIT: 403,
        Role.COUNTY: 403,
    }.items():
        client.force_login(users[role])
        assert client.get(url, {"title": "道路"}).status_code == status, role
    client.logout()
    assert client.get(url, {"title": "道路"}).status_code == 302


def test_the_draft_form_carries_the_hints_box_and_its_script(client, deputy_user):
    client.force_login(deputy_user)
    text = client.get(reverse("proposals:create")).content.decode()
    assert 'data-similar-url="/proposals/similar/"' in text
    assert "js/similar_proposals.js" in text


# ----------------------------------------------------------------------------- my proposals


def _answered(proposal, staff, unit_user):
    proposal_register(proposal=proposal, by=staff)
    proposal_assign(proposal=proposal, unit=unit_user.unit, by=staff)
    proposal_answer(
        proposal=proposal,
        by=unit_user,
        category=AnswerCategory.objects.get(township=proposal.township, code="A"),
        text="已解决。",
    )
    proposal.refresh_from_db()
    return proposal


def test_my_proposals_say_what_each_asks_of_me(
    client, township, users, deputy_user, other_deputy_user
):
    staff, unit_user = users[Role.STAFF], users[Role.UNIT]
    me = deputy_user.deputy
    my_draft = proposal_draft_save(deputy=me, by=deputy_user, title="我的草稿", content="c")
    to_cosign = proposal_draft_save(
        deputy=other_deputy_user.deputy, by=other_deputy_user, title="请我附议", content="c"
    )
    proposal_cosigners_invite(proposal=to_cosign, deputies=[me], by=other_deputy_user)
    to_rate = _answered(
        proposal_draft_submit(
            proposal=proposal_draft_save(deputy=me, by=deputy_user, title="待评价", content="c"),
            by=deputy_user,
        ),
        staff,
        unit_user,
    )
    rated = _answered(ProposalFactory(deputy=me, title="已评价"), staff, unit_user)
    proposal_rate(proposal=rated, by=deputy_user, attitude="satisfied", result="satisfied")
    not_mine = proposal_draft_save(
        deputy=other_deputy_user.deputy, by=other_deputy_user, title="别人的草稿", content="c"
    )

    rows = {p.title: p for p in my_proposals(user=deputy_user)}

    assert set(rows) == {"我的草稿", "请我附议", "待评价", "已评价"}
    asks = {t: (p.asks_submit, p.asks_cosign, p.asks_rating) for t, p in rows.items()}
    assert asks == {
        "我的草稿": (True, False, False),
        "请我附议": (False, True, False),
        "待评价": (False, False, True),
        "已评价": (False, False, False),
    }
    assert rows["请我附议"].is_lead_signer is False and rows["我的草稿"].is_lead_signer
    assert not_mine.pk in {p.pk for p in my_proposals(user=other_deputy_user)}

    client.force_login(deputy_user)
    page = client.get(reverse("proposals:mine")).content.decode()
    assert "请评价办理答复" in page and "请于" in page and "草稿：可随时提交" in page
    assert "别人的草稿" not in page
    assert my_draft.title in page and to_rate.title in page


def test_a_co_signer_who_confirmed_is_asked_to_rate_and_one_who_declined_is_not(
    township, users, deputy_user, other_deputy_user, make_user
):
    staff, unit_user = users[Role.STAFF], users[Role.UNIT]
    declining = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=declining)
    proposal = proposal_draft_save(
        deputy=other_deputy_user.deputy, by=other_deputy_user, title="联名建议", content="c"
    )
    mine, theirs = proposal_cosigners_invite(
        proposal=proposal, deputies=[deputy_user.deputy, declining.deputy], by=other_deputy_user
    )
    from proposals.services import proposal_cosign

    proposal_cosign(signer=mine, by=deputy_user, confirm=True)
    proposal_cosign(signer=theirs, by=declining, confirm=False)
    proposal_draft_submit(proposal=proposal, by=other_deputy_user)
    _answered(proposal, staff, unit_user)
    assert my_proposals(user=deputy_user).get().asks_rating is True
    row = my_proposals(user=declining).get()
    assert (row.asks_rating, row.declined) == (False, True)


def test_my_proposals_take_the_same_queries_for_many(
    client, township, deputy_user, other_deputy_user, django_assert_max_num_queries
):
    me = deputy_user.deputy
    for n in range(30):
        ProposalFactory(deputy=me, title=f"建议{n}")
        if n % 3 == 0:
            proposal_cosigners_invite(
                proposal=proposal_draft_save(
                    deputy=other_deputy_user.deputy,
                    by=other_deputy_user,
                    title=f"草稿{n}",
                    content="c",
                ),
                deputies=[me],
                by=other_deputy_user,
            )
    client.force_login(deputy_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("proposals:mine"))
    assert response.content.decode().count('data-testid="state"') == 40


def test_only_deputies_have_a_list_of_their_own(client, users):
    for role in (Role.STAFF, Role.MEMBER, Role.UNIT, Role.COUNTY):
        client.force_login(users[role])
        assert client.get(reverse("proposals:mine")).status_code == 403, role
    client.force_login(users[Role.DEPUTY])
    assert "您还没有议案建议" in client.get(reverse("proposals:mine")).content.decode()


# ----------------------------------------------------------------------------- the rating form


def test_not_satisfied_without_reasons_keeps_the_form_with_a_chinese_error(
    client, township, users, deputy_user
):
    proposal = ProposalFactory(deputy=deputy_user.deputy, title="关于路灯的建议")
    _answered(proposal, users[Role.STAFF], users[Role.UNIT])
    client.force_login(deputy_user)
    detail = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    url = reverse("proposals:move", args=[proposal.pk, "rate"])
    assert f'action="{url}"' in detail

    response = client.post(url, {"attitude": "satisfied", "result": "unsatisfied", "reasons": " "})

    assert response.status_code == 200
    text = response.content.decode()
    assert "请说明不满意的理由" in text
    assert checked(text, "attitude") == ["satisfied"]  # what was chosen is kept
    assert checked(text, "result") == ["unsatisfied"]
    form = response.context["form"]
    assert form.data["result"] == "unsatisfied" and "reasons" in form.errors
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED and not Rating.objects.exists()

    response = client.post(
        url, {"attitude": "satisfied", "result": "unsatisfied", "reasons": "路灯仍未安装。"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ASSIGNED
    assert Proposal.objects.get(pk=proposal.pk).status_changes.last().note == "路灯仍未安装。"
