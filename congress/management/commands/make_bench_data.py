import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from congress.models import Township, Unit, User
from congress.roles import Role
from congress.services import user_create
from deputies.models import Constituency, Deputy, DeputyGroup
from proposals.models import Proposal
from proposals.workflow import Status

BENCH_TOWNSHIP = "基准测试镇"
BATCH = 2000


class Command(BaseCommand):
    help = "Fill a separate benchmark township with generated data (--scale proposals)."

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
            return
        rng = random.Random(2024)
        units = [
            Unit.objects.get_or_create(township=township, name=f"单位{i:02d}")[0] for i in range(20)
        ]
        constituencies = [
            Constituency.objects.get_or_create(township=township, name=f"第{i}选区")[0]
            for i in range(1, 21)
        ]
        groups = [
            DeputyGroup.objects.get_or_create(township=township, name=f"小组{i}")[0]
            for i in range(1, 11)
        ]
        deputy_count = max(scale // 10, 10)
        existing = Deputy.objects.filter(township=township).count()
        Deputy.objects.bulk_create(
            [
                Deputy(
                    township=township,
                    name=f"代表{i:05d}",
                    level=Deputy.Level.COUNTY if i % 5 == 0 else Deputy.Level.TOWNSHIP,
                    constituency=constituencies[i % len(constituencies)],
                    group=groups[i % len(groups)],
                )
                for i in range(existing, deputy_count)
            ],
            batch_size=BATCH,
        )
        deputies = list(Deputy.objects.filter(township=township).values_list("pk", flat=True))
        start = datetime.datetime(2024, 1, 1, tzinfo=timezone.get_current_timezone())
        # Generated rows skip the services on purpose: they are load, not domain events.
        Proposal.objects.bulk_create(
            [
                Proposal(
                    township=township,
                    deputy_id=rng.choice(deputies),
                    title=f"关于第{i}项民生工作的建议",
                    content="基准测试数据。" * 10,
                    status=Status.ASSIGNED if i % 2 else Status.SUBMITTED,
                    handling_unit=units[i % len(units)] if i % 2 else None,
                    submitted_at=start + datetime.timedelta(minutes=37 * i),
                )
                for i in range(have, scale)
            ],
            batch_size=BATCH,
        )
        for role in (Role.STAFF,):
            username = f"bench-{role}"
            if not User.objects.filter(username=username).exists():
                user = user_create(
                    username=username, password="unused", role=role, township=township
                )
                user.set_unusable_password()
                user.save(update_fields=["password"])
        if not User.objects.filter(username="bench-admin").exists():
            User.objects.create_superuser("bench-admin", password=None)
        self.stdout.write(f"{BENCH_TOWNSHIP}: {scale} proposals, {deputy_count} deputies.")
