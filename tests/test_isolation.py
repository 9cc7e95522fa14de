"""Every URL that names a record, requested by every role for a record it may not see.

The test walks the URL configuration, so a new URL is covered without anyone adding it here.
It builds three worlds of records, one record of every scoped model in each, all of a model
sharing one primary key per world:

- OWN: the signed-in users' township, their deputy, their unit;
- SIBLING: the same township, but another deputy's and another unit's records (only the
  models some role reads as "own" or "its unit's" are built there);
- FOREIGN: another township.

Because every model's record in a world has the same id, a URL filled with FOREIGN ids points
at another township's record whatever model its view loads. Every role must then answer 404,
or 403 where the role may not use the page at all; anonymous users are sent to log in. A
deputy and a handling unit must also answer so for SIBLING records, and everyone for a URL
that mixes ids of two worlds (a mandate of another deputy under this deputy's page).
"""

import datetime
import itertools
import re

import pytest
from django.apps import apps
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from congress import registry
from congress.models import AuthEvent, Notification, User, WorkdayOverride
from congress.roles import READS, Reach, Role
from congress.scoping import Scope, scope_of
from congress.services import user_set_role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.models import (
    Activity,
    ActivityAttachment,
    Attendance,
    Constituency,
    Deputy,
    DeputyGroup,
    LiaisonContact,
    Mandate,
    PerformanceRules,
    ReportToVoters,
    RosterImport,
    VoterContact,
)
from oversight.models import (
    ActionStaff,
    Campaign,
    ElectionObservation,
    EvaluationRating,
    GovernmentTask,
    OversightAction,
    PlanItem,
    Problem,
    ProblemStatusChange,
    ProgressReview,
    RectificationEvidence,
    RectificationReport,
    WorkEvaluation,
)
from oversight.workflow import PROBLEM_WORKFLOW
from petitions.models import Petition, PetitionPolicy, PetitionReply, PetitionStatusChange
from petitions.workflow import PETITION_WORKFLOW
from proposals.models import (
    Answer,
    AnswerAttachment,
    AnswerCategory,
    Assignment,
    AssignmentMeeting,
    CoUnitOpinion,
    DeadlineExtension,
    Proposal,
    ProposalAttachment,
    ProposalDateCorrection,
    ProposalField,
    ProposalSigner,
    ProposalStatusChange,
    Rating,
)
from proposals.views.proposals import MOVES as PROPOSAL_MOVES
from proposals.workflow import Status
from publicity.models import Article, Publication
from reports.models import (
    Report,
    ReportSection,
    ReportVersion,
    VersionStatusChange,
    WorkReport,
)
from reports.workflow import VERSION_WORKFLOW
from sessions.models import (
    AgendaDocument,
    AgendaItem,
    Candidate,
    CongressSession,
    Election,
    PreparationTask,
    Resolution,
    SessionStatusChange,
    Sitting,
    SittingAttendance,
)

