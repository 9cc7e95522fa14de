import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from congress.models import Notification, User
from congress.notifications.channels import Channel
from congress.notifications.jobs import send_daily_digests
from congress.notifications.services import notify
from congress.roles import Role
from congress.tests.factories import NotificationFactory

IMMEDIATE, DAILY, NEVER = User.EmailFrequency


@pytest.fixture
def alice(make_user, township):
    return make_user(Role.STAFF, township, username="alice", full_name="王丽")


@pytest.fixture
def bob(make_user, township):
    return make_user(Role.MEMBER, township, username="bob")


def set_email(user, address="", frequency=IMMEDIATE):
    user.email, user.email_frequency = address, frequency
    user.save(update_fields=["email", "email_frequency"])
    return user


def send(capture, **kwargs):
    """notify() as a service caller uses it: delivery happens once the transaction commits."""
    defaults = {"kind": "test.notice", "subject": "测试通知", "body": "正文", "url": "/proposals/"}
    with capture(execute=True):
        return notify(**{**defaults, **kwargs})


# Storing and reading


def test_notify_stores_one_row_per_active_recipient(alice, bob, make_user, township):
    gone = make_user(Role.STAFF, township)
    gone.is_active = False
    gone.save()
    created = notify(recipients=[alice, bob, gone, alice], kind="test.notice", subject="会议通知")
    assert sorted(n.recipient.username for n in created) == ["alice", "bob"]
    assert Notification.objects.count() == 2
    assert all(n.read_at is None for n in created)


def test_a_keyed_notification_is_stored_once_per_record_kind_and_day(alice, bob, unit):
    day = datetime.date(2024, 6, 25)
    first = notify(recipients=[alice], kind="k", subject="s", record=unit, day=day)
    again = notify(recipients=[alice, bob], kind="k", subject="s", record=unit, day=day)
    assert len(first) == 1
    assert [n.recipient for n in again] == [bob]  # only the one not yet told
    assert notify(recipients=[alice], kind="k", subject="s", record=unit, day=day)[0:] == []
    assert (
        len(notify(recipients=[alice], kind="k", subject="s", record=unit, day=day.replace(day=26)))
        == 1
    )
    assert len(notify(recipients=[alice], kind="other", subject="s", record=unit, day=day)) == 1
    assert Notification.objects.get(pk=first[0].pk).record_key == f"congress.unit:{unit.pk}"


def test_without_a_day_every_call_notifies(alice, unit):
    notify(recipients=[alice], kind="k", subject="s", record=unit)
    notify(recipients=[alice], kind="k", subject="s", record=unit)
    assert Notification.objects.filter(recipient=alice).count() == 2


def test_inbox_lists_only_the_users_own_newest_first(client, alice, bob):
    with freeze_time("2024-06-01 09:00"):
        NotificationFactory(recipient=alice, subject="较早的通知")
    with freeze_time("2024-06-02 09:00"):
        NotificationFactory(recipient=alice, subject="较新的通知")
    NotificationFactory(recipient=bob, subject="别人的通知")
    client.force_login(alice)
    page = client.get(reverse("notification_list")).content.decode()
    assert page.index("较新的通知") < page.index("较早的通知")
    assert "别人的通知" not in page


