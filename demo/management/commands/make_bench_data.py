import datetime
import random

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from congress.models import Township, Unit, User
from congress.roles import Role
from congress.services import user_create
from deputies.models import Activity, Attendance, Constituency, Deputy, DeputyGroup, Mandate
from proposals.models import Assignment, Proposal, ProposalSigner
from proposals.workflow import Status
from sessions.models import CongressSession, Sitting, SittingAttendance

from .bench_records import bench_records

BENCH_TOWNSHIP = "基准测试镇"
BATCH = 2000


class Command(BaseCommand):
    help = (
        "Fill a separate benchmark township with generated data: --scale proposals and "
        "half as many deputies, with a year of sessions and activities."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=10_000, help="number of proposals")

    @transaction.atomic
    def handle(self, *args, scale: int, **options):
        township, _ = Township.objects.get_or_create(
            name=BENCH_TOWNSHIP, defaults={"county": "基准县", "current_term": 18}
        )
        have = Proposal.objects.filter(township=township).count()
        if have >= scale:
            self.stdout.write(f"{BENCH_TOWNSHIP} already holds {have} proposals.")
        else:
            self._proposals_and_deputies(township, have, scale)
        self._other_users(township)
        bench_records(
            township=township,
            scale=scale,
            deputies=list(Deputy.objects.filter(township=township).values_list("pk", flat=True)),
            units=list(Unit.objects.filter(township=township).order_by("name")),
            users=list(
                User.objects.filter(username__in=["bench-staff", "bench-deputy", "bench-unit"])
            ),
            member=User.objects.get(username="bench-member"),
        )
        # Fresh planner statistics, as autovacuum would have in a database that grew over years:
        # without them PostgreSQL plans for tables of one row and joins 50,000 before sorting.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _other_users(self, township) -> None:
        """A presidium member and the county's two roles: the lists they read are measured too."""
        for username, role, user_township in (
            ("bench-member", Role.MEMBER, township),
            ("bench-county", Role.COUNTY, None),
            ("bench-countyadmin", Role.COUNTY_ADMIN, None),
        ):
            if not User.objects.filter(username=username).exists():
                user_create(username=username, password=None, role=role, township=user_township)

    def _proposals_and_deputies(self, township, have: int, scale: int) -> None:
        # Generated rows skip the services on purpose: they are load, not domain events.
        rng = random.Random(2024)
        units = [
            Unit.objects.get_or_create(
                township=township,
                name=f"单位{i:02d}",
                defaults={"kind": Unit.Kind.VILLAGE if i >= 12 else Unit.Kind.OFFICE},
            )[0]
            for i in range(20)
        ]
        constituencies = [
            Constituency.objects.get_or_create(township=township, name=f"第{i}选区")[0]
            for i in range(1, 21)
        ]
        groups = [
            DeputyGroup.objects.get_or_create(township=township, name=f"小组{i}")[0]
            for i in range(1, 11)
        ]
        deputy_count = max(scale // 2, 10)
        existing = Deputy.objects.filter(township=township).count()
        occupations = Deputy.Occupation.values
        Deputy.objects.bulk_create(
            [
                Deputy(
                    township=township,
                    name=f"代表{i:05d}",
                    gender=Deputy.Gender.FEMALE if i % 3 == 0 else Deputy.Gender.MALE,
                    affiliation=Deputy.Affiliation.CPC if i % 2 else Deputy.Affiliation.NONE,
                    occupation=occupations[i % len(occupations)],
                    phone=f"139{i:08d}",
                )
                for i in range(existing, deputy_count)
            ],
            batch_size=BATCH,
        )
        without_seat = Deputy.objects.filter(township=township, mandates__isnull=True)
        Mandate.objects.bulk_create(
            [
                Mandate(
                    deputy=deputy,
                    level=Mandate.Level.COUNTY if deputy.pk % 5 == 0 else Mandate.Level.TOWNSHIP,
                    term=township.current_term,
                    constituency=constituencies[deputy.pk % len(constituencies)],
                    group=groups[deputy.pk % len(groups)],
                )
                for deputy in without_seat
            ],
            batch_size=BATCH,
        )
        deputies = list(Deputy.objects.filter(township=township).values_list("pk", flat=True))
        self._year_of_work(township, deputies, rng)
        start = datetime.datetime(2024, 1, 1, tzinfo=timezone.get_current_timezone())
        Proposal.objects.bulk_create(
            [
                Proposal(
                    township=township,
                    deputy_id=rng.choice(deputies),
                    title=f"关于第{i}项民生工作的建议",
                    content="基准测试数据。" * 10,
                    status=Status.ASSIGNED if i % 2 else Status.SUBMITTED,
                    handling_unit=units[i % len(units)] if i % 2 else None,
                    due_date=(start + datetime.timedelta(minutes=37 * i, days=92)).date()
                    if i % 2
                    else None,
                    submitted_at=start + datetime.timedelta(minutes=37 * i),
                )
                for i in range(have, scale)
            ],
            batch_size=BATCH,
        )
        new = Proposal.objects.filter(township=township, signers__isnull=True)
        ProposalSigner.objects.bulk_create(
            [
                ProposalSigner(proposal_id=pk, deputy_id=deputy_id, is_lead=True)
                for pk, deputy_id in new.values_list("pk", "deputy_id")
            ],
            batch_size=BATCH,
        )
        staff = User.objects.filter(username="bench-staff").first()
        if staff is None:
            staff = user_create(
                username="bench-staff", password="unused", role=Role.STAFF, township=township
            )
            staff.set_unusable_password()
            staff.save(update_fields=["password"])
        unassigned = Proposal.objects.filter(
            township=township, handling_unit__isnull=False, assignments__isnull=True
        )
        Assignment.objects.bulk_create(
            [
                Assignment(
                    proposal_id=pk,
                    unit_id=unit_id,
                    assigned_on=due - datetime.timedelta(days=92),
                    deadline=due,
                    assigned_by=staff,
                )
                for pk, unit_id, due in unassigned.values_list("pk", "handling_unit_id", "due_date")
            ],
            batch_size=BATCH,
        )
        if not User.objects.filter(username="bench-unit").exists():
            user = user_create(
                username="bench-unit",
                password="unused",
                role=Role.UNIT,
                township=township,
                unit=units[1],  # the odd proposals are assigned: unit 1 has some
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if not User.objects.filter(username="bench-deputy").exists():
            # The deputy who signed the most: their own list is the longest one a deputy has.
            busiest = (
                Deputy.objects.filter(township=township, user__isnull=True)
                .annotate(n=Count("signatures"))
                .order_by("-n", "pk")
                .first()
            )
            user = user_create(
                username="bench-deputy", password="unused", role=Role.DEPUTY, township=township
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            busiest.user = user
            busiest.save(update_fields=["user"])
        if not User.objects.filter(username="bench-admin").exists():
            User.objects.create_superuser("bench-admin", password=None)
        self.stdout.write(f"{BENCH_TOWNSHIP}: {scale} proposals, {deputy_count} deputies.")

    def _year_of_work(self, township, deputies, rng) -> None:
        """Two congress sessions and 40 activities in 2024, everyone's attendance recorded."""
        if CongressSession.objects.filter(township=township).exists():
            return
        for number, day in ((1, datetime.date(2024, 1, 20)), (2, datetime.date(2024, 12, 20))):
            session = CongressSession.objects.create(
                township=township,
                term=township.current_term,
                number=number,
                start_date=day,
                end_date=day,
                venue="会场",
                status=CongressSession.Status.CLOSED,
            )
            sitting = Sitting.objects.create(session=session, date=day, title="第一次全体会议")
            SittingAttendance.objects.bulk_create(
                [
                    SittingAttendance(
                        sitting=sitting,
                        deputy_id=pk,
                        status=rng.choice(["present"] * 8 + ["leave", "absent"]),
                    )
                    for pk in deputies
                ],
                batch_size=BATCH,
            )
        kinds = Activity.Kind.values
        for i in range(40):
            activity = Activity.objects.create(
                township=township,
                kind=kinds[i % len(kinds)],
                title=f"活动{i}",
                start_date=datetime.date(2024, 1 + i % 12, 1 + i % 28),
                other_participants=i,
            )
            Attendance.objects.bulk_create(
                [
                    Attendance(activity=activity, deputy_id=pk, status="present")
                    for pk in rng.sample(deputies, min(len(deputies), 250))
                ],
                batch_size=BATCH,
            )