OWN, SIBLING, FOREIGN = 800_001, 700_001, 900_001
ROLES = [Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY, Role.COUNTY_ADMIN]
PROJECT_APPS = {
    "congress",
    "congress_sessions",
    "deputies",
    "proposals",
    "oversight",
    "petitions",
    "publicity",
    "reports",
}
# Models no township owns, and why no user page shows them.
UNSCOPED = {
    "congress.jobrun": "a scheduled job's run belongs to the installation; only the admin shows it",
    "congress.passwordhistory": "former password hashes: no page shows them, to anyone",
    "congress.formsubmission": (
        "a used one-time form token; no page lists it, only a repeated POST of the same form "
        "by the same user reads it, to find where the first one led"
    ),
    "proposals.proposalcounter": (
        "the last number given per township, year and kind: registration's bookkeeping, "
        "shown by no page"
    ),
    "congress.calendarfeed": (
        "a user's secret calendar address; the calendar page reads only the signed-in user's "
        "own, the feed finds it by its token; no URL takes its id"
    ),
}
# Django's admin is for superusers only (test_permissions checks that no role enters it).
SKIPPED_NAMESPACES = {"admin"}
# URLs open without logging in, and why. They are walked like every other (a wrong value must
# answer 404 to everyone), but anonymously too answer 404 instead of sending to the login.
LOGIN_FREE = {
    "captcha-image": (
        "the login's picture challenge, shown before anyone has logged in: a random key of 40 "
        "hexadecimal digits, valid five minutes and for one answer; an unknown key is 404"
    ),
    "captcha-image-2x": "the same picture, twice the size",
    "calendar_feed": (
        "a phone's calendar subscribes to it and cannot log in: the secret token in the URL "
        "(256 random bits, replaceable by its owner) is the credential"
    ),
    "public:proposals": (
        "the answers a township's staff chose to publish (代表法 Art 58), for anyone: only "
        "published answered proposals, no names, phone numbers or ratings "
        "(proposals/tests/test_public.py); a township that has published nothing, as in these "
        "worlds, has no page (404)"
    ),
}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _sample_values() -> dict[str, list[str]]:
    """Values for URL parameters that are not record ids; a new one must be added here."""
    return {
        "model_key": [kind.key for kind in registry.history_kinds],
        # A work plan item moves one place up or down (any other word answers 404).
        "direction": ["up", "down"],
        # The moves the move page takes (merging has its own page, an unsatisfied rating is the
        # rating form's): every other move name answers 404.
        "move": list(PROPOSAL_MOVES),
        "problem_move": [move.name for move in PROBLEM_WORKFLOW.moves],
        "petition_move": [move.name for move in PETITION_WORKFLOW.moves],
        "version_move": [move.name for move in VERSION_WORKFLOW.moves],
        "token": ["not-a-feed-token"],
        "key": ["not-a-challenge-key"],
        "slug": ["index", "common"],  # the user guide's parts, the same for everyone
        "image": ["common-login"],  # and a screenshot it shows (docs/guide/img)
    }


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
            if params:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, pattern, params


def record_urls() -> list[tuple[str, object, list]]:
    """(url name, pattern, [(converter, parameter)]) of every URL that takes a parameter."""
    return sorted(_walk(get_resolver().url_patterns), key=lambda row: row[0])


def _requests(world_ids: dict[str, int]):
    """Every (URL, kwargs, view class) filled with the ids of one world; for URLs with two
    ids, also every mix of that world's ids with OWN ids."""
    samples = _sample_values()
    for name, pattern, params in record_urls():
        id_params = [p for converter, p in params if converter == "int"]
        other_params = [p for converter, p in params if converter != "int"]
        missing = [p for p in other_params if p not in samples]
        assert not missing, f"{name}: give sample values for {missing} in _sample_values()"
        for others in itertools.product(*(samples[p] for p in other_params)):
            for ids in itertools.product(*([world_ids["this"], OWN] for _ in id_params)):
                if world_ids["this"] not in ids:
                    continue  # all OWN: that is the sanity check's business
                kwargs = dict(zip(id_params, ids, strict=True))
                kwargs.update(zip(other_params, others, strict=True))
                view_class = getattr(pattern.callback, "view_class", None)
                yield name, kwargs, view_class, OWN in ids


# ----------------------------------------------------------------------------- the worlds


def _user(pk, role, township, unit=None):
    user = User.objects.create(
        pk=pk, username=f"{role}-{pk}", role=role, township=township, unit=unit
    )
    return user_set_role(user=user, role=role)


