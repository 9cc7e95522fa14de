"""The bench township's other records, so that every list page is measured over a table that
has grown with the proposals: oversight, letters, publicity, contacts, notifications and the
audit log. Generated rows skip the services on purpose: they are load, not domain events."""

import datetime
import random

from django.utils import timezone

from congress.models import AuthEvent, Notification, Township, Unit, User
from deputies.models import Activity, LiaisonContact, ReportToVoters, VoterContact
from oversight.models import (
    Campaign,
    ElectionObservation,
    GovernmentTask,
    OversightAction,
    PlanItem,
    Problem,
    WorkEvaluation,
)
from petitions.models import Petition
from proposals.models import Answer, AssignmentMeeting, Proposal
from proposals.workflow import Status
from publicity.models import Article

BATCH = 2000
YEAR_START = datetime.date(2024, 1, 1)


def _day(i: int, spread: int = 365) -> datetime.date:
    return YEAR_START + datetime.timedelta(days=i % spread)


def bench_records(
    *,
    township: Township,
    scale: int,
    deputies: list[int],
    units: list[Unit],
    users: list[User],
    member: User,
) -> None:
    """Rows in proportion to `scale` (the number of proposals): a tenth as many problems,
    letters and voter contacts, a twentieth as many articles, a hundredth as many actions."""
    if OversightAction.objects.filter(township=township).exists():
        return
    rng = random.Random(2024)
    plan_items = PlanItem.objects.bulk_create(
        [PlanItem(township=township, year=2024, title=f"计划事项{i}") for i in range(50)]
    )
    campaigns = Campaign.objects.bulk_create(
        [
            Campaign(township=township, title=f"专项行动{i}", start_date=_day(i * 17))
            for i in range(20)
        ]
    )
    GovernmentTask.objects.bulk_create(
        [
            GovernmentTask(
                township=township,
                year=2024,
                kind=GovernmentTask.Kind.values[i % len(GovernmentTask.Kind.values)],
                title=f"政府重点任务{i}",
                unit=units[i % len(units)],
            )
            for i in range(max(scale // 100, 10))
        ],
        batch_size=BATCH,
    )
    action_count = max(scale // 100, 10)
    kinds = OversightAction.Kind.values
    activities = Activity.objects.bulk_create(
        [
            Activity(
                township=township,
                kind=Activity.Kind.INSPECTION,
                title=f"监督活动{i}",
                start_date=_day(i),
            )
            for i in range(action_count)
        ],
        batch_size=BATCH,
    )
    actions = OversightAction.objects.bulk_create(
        [
            OversightAction(
                township=township,
                kind=kinds[i % len(kinds)],
                activity=activity,
                campaign=campaigns[i % len(campaigns)] if i % 3 == 0 else None,
                plan_item=plan_items[i % len(plan_items)] if i % 2 == 0 else None,
                unit=units[i % len(units)],
            )
            for i, activity in enumerate(activities)
        ],
        batch_size=BATCH,
    )
    WorkEvaluation.objects.bulk_create(
        [
            WorkEvaluation(action=action, unit=action.unit)
            for action in actions[: max(action_count // 10, 1)]
        ],
        batch_size=BATCH,
    )
    Problem.objects.bulk_create(
        [
            Problem(
                township=township,
                action=actions[i % len(actions)],
                description=f"发现问题{i}：基准测试数据。",
                unit=units[i % len(units)],
                deadline=_day(i) + datetime.timedelta(days=30),
            )
            for i in range(scale // 10)
        ],
        batch_size=BATCH,
    )
    channels, categories = Petition.Channel.values, Petition.Category.values
    Petition.objects.bulk_create(
        [
            Petition(
                township=township,
                received_on=_day(i),
                channel=channels[i % len(channels)],
                name=f"来信人{i}",
                category=categories[i % len(categories)],
                subject=f"关于第{i}件事的来信",
                content="基准测试数据。",
                unit=units[i % len(units)],
                accept_by=_day(i) + datetime.timedelta(days=15),
            )
            for i in range(scale // 10)
        ],
        batch_size=BATCH,
    )
    Article.objects.bulk_create(
        [
            Article(township=township, title=f"人大工作信息{i}", submitted_on=_day(i))
            for i in range(scale // 20)
        ],
        batch_size=BATCH,
    )
    villages = [u for u in units if u.kind == Unit.Kind.VILLAGE] or units
    stages = ElectionObservation.Stage.values
    ElectionObservation.objects.bulk_create(
        [
            ElectionObservation(
                township=township,
                village=villages[i % len(villages)],
                stage=stages[i % len(stages)],
                date=_day(i * 3),
            )
            for i in range(100)
        ]
    )
    AssignmentMeeting.objects.bulk_create(
        [AssignmentMeeting(township=township, date=_day(i * 7)) for i in range(50)]
    )
    VoterContact.objects.bulk_create(
        [
            VoterContact(
                deputy_id=rng.choice(deputies),
                date=_day(i),
                voters=f"选民{i}",
                raised="基准测试数据。",
            )
            for i in range(scale // 10)
        ],
        batch_size=BATCH,
    )
    ratings = ReportToVoters.Rating.values
    ReportToVoters.objects.bulk_create(
        [
            ReportToVoters(
                deputy_id=deputy_id,
                date=_day(i),
                voters_attended=30 + i % 50,
                rating=ratings[i % len(ratings)],
            )
            for i, deputy_id in enumerate(rng.sample(deputies, min(len(deputies), scale // 20)))
        ],
        batch_size=BATCH,
    )
    LiaisonContact.objects.bulk_create(
        [
            LiaisonContact(
                township=township,
                member=member,
                deputy_id=rng.choice(deputies),
                date=_day(i),
                content="基准测试数据。",
            )
            for i in range(scale // 20)
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    _answers(township=township, scale=scale, answered_by=member, now=now)
    for user in users:
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=user,
                    kind="bench",
                    subject=f"基准测试通知{i}",
                    url="/proposals/",
                    created_at=now - datetime.timedelta(minutes=i),
                )
                for i in range(scale // 10)
            ],
            batch_size=BATCH,
        )
    events = AuthEvent.Kind.values
    AuthEvent.objects.bulk_create(
        [
            AuthEvent(
                kind=events[i % 3],
                user=users[i % len(users)],
                username=users[i % len(users)].username,
                township=township,
                ip_address="127.0.0.1",
                path="/accounts/login/",
                created_at=now - datetime.timedelta(minutes=i),
            )
            for i in range(scale // 10)
        ],
        batch_size=BATCH,
    )


def _answers(*, township: Township, scale: int, answered_by: User, now) -> None:
    """A tenth of the assigned proposals answered, and published on the public page."""
    answered = list(
        Proposal.objects.filter(township=township, status=Status.ASSIGNED)
        .order_by("pk")
        .values_list("pk", "handling_unit_id")[: scale // 10]
    )
    Answer.objects.bulk_create(
        [
            Answer(
                proposal_id=pk,
                unit_id=unit_id,
                text="基准测试答复。" * 5,
                answered_at=now - datetime.timedelta(hours=i),
                answered_by=answered_by,
            )
            for i, (pk, unit_id) in enumerate(answered)
        ],
        batch_size=BATCH,
    )
    Proposal.objects.filter(pk__in=[pk for pk, _unit in answered]).update(
        status=Status.ANSWERED, published=True
    )
