"""The lists staff keep: the township's proposal fields and its answer categories' names."""

from uuid import uuid4

import pytest
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from proposals.forms import DraftForm, RegisterForm
from proposals.models import AnswerCategory, ProposalField
from proposals.tests.factories import ProposalFactory
from proposals.workflow import PROPOSAL_WORKFLOW

DEFAULTS = ["城乡建设", "生态环境", "社会事业", "农业农村", "经济发展", "其他"]


def names(township, **filters) -> list[str]:
    return list(
        ProposalField.objects.filter(township=township, **filters)
        .order_by("order", "pk")
        .values_list("name", flat=True)
    )


def test_staff_add_a_field_at_the_end(client, staff, township):
    client.force_login(staff)
    response = client.post(reverse("proposals:fields"), {"name": " 乡村振兴 "}, follow=True)
    assert "已添加领域“乡村振兴”。" in response.content.decode()
    assert names(township) == [*DEFAULTS, "乡村振兴"]


def test_a_double_click_adds_one_field(client, staff, township):
    client.force_login(staff)
    data = {"name": "乡村振兴", "submission_token": str(uuid4())}
    client.post(reverse("proposals:fields"), data)
    second = client.post(reverse("proposals:fields"), data, follow=True)
    assert names(township).count("乡村振兴") == 1
    assert "这张表单已经提交过，没有重复保存。" in second.content.decode()


def test_a_field_of_the_same_name_is_refused_in_chinese(client, staff, township):
    client.force_login(staff)
    response = client.post(reverse("proposals:fields"), {"name": "城乡建设"})
    assert "该领域已存在。" in response.content.decode()
    assert names(township) == DEFAULTS
    other = TownshipFactory()  # another township may have the same name
    assert "城乡建设" in names(other)


def test_staff_rename_a_field_or_stop_using_it(client, staff, township):
    field = ProposalField.objects.get(township=township, name="其他")
    proposal = ProposalFactory(deputy__township=township, field=field)
    client.force_login(staff)
    url = reverse("proposals:field_edit", args=[field.pk])
    client.post(url, {"name": "其他事项", "active": "on"})
    assert names(township)[-1] == "其他事项"
    client.post(url, {"name": "其他事项"})  # "in use" unticked
    assert "其他事项" not in names(township, active=True)
    proposal.refresh_from_db()
    assert proposal.field == field  # a proposal keeps its field
    offered = DraftForm(township=township).fields["field"].queryset
    assert "其他事项" not in [f.name for f in offered]
    register = RegisterForm(move=PROPOSAL_WORKFLOW.move("register"), proposal=proposal)
    assert "其他事项" not in [f.name for f in register.fields["field"].queryset]
    response = client.post(url, {"name": "生态环境"})
    assert "该领域已存在。" in response.content.decode()


def test_staff_reorder_the_fields(client, staff, township):
    client.force_login(staff)
    last = ProposalField.objects.get(township=township, name="其他")
    client.post(reverse("proposals:field_move", args=[last.pk]), {"direction": "up"})
    assert names(township)[-2:] == ["其他", "经济发展"]
    first = ProposalField.objects.get(township=township, name="城乡建设")
    client.post(reverse("proposals:field_move", args=[first.pk]), {"direction": "down"})
    client.post(reverse("proposals:field_move", args=[first.pk]), {"direction": "down"})
    assert names(township)[:3] == ["生态环境", "社会事业", "城乡建设"]
    top = ProposalField.objects.get(township=township, name="生态环境")
    client.post(reverse("proposals:field_move", args=[top.pk]), {"direction": "up"})  # stays
    assert names(township)[0] == "生态环境"
    offered = DraftForm(township=township).fields["field"].queryset
    assert [f.name for f in offered][:3] == ["生态环境", "社会事业", "城乡建设"]


def test_the_fields_page_reads_a_fixed_number_of_queries(
    client, staff, township, django_assert_max_num_queries
):
    for n in range(20):
        ProposalField.objects.create(township=township, name=f"领域{n}", order=10 + n)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("proposals:fields")).content.decode()
    assert "领域19" in page


def test_staff_rename_an_answer_category_and_its_code_stays(client, staff, township):
    category = AnswerCategory.objects.get(township=township, code="D")
    client.force_login(staff)
    url = reverse("proposals:answer_category_edit", args=[category.pk])
    response = client.post(url, {"label": "留作参考，今后研究"}, follow=True)
    assert "答复类别D已改名为“留作参考，今后研究”。" in response.content.decode()
    category.refresh_from_db()
    assert (category.code, category.label) == ("D", "留作参考，今后研究")
    page = client.get(reverse("proposals:answer_categories")).content.decode()
    assert "留作参考，今后研究" in page and 'name="code"' not in page


@pytest.mark.parametrize(
    ("label", "message"),
    [("", "这个字段是必填项"), ("正在解决", "已有其他答复类别使用此名称。")],
)
def test_a_bad_category_name_is_refused_in_chinese(client, staff, township, label, message):
    category = AnswerCategory.objects.get(township=township, code="A")
    client.force_login(staff)
    url = reverse("proposals:answer_category_edit", args=[category.pk])
    response = client.post(url, {"label": label})
    assert message in response.content.decode()
    category.refresh_from_db()
    assert category.label == "已解决或基本解决"


def test_another_townships_lists_are_not_found(client, staff):
    other = TownshipFactory()
    field = ProposalField.objects.filter(township=other).first()
    category = AnswerCategory.objects.filter(township=other).first()
    client.force_login(staff)
    assert client.get(reverse("proposals:field_edit", args=[field.pk])).status_code == 404
    assert client.post(reverse("proposals:field_move", args=[field.pk])).status_code == 404
    url = reverse("proposals:answer_category_edit", args=[category.pk])
    assert client.post(url, {"label": "改名"}).status_code == 404
    category.refresh_from_db()
    assert category.label != "改名"
    page = client.get(reverse("proposals:fields")).content.decode()
    assert page.count("<td>城乡建设</td>") == 1  # only this township's


@pytest.mark.parametrize("role", [Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY])
def test_only_staff_keep_the_lists(client, users, township, role):
    field = ProposalField.objects.filter(township=township).first()
    category = AnswerCategory.objects.filter(township=township).first()
    client.force_login(users[role])
    for url in (
        reverse("proposals:fields"),
        reverse("proposals:field_edit", args=[field.pk]),
        reverse("proposals:answer_categories"),
        reverse("proposals:answer_category_edit", args=[category.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("proposals:field_move", args=[field.pk])).status_code == 403