def build_world(pk: int, *, township, deputy_user, member, unit, owned_only=False) -> set:
    """One record of every scoped model with primary key `pk`; returns the models built.

    `owned_only` builds only the models some role reads as its own or its unit's: the
    SIBLING world shares its township with the signed-in users.
    """
    built = set()

    def made(record):
        built.add(type(record))
        return record

    if not owned_only:
        made(Constituency.objects.create(pk=pk, township=township, name=f"选区{pk}"))
        made(DeputyGroup.objects.create(pk=pk, township=township, name=f"小组{pk}"))
        made(
            CongressSession.objects.create(
                pk=pk,
                township=township,
                term=township.current_term,
                number=pk % 1000,
                start_date=datetime.date(2024, 1, 21),
                end_date=datetime.date(2024, 1, 22),
                venue="会场",
                status="in_session",
            )
        )
        session = CongressSession.objects.get(pk=pk)
        made(
            SessionStatusChange.objects.create(
                pk=pk, session=session, to_status="preparing", changed_by=member
            )
        )
        made(PreparationTask.objects.create(pk=pk, session=session, title="筹备"))
        sitting = made(Sitting.objects.create(pk=pk, session=session, date=session.start_date))
        item = made(AgendaItem.objects.create(pk=pk, session=session, title="政府工作报告"))
        document = AgendaDocument(pk=pk, item=item, uploaded_by=member)
        document.file.save(f"d{pk}.png", ContentFile(PNG), save=False)
        made(document).save()
        made(
            Resolution.objects.create(
                pk=pk, session=session, sitting=sitting, title="决议", votes_for=1
            )
        )
        election = made(
            Election.objects.create(pk=pk, session=session, sitting=sitting, office="head")
        )
        made(Candidate.objects.create(pk=pk, election=election, name="候选人"))
        made(PerformanceRules.objects.create(pk=pk, township=township))
        made(ProposalField.objects.create(pk=pk, township=township, name=f"领域{pk}"))
        made(AnswerCategory.objects.create(pk=pk, township=township, code="E", label="其他"))
        made(
            AssignmentMeeting.objects.create(
                pk=pk, township=township, date=datetime.date(2024, 3, 25)
            )
        )
        made(
            WorkdayOverride.objects.create(
                pk=pk, township=township, date=datetime.date(2031, 1, 2), is_workday=False
            )
        )
        made(
            AuthEvent.objects.create(
                pk=pk, kind=AuthEvent.Kind.LOGIN, user=member, township=township, path="/"
            )
        )
        plan_item = made(
            PlanItem.objects.create(pk=pk, township=township, year=2024, title="加大监督力度")
        )
        made(
            Campaign.objects.create(
                pk=pk,
                township=township,
                title="关心母亲河溪",
                start_date=datetime.date(2024, 7, 1),
                plan_item=plan_item,
            )
        )
        made(PetitionPolicy.objects.create(pk=pk, township=township))
        petition = made(
            Petition.objects.create(
                pk=pk,
                township=township,
                received_on=datetime.date(2024, 6, 3),
                channel="letter",
                name="来信人",
                category="other",
                subject="来信",
                content="内容",
                accept_by=datetime.date(2024, 6, 18),
            )
        )
        made(
            PetitionStatusChange.objects.create(
                pk=pk, petition=petition, to_status="received", changed_by=member
            )
        )
        made(
            PetitionReply.objects.create(
                pk=pk,
                petition=petition,
                direction="to_person",
                date=datetime.date(2024, 6, 10),
                text="答复",
                recorded_by=member,
            )
        )
        made(
            ElectionObservation.objects.create(
                pk=pk,
                township=township,
                village=unit,
                stage="voting",
                date=datetime.date(2024, 10, 20),
            )
        )
        article = made(
            Article.objects.create(
                pk=pk, township=township, title="稿件", submitted_on=datetime.date(2024, 5, 6)
            )
        )
        made(Publication.objects.create(pk=pk, article=article, outlet="county_site"))
        report = Report(
            pk=pk, township=township, year=2024, requested_by=member, state=Report.State.DONE
        )
        report.file.save(f"r{pk}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        made(report).save()
        # A work report with its draft version, one section and its history row.
        work_report = made(
            WorkReport.objects.create(pk=pk, township=township, year=2024, created_by=member)
        )
        version = made(
            ReportVersion.objects.create(
                pk=pk, report=work_report, number=1, title="工作报告", created_by=member
            )
        )
        made(
            VersionStatusChange.objects.create(
                pk=pk, version=version, to_status="draft", changed_by=member
            )
        )
        made(
            ReportSection.objects.create(
                pk=pk, version=version, position=1, title="代表大会", body="召开会议。"
            )
        )
        batch = RosterImport(pk=pk, township=township, uploaded_by=member, original_name="x.xlsx")
        from deputies.excel import write_workbook

        batch.file.save(
            f"roster{pk}.xlsx", ContentFile(write_workbook([], title="名册")), save=False
        )
        made(batch).save()
    constituency = Constituency.objects.filter(township=township).first()
    made(unit)
    made(member)
    deputy = made(deputy_user.deputy)
    made(
        Mandate.objects.create(
            pk=pk,
            deputy=deputy,
            level="township",
            term=township.current_term,
            constituency=constituency,
        )
    )
    sitting = Sitting.objects.filter(session__township=township).first()
    made(SittingAttendance.objects.create(pk=pk, sitting=sitting, deputy=deputy, status="present"))
    activity = made(
        Activity.objects.create(
            pk=pk,
            township=township,
            kind="training",
            title=f"活动{pk}",
            start_date=datetime.date(2024, 5, 1),
        )
    )
    made(Attendance.objects.create(pk=pk, activity=activity, deputy=deputy, status="present"))
    action = made(
        OversightAction.objects.create(
            pk=pk, township=township, kind="inspection", activity=activity, unit=unit
        )
    )
    if not owned_only:
        made(ActionStaff.objects.create(pk=pk, action=action, name=f"干部{pk}"))
    task = made(
        GovernmentTask.objects.create(
            pk=pk, township=township, year=2024, kind="practical", title="民生实事", unit=unit
        )
    )
    made(
        ProgressReview.objects.create(
            pk=pk,
            task=task,
            action=action,
            stage="mid_year",
            date=datetime.date(2024, 7, 10),
            progress="on_track",
        )
    )
    problem = made(
        Problem.objects.create(
            pk=pk,
            township=township,
            action=action,
            description="问题",
            unit=unit,
            deadline=datetime.date(2024, 10, 8),
        )
    )
    made(
        ProblemStatusChange.objects.create(
            pk=pk, problem=problem, to_status="pending", changed_by=member
        )
    )
    rectification = made(
        RectificationReport.objects.create(
            pk=pk,
            problem=problem,
            text="已整改",
            rectified_on=datetime.date(2024, 9, 30),
            submitted_by=member,
        )
    )
    evidence = RectificationEvidence(pk=pk, report=rectification)
    evidence.file.save(f"e{pk}.png", ContentFile(PNG), save=False)
    made(evidence).save()
    evaluation = made(WorkEvaluation.objects.create(pk=pk, action=action, unit=unit))
    made(
        EvaluationRating.objects.create(
            pk=pk, evaluation=evaluation, deputy=deputy, verdict="satisfied"
        )
    )
    attachment = ActivityAttachment(pk=pk, activity=activity)
    attachment.file.save(f"a{pk}.png", ContentFile(PNG), save=False)
    made(attachment).save()
    made(
        LiaisonContact.objects.create(
            pk=pk,
            township=township,
            member=member,
            deputy=deputy,
            date=datetime.date(2024, 3, 5),
            content="联系",
        )
    )
    contact = made(
        VoterContact.objects.create(
            pk=pk, deputy=deputy, date=datetime.date(2024, 1, 10), voters="村民", raised="意见"
        )
    )
    made(
        ReportToVoters.objects.create(
            pk=pk,
            deputy=deputy,
            date=datetime.date(2024, 12, 10),
            voters_attended=50,
            rating="good",
        )
    )
    proposal = made(
        Proposal.objects.create(
            pk=pk,
            township=township,
            deputy=deputy,
            title=f"建议{pk}",
            content="内容",
            status=Status.ASSIGNED,
            handling_unit=unit,
            voter_contact=contact,
            submitted_at=datetime.datetime(2024, 1, 21, 9, tzinfo=datetime.UTC),
        )
    )
    made(
        ProposalStatusChange.objects.create(
            pk=pk, proposal=proposal, from_status="", to_status=Status.SUBMITTED, changed_by=member
        )
    )
    made(
        ProposalDateCorrection.objects.create(
            pk=pk,
            proposal=proposal,
            event=ProposalDateCorrection.Event.SUBMITTED,
            old_at=proposal.submitted_at,
            new_at=proposal.submitted_at - datetime.timedelta(days=1),
            reason="纸质件落款",
            corrected_by=member,
        )
    )
    made(ProposalSigner.objects.create(pk=pk, proposal=proposal, deputy=deputy, is_lead=True))
    attachment = ProposalAttachment(pk=pk, proposal=proposal, uploaded_by=member)
    attachment.file.save(f"p{pk}.png", ContentFile(PNG), save=False)
    made(attachment).save()
    assignment = made(
        Assignment.objects.create(
            pk=pk,
            proposal=proposal,
            unit=unit,
            assigned_on=datetime.date(2024, 3, 25),
            deadline=datetime.date(2024, 6, 25),
            assigned_by=member,
        )
    )
    made(
        DeadlineExtension.objects.create(
            pk=pk,
            assignment=assignment,
            new_deadline=datetime.date(2024, 9, 25),
            reason="延期",
            requested_by=member,
        )
    )
    made(CoUnitOpinion.objects.create(pk=pk, assignment=assignment, text="意见", sent_by=member))
    answer = made(
        Answer.objects.create(
            pk=pk,
            proposal=proposal,
            unit=unit,
            text="答复",
            answered_at=datetime.datetime(2024, 6, 1, 9, tzinfo=datetime.UTC),
            answered_by=member,
        )
    )
    answer_file = AnswerAttachment(pk=pk, answer=answer)
    answer_file.file.save(f"an{pk}.png", ContentFile(PNG), save=False)
    made(answer_file).save()
    made(
        Rating.objects.create(
            pk=pk,
            answer=answer,
            deputy=deputy,
            attitude="satisfied",
            result="satisfied",
            rated_at=datetime.datetime(2024, 6, 8, 9, tzinfo=datetime.UTC),
        )
    )
    made(
        Notification.objects.create(
            pk=pk, recipient=member, kind="test", subject=f"通知{pk}", url="/", day=None
        )
    )
    if not owned_only:
        made(township)
    return built


def _deputy_user(pk, township):
    """A deputy's login (pk + 40: the world's member holds pk) and their deputy record (pk)."""
    user = _user(pk + 40, Role.DEPUTY, township)
    deputy = Deputy(pk=pk, township=township, user=user, name=f"代表{pk}", gender="male")
    deputy.photo.save(f"d{pk}.png", ContentFile(PNG), save=False)
    deputy.save()
    return user


@pytest.fixture
def township(db):
    return TownshipFactory(pk=OWN)


@pytest.fixture
def unit(township):
    return UnitFactory(pk=OWN, township=township)


@pytest.fixture
def users(township, unit):
    """One user per role; the deputy user's deputy record and the member are OWN records."""
    return {
        Role.STAFF: _user(OWN + 10, Role.STAFF, township),
        Role.MEMBER: _user(OWN, Role.MEMBER, township),
        Role.DEPUTY: _deputy_user(OWN, township),
        Role.UNIT: _user(OWN + 20, Role.UNIT, township, unit=unit),
        Role.COUNTY: _user(OWN + 30, Role.COUNTY, None),
        Role.COUNTY_ADMIN: _user(OWN + 50, Role.COUNTY_ADMIN, None),
    }


@pytest.fixture
def worlds(township, unit, users):
    own = build_world(
        OWN, township=township, deputy_user=users[Role.DEPUTY], member=users[Role.MEMBER], unit=unit
    )
    sibling = build_world(
        SIBLING,
        township=township,
        deputy_user=_deputy_user(SIBLING, township),
        member=_user(SIBLING, Role.MEMBER, township),
        unit=UnitFactory(pk=SIBLING, township=township),
        owned_only=True,
    )
    other = TownshipFactory(pk=FOREIGN)
    foreign = build_world(
        FOREIGN,
        township=other,
        deputy_user=_deputy_user(FOREIGN, other),
        member=_user(FOREIGN, Role.MEMBER, other),
        unit=UnitFactory(pk=FOREIGN, township=other),
    )
    return {"own": own, "sibling": sibling, "foreign": foreign}


def scoped_models() -> set:
    return {
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not model.__name__.startswith("Historical")
        and model._meta.label_lower not in UNSCOPED
    }


# ----------------------------------------------------------------------------- the tests


def test_every_model_declares_its_scope_and_who_reads_it():
    for model in scoped_models():
        assert isinstance(getattr(model, "scope", None), Scope), f"{model.__name__}: no Scope"
        assert model._meta.label_lower in READS, f"{model.__name__}: no line in roles.READS"


def test_the_worlds_hold_every_scoped_model(worlds):
    """A new model must join the worlds, so that its pages are walked with its records."""
    assert worlds["foreign"] == scoped_models()
    assert worlds["own"] == scoped_models()
    owned = {m for m in scoped_models() if scope_of(m).owner or scope_of(m).unit}
    assert worlds["sibling"] == owned


def _expected(view_class, user, method) -> set[int]:
    """404 (the record is not there for this user), or 403 where the role may not use the
    page at all; 405 is as good as 404 for a method the page does not take."""
    if view_class is not None and issubclass(view_class, PermissionRequiredMixin):
        perms = view_class.permission_required
        if not user.has_perms((perms,) if isinstance(perms, str) else perms):
            return {403}
    expected = {403, 404}
    handler = method.lower()
    if view_class is not None and (
        handler not in view_class.http_method_names or not hasattr(view_class, handler)
    ):
        expected.add(405)
    return expected


def _walk_as(client, user, world: int, *, only_mixed=False, townships_visible=False) -> list[str]:
    client.force_login(user)
    wrong = []
    for name, kwargs, view_class, mixed in _requests({"this": world}):
        if only_mixed and not mixed:
            continue
        if townships_visible and {k for k, v in kwargs.items() if v == world} == {"township_pk"}:
            continue  # a township this role reads, named by the one id of that world
        url = reverse(name, kwargs=kwargs)
        for method in ("GET", "POST"):
            status = getattr(client, method.lower())(url).status_code
            if status not in _expected(view_class, user, method):
                wrong.append(f"{method} {url} ({name}) -> {status}")
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_another_townships_record(client, worlds, users, role):
    # County viewers read every township's reports (roles.READS: ALL): for them the other
    # township's records of such models are not foreign, so they leave this walk. A township
    # cannot be deleted with its records: the county's pages that name one by `township_pk`
    # (the county administrator's) are left out instead, for the roles reading every township.
    for label, reaches in READS.items():
        if reaches.get(role) == Reach.ALL and label != "congress.township":
            apps.get_model(label).objects.filter(pk=FOREIGN).delete()
    townships_visible = READS["congress.township"].get(role) == Reach.ALL
    wrong = _walk_as(client, users[role], FOREIGN, townships_visible=townships_visible)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", [Role.DEPUTY, Role.UNIT])
def test_deputies_and_units_reach_no_other_deputys_or_units_record(client, worlds, users, role):
    wrong = _walk_as(client, users[role], SIBLING)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER])
