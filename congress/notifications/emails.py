"""The email messages: Chinese text, absolute links through the inbox (so that following one
marks the notification read)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.models import Notification, User


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL or 'http://127.0.0.1:8000'}{path}"


def open_url(notification: Notification) -> str:
    return absolute_url(reverse("notification_open", args=[notification.pk]))


def notification_email(notification: Notification) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "congress/email/notification.txt",
            {
                "notification": notification,
                "link": open_url(notification) if notification.url else "",
                "profile_link": absolute_url(reverse("profile")),
            },
        )
        return EmailMessage(
            subject=_("[Renda] %(subject)s") % {"subject": notification.subject},
            body=body,
            to=[notification.recipient.email],
        )


def digest_email(
    *, user: User, notifications: list[Notification], day: datetime.date
) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "congress/email/digest.txt",
            {
                "user": user,
                "items": [(n, open_url(n) if n.url else "") for n in notifications],
                "inbox_link": absolute_url(reverse("notification_list")),
                "profile_link": absolute_url(reverse("profile")),
            },
        )
        count = len(notifications)
        subject = ngettext(
            "[Renda] %(count)d notification before %(day)s",
            "[Renda] %(count)d notifications before %(day)s",
            count,
        ) % {"count": count, "day": date_format(day)}
        return EmailMessage(subject=subject, body=body, to=[user.email])
