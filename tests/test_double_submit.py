"""Double submits make one record; simultaneous creates of the same thing answer the friendly
uniqueness message, never a server error."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse

from conftest import require, run_together
from congress.db import save_unique
from congress.forms import SUBMISSION_TOKEN
from congress.models import FormSubmission
from congress.roles import Role
from congress.tests.factories import TownshipFactory
from deputies.models import Activity, Constituency, Deputy, DeputyGroup, ReportToVoters
from deputies.tests.factories import ActivityFactory, ConstituencyFactory, DeputyFactory
from oversight.models import OversightAction
from proposals.models import Proposal
from reports.models import WorkReport
from sessions.models import CongressSession
from sessions.services import session_create

ALREADY = "这张表单已经提交过，没有重复保存。"
EXPIRED = "表单已过期，请检查后再次提交。"


def _create_pages(township, users):
    """Every page that creates a record: (user, URL, form data, model, how many it makes)."""
    deputy = users[Role.DEPUTY].deputy
    constituency = ConstituencyFactory(township=township)
    activity = ActivityFactory(township=township)
    day = "2024-05-06"
    staff, member = users[Role.STAFF], users[Role.MEMBER]
    return [
        (
            staff,
            reverse("sessions:create"),
            {"term": 18, "number": 3, "start_date": day, "end_date": day, "venue": "会场"},
            CongressSession,
        ),
        (
            staff,
            reverse("proposals:create"),
            {
                "proposer": "deputies",
                "deputy": deputy.pk,
                "kind": "suggestion",
                "title": "修路",
                "content": "修村道",
                "submitted_on": day,
            },
            Proposal,
        ),
        (
            users[Role.DEPUTY],
            reverse("proposals:create"),
            {"kind": "suggestion", "title": "路灯", "content": "装路灯"},
            Proposal,
        ),
        (
            staff,
            reverse("deputies:activity_create"),
            {"kind": "training", "title": "学习", "start_date": day, "other_participants": 0},
            Activity,
        ),
        (
            staff,
            reverse("oversight:create"),
            {"kind": "inspection", "title": "视察", "start_date": day, "other_participants": 5},
            OversightAction,
        ),
        (
            staff,
            reverse("deputies:create"),
            {
                "name": "新代表",
                "gender": "female",
                "ethnicity": "汉族",
                "affiliation": "none",
                "occupation": "farmer",
                "level": "township",
                "term": 18,
                "constituency": constituency.pk,
            },
            Deputy,
        ),
        (staff, reverse("deputies:constituencies"), {"name": "第九选区"}, Constituency),
        (staff, reverse("deputies:groups"), {"name": "西片小组"}, DeputyGroup),
        (
            staff,
            reverse("deputies:reports_to_voters"),
            {"deputy": deputy.pk, "date": day, "voters_attended": 30, "rating": "good"},
            ReportToVoters,
        ),
        (
            member,
            reverse("deputies:liaison_contacts"),
            {"deputy": deputy.pk, "date": day, "content": "走访"},
            "deputies.LiaisonContact",
        ),
        (
            users[Role.DEPUTY],
            reverse("deputies:me_voter_contact"),
            {"date": day, "voters": "村民", "voter_count": 3, "raised": "修桥"},
            "deputies.VoterContact",
        ),
        (staff, reverse("reports:create"), {"year": 2024, "kind": "annual"}, WorkReport),
        (
            staff,
            reverse("deputies:activity_attach", args=[activity.pk]),
            {"file": None},
            "deputies.ActivityAttachment",
        ),
    ]


def _count(model) -> int:
    from django.apps import apps

    if isinstance(model, str):
        model = apps.get_model(model)
    return model.objects.count()


def _data(data: dict, token: str) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from deputies.tests.test_activities import png_bytes

    if "file" in data:
        data = {**data, "file": SimpleUploadedFile("照片.png", png_bytes())}
    return {**data, SUBMISSION_TOKEN: token}


def test_every_create_page_makes_one_record_from_two_identical_posts(
    client, township, users, settings
):
    """A double click: the same form (the same token) posted twice. The second lands where
    the first went, with a message; nothing is made twice."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    for user, url, data, model in _create_pages(township, users):
        client.force_login(user)
        # Attachments are uploaded from the activity's page.
        form_page = url.removesuffix("attachments/")
        form = client.get(form_page)
        assert form.status_code == 200, url
        assert f'name="{SUBMISSION_TOKEN}"' in form.content.decode(), url
        token = str(uuid.uuid4())
        before = _count(model)
        first = client.post(url, _data(data, token))
        assert first.status_code == 302, (url, first.content.decode()[:3000])
        assert _count(model) == before + 1, url
        second = client.post(url, _data(data, token), follow=True)
        assert _count(model) == before + 1, url
        assert second.redirect_chain[0][0] == first["Location"], url
        assert ALREADY in second.content.decode(), url


