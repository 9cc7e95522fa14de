"""Small things a new office meets (part 1): a fast password change, the slips' address, a
one-day session's date, the home page's wording for staff, the 待办结 queue, the yes/no filters
and each role's menu."""

import datetime
import re
from unittest import mock

import pytest
from django import forms
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from congress.accounts.hashers import OfficeArgon2PasswordHasher
from congress.forms import AllYesNoSelect, FilterForm
from congress.models import PasswordHistory
from congress.roles import Role
from congress.security.passwords import PasswordHistoryValidator
from congress.settings import base as base_settings
from congress.tests.test_accounts import issue, slips_of
from proposals.models import Assignment
from proposals.tests.factories import ProposalFactory
from proposals.workflow import Status
from reports.tests.test_reports import pdf_text
from sessions.selectors import session_detail
from sessions.templatetags.session_dates import date_span
from sessions.tests.factories import CongressSessionFactory

# ------------------------------------------------------------------------ a password change


def test_new_passwords_are_hashed_with_argon2_and_older_hashes_upgraded_at_login(
    settings, make_user, township
):
    assert (
        base_settings.PASSWORD_HASHERS[0] == "congress.accounts.hashers.OfficeArgon2PasswordHasher"
    )
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in base_settings.PASSWORD_HASHERS
    user = make_user(Role.MEMBER, township)
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS

    user.set_password("Qingshan-2025")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password("Qingshan-2025")

    # A PBKDF2 hash from before still logs in, and is stored as Argon2 from then on.
    user.password = PBKDF2PasswordHasher().encode("Older-pass-2023", "somesalt", iterations=1000)
    user.save(update_fields=["password"])
    assert user.check_password("Older-pass-2023")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert OfficeArgon2PasswordHasher().verify("Older-pass-2023", user.password)


def test_the_tests_keep_their_fast_hasher(settings):
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"


def test_the_history_check_hashes_the_new_password_once_per_remembered_hash(
    settings, make_user, township
):
    """Remembered PBKDF2 hashes with fewer rounds than today's (an earlier Django's): a
    mismatch must not pad each one up to today's rounds, a second full hash per row."""
    user = make_user(Role.MEMBER, township)  # its first password, hashed with MD5
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    older = ["Lanxi-2021-a", "Lanxi-2022-b", "Lanxi-2023-c", "Lanxi-2024-d"]
    for password in older:
        user.password = PBKDF2PasswordHasher().encode(password, f"salt{password}", 1000)
        user.save(update_fields=["password"])
    assert PasswordHistory.objects.filter(user=user).count() == 5
    validator = PasswordHistoryValidator(count=5)

    with mock.patch.object(
        PBKDF2PasswordHasher, "encode", autospec=True, side_effect=PBKDF2PasswordHasher.encode
    ) as hashes:
        validator.validate("A-new-one-2025", user=user)
    assert hashes.call_count == len(older)  # one per PBKDF2 row, to verify it

    with pytest.raises(ValidationError, match="不能与最近"), translation.override("zh-hans"):
        validator.validate("Lanxi-2022-b", user=user)


# ------------------------------------------------------------------------ the slips' address


def slip_text(path) -> str:
    """The slip's words without spaces: a long address wraps beside its label."""
    return "".join(pdf_text(path).split()).replace("登录网址", "")


@pytest.fixture
def office_client(settings, staff):
    settings.ALLOWED_HOSTS = ["testserver", "renda.example.gov.cn"]
    client = Client(HTTP_HOST="renda.example.gov.cn")
    client.force_login(staff)
    return client


def test_slips_print_the_address_the_office_uses(office_client, unit, tmp_path):
    response, shown = issue(
        office_client,
        reverse("township:account_create"),
        full_name="赵志强",
        username="zhaozq",
        role="unit",
        unit=unit.pk,
    )
    assert set(shown) == {"zhaozq"}
    path = tmp_path / "slip.pdf"
    path.write_bytes(slips_of(office_client, response))
    text = slip_text(path)
    assert "http://renda.example.gov.cn/accounts/login/" in text
    assert "127.0.0.1" not in text


def test_slips_print_site_url_when_the_office_set_it(office_client, settings, unit, tmp_path):
    settings.SITE_URL = "https://renda.lanxi.gov.cn"
    response, _shown = issue(
        office_client,
        reverse("township:account_create"),
        full_name="钱海",
        username="qianhai",
        role="unit",
        unit=unit.pk,
    )
    path = tmp_path / "slip.pdf"
    path.write_bytes(slips_of(office_client, response))
    assert "https://renda.lanxi.gov.cn/accounts/login/" in slip_text(path)


# ------------------------------------------------------------------------ a session's dates


@pytest.mark.parametrize(
    ("start", "end", "page", "written"),
    [
        ("2025-02-18", "2025-02-18", "2025-02-18", "2025年2月18日"),
        ("2025-02-18", "2025-02-20", "2025-02-18 – 2025-02-20", "2025年2月18日至20日"),
        ("2025-02-28", "2025-03-02", "2025-02-28 – 2025-03-02", "2025年2月28日至3月2日"),
        ("2024-12-30", "2025-01-02", "2024-12-30 – 2025-01-02", "2024年12月30日至2025年1月2日"),
    ],
)
def test_a_sessions_dates_are_written_once_when_it_lasts_one_day(start, end, page, written):
    first, last = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    assert date_span(first, last) == page
    assert date_span(first, last, written=True) == written


