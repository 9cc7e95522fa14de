"""Merging duplicate suggestions (every signer kept and told) and splitting one that mixes
matters into several."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from congress.models import Notification
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals import services
from proposals.models import Proposal, ProposalField, ProposalSigner
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status
from sessions.tests.factories import CongressSessionFactory

SUBMITTED_AT = timezone.make_aware(datetime.datetime(2024, 1, 21, 10))


@pytest.fixture
def deputy_with_login(township, make_user):
    def make(name):
        return DeputyFactory(township=township, name=name, user=make_user(Role.DEPUTY, township))

    return make


def signer_names(proposal) -> dict[str, bool]:
    return {
        s.deputy.name: s.is_confirmed
        for s in ProposalSigner.objects.filter(proposal=proposal, declined_at__isnull=True)
    }


# ----------------------------------------------------------------------------- merging


@pytest.fixture
def duplicates(township, deputy_with_login):
    """Two suggestions on the same road: the later one, by 王 with 李 confirmed, 张 still asked
    and 陈 declined, duplicates the earlier one by 赵, on which 李 had been asked too."""
    wang, li, zhang, chen, zhao = (
        deputy_with_login(name) for name in ("王建国", "李秀英", "张伟", "陈静", "赵强")
    )
    later = ProposalFactory(deputy=wang, title="修缮五雷街")
    ProposalSigner.objects.create(proposal=later, deputy=li, confirmed_at=SUBMITTED_AT)
    ProposalSigner.objects.create(proposal=later, deputy=zhang)
    ProposalSigner.objects.create(proposal=later, deputy=chen, declined_at=SUBMITTED_AT)
    earlier = ProposalFactory(deputy=zhao, title="五雷街道路改造")
    ProposalSigner.objects.create(proposal=earlier, deputy=li)  # asked, undecided
    return later, earlier


def test_a_duplicate_is_merged_and_its_signers_follow_the_other(staff, duplicates):
    later, earlier = duplicates
    services.proposal_merge(proposal=later, into=earlier, by=staff, note="同一事项")
    later.refresh_from_db()
    assert (later.status, later.merged_into) == (Status.MERGED, earlier)
    step = later.status_changes.last()
    assert (step.to_status, step.note, step.changed_by) == (Status.MERGED, "同一事项", staff)
    # 王 and 李 signed the duplicate: both now confirmed signers of the other; 张 had not
    # confirmed and 陈 had declined, so neither signed anything to carry over.
    assert signer_names(earlier) == {"赵强": True, "王建国": True, "李秀英": True}
    assert ProposalSigner.objects.filter(proposal=earlier, deputy__name="李秀英").count() == 1


def test_every_signer_of_both_is_told_once(staff, duplicates):
    later, earlier = duplicates
    services.proposal_merge(proposal=later, into=earlier, by=staff, note="同一事项")
    told = Notification.objects.filter(kind="proposals.merge")
    assert sorted(n.recipient.deputy.name for n in told) == ["李秀英", "王建国", "赵强"]
    assert {n.subject for n in told} == {"“修缮五雷街”已并入“五雷街道路改造”"}
    assert {n.url for n in told} == {reverse("proposals:detail", args=[earlier.pk])}


def test_the_merged_ones_signers_read_the_other_one(client, staff, duplicates):
    later, earlier = duplicates
    services.proposal_merge(proposal=later, into=earlier, by=staff, note="同一事项")
    client.force_login(later.deputy.user)
    page = client.get(reverse("proposals:detail", args=[later.pk])).content.decode()
    assert "已并入" in page and reverse("proposals:detail", args=[earlier.pk]) in page
    assert client.get(reverse("proposals:detail", args=[earlier.pk])).status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"note": ""}, "请填写此步骤的说明。"),
        ({"into": "self"}, "议案建议不能并入自身。"),
        ({"kind": Proposal.Kind.MOTION}, "只有建议可以并案"),
        ({"target_status": Status.ANSWERED}, "重复的建议只能并入仍在办理中"),
        ({"target_status": Status.MERGED}, "重复的建议只能并入仍在办理中"),
        ({"status": Status.ASSIGNED}, "不能变为"),
        ({"status": Status.DRAFT}, "不能变为"),
        ({"foreign": True}, "属于其他乡镇"),
    ],
)
def test_a_merge_is_refused_in_chinese_and_changes_nothing(
    staff, township, duplicates, change, message
):
    later, earlier = duplicates
    if "kind" in change:
        Proposal.objects.filter(pk=later.pk).update(kind=change["kind"])
    if "status" in change:
        Proposal.objects.filter(pk=later.pk).update(status=change["status"])
    if "target_status" in change:
        Proposal.objects.filter(pk=earlier.pk).update(status=change["target_status"])
    later.refresh_from_db()
    into = Proposal.objects.get(pk=earlier.pk)
    if change.get("into") == "self":
        into = later
    if change.get("foreign"):
        into = ProposalFactory(deputy__township=TownshipFactory(), title="外镇的建议")
    with pytest.raises(ValidationError) as refused:
        services.proposal_merge(
            proposal=later, into=into, by=staff, note=change.get("note", "同一事项")
        )
    assert message in " ".join(refused.value.messages)
    later.refresh_from_db()
    assert later.merged_into is None and later.status != Status.MERGED
    assert set(signer_names(earlier)) == {"赵强", "李秀英"}
    assert not Notification.objects.filter(kind="proposals.merge").exists()


def test_staff_merge_from_the_page_reached_from_the_detail_page(client, staff, duplicates):
    later, earlier = duplicates
    client.force_login(staff)
    detail = client.get(reverse("proposals:detail", args=[later.pk])).content.decode()
    assert reverse("proposals:merge", args=[later.pk]) in detail
    form = client.get(reverse("proposals:merge", args=[later.pk])).content.decode()
    assert "五雷街道路改造" in form
    response = client.post(
        reverse("proposals:merge", args=[later.pk]), {"into": earlier.pk, "note": ""}
    )
    assert "请填写此步骤的说明。" in response.content.decode() or "这个字段是必填项" in (
        response.content.decode()
    )
    response = client.post(
        reverse("proposals:merge", args=[later.pk]),
        {"into": earlier.pk, "note": "同一事项"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("proposals:detail", args=[earlier.pk])
    assert "“修缮五雷街”已并入“五雷街道路改造”，已通知联名代表。" in response.content.decode()


def test_a_proposal_of_another_township_is_not_offered_as_target(
    client, staff, township, duplicates
):
    later, _earlier = duplicates
    foreign = ProposalFactory(deputy__township=TownshipFactory(), title="外镇的建议")
    client.force_login(staff)
    response = client.post(
        reverse("proposals:merge", args=[later.pk]), {"into": foreign.pk, "note": "同一事项"}
    )
    assert "选择一个有效的选项" in response.content.decode()
    later.refresh_from_db()
    assert later.status == Status.SUBMITTED


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT])
def test_only_staff_merge_or_split(client, users, township, role):
    proposal = ProposalFactory(deputy=users[Role.DEPUTY].deputy)
    client.force_login(users[role])
    for name in ("proposals:merge", "proposals:split"):
        assert client.get(reverse(name, args=[proposal.pk])).status_code == 403
        assert client.post(reverse(name, args=[proposal.pk])).status_code == 403
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert 'data-testid="staff-tools"' not in page


def test_a_proposal_of_another_township_cannot_be_merged_or_split(client, staff):
    foreign = ProposalFactory(deputy__township=TownshipFactory())
    client.force_login(staff)
    for name in ("proposals:merge", "proposals:split"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404


# ----------------------------------------------------------------------------- splitting


@pytest.fixture
def mixed(township, deputy_with_login):
    """A suggestion of the January session that asks for two unrelated things."""
    lead, cosigner, asked = (deputy_with_login(n) for n in ("王建国", "李秀英", "张伟"))
    proposal = ProposalFactory(
        deputy=lead,
        title="关于道路和学校的建议",
        content="一、修缮村道。二、扩建小学。",
        session=CongressSessionFactory(township=township),
        field=ProposalField.objects.get(township=township, name="城乡建设"),
        submitted_at=SUBMITTED_AT,
    )
    ProposalSigner.objects.create(proposal=proposal, deputy=cosigner, confirmed_at=SUBMITTED_AT)
    ProposalSigner.objects.create(proposal=proposal, deputy=asked, declined_at=SUBMITTED_AT)
    return proposal


PARTS = [
    services.SplitPart("关于修缮村道的建议", "村道破损。", "安排资金修缮。"),
    services.SplitPart("关于扩建小学的建议", "教室不足。"),
]


def test_a_mixed_proposal_is_split_into_new_ones_with_the_same_signers(staff, mixed):
    made = services.proposal_split(proposal=mixed, parts=PARTS, by=staff, note="一事一议")
    assert [p.title for p in made] == ["关于修缮村道的建议", "关于扩建小学的建议"]
    for new, part in zip(made, PARTS, strict=True):
        new.refresh_from_db()
        assert (new.content, new.solution) == (part.content, part.solution)
        assert new.status == Status.SUBMITTED and new.split_from == mixed
        assert (new.kind, new.field, new.session, new.deputy, new.township) == (
            mixed.kind,
            mixed.field,
            mixed.session,
            mixed.deputy,
            mixed.township,
        )
        assert new.submitted_at == SUBMITTED_AT  # the day the deputies handed it in
        assert signer_names(new) == {"王建国": True, "李秀英": True}  # not the one who declined
        assert new.signers.get(is_lead=True).deputy == mixed.deputy
        steps = list(new.status_changes.values_list("to_status", "note"))
        assert steps == [
            (Status.DRAFT, "由“关于道路和学校的建议”拆分而来"),
            (Status.SUBMITTED, "由“关于道路和学校的建议”拆分而来"),
        ]
        assert new.number is None  # registered later, each under its own number
    mixed.refresh_from_db()
    assert mixed.status == Status.NOT_REGISTERED
    assert mixed.status_changes.last().note == (
        "一事一议\n已拆分为“关于修缮村道的建议”、“关于扩建小学的建议”。"
    )


def test_the_signers_are_told_and_find_the_new_ones(client, staff, mixed):
    made = services.proposal_split(proposal=mixed, parts=PARTS, by=staff)
    told = Notification.objects.filter(kind="proposals.split")
    assert sorted(n.recipient.deputy.name for n in told) == ["李秀英", "王建国"]
    assert {n.subject for n in told} == {"“关于道路和学校的建议”已拆分为2件议案建议"}
    client.force_login(mixed.deputy.user)
    page = client.get(reverse("proposals:detail", args=[mixed.pk])).content.decode()
    for new in made:
        assert reverse("proposals:detail", args=[new.pk]) in page
    page = client.get(reverse("proposals:detail", args=[made[0].pk])).content.decode()
    assert "拆分自" in page and reverse("proposals:detail", args=[mixed.pk]) in page


def test_each_new_one_is_registered_on_its_own(staff, mixed):
    made = services.proposal_split(proposal=mixed, parts=PARTS, by=staff)
    numbers = [services.proposal_register(proposal=p, by=staff).number for p in made]
    assert numbers == [1, 2]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (PARTS[:1], "请至少拆分为两件。"),
        ([PARTS[0], PARTS[0]], "拆分后的每件议案建议须有各自的标题。"),
        ([PARTS[0], services.SplitPart("关于扩建小学的建议", "  ")], "第2件：内容"),
        ([PARTS[0], services.SplitPart("关于\u202e小学的建议", "教室不足。")], "第2件："),
    ],
)
def test_a_bad_split_is_refused_in_chinese_and_makes_nothing(staff, mixed, parts, message):
    with pytest.raises(ValidationError) as refused:
        services.proposal_split(proposal=mixed, parts=parts, by=staff)
    assert message in " ".join(refused.value.messages)
    assert not Proposal.objects.filter(split_from=mixed).exists()
    mixed.refresh_from_db()
    assert mixed.status == Status.SUBMITTED


def test_a_motion_is_split_into_motions_each_with_its_solution(staff, township, mixed):
    signers = [DeputyFactory(township=township) for _n in range(3)]
    for deputy in signers:
        ProposalSigner.objects.create(proposal=mixed, deputy=deputy, confirmed_at=SUBMITTED_AT)
    Proposal.objects.filter(pk=mixed.pk).update(kind=Proposal.Kind.MOTION, solution="方案")
    mixed.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.proposal_split(proposal=mixed, parts=PARTS, by=staff)
    assert refused.value.messages == ["第2件：方案：议案须写明案由、案据和方案。"]
    assert not Proposal.objects.filter(split_from=mixed).exists()
    parts = [PARTS[0], services.SplitPart("关于扩建小学的建议", "教室不足。", "扩建教学楼。")]
    made = services.proposal_split(proposal=mixed, parts=parts, by=staff)
    assert {p.kind for p in made} == {Proposal.Kind.MOTION}


def test_only_a_submitted_proposal_is_split(client, staff, mixed):
    services.proposal_register(proposal=mixed, by=staff)
    with pytest.raises(ValidationError) as refused:
        services.proposal_split(proposal=mixed, parts=PARTS, by=staff)
    assert "只有已提交、尚未登记的议案建议可以拆分" in refused.value.messages[0]
    client.force_login(staff)
    response = client.get(reverse("proposals:split", args=[mixed.pk]), follow=True)
    assert "已登记的议案建议不能拆分" in response.content.decode()
    page = client.get(reverse("proposals:detail", args=[mixed.pk])).content.decode()
    assert reverse("proposals:split", args=[mixed.pk]) not in page


def test_a_unit_cannot_split_through_the_service(users, mixed):
    with pytest.raises(ValidationError):
        services.proposal_split(proposal=mixed, parts=PARTS, by=users[Role.UNIT])


def test_staff_split_from_the_page(client, staff, mixed):
    client.force_login(staff)
    detail = client.get(reverse("proposals:detail", args=[mixed.pk])).content.decode()
    assert reverse("proposals:split", args=[mixed.pk]) in detail
    page = client.get(reverse("proposals:split", args=[mixed.pk]) + "?parts=3").content.decode()
    assert 'name="form-TOTAL_FORMS" value="3"' in page
    assert "关于道路和学校的建议" in page  # the first part starts from the original
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "2",
        "form-MAX_NUM_FORMS": "10",
        "form-0-title": "关于修缮村道的建议",
        "form-0-content": "村道破损。",
        "form-0-solution": "",
        "form-1-title": "",
        "form-1-content": "",
        "form-1-solution": "",
        "note": "",
    }
    response = client.post(reverse("proposals:split", args=[mixed.pk]), data)
    assert "这个字段是必填项" in response.content.decode()
    assert not Proposal.objects.filter(split_from=mixed).exists()
    data.update({"form-1-title": "关于扩建小学的建议", "form-1-content": "教室不足。"})
    response = client.post(reverse("proposals:split", args=[mixed.pk]), data, follow=True)
    assert "“关于道路和学校的建议”已拆分为2件新的议案建议，请逐件登记。" in (
        response.content.decode()
    )
    assert Proposal.objects.filter(split_from=mixed).count() == 2


def test_the_detail_page_reads_its_links_in_one_query(
    client, staff, mixed, django_assert_num_queries
):
    """The merge and split part of the page costs one query however many links it shows."""
    services.proposal_split(proposal=mixed, parts=PARTS, by=staff)
    from django.template.loader import render_to_string

    from proposals.views.merging import staff_tools_context

    with django_assert_num_queries(1):
        context = staff_tools_context(proposal=mixed, user=staff)
        text = render_to_string(
            "proposals/partials/_merge_split.html", {"proposal": mixed, **context}
        )
    assert [p.title for p in context["tools"]["split_into"]] == [
        "关于修缮村道的建议",
        "关于扩建小学的建议",
    ]
    assert "关于修缮村道的建议" in text and "关于扩建小学的建议" in text


def test_a_unit_is_not_shown_proposals_it_may_not_read(staff, township, mixed, make_user):
    """The links follow what the reader may see: a unit sees none of a submitted one's."""
    made = services.proposal_split(proposal=mixed, parts=PARTS, by=staff)
    unit = UnitFactory(township=township)
    from proposals.selectors import proposal_relations

    unit_user = make_user(Role.UNIT, township, unit=unit)
    assert proposal_relations(proposal=made[0], user=unit_user)["split_from"] is None
    assert proposal_relations(proposal=made[0], user=staff)["split_from"] == mixed
