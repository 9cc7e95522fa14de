"""The deputy's draft page and its co-signers: the page reads text, co-signers, then 提交;
only deputies in office with a login account are offered (and can be asked); only the lead
asks; no one confirms once the draft is submitted; and submitting while some have not
confirmed says who, and leaves them out."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import Proposal
from proposals.services import (
    proposal_cosign,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_move,
)
from proposals.workflow import Status


@pytest.fixture
def lead(users):
    return users[Role.DEPUTY]


@pytest.fixture
def deputy_with_login(township, make_user):
    def make(name, **extra):
        return DeputyFactory(
            township=township, name=name, user=make_user(Role.DEPUTY, township), **extra
        )

    return make


def draft_of(user, kind="suggestion", **extra):
    fields = {"title": "关于修缮五雷街路灯的建议", "content": "五雷街路灯损坏已有半年。"}
    if kind == "motion":
        fields = {"title": "关于建设文化礼堂的议案", "content": "案据", "solution": "方案"}
    return proposal_draft_save(deputy=user.deputy, by=user, kind=kind, **{**fields, **extra})


def page_of(client, user, proposal) -> str:
    client.force_login(user)
    return client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()


def offered(html: str) -> list[str]:
    """The names of the deputies the invitation's check boxes offer."""
    return re.findall(r'name="deputies"[^>]*>\s*<label[^>]*>\s*([^<\s]+)', html)


# ----------------------------------------------------------------------------- the page


@pytest.mark.parametrize(("kind", "invitation_open"), [("suggestion", False), ("motion", True)])
def test_the_draft_reads_text_then_co_signers_then_submit(
    client, lead, deputy_with_login, kind, invitation_open
):
    deputy_with_login("王建国")
    draft = draft_of(lead, kind)
    html = page_of(client, lead, draft)
    text = html.index(draft.content)
    cosigners = html.index('data-testid="cosigners"')
    invite = html.index(reverse("proposals:invite", args=[draft.pk]))
    submit = html.index(reverse("proposals:move", args=[draft.pk, "submit"]))
    assert text < cosigners < invite < submit
    section = html[cosigners:submit]
    assert ("<details open>" in section) is invitation_open
    assert ("议案须有5名以上代表联名" in section) is (kind == "motion")
    assert ("建议可以由您一人提出" in section) is (kind == "suggestion")


def test_the_picker_offers_only_deputies_in_office_with_an_active_login(
    client, township, lead, deputy_with_login, make_user
):
    deputy_with_login("王建国")
    asked = deputy_with_login("李秀英")
    deactivated = deputy_with_login("张伟").user
    deactivated.is_active = False
    deactivated.save(update_fields=["is_active"])
    deputy_with_login(
        "赵敏",
        mandate__status="resigned",
        mandate__end_date=datetime.date(2023, 1, 1),
        mandate__status_reason="辞职",
    )
    no_login = DeputyFactory(township=township, name="陈刚")
    elsewhere = TownshipFactory()
    DeputyFactory(township=elsewhere, name="外乡代表", user=make_user(Role.DEPUTY, elsewhere))
    draft = draft_of(lead)
    proposal_cosigners_invite(proposal=draft, deputies=[asked], by=lead)

    html = page_of(client, lead, draft)
    assert offered(html) == ["王建国"]
    assert "没有账号的代表请在纸质议案建议上签名，由人大办录入" in html

    with pytest.raises(ValidationError, match="陈刚无法在平台上确认联名"):
        proposal_cosigners_invite(proposal=draft, deputies=[no_login], by=lead)
    assert draft.signers.count() == 2  # the lead and 李秀英: nothing half-saved


def test_the_invitation_refuses_a_deputy_without_a_login_from_the_form_too(client, township, lead):
    no_login = DeputyFactory(township=township, name="陈刚")
    draft = draft_of(lead)
    client.force_login(lead)
    response = client.post(
        reverse("proposals:invite", args=[draft.pk]), {"deputies": [no_login.pk]}, follow=True
    )
    assert "请选择要邀请的代表" in response.content.decode()
    assert draft.signers.count() == 1


# ----------------------------------------------------------------------------- who asks


def test_only_the_lead_deputy_asks_co_signers(users, lead, deputy_with_login):
    other = deputy_with_login("王建国")
    asked = deputy_with_login("李秀英")
    draft = draft_of(lead)
    for someone in (other.user, users[Role.STAFF]):
        with pytest.raises(ValidationError, match="只有领衔代表本人可以邀请联名"):
            proposal_cosigners_invite(proposal=draft, deputies=[asked], by=someone)
    assert draft.signers.count() == 1