def test_a_one_day_session_shows_its_day_once(client, staff, township):
    session = CongressSessionFactory(
        township=township,
        start_date=datetime.date(2025, 2, 18),
        end_date=datetime.date(2025, 2, 18),
        venue="镇政府大会议室",
    )
    client.force_login(staff)
    for url in (reverse("sessions:list"), reverse("sessions:detail", args=[session.pk])):
        page = client.get(url).content.decode()
        assert "2025-02-18" in page and "2025-02-18 – 2025-02-18" not in page
    context = {**session_detail(session=session, user=None), "elections": []}
    with translation.override("zh-hans"):
        summary = render_to_string("sessions/summary_pdf.html", context)
    assert "会议于2025年2月18日在镇政府大会议室举行。" in summary
    assert "至" not in summary.split("会议于")[1].split("举行")[0]


def test_the_filter_writes_a_session_in_prose():
    session = CongressSessionFactory.build(
        start_date=datetime.date(2025, 2, 18), end_date=datetime.date(2025, 2, 19)
    )
    template = Template('{% load session_dates %}{{ session|session_dates:"written" }}')
    assert template.render(Context({"session": session})) == "2025年2月18日至19日"


# ------------------------------------------------------------------------ the home page


def assigned(township, unit, staff, **fields):
    proposal = ProposalFactory(deputy__township=township, status=Status.ASSIGNED, **fields)
    Assignment.objects.create(
        proposal=proposal,
        unit=unit,
        assigned_on=datetime.date(2024, 3, 25),
        deadline=datetime.date(2024, 6, 25),
        assigned_by=staff,
    )
    return proposal


def todo_rows(page: str) -> list[tuple[str, int]]:
    section = page.split('data-testid="todo"')[1].split("</section>")[0]
    return [
        (label, int(count))
        for label, count in re.findall(
            r'<a href="[^"]*">([^<]+)</a>\s*<span class="badge[^"]*">(\d+)</span>', section
        )
    ]


def test_staff_are_not_told_of_their_units_answer(client, users, township, unit, staff):
    assigned(township, unit, staff)
    client.force_login(staff)
    rows = dict(todo_rows(client.get("/").content.decode()))
    assert rows.get("待承办单位答复的议案建议") == 1
    assert "待本单位答复的议案建议" not in rows
    client.force_login(users[Role.UNIT])
    rows = dict(todo_rows(client.get("/").content.decode()))
    assert rows.get("待本单位答复的议案建议") == 1


def test_the_queues_list_what_the_home_page_counts_as_waiting_to_be_closed(client, staff, township):
    for _ in range(6):
        ProposalFactory(deputy__township=township, status=Status.RATED)
    for _ in range(2):  # answered, not rated yet: waiting for the deputies, not for staff
        ProposalFactory(deputy__township=township, status=Status.ANSWERED)
    ProposalFactory(status=Status.RATED)  # another township's
    client.force_login(staff)
    rows = [row for row in todo_rows(client.get("/").content.decode()) if "待办结" in row[0]]
    assert rows == [("已答复待办结的议案建议", 6)]
    queues = client.get(reverse("proposals:queues")).content.decode()
    count = re.search(r'data-testid="count-to_close">(\d+)<', queues)
    assert count and int(count.group(1)) == 6
    section = queues.split('data-testid="queue-to_close"')[1].split("</section>")[0]
    assert "待办结" in section and section.count("/proposals/") >= 6


# ------------------------------------------------------------------------ yes/no filters


def test_yes_no_filters_offer_all_yes_and_no(client, staff):
    client.force_login(staff)
    page = client.get(reverse("proposals:list")).content.decode()
    for name in ("key", "overdue"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
        assert re.findall(r">([^<]+)</option>", select) == ["全部", "是", "否"]


def test_a_filter_forms_yes_no_field_offers_all_yes_and_no():
    class Filters(FilterForm):
        answered = forms.NullBooleanField(label="已答复", required=False)

    with translation.override("zh-hans"):
        html = str(Filters()["answered"])
    assert isinstance(Filters().fields["answered"].widget, AllYesNoSelect)
    assert re.findall(r">([^<]+)</option>", html) == ["全部", "是", "否"]
    assert Filters({"answered": "unknown"}).filters() == {}
    assert Filters({"answered": "true"}).filters() == {"answered": True}
    assert Filters({"answered": "false"}).filters() == {"answered": False}


# ------------------------------------------------------------------------ each role's menu


def menu(client, user) -> str:
    client.force_login(user)
    page = client.get("/").content.decode()
    return page.split('id="mainnav"')[1].split("</ul>")[0]


@pytest.mark.parametrize(
    ("role", "calendar", "unit_items"),
    [
        (Role.STAFF, True, False),
        (Role.MEMBER, True, False),
        (Role.DEPUTY, True, False),
        (Role.UNIT, False, True),
        (Role.COUNTY, False, False),
        (Role.COUNTY_ADMIN, False, False),
    ],
)
def test_each_roles_menu(client, users, role, calendar, unit_items):
    nav = menu(client, users[role])
    assert (f'href="{reverse("calendar")}"' in nav) is calendar
    assert (f'href="{reverse("proposals:unit_items")}"' in nav) is unit_items
    if unit_items:
        assert "本单位承办" in nav
        assert client.get(reverse("proposals:unit_items")).status_code == 200