def test_a_form_without_its_token_is_refused_and_shown_again_with_a_fresh_one(client, staff):
    client.force_login(staff)
    data = {
        "kind": "inspection",
        "title": "视察",
        "start_date": "2024-05-06",
        "other_participants": 5,
    }
    response = client.post(reverse("oversight:create"), {**data, SUBMISSION_TOKEN: ""})
    assert response.status_code == 200
    assert EXPIRED in response.content.decode()
    assert not OversightAction.objects.exists()
    fresh = response.context["form"].data[SUBMISSION_TOKEN]
    uuid.UUID(fresh)
    assert (
        client.post(reverse("oversight:create"), {**data, SUBMISSION_TOKEN: fresh}).status_code
        == 302
    )
    assert OversightAction.objects.count() == 1


def test_a_submission_that_failed_can_be_corrected_and_sent_with_the_same_token(client, staff):
    """The token is used only when the record is made: a form sent back with errors goes
    through once corrected, even if the browser sends the old token again."""
    client.force_login(staff)
    token = str(uuid.uuid4())
    data = {"term": 18, "number": 3, "start_date": "2024-05-06", "venue": "会场"}
    bad = client.post(
        reverse("sessions:create"), {**data, "end_date": "2024-05-01", SUBMISSION_TOKEN: token}
    )
    assert "会议闭幕日期不能早于开幕日期" in bad.content.decode() or bad.status_code == 200
    assert not FormSubmission.objects.exists()
    good = client.post(
        reverse("sessions:create"), {**data, "end_date": "2024-05-07", SUBMISSION_TOKEN: token}
    )
    assert good.status_code == 302
    assert CongressSession.objects.count() == 1


def test_another_users_token_is_not_theirs_to_replay(client, make_user, township, staff):
    client.force_login(staff)
    token = str(uuid.uuid4())
    data = {
        "kind": "inspection",
        "title": "视察",
        "start_date": "2024-05-06",
        "other_participants": 5,
    }
    client.post(reverse("oversight:create"), {**data, SUBMISSION_TOKEN: token})
    client.force_login(make_user(Role.STAFF, township))
    response = client.post(reverse("oversight:create"), {**data, SUBMISSION_TOKEN: token})
    assert response.status_code == 200 and EXPIRED in response.content.decode()
    assert OversightAction.objects.count() == 1


def test_save_unique_turns_the_constraint_into_its_message(township):
    """What the loser of a race meets: full_clean passed, then the insert collides."""
    ConstituencyFactory(township=township, name="第一选区")
    duplicate = Constituency(township=township, name="第一选区")
    with pytest.raises(IntegrityError):  # a plain save: a server error
        from django.db import transaction

        with transaction.atomic():
            duplicate.save()
    with pytest.raises(ValidationError) as error:
        save_unique(duplicate)
    assert error.value.messages == ["已有同名选区。"]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_creates_of_one_session_make_one_on_postgresql(make_user):
    """8 of 15 parallel posts failed with IntegrityError before: now one is made and every
    other gets the Chinese message of the constraint."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    township = TownshipFactory()
    staff = make_user(Role.STAFF, township)
    day = datetime.date(2024, 5, 6)

    def create(barrier):
        barrier.wait(timeout=10)
        try:
            session_create(
                township=township,
                term=18,
                number=2,
                start_date=day,
                end_date=day,
                venue="会场",
                by=staff,
            )
            return "made"
        except ValidationError as error:
            return " ".join(error.messages)

    results = run_together(*[create] * 10)
    assert results.count("made") == 1
    assert set(results) - {"made"} == {"本届已有相同会次的会议。"}
    assert CongressSession.objects.filter(township=township).count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_identical_posts_at_once_make_one_proposal_on_postgresql(make_user):
    """The double click that reaches two workers at the same moment: one proposal, and the
    second request lands on it."""
    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    township = TownshipFactory()
    user = make_user(Role.DEPUTY, township)
    DeputyFactory(township=township, user=user)
    token = str(uuid.uuid4())
    data = {"kind": "suggestion", "title": "修路", "content": "修村道", SUBMISSION_TOKEN: token}

    def post(barrier):
        client = Client()
        client.force_login(user)
        barrier.wait(timeout=10)
        return client.post(reverse("proposals:create"), data)["Location"]

    locations = run_together(post, post)
    proposal = Proposal.objects.get(township=township)
    assert locations == [reverse("proposals:detail", args=[proposal.pk])] * 2