def test_staff_ask_co_signers_on_a_draft_they_entered_from_paper(users, lead, deputy_with_login):
    staff = users[Role.STAFF]
    asked = deputy_with_login("李秀英")
    draft = proposal_draft_save(
        deputy=lead.deputy, by=staff, kind="suggestion", title="路灯", content="装路灯"
    )
    (made,) = proposal_cosigners_invite(proposal=draft, deputies=[asked], by=staff)
    assert made.deputy == asked


# ----------------------------------------------------------------------------- confirming


@pytest.mark.parametrize("move", ["submit", "withdraw"])
def test_no_one_confirms_once_the_draft_is_no_longer_collecting_signatures(
    lead, deputy_with_login, move
):
    asked = deputy_with_login("李秀英")
    draft = draft_of(lead)
    (signer,) = proposal_cosigners_invite(proposal=draft, deputies=[asked], by=lead)
    if move == "submit":
        proposal_draft_submit(proposal=draft, by=lead)
    else:
        proposal_move(proposal=draft, move="withdraw", by=lead)
    for confirm in (True, False):
        with pytest.raises(ValidationError, match="不再征集联名"):
            proposal_cosign(signer=signer, by=asked.user, confirm=confirm)
    signer.refresh_from_db()
    assert (signer.confirmed_at, signer.declined_at) == (None, None)


# ----------------------------------------------------------------------------- submitting


def test_a_suggestion_is_submitted_without_those_who_have_not_confirmed_and_says_so(
    client, lead, deputy_with_login
):
    yes, waiting = deputy_with_login("王建国"), deputy_with_login("李秀英")
    draft = draft_of(lead)
    signers = proposal_cosigners_invite(
        proposal=draft, deputies=[yes, waiting], by=lead, confirm_by=datetime.date(2099, 1, 9)
    )
    proposal_cosign(signer=signers[0], by=yes.user, confirm=True)

    html = page_of(client, lead, draft)
    notice = re.search(r'data-testid="submit-notice">([^<]*)<', html).group(1)
    assert notice == (
        "李秀英尚未确认联名。现在提交的，他们不列为联名代表。"
        "如需列为联名代表，请待其确认后再提交（确认截止日期为2099-01-09）。"
    )
    assert html.index(notice) < html.index(reverse("proposals:move", args=[draft.pk, "submit"]))

    response = client.post(reverse("proposals:move", args=[draft.pk, "submit"]), follow=True)
    html = response.content.decode()
    assert "李秀英未确认联名，不列为联名代表。" in html
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.status_changes.last().note == "李秀英未确认联名，不列为联名代表。"
    proposed_by = re.search(r"提出人</dt><dd[^>]*>(.*?)</dd>", html).group(1)
    assert "王建国" in proposed_by and "李秀英" not in proposed_by


def test_a_suggestion_whose_co_signers_all_confirmed_has_no_notice(client, lead, deputy_with_login):
    yes = deputy_with_login("王建国")
    draft = draft_of(lead)
    (signer,) = proposal_cosigners_invite(proposal=draft, deputies=[yes], by=lead)
    proposal_cosign(signer=signer, by=yes.user, confirm=True)
    assert 'data-testid="submit-notice"' not in page_of(client, lead, draft)
    proposal_draft_submit(proposal=draft, by=lead)
    assert draft.status_changes.last().note == ""


def test_a_motion_short_of_confirmed_signers_names_who_has_not_confirmed(
    client, lead, deputy_with_login
):
    names = ["王建国", "李秀英", "张伟", "赵敏"]
    asked = [deputy_with_login(name) for name in names]
    draft = draft_of(lead, "motion")
    signers = proposal_cosigners_invite(proposal=draft, deputies=asked, by=lead)
    for signer, deputy in zip(signers[:2], asked[:2], strict=True):
        proposal_cosign(signer=signer, by=deputy.user, confirm=True)

    notice = re.search(r'data-testid="submit-notice">([^<]*)<', page_of(client, lead, draft)).group(
        1
    )
    assert "目前已确认3名（含您本人）" in notice and notice.endswith("尚未确认：张伟、赵敏。")
    with pytest.raises(ValidationError, match="现有3名.*尚未确认：张伟、赵敏。"):
        proposal_draft_submit(proposal=draft, by=lead)
    assert Proposal.objects.get(pk=draft.pk).status == Status.DRAFT