def test_ids_of_two_records_that_do_not_belong_together_answer_404(client, worlds, users, role):
    """This deputy's page with another deputy's mandate, and the like."""
    wrong = _walk_as(client, users[role], SIBLING, only_mixed=True)
    assert not wrong, "\n".join(wrong)


def test_anonymous_users_are_sent_to_log_in(client, worlds):
    wrong = []
    for name, kwargs, _view, _mixed in _requests({"this": FOREIGN}):
        url = reverse(name, kwargs=kwargs)
        for method in ("GET", "POST"):
            response = getattr(client, method.lower())(url)
            if name in LOGIN_FREE:
                # Open without login: a wrong value is a page that is not there, 404.
                if response.status_code not in {404, 405}:
                    wrong.append(f"{method} {url} (open without login) -> {response.status_code}")
            elif response.status_code != 302 or not response["Location"].startswith(
                reverse("login")
            ):
                wrong.append(f"{method} {url} -> {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_only_the_listed_urls_open_without_login():
    """Of the URLs that name something, those marked @login_not_required are the ones in
    LOGIN_FREE, each with its reason; every other one sends an anonymous user to log in."""
    open_urls = {
        name
        for name, pattern, _params in record_urls()
        if getattr(pattern.callback, "login_required", True) is False
    }
    assert open_urls == set(LOGIN_FREE)


# Pages about a record the OWN id is not of: the county's pages on a township's staff account
# (the OWN user is a member; the world's staff account is OWN + 10).
OWN_RECORDS_OF_ANOTHER_KIND = {
    "county:staff_active": {"pk": OWN + 10},
    "county:staff_permissions": {"pk": OWN + 10},
}


def test_the_same_pages_open_for_the_records_users_may_see(client, worlds, users):
    """The walk above proves something only if the pages do open for one's own records:
    every URL answers GET with OWN ids, for at least one role, with its page (200), a redirect
    that is not the login (a notification opens its record) or 405 (a POST-only URL)."""
    samples = _sample_values()
    closed = []
    for name, _pattern, params in record_urls():
        if name in LOGIN_FREE:
            continue  # opens for its secret value only, which no sample knows: tested by its app
        id_params = [p for converter, p in params if converter == "int"]
        other_params = [p for converter, p in params if converter != "int"]
        for others in itertools.product(*(samples[p] for p in other_params)):
            kwargs = {p: OWN for p in id_params} | dict(zip(other_params, others, strict=True))
            kwargs |= OWN_RECORDS_OF_ANOTHER_KIND.get(name, {})
            url = reverse(name, kwargs=kwargs)
            opened = False
            for role in ROLES:
                client.force_login(users[role])
                response = client.get(url)
                if response.status_code in {200, 405} or (
                    response.status_code == 302
                    and not response["Location"].startswith(reverse("login"))
                ):
                    opened = True
                    break
            if not opened:
                closed.append(url)
    assert not closed, closed
