import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from congress.demo import year2024 as demo
from congress.models import Township, Unit, User
from congress.services import user_create
from deputies.models import Constituency, Deputy, DeputyGroup
from deputies.services import deputy_create
from oversight.models import Inspection
from oversight.services import inspection_create
from proposals.models import Proposal
from proposals.services import proposal_assign, proposal_submit
from sessions.models import CongressSession
from sessions.services import session_create


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Command(BaseCommand):
    help = "Load the demo year (2024) and one account per role. Idempotent; refuses with DEBUG off."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates known passwords."
            )
        township, _ = Township.objects.get_or_create(
            name=demo.TOWNSHIP["name"], defaults=demo.TOWNSHIP
        )
        units = {
            name: Unit.objects.get_or_create(township=township, name=name, defaults={"kind": kind})[
                0
            ]
            for name, kind in demo.UNITS
        }
        constituencies = {
            name: Constituency.objects.get_or_create(township=township, name=name)[0]
            for name in demo.CONSTITUENCIES
        }
        groups = {
            name: DeputyGroup.objects.get_or_create(township=township, name=name)[0]
            for name in demo.GROUPS
        }
        deputies = []
        for row in demo.DEPUTIES:
            deputy = Deputy.objects.filter(township=township, name=row["name"]).first()
            if deputy is None:
                deputy = deputy_create(
                    township=township,
                    name=row["name"],
                    level=row["level"],
                    constituency=constituencies[row["constituency"]],
                    group=groups[row["group"]],
                )
            deputies.append(deputy)
        sessions = []
        for row in demo.SESSIONS:
            session = CongressSession.objects.filter(
                township=township, term=row["term"], number=row["number"]
            ).first() or session_create(township=township, **row)
            sessions.append(session)

        accounts = self._accounts(township, units, deputies)
        staff = accounts["staff"]
        for row in demo.PROPOSALS:
            if Proposal.objects.filter(township=township, title=row["title"]).exists():
                continue
            proposal = proposal_submit(
                deputy=deputies[row["deputy"]],
                title=row["title"],
                content=row["content"],
                kind=row["kind"],
                is_key=row["is_key"],
                session=sessions[-1],
                submitted_by=staff,
                submitted_at=_aware(sessions[-1].start_date, 14),
            )
            proposal_assign(
                proposal=proposal,
                unit=units[row["unit"]],
                by=staff,
                note="交办会逐件交办",
                at=_aware(demo.ASSIGNMENT_DAY),
            )
        for row in demo.INSPECTIONS:
            if not Inspection.objects.filter(township=township, subject=row["subject"]).exists():
                inspection_create(township=township, **row)

        self.stdout.write(self.style.SUCCESS(f"Demo data for {township.name} is loaded."))
        self.stdout.write(f"Demo accounts (password: {demo.DEMO_PASSWORD}):")
        for user in accounts.values():
            self.stdout.write(f"  {user.username:8} {user.get_role_display()}")

    def _accounts(self, township, units, deputies) -> dict[str, User]:
        accounts = {}
        for username, role, full_name, unit_name, deputy_index in demo.ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username,
                    password=demo.DEMO_PASSWORD,
                    role=role,
                    township=None if role == "county" else township,
                    unit=units[unit_name] if unit_name else None,
                    full_name=full_name or deputies[deputy_index].name,
                )
            if deputy_index is not None:
                deputy = deputies[deputy_index]
                if deputy.user_id != user.pk:
                    deputy.user = user
                    deputy.save(update_fields=["user"])
            accounts[username] = user
        return accounts
