"""Files of drafts and answers: who may attach, what is refused, and that each file is served
only to those who may read its proposal or answer (others get 404)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerAttachment, AnswerCategory, ProposalAttachment
from proposals.services import (
    answer_attach,
    proposal_answer,
    proposal_assign,
    proposal_attach,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_rate,
    proposal_register,
    proposal_return_answer,
)

PDF = b"%PDF-1.4 a scanned letter from the villagers"


def pdf(name="村民联名信.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def deputy_user(users):
    return users[Role.DEPUTY]


@pytest.fixture
def draft(deputy_user):
    return proposal_draft_save(
        deputy=deputy_user.deputy,
        by=deputy_user,
        title="关于修缮五雷街道路的建议",
        content="道路破损",
        kind="suggestion",
    )


def _answered(draft, deputy_user, staff, unit_user):
    proposal_draft_submit(proposal=draft, by=deputy_user)
    proposal_register(proposal=draft, by=staff)
    proposal_assign(proposal=draft, unit=unit_user.unit, by=staff)
    return proposal_answer(
        proposal=draft,
        by=unit_user,
        category=AnswerCategory.objects.get(township=draft.township, code="B"),
        text="已列入今年计划。",
    )


@pytest.fixture
def answer(draft, deputy_user, staff, users):
    return _answered(draft, deputy_user, staff, users[Role.UNIT])


# ----------------------------------------------------------------------------- the draft


def test_the_lead_deputy_attaches_a_file_to_their_draft(client, draft, deputy_user):
    client.force_login(deputy_user)
    response = client.post(reverse("proposals:attach", args=[draft.pk]), {"file": pdf()})
    assert response.status_code == 302
    attachment = ProposalAttachment.objects.get()
    assert (attachment.proposal, attachment.uploaded_by) == (draft, deputy_user)
    page = client.get(reverse("proposals:detail", args=[draft.pk])).content.decode()
    assert "已上传文件村民联名信.pdf" in page
    assert reverse("proposals:attachment", args=[attachment.pk]) in page
    download = client.get(reverse("proposals:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00"), "只能上传以下类型的文件"),
        (SimpleUploadedFile("page.html", b"<html></html>"), "只能上传以下类型的文件"),
        (pdf("伪装.pdf", b"<html><script>alert(1)</script></html>"), "文件内容与扩展名.pdf不符"),
        (SimpleUploadedFile("photo.jpg", b"\xff\xd8\xffnot a picture"), "图片无法识别"),
        (SimpleUploadedFile("letter.docx", b"PK\x03\x04 not a zip"), "文件内容与扩展名.docx不符"),
    ],
)
def test_a_file_of_another_type_or_content_is_refused_in_chinese(
    client, draft, deputy_user, upload, message
):
    client.force_login(deputy_user)
    response = client.post(
        reverse("proposals:attach", args=[draft.pk]), {"file": upload}, follow=True
    )
    assert message in response.content.decode()
    assert not ProposalAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(draft, deputy_user, monkeypatch):
    monkeypatch.setattr("congress.attachments.MAX_ATTACHMENT_BYTES", len(PDF) - 1)
    with pytest.raises(ValidationError, match="文件超过"):
        proposal_attach(proposal=draft, upload=pdf(), by=deputy_user)
    monkeypatch.setattr("congress.attachments.MAX_ATTACHMENT_BYTES", len(PDF))
    proposal_attach(proposal=draft, upload=pdf(), by=deputy_user)  # the limit itself is allowed


def test_only_the_lead_attaches_and_only_while_it_is_a_draft(
    draft, deputy_user, staff, township, make_user
):
    cosigner = DeputyFactory(township=township, user=make_user(Role.DEPUTY, township))
    proposal_cosigners_invite(proposal=draft, deputies=[cosigner], by=deputy_user)
    for someone in (cosigner.user, staff):
        with pytest.raises(ValidationError, match="只有领衔代表"):
            proposal_attach(proposal=draft, upload=pdf(), by=someone)
    proposal_draft_submit(proposal=draft, by=deputy_user)
    with pytest.raises(ValidationError, match="只有领衔代表"):
        proposal_attach(proposal=draft, upload=pdf(), by=deputy_user)
    assert not ProposalAttachment.objects.exists()


def test_a_drafts_file_is_its_signers_alone_until_it_is_submitted(
    client, draft, deputy_user, users, township, make_user
):
    attachment = proposal_attach(proposal=draft, upload=pdf(), by=deputy_user)
    url = reverse("proposals:attachment", args=[attachment.pk])
    other_deputy = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=other_deputy)
    foreign_staff = make_user(Role.STAFF, TownshipFactory())
    status = {
        users[Role.STAFF]: 404,  # a draft is not the township's yet
        users[Role.MEMBER]: 404,
        users[Role.UNIT]: 404,
        other_deputy: 404,
        foreign_staff: 404,
        users[Role.COUNTY]: 403,
        deputy_user: 200,
    }
    for user, expected in status.items():
        client.force_login(user)
        assert client.get(url).status_code == expected, user.role
    proposal_draft_submit(proposal=draft, by=deputy_user)
    for user, expected in {users[Role.STAFF]: 200, other_deputy: 404, foreign_staff: 404}.items():
        client.force_login(user)
        assert client.get(url).status_code == expected, user.role


def test_another_deputy_cannot_post_a_file_to_a_draft_not_theirs(
    client, draft, township, make_user
):
    other = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=other)
    client.force_login(other)
    assert (
        client.post(reverse("proposals:attach", args=[draft.pk]), {"file": pdf()}).status_code
        == 404
    )
    assert not ProposalAttachment.objects.exists()


# ----------------------------------------------------------------------------- the answer


def test_the_lead_unit_attaches_a_file_to_its_answer(client, answer, users, deputy_user):
    client.force_login(users[Role.UNIT])
    page = client.get(reverse("proposals:detail", args=[answer.proposal_id])).content.decode()
    assert reverse("proposals:answer_attach", args=[answer.pk]) in page
    response = client.post(
        reverse("proposals:answer_attach", args=[answer.pk]), {"file": pdf("施工方案.pdf")}
    )
    assert response.status_code == 302
    attachment = AnswerAttachment.objects.get()
    assert attachment.answer == answer
    client.force_login(deputy_user)  # the signer reads it with the answer
    page = client.get(reverse("proposals:detail", args=[answer.proposal_id])).content.decode()
    url = reverse("proposals:answer_attachment", args=[attachment.pk])
    assert url in page and "施工方案.pdf" in page
    assert reverse("proposals:answer_attach", args=[answer.pk]) not in page
    assert client.get(url).status_code == 200


def test_an_answers_file_is_refused_to_other_units_and_deputies(
    client, answer, users, township, make_user
):
    attachment = answer_attach(answer=answer, upload=pdf(), by=users[Role.UNIT])
    other_unit_user = make_user(Role.UNIT, township, unit=UnitFactory(township=township))
    other_deputy = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=other_deputy)
    foreign_unit_user = make_user(Role.UNIT, (t := TownshipFactory()), unit=UnitFactory(township=t))
    for user in (other_unit_user, other_deputy, foreign_unit_user):
        client.force_login(user)
        assert (
            client.get(reverse("proposals:answer_attachment", args=[attachment.pk])).status_code
            == 404
        )
    client.force_login(other_unit_user)
    response = client.post(reverse("proposals:answer_attach", args=[answer.pk]), {"file": pdf()})
    assert response.status_code == 404
    assert AnswerAttachment.objects.count() == 1
    for user in (users[Role.STAFF], users[Role.MEMBER], users[Role.UNIT]):
        client.force_login(user)
        assert (
            client.get(reverse("proposals:answer_attachment", args=[attachment.pk])).status_code
            == 200
        )


def test_a_co_unit_does_not_attach_to_the_lead_units_answer(answer, users, township, make_user):
    co_unit = UnitFactory(township=township)
    co_user = make_user(Role.UNIT, township, unit=co_unit)
    with pytest.raises(ValidationError, match="只有答复的承办单位"):
        answer_attach(answer=answer, upload=pdf(), by=co_user)


def test_no_file_is_added_to_an_answer_once_rated_or_returned(answer, users, deputy_user, staff):
    proposal = answer.proposal
    proposal_return_answer(proposal=proposal, by=staff, note="答复不具体")
    answer.refresh_from_db()
    with pytest.raises(ValidationError, match="只有答复的承办单位"):
        answer_attach(answer=answer, upload=pdf(), by=users[Role.UNIT])
    second = proposal_answer(
        proposal=proposal,
        by=users[Role.UNIT],
        category=AnswerCategory.objects.get(township=proposal.township, code="A"),
        text="已完成。",
    )
    answer_attach(answer=second, upload=pdf(), by=staff)  # staff, a paper answer's file
    proposal_rate(proposal=proposal, by=deputy_user, attitude="satisfied", result="satisfied")
    with pytest.raises(ValidationError, match="只有答复的承办单位"):
        answer_attach(answer=second, upload=pdf(), by=users[Role.UNIT])
    assert AnswerAttachment.objects.count() == 1


def test_a_wrong_file_on_an_answer_is_refused_in_chinese(client, answer, users):
    client.force_login(users[Role.UNIT])
    response = client.post(
        reverse("proposals:answer_attach", args=[answer.pk]),
        {"file": SimpleUploadedFile("答复.txt", b"text")},
        follow=True,
    )
    assert "只能上传以下类型的文件" in response.content.decode()
    assert not AnswerAttachment.objects.exists()


def test_the_same_upload_posted_twice_makes_one_attachment(client, draft, deputy_user):
    """A double tap on a phone's slow connection: the form's one-time token keeps one file."""
    client.force_login(deputy_user)
    url = reverse("proposals:attach", args=[draft.pk])
    token = "2f1c3a44-6f0e-4a55-9d37-0c5b3d8a7e10"
    for _ in range(2):
        response = client.post(url, {"file": pdf(), "submission_token": token})
        assert response.status_code == 302
    assert ProposalAttachment.objects.count() == 1
