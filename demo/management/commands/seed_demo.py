import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from congress.models import Township, Unit, User
from congress.roles import COUNTY_ROLES
from congress.services import user_create
from demo import xiang2025, year2024
from demo.oversight import seed as seed_oversight
from demo.reports import seed as seed_reports
from demo.reports import seed_draft as seed_draft_report
from deputies.models import (
    DEPUTY_DETAILS,
    Activity,
    Constituency,
    Deputy,
    DeputyGroup,
    LiaisonContact,
    Mandate,
    ReportToVoters,
    VoterContact,
)
from deputies.services import (
    activity_save,
    activity_set_attendance,
    deputy_create,
    deputy_link_account,
    deputy_update,
    liaison_contact_record,
    mandate_add,
    report_to_voters_record,
    voter_contact_record,
)
from proposals.models import AnswerCategory, AssignmentMeeting, Proposal, ProposalField
from proposals.services import (
    proposal_answer,
    proposal_assign,
    proposal_draft_save,
    proposal_publish,
    proposal_rate,
    proposal_register,
    proposal_submit,
)
from sessions.models import CongressSession
from sessions.services import (
    agenda_item_save,
    candidate_add,
    election_count,
    election_save,
    preparation_task_mark,
    resolution_record,
    session_create,
    session_move,
    session_set_activities,
    session_set_presidium,
    sitting_set_attendance,
)


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Command(BaseCommand):
    help = (
        "Load the demo: 练溪镇's 2024 and 桃源乡's 2025, with one account per role. "
        "Idempotent; refuses with DEBUG off."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates known passwords."
            )
        for data in (year2024, xiang2025):
            self.data = data
            township, accounts = self._seed()
            self.stdout.write(self.style.SUCCESS(f"Demo data for {township.name} is loaded."))
            self.stdout.write(f"Demo accounts (password: {data.DEMO_PASSWORD}):")
            for user in accounts.values():
                self.stdout.write(f"  {user.username:11} {user.get_role_display()}")

    def _seed(self) -> tuple[Township, dict[str, User]]:
        """One township's year from `self.data`: the 2024 demo of 练溪镇 in full (with its
        oversight, current work and final reports), or the small 2025 of 桃源乡, a 乡."""
        demo = self.data
        township, _ = Township.objects.get_or_create(
            name=demo.TOWNSHIP["name"], defaults=demo.TOWNSHIP
        )
        units = {
            name: Unit.objects.get_or_create(township=township, name=name, defaults={"kind": kind})[
                0
            ]
            for name, kind in demo.UNITS
        }
        deputies = self._roster(township)
        accounts = self._accounts(township, units, deputies)
        # Deputies' activities first: a session links its pre-session visits.
        self._deputy_work(township, deputies, accounts["member"], accounts["staff"])
        sessions = self._sessions(township, deputies, accounts["staff"])
        self._proposals(township, deputies, sessions, units, accounts["staff"], accounts["member"])
        if demo is xiang2025:
            seed_draft_report(township=township, year=demo.REPORT_YEAR, staff=accounts["staff"])
            return township, accounts
        self._current_work(township, deputies, units, accounts["staff"])
        if not township.oversight_actions.exists():
            seed_oversight(
                township=township,
                deputies=deputies,
                units=units,
                staff=accounts["staff"],
                member=accounts["member"],
            )
        seed_reports(township=township, staff=accounts["staff"], member=accounts["member"])
        return township, accounts

    def _roster(self, township) -> list[Deputy]:
        demo = self.data
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
            seat = {
                "constituency": constituencies[row["constituency"]],
                "group": groups[row["group"]],
                "start_date": demo.TERM_START,
            }
            if deputy is None:
                deputy = deputy_create(
                    township=township,
                    level=Mandate.Level.TOWNSHIP,
                    term=township.current_term,
                    **seat,
                    **{key: row[key] for key in DEPUTY_DETAILS if key in row},
                )
            if row["county"] and not deputy.mandates.filter(level=Mandate.Level.COUNTY).exists():
                mandate_add(
                    deputy=deputy,
                    level=Mandate.Level.COUNTY,
                    term=demo.COUNTY_TERM,
                    constituency=seat["constituency"],
                    start_date=demo.TERM_START,
                )
            deputies.append(deputy)
        return deputies

    def _sessions(self, township, deputies, staff) -> list[CongressSession]:
        demo = self.data
        sessions = []
        for row in demo.SESSIONS:
            session = CongressSession.objects.filter(
                township=township, term=row["term"], number=row["number"]
            ).first()
            if session is None:
                session = session_create(
                    township=township,
                    by=staff,
                    at=_aware(row["start_date"] - datetime.timedelta(30)),
                    **row,
                )
                self._hold_session(session, deputies, staff)
            sessions.append(session)
        return sessions

    def _hold_session(self, session, deputies, staff) -> None:
        """The session as the report tells it: prepared, convened, the roll of every sitting,
        the reports, resolutions and by-election, closed."""
        demo = self.data
        key = (session.term, session.number)
        business = demo.SESSION_BUSINESS.get(key, {})
        for task in session.preparation_tasks.all():
            preparation_task_mark(task=task, done_on=session.start_date - datetime.timedelta(7))
        session_set_presidium(
            session=session, deputies=[deputies[i] for i in business.get("presidium", [])]
        )
        session_set_activities(
            session=session,
            activities=list(
                Activity.objects.filter(
                    township=session.township, title__in=business.get("activities", [])
                )
            ),
        )
        for kind, title, presenter, outcome in business.get("agenda", []):
            agenda_item_save(
                session=session, kind=kind, title=title, presenter=presenter, outcome=outcome
            )
        session_move(session=session, move="convene", by=staff, at=_aware(session.start_date, 8))
        away = demo.SESSION_ABSENCES.get(key, {})
        statuses = {d.pk: "present" for d in deputies}
        for status, indexes in away.items():
            statuses.update({deputies[i].pk: status for i in indexes})
        sittings = list(session.sittings.order_by("date"))
        for sitting in sittings:
            quorum = sitting_set_attendance(sitting=sitting, statuses=statuses, by=staff)
        last = sittings[-1]
        for title in business.get("resolutions", []):
            resolution_record(
                session=session,
                sitting=last,
                kind="resolution",
                title=title,
                votes_for=quorum.present,
            )
        for row in business.get("elections", []):
            election = election_save(
                session=session,
                sitting=last,
                office=row["office"],
                kind="by_election",
                seats=row["seats"],
            )
            for name in row["candidates"]:
                candidate_add(election=election, name=name, nominated_by="presidium")
            election_count(
                election=election,
                issued=quorum.present,
                returned=quorum.present,
                valid=quorum.present,
                invalid=0,
                votes={c.pk: {"for": quorum.present} for c in election.candidates.all()},
            )
        session_move(session=session, move="close", by=staff, at=_aware(session.end_date, 17))

    def _proposals(self, township, deputies, sessions, units, staff, member) -> None:
        """The six items of the January session: registered, assigned at the 25 March
        meeting, answered by their units and rated (paper records entered by staff with their
        real dates): the lead deputy's rating first, which rates the item, then each
        co-signer's, kept beside it and not counted in the figures."""
        demo = self.data
        meeting = AssignmentMeeting.objects.filter(
            township=township, date=demo.ASSIGNMENT_DAY
        ).first() or AssignmentMeeting.objects.create(
            township=township, date=demo.ASSIGNMENT_DAY, place=demo.MEETING_PLACE
        )
        fields = {f.name: f for f in ProposalField.objects.filter(township=township)}
        categories = {c.code: c for c in AnswerCategory.objects.filter(township=township)}
        session = sessions[-1]
        for row in demo.PROPOSALS:
            if Proposal.objects.filter(township=township, title=row["title"]).exists():
                continue
            proposal = proposal_submit(
                deputy=deputies[row["deputy"]],
                cosigners=[deputies[i] for i in row.get("cosigners", [])],
                title=row["title"],
                content=row["content"],
                solution=row.get("solution", ""),
                kind=row["kind"],
                field=fields[row["field"]],
                session=session,
                submitted_by=staff,
                submitted_at=_aware(session.start_date, 14),
            )
            proposal_register(
                proposal=proposal,
                by=staff,
                is_key=row["is_key"],
                lead_member=member if row["is_key"] else None,
                at=_aware(demo.REGISTRATION_DAY),
            )
            proposal_assign(
                proposal=proposal,
                unit=units[row["unit"]],
                meeting=meeting,
                by=staff,
                note="交办会逐件交办",
                at=_aware(demo.ASSIGNMENT_DAY),
            )
            code, text, person, day = row["answer"]
            proposal_answer(
                proposal=proposal,
                by=staff,
                category=categories[code],
                text=text,
                contact_person=person,
                met_on=day,
                at=_aware(day, 15),
            )
            if row.get("published"):
                proposal_publish(proposal=proposal, by=staff, published=True)
            attitude, result = row["ratings"]
            for signer in proposal.signers.all():
                proposal_rate(
                    proposal=proposal,
                    by=staff,
                    on_behalf_of=signer.deputy,
                    attitude=attitude,
                    result=result,
                    at=_aware(day + datetime.timedelta(days=7)),
                )

    def _current_work(self, township, deputies, units, staff) -> None:
        """An item in the demo unit's hands and a draft of the demo deputy's (see year2024)."""
        demo = self.data
        fields = {f.name: f for f in ProposalField.objects.filter(township=township)}
        today = timezone.localdate()
        for row in demo.CURRENT_PROPOSALS:
            if Proposal.objects.filter(township=township, title=row["title"]).exists():
                continue
            day = today - datetime.timedelta(days=row["days_ago"])
            proposal = proposal_submit(
                deputy=deputies[row["deputy"]],
                title=row["title"],
                content=row["content"],
                kind=row["kind"],
                field=fields[row["field"]],
                submitted_by=staff,
                submitted_at=_aware(day, 10),
            )
            proposal_register(proposal=proposal, by=staff, at=_aware(day + datetime.timedelta(2)))
            proposal_assign(
                proposal=proposal,
                unit=units[row["unit"]],
                by=staff,
                assigned_on=day + datetime.timedelta(days=3),
                at=_aware(day + datetime.timedelta(days=3)),
            )
        draft = demo.DEMO_DRAFT
        deputy = deputies[draft["deputy"]]
        if deputy.user and not Proposal.objects.filter(title=draft["title"]).exists():
            proposal_draft_save(
                deputy=deputy,
                by=deputy.user,
                kind=draft["kind"],
                title=draft["title"],
                content=draft["content"],
            )

    def _deputy_work(self, township, deputies, member, staff) -> None:
        demo = self.data
        for row in demo.ACTIVITIES:
            if Activity.objects.filter(township=township, title=row["title"]).exists():
                continue
            fields = {k: v for k, v in row.items() if k not in {"present", "others"}}
            activity = activity_save(township=township, other_participants=row["others"], **fields)
            activity_set_attendance(
                activity=activity,
                statuses={deputies[i].pk: "present" for i in row["present"]},
                by=staff,
            )
        for index in demo.LIAISON_DEPUTIES:
            if deputies[index].liaison_id != member.pk:
                deputy_update(deputy=deputies[index], liaison=member)
        if not LiaisonContact.objects.filter(township=township).exists():
            for index, date, content in demo.LIAISON_CONTACTS:
                liaison_contact_record(
                    member=member, deputy=deputies[index], date=date, content=content
                )
        if not VoterContact.objects.filter(deputy__township=township).exists():
            for index, date, voters, count, raised in demo.VOTER_CONTACTS:
                voter_contact_record(
                    deputy=deputies[index],
                    date=date,
                    voters=voters,
                    voter_count=count,
                    raised=raised,
                )
        if not ReportToVoters.objects.filter(deputy__township=township).exists():
            for index, date, place, attended, rating in demo.REPORTS_TO_VOTERS:
                report_to_voters_record(
                    deputy=deputies[index],
                    date=date,
                    place=place,
                    voters_attended=attended,
                    rating=rating,
                )

    def _accounts(self, township, units, deputies) -> dict[str, User]:
        demo = self.data
        accounts = {}
        for username, role, full_name, unit_name, deputy_index in demo.ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username,
                    password=demo.DEMO_PASSWORD,
                    role=role,
                    township=None if role in COUNTY_ROLES else township,
                    unit=units[unit_name] if unit_name else None,
                    full_name=full_name or deputies[deputy_index].name,
                )
            if deputy_index is not None:
                deputy = deputies[deputy_index]
                if deputy.user_id != user.pk:
                    deputy_link_account(deputy=deputy, user=user)
            accounts[role] = user
        return accounts