def test_opening_another_users_notification_is_404_and_leaves_it_unread(client, alice, bob):
    theirs = NotificationFactory(recipient=bob)
    client.force_login(alice)
    assert client.get(reverse("notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_marks_read_and_goes_to_the_record(client, alice):
    mine = NotificationFactory(recipient=alice, url="/proposals/")
    client.force_login(alice)
    response = client.get(reverse("notification_open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/proposals/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_a_link_to_another_site_is_not_followed(client, alice):
    mine = NotificationFactory(recipient=alice, url="https://evil.example/")
    client.force_login(alice)
    response = client.get(reverse("notification_open", args=[mine.pk]))
    assert response["Location"] == reverse("notification_list")


def test_header_shows_the_unread_count_until_all_are_marked_read(client, alice):
    NotificationFactory.create_batch(3, recipient=alice)
    NotificationFactory(recipient=alice, read_at=timezone.now())
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert 'id="unread-count">3<' in page
    response = client.post(reverse("notification_read_all"), follow=True)
    page = response.content.decode()
    assert "已将3条通知标为已读" in page
    assert 'id="unread-count"' not in page
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()


def test_mark_all_read_only_by_post(client, alice):
    NotificationFactory(recipient=alice)
    client.force_login(alice)
    assert client.get(reverse("notification_read_all")).status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_inbox_pages_in_a_fixed_number_of_queries(client, alice, django_assert_max_num_queries):
    NotificationFactory.create_batch(45, recipient=alice)
    client.force_login(alice)
    # session, user, township and 2 permission lists for the header, unread count, page count,
    # the page's rows: however many notifications there are.
    with django_assert_max_num_queries(8):
        first = client.get(reverse("notification_list"))
    assert first.content.decode().count("list-group-item-warning") == 30
    assert "第1页，共2页" in first.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_an_inbox_and_a_profile(client, users, role):
    user = users[role]
    notify(recipients=[user], kind="test", subject="请查收本周会议安排")
    client.force_login(user)
    inbox = client.get(reverse("notification_list"))
    assert inbox.status_code == 200
    assert ">通知</h1>" in inbox.content.decode()
    assert "请查收本周会议安排" in inbox.content.decode()
    profile = client.get(reverse("profile"))
    assert profile.status_code == 200
    assert ">个人设置</h1>" in profile.content.decode()
    assert 'name="email_frequency"' in profile.content.decode()


# Email: each user's choice


def test_immediate_email_carries_the_text_and_an_absolute_link(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://renda.example.gov.cn"
    set_email(alice, "alice@example.gov.cn", IMMEDIATE)
    [notification] = send(
        django_capture_on_commit_callbacks, recipients=[alice], subject="议案即将到期"
    )
    [email] = mail.outbox
    assert email.to == ["alice@example.gov.cn"]
    assert email.subject == "[人大工作平台] 议案即将到期"
    assert "王丽，您好：" in email.body and "正文" in email.body
    link = f"https://renda.example.gov.cn/notifications/{notification.pk}/open/"
    assert link in email.body
    notification.refresh_from_db()
    assert notification.email_state == Notification.EmailState.SENT


@pytest.mark.parametrize(
    ("address", "frequency"), [("alice@example.gov.cn", NEVER), ("", IMMEDIATE), ("", DAILY)]
)
def test_no_email_when_not_wanted_or_no_address(
    alice, address, frequency, django_capture_on_commit_callbacks
):
    set_email(alice, address, frequency)
    [notification] = send(django_capture_on_commit_callbacks, recipients=[alice])
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.email_state == Notification.EmailState.NOT_WANTED


def test_daily_digest_sends_yesterdays_unread_once(alice, bob, django_capture_on_commit_callbacks):
    set_email(alice, "alice@example.gov.cn", DAILY)
    set_email(bob, "bob@example.gov.cn", IMMEDIATE)
    with freeze_time("2024-06-10 15:00"):
        send(django_capture_on_commit_callbacks, recipients=[alice, bob], subject="第一件")
        send(django_capture_on_commit_callbacks, recipients=[alice], subject="第二件")
        [read] = send(django_capture_on_commit_callbacks, recipients=[alice], subject="已读的")
        Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    assert [m.to for m in mail.outbox] == [["bob@example.gov.cn"]]  # bob wants them at once
    mail.outbox.clear()
    with freeze_time("2024-06-11 07:00"):
        send(django_capture_on_commit_callbacks, recipients=[alice], subject="今天的")
        with django_capture_on_commit_callbacks(execute=True):
            assert send_daily_digests(today=datetime.date(2024, 6, 11)) == 1
    [digest] = mail.outbox
    assert digest.to == ["alice@example.gov.cn"]
    assert digest.subject == "[人大工作平台] 2024年6月11日前的2条通知"
    assert "1. 第一件" in digest.body and "2. 第二件" in digest.body
    assert "已读的" not in digest.body and "今天的" not in digest.body
    states = dict(
        Notification.objects.filter(recipient=alice).values_list("subject", "email_state")
    )
    assert states == {
        "第一件": "sent",
        "第二件": "sent",
        "已读的": "not_wanted",
        "今天的": "pending",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests(today=datetime.date(2024, 6, 11)) == 0
    assert len(mail.outbox) == 1


def test_a_failing_email_is_retried_then_marked_failed_in_chinese(
    alice, monkeypatch, django_capture_on_commit_callbacks
):
    """Eager mode retries at once (CELERY_TASK_EAGER_PROPAGATES is off, as in production)."""
    set_email(alice, "alice@example.gov.cn", IMMEDIATE)
    states_seen = []

    def refuse(message, *args, **kwargs):
        states_seen.append(Notification.objects.get().email_state)
        raise ConnectionRefusedError("SMTP 服务器拒绝连接")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    [notification] = send(django_capture_on_commit_callbacks, recipients=[alice])
    assert states_seen == ["pending"] * 4  # the first try and 3 retries, none marked failed yet
    notification.refresh_from_db()
    assert notification.email_state == Notification.EmailState.FAILED
    assert notification.email_error == "邮件发送失败，已重试3次：SMTP 服务器拒绝连接"


class FakeSMS(Channel):
    """An SMS gateway as a later deployment would add it: a class and a settings line."""

    sent: list = []

    def send(self, notification):
        FakeSMS.sent.append((notification.recipient.username, notification.subject))


def test_a_channel_added_in_settings_receives_every_notification(
    alice, bob, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_CHANNELS = [
        *settings.NOTIFICATION_CHANNELS,
        "congress.tests.test_notifications.FakeSMS",
    ]
    FakeSMS.sent = []
    set_email(alice, "alice@example.gov.cn", IMMEDIATE)
    send(django_capture_on_commit_callbacks, recipients=[alice, bob], subject="短信也要")
    assert sorted(FakeSMS.sent) == [("alice", "短信也要"), ("bob", "短信也要")]
    assert len(mail.outbox) == 1  # email still goes as alice chose


def test_a_broken_channel_does_not_stop_the_others(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_CHANNELS = [
        "congress.notifications.channels.Channel",  # send() not implemented: raises
        "congress.notifications.channels.EmailChannel",
    ]
    set_email(alice, "alice@example.gov.cn", IMMEDIATE)
    send(django_capture_on_commit_callbacks, recipients=[alice])
    assert len(mail.outbox) == 1


# Profile


def test_profile_sets_email_and_frequency(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("profile"), {"email": "alice@example.gov.cn", "email_frequency": "daily"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.email, alice.email_frequency) == ("alice@example.gov.cn", "daily")
    assert "个人设置已保存" in client.get(response["Location"]).content.decode()


def test_profile_refuses_email_without_an_address_in_chinese(client, alice):
    client.force_login(alice)
    response = client.post(reverse("profile"), {"email": "", "email_frequency": "immediate"})
    assert "请填写电子邮箱，或选择不接收邮件" in response.content.decode()
    response = client.post(reverse("profile"), {"email": "", "email_frequency": "never"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email_frequency == "never"


def test_header_counts_unread_up_to_the_limit_then_shows_a_plus(client, alice, monkeypatch):
    from congress.notifications import selectors

    monkeypatch.setattr(selectors, "UNREAD_BADGE_LIMIT", 4)
    NotificationFactory.create_batch(4, recipient=alice)
    client.force_login(alice)
    assert 'id="unread-count">4<' in client.get(reverse("home")).content.decode()
    NotificationFactory(recipient=alice)
    assert 'id="unread-count">4+<' in client.get(reverse("home")).content.decode()
