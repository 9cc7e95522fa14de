"""The daily reminders at their edges, with a frozen clock: answer deadlines (due soon, due
today, overdue, escalated when key), co-signatures about to lapse, ratings outstanding; each
once; and the send_reminders command."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.formats import date_format
from freezegun import freeze_time

from conftest import require, run_scheduled_jobs_twice_on_a_worker
from congress.models import Notification
from congress.registry import run_job
from congress.roles import Role
from congress.tests.factories import TownshipFactory, UnitFactory
from deputies.tests.factories import DeputyFactory
from proposals.models import AnswerCategory
from proposals.reminders import (
    COSIGN_LAPSING,
    DUE_SOON,
    DUE_TODAY,
    ESCALATED,
    OVERDUE,
    RATING_OUTSTANDING,
)
from proposals.services import (
    answer_deadline,
    proposal_answer,
    proposal_assign,
    proposal_cosign,
    proposal_cosigners_invite,
    proposal_draft_save,
    proposal_draft_submit,
    proposal_rate,
    proposal_register,
    proposal_submit,
)

JOB = "proposals.answer_deadline"


def at(day: str, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


@pytest.fixture
def people(township, unit, make_user):
    """Who hears of a proposal's deadline (its unit's active users, the township's staff)
    and who does not (a member, an inactive unit user, another unit, another township)."""
    staff = make_user(Role.STAFF, township, username="staff")
    unit_user = make_user(Role.UNIT, township, unit=unit, username="unit")
    make_user(Role.MEMBER, township, username="member")
    gone = make_user(Role.UNIT, township, unit=unit, username="gone")
    gone.is_active = False
    gone.save()
    make_user(Role.UNIT, township, unit=UnitFactory(township=township), username="other_unit")
    make_user(Role.STAFF, TownshipFactory(), username="other_staff")
    return staff, unit_user


@pytest.fixture
def assign(township, unit, people):
    staff, _unit_user = people

    def make(day: str, title="修缮村道"):
        proposal = proposal_submit(
            deputy=DeputyFactory(township=township),
            title=title,
            content="内容",
            kind="suggestion",
            submitted_by=staff,
            submitted_at=at(day, 9),
        )
        proposal_register(proposal=proposal, by=staff, at=at(day, 9))
        day_ = datetime.date.fromisoformat(day)
        return proposal_assign(proposal=proposal, unit=unit, by=staff, assigned_on=day_, at=at(day))

    return make


def run_on(day: str) -> int:
    with freeze_time(f"{day} 07:00:00+08:00"):
        return run_job(JOB)


def told(kind=None):
    kinds = [kind] if kind else [DUE_SOON, DUE_TODAY, OVERDUE]
    rows = Notification.objects.filter(kind__in=kinds)
    return sorted(rows.values_list("recipient__username", "kind", "day"))


@pytest.mark.parametrize(
    ("assigned", "deadline"),
    [
        ("2024-03-25", "2024-06-25"),  # the same day three months on (the start day not counted)
        ("2024-11-30", "2025-02-28"),  # no such day: the month's last
        ("2023-11-30", "2024-02-29"),
        ("2024-10-31", "2025-02-05"),  # 31 January falls in the Spring Festival holiday
        ("2024-07-01", "2024-10-08"),  # National Day: the first working day after it
        ("2024-11-28", "2025-02-28"),
        ("2024-05-08", "2024-08-08"),
    ],
)
def test_the_deadline_is_three_months_from_assignment_on_a_working_day(
    township, assigned, deadline
):
    assert answer_deadline(
        township=township, assigned_on=datetime.date.fromisoformat(assigned)
    ) == datetime.date.fromisoformat(deadline)


def test_reminders_at_their_edges(assign):
    proposal = assign("2024-03-25")  # deadline 2024-06-25
    deadline = datetime.date(2024, 6, 25)
    assert run_on("2024-06-17") == 0  # 8 days before: nothing
    assert run_on("2024-06-18") == 2  # 7 days before: due soon
    assert told() == [("staff", DUE_SOON, deadline), ("unit", DUE_SOON, deadline)]
    assert run_on("2024-06-18") == 0  # the same day again: nothing more
    assert run_on("2024-06-24") == 0  # told already
    assert run_on("2024-06-25") == 2  # the deadline day itself: still in time, due today
    assert told(DUE_TODAY) == [("staff", DUE_TODAY, deadline), ("unit", DUE_TODAY, deadline)]
    assert run_on("2024-06-25") == 0
    assert run_on("2024-06-26") == 2  # the day after: overdue
    assert told(OVERDUE) == [("staff", OVERDUE, deadline), ("unit", OVERDUE, deadline)]
    assert run_on("2024-06-27") == 0
    assert run_on("2024-09-01") == 0
    soon = Notification.objects.filter(kind=DUE_SOON).first()
    assert soon.subject == "即将到期：“修缮村道”应于2024年6月25日前答复"
    assert "代表法第五十一条" in soon.body and "2024年6月25日" in soon.body
    assert soon.url == f"/proposals/{proposal.pk}/"
    today = Notification.objects.filter(kind=DUE_TODAY).first()
    assert today.subject == "今日到期：“修缮村道”应于今天（2024年6月25日）答复"
    overdue = Notification.objects.filter(kind=OVERDUE).first()
    assert overdue.subject == "已逾期：“修缮村道”应于2024年6月25日前答复"


def test_a_missed_day_is_caught_up_once(assign):
    assign("2024-03-25")
    assert run_on("2024-06-21") == 2  # the job did not run on the 18th
    assert run_on("2024-06-22") == 0


def test_a_month_end_deadline_is_not_missed_by_the_sweep(assign):
    assign("2024-11-30")  # deadline 2025-02-28
    assert run_on("2025-02-20") == 0
    assert run_on("2025-02-21") == 2


def test_an_answered_proposal_gets_nothing(assign, people):
    staff, unit_user = people
    proposal = assign("2024-03-25")
    proposal_answer(
        proposal=proposal,
        by=unit_user,
        category=AnswerCategory.objects.get(township=proposal.township, code="A"),
        text="已答复",
        at=at("2024-06-01"),
    )
    assert run_on("2024-06-18") == 0
    assert run_on("2024-06-26") == 0
    assert told() == []


def test_a_new_assignment_brings_its_own_deadline(assign, people, unit):
    staff, _unit_user = people
    proposal = assign("2024-03-25")
    assert run_on("2024-06-26") == 2  # overdue
    proposal_assign(
        proposal=proposal,
        unit=unit,
        by=staff,
        note="逾期改交",
        assigned_on=datetime.date(2024, 7, 1),
        at=at("2024-07-01"),
    )
    # The new deadline, 1 October, is National Day: it moves to 8 October.
    assert run_on("2024-09-30") == 0
    assert run_on("2024-10-01") == 2  # 7 days before 8 October
    assert {day for _user, _kind, day in told()} == {
        datetime.date(2024, 6, 25),
        datetime.date(2024, 10, 8),
    }


def test_the_sweep_costs_the_same_however_many_stay_overdue(assign, django_assert_max_num_queries):
    for n in range(12):
        assign("2024-03-25", title=f"第{n}件")
    assert run_on("2024-06-26") == 24
    # proposals near or past their deadline, co-signatures lapsing, ratings outstanding,
    # notifications already sent: nothing to do
    with django_assert_max_num_queries(4):
        assert run_on("2024-06-27") == 0


# ---------------------------------------------------------------------------- the other kinds


def test_an_overdue_key_proposal_is_escalated_to_the_member_leading_it(
    township, unit, people, make_user
):
    staff, _unit_user = people
    member = make_user(Role.MEMBER, township, username="lead_member")
    proposal = proposal_submit(
        deputy=DeputyFactory(township=township),
        title="五雷街道路",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=at("2024-03-25", 9),
    )
    proposal_register(
        proposal=proposal, by=staff, is_key=True, lead_member=member, at=at("2024-03-25", 9)
    )
    proposal_assign(
        proposal=proposal,
        unit=unit,
        by=staff,
        assigned_on=datetime.date(2024, 3, 25),
        at=at("2024-03-25"),
    )
    deadline = datetime.date(2024, 6, 25)
    assert run_on("2024-06-25") == 2  # due today: unit and staff, not yet the member
    assert told(ESCALATED) == []
    assert run_on("2024-06-26") == 3  # overdue to unit and staff; escalated to the member
    assert told(ESCALATED) == [("lead_member", ESCALATED, deadline)]
    assert run_on("2024-06-26") == 0
    assert run_on("2024-06-27") == 0  # once per deadline
    note = Notification.objects.get(kind=ESCALATED)
    assert note.subject == "重点建议已逾期：“五雷街道路”应于2024年6月25日前答复"
    assert "您领衔督办" in note.body and "尚未答复" in note.body


def test_an_overdue_ordinary_proposal_is_not_escalated(assign, make_user, township):
    make_user(Role.MEMBER, township, username="lead_member")
    assign("2024-03-25")
    assert run_on("2024-06-26") == 2
    assert told(ESCALATED) == []


@pytest.fixture
def deputy_with_login(township, make_user):
    def make(username):
        user = make_user(Role.DEPUTY, township, username=username)
        DeputyFactory(township=township, user=user, name=username)
        return user.deputy

    return make


def test_a_co_signature_about_to_lapse_is_reminded_once(deputy_with_login, people):
    lead = deputy_with_login("lead")
    asked, confirmed, declined = (deputy_with_login(n) for n in ("asked", "yes", "no"))
    with freeze_time("2024-05-01 10:00:00+08:00"):
        draft = proposal_draft_save(
            deputy=lead, by=lead.user, kind="suggestion", title="路灯", content="装路灯"
        )
        signers = proposal_cosigners_invite(
            proposal=draft,
            deputies=[asked, confirmed, declined],
            by=lead.user,
            confirm_by=datetime.date(2024, 5, 10),
        )
        proposal_cosign(signer=signers[1], by=confirmed.user, confirm=True)
        proposal_cosign(signer=signers[2], by=declined.user, confirm=False)
    assert run_on("2024-05-07") == 0  # three days before
    assert run_on("2024-05-08") == 1  # two days before: only the one who has not answered
    assert list(
        Notification.objects.filter(kind=COSIGN_LAPSING).values_list(
            "recipient__username", "day", "subject"
        )
    ) == [("asked", datetime.date(2024, 5, 10), "请于2024年5月10日前确认附议：“路灯”")]
    assert run_on("2024-05-09") == 0
    assert run_on("2024-05-10") == 0
    assert "lead" in Notification.objects.get(kind=COSIGN_LAPSING).body


def test_a_submitted_proposal_does_not_chase_co_signatures(deputy_with_login, people):
    lead, asked = deputy_with_login("lead"), deputy_with_login("asked")
    with freeze_time("2024-05-01 10:00:00+08:00"):
        draft = proposal_draft_save(
            deputy=lead, by=lead.user, kind="suggestion", title="路灯", content="装路灯"
        )
        proposal_cosigners_invite(
            proposal=draft, deputies=[asked], by=lead.user, confirm_by=datetime.date(2024, 5, 10)
        )
        proposal_draft_submit(proposal=draft, by=lead.user)
    assert run_on("2024-05-08") == 0


@pytest.fixture
def answered(township, unit, people, deputy_with_login):
    """A suggestion of three signers (lead, co-signer, and one without a login) answered on
    3 June 2024 (rating due by 17 June); the lead has rated, in a township where every signer
    rates (elsewhere the lead's rating alone rates it)."""
    staff, unit_user = people
    township.all_signers_rate = True
    township.save(update_fields=["all_signers_rate"])
    lead, co = deputy_with_login("lead"), deputy_with_login("co")
    no_login = DeputyFactory(township=township)
    proposal = proposal_submit(
        deputy=lead,
        cosigners=[co, no_login],
        title="修缮村道",
        content="内容",
        kind="suggestion",
        submitted_by=staff,
        submitted_at=at("2024-03-20", 9),
    )
    proposal_register(proposal=proposal, by=staff, at=at("2024-03-20", 9))
    proposal_assign(
        proposal=proposal,
        unit=unit,
        by=staff,
        assigned_on=datetime.date(2024, 3, 25),
        at=at("2024-03-25"),
    )
    answer = proposal_answer(
        proposal=proposal,
        by=unit_user,
        category=AnswerCategory.objects.get(township=township, code="A"),
        text="已修好",
        at=at("2024-06-03"),
    )
    with freeze_time("2024-06-05 10:00:00+08:00"):
        proposal_rate(proposal=proposal, by=lead.user, attitude="satisfied", result="satisfied")
    return proposal, answer


def test_signers_who_have_not_rated_are_reminded_after_the_rating_days(answered):
    proposal, answer = answered
    assert run_on("2024-06-17") == 0  # the fourteenth day: still time to rate
    assert run_on("2024-06-18") == 1  # the co-signer; the lead rated, the third has no login
    note = Notification.objects.get(kind=RATING_OUTSTANDING)
    assert (note.recipient.username, note.day) == ("co", datetime.date(2024, 6, 17))
    assert note.subject == "请对“修缮村道”的办理情况进行评价"
    assert "2024年6月3日" in note.body
    assert note.record_key == f"proposals.answer:{answer.pk}"
    assert run_on("2024-06-18") == 0
    assert run_on("2024-06-30") == 0  # once per answer


def test_a_rated_proposal_is_not_chased(answered, people):
    proposal, _answer = answered
    staff, _unit_user = people
    co = proposal.signers.get(deputy__name="co").deputy
    third = proposal.signers.exclude(deputy__name__in=["lead", "co"]).get().deputy
    with freeze_time("2024-06-10 10:00:00+08:00"):
        proposal_rate(proposal=proposal, by=co.user, attitude="basic", result="satisfied")
        proposal_rate(
            proposal=proposal,
            by=staff,
            on_behalf_of=third,
            attitude="satisfied",
            result="satisfied",
        )
    proposal.refresh_from_db()
    assert proposal.status == "rated"
    assert run_on("2024-06-18") == 0


# ---------------------------------------------------------------------------- the command


def send_reminders(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_send_reminders_dry_run_lists_and_sends_nothing(assign, django_capture_on_commit_callbacks):
    assign("2024-03-25")
    Notification.objects.all().delete()  # the assignment told the unit at once
    with django_capture_on_commit_callbacks(execute=True):
        out = send_reminders("--dry-run", "--date", "2024-06-18")
    assert "答复即将到期 · 即将到期：“修缮村道”应于2024年6月25日前答复 → " in out
    assert "staff" in out and "unit" in out and "gone" not in out
    assert "2024-06-18 试运行：1 条提醒，共 2 人；未发送。" in out
    assert not Notification.objects.exists()
    assert not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        out = send_reminders("--date", "2024-06-18")
    assert "2024-06-18：已发送 2 条通知。" in out
    assert told() == [
        ("staff", DUE_SOON, datetime.date(2024, 6, 25)),
        ("unit", DUE_SOON, datetime.date(2024, 6, 25)),
    ]
    assert send_reminders("--dry-run", "--date", "2024-06-18").endswith(
        "0 条提醒，共 0 人；未发送。\n"
    )
    assert "已发送 0 条通知" in send_reminders("--date", "2024-06-18")


def test_send_reminders_runs_for_today_by_default(assign):
    assign("2024-03-25")
    with freeze_time("2024-06-26 08:00:00+08:00"):
        assert "2024-06-26：已发送 2 条通知。" in send_reminders()
    assert {kind for _user, kind, _day in told()} == {OVERDUE}


def test_send_reminders_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="请按 YYYY-MM-DD 格式给出日期"):
        send_reminders("--date", "18/06/2024")


def test_the_job_runs_at_the_cores_hour():
    """The reminders are a job of the core's scheduler, which runs them daily at
    SCHEDULED_JOBS_HOUR (congress/settings/base.py: CELERY_BEAT_SCHEDULE)."""
    from congress.registry import scheduled_jobs

    assert scheduled_jobs.get(JOB) is not None
    entry = settings.CELERY_BEAT_SCHEDULE["run-scheduled-jobs"]
    assert entry["schedule"].hour == {settings.SCHEDULED_JOBS_HOUR}


# ---------------------------------------------------------------------------- a real worker


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_todays_reminders_once_through_redis(
    township, unit, people, make_user, celery_broker
):
    """Beat's task queued twice through Redis to a real worker: the proposals job runs once
    and each reminder (due today to the unit and staff, escalated to the member leading a
    key proposal) arrives once, by email too."""

    from congress.models import JobRun
    from reports.tests.test_reports import redis_available, redis_url

    url = redis_url()
    require(redis_available(url), f"Redis is not reachable at {url}")
    staff, unit_user = people
    member = make_user(Role.MEMBER, township, username="lead_member")
    for user in (staff, unit_user, member):
        user.email = f"{user.username}@example.gov.cn"
        user.save(update_fields=["email"])
    today = timezone.localdate()
    for title, deadline, key in [
        ("今天到期", today, False),
        ("重点逾期", today - datetime.timedelta(days=3), True),
    ]:
        entered = timezone.now() - datetime.timedelta(days=61)  # before the assignment
        proposal = proposal_submit(
            deputy=DeputyFactory(township=township),
            title=title,
            content="内容",
            kind="suggestion",
            submitted_by=staff,
            submitted_at=entered,
        )
        proposal_register(
            proposal=proposal,
            by=staff,
            is_key=key,
            lead_member=member if key else None,
            at=entered,
        )
        proposal_assign(
            proposal=proposal,
            unit=unit,
            by=staff,
            assigned_on=today - datetime.timedelta(days=60),
            deadline=deadline,
        )
    Notification.objects.all().delete()  # the assignments told the unit at once
    mail.outbox.clear()
    app = celery_broker(url)
    run_scheduled_jobs_twice_on_a_worker(app)
    due, late = date_format(today), date_format(today - datetime.timedelta(days=3))
    assert sorted(Notification.objects.values_list("recipient__username", "kind", "subject")) == [
        ("lead_member", ESCALATED, f"重点建议已逾期：“重点逾期”应于{late}前答复"),
        ("staff", DUE_TODAY, f"今日到期：“今天到期”应于今天（{due}）答复"),
        ("staff", OVERDUE, f"已逾期：“重点逾期”应于{late}前答复"),
        ("unit", DUE_TODAY, f"今日到期：“今天到期”应于今天（{due}）答复"),
        ("unit", OVERDUE, f"已逾期：“重点逾期”应于{late}前答复"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lead_member@example.gov.cn",
        "staff@example.gov.cn",
        "staff@example.gov.cn",
        "unit@example.gov.cn",
        "unit@example.gov.cn",
    ]
    run = JobRun.objects.get(job=JOB, day=today)
    assert (run.state, run.count) == ("done", 5)
