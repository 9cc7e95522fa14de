"""Adding a deputy: the person's details come first and no login account is asked for (accounts
are issued after the roster, from the deputy's page, where the office lands once the deputy is
saved); every term (届次) field starts at the township's current term."""

import re

import pytest
from django.urls import reverse

from congress.forms import SUBMISSION_TOKEN
from deputies.models import Deputy
from deputies.tests.factories import DeputyFactory


def field_names(html: str) -> list[str]:
    """The fields in the order the page shows them (each once), the hidden ones aside."""
    names = re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', html)
    return [
        n
        for n in dict.fromkeys(names)
        if n not in {"csrfmiddlewaretoken", SUBMISSION_TOKEN, "next"}
    ]


def term_value(html: str) -> str:
    return re.search(r'<input[^>]*name="term"[^>]*>', html).group(0).split('value="')[1][:2]


@pytest.fixture
def township_in_term_19(township):
    township.current_term = 19
    township.save(update_fields=["current_term"])
    return township


def test_the_new_deputy_form_asks_who_they_are_first_and_no_login_account(client, staff):
    client.force_login(staff)
    names = field_names(client.get(reverse("deputies:create")).content.decode())
    assert names[:3] == ["name", "gender", "ethnicity"]
    assert names.index("address") < names.index("level") < names.index("term")
    assert "user" not in names


def test_after_adding_a_deputy_the_office_lands_on_the_deputys_page(client, staff, constituency):
    client.force_login(staff)
    response = client.post(
        reverse("deputies:create"),
        {
            "name": "李四",
            "gender": "female",
            "ethnicity": "汉族",
            "affiliation": "none",
            "occupation": "farmer",
            "level": "township",
            "term": 18,
            "constituency": constituency.pk,
        },
        follow=True,
    )
    deputy = Deputy.objects.get(name="李四")
    assert response.redirect_chain[-1][0] == reverse("deputies:detail", args=[deputy.pk])
    html = response.content.decode()
    assert "已添加代表李四" in html
    assert reverse("deputies:account_create", args=[deputy.pk]) in html  # the next step
    assert deputy.user is None


def test_the_edit_form_keeps_the_login_account_last(client, staff, township):
    deputy = DeputyFactory(township=township)
    client.force_login(staff)
    names = field_names(client.get(reverse("deputies:edit", args=[deputy.pk])).content.decode())
    assert names[0] == "name" and names[-1] == "user"


@pytest.mark.parametrize("url", ["deputies:create", "deputies:mandate_add", "sessions:create"])
def test_every_term_field_starts_at_the_current_term(client, staff, township_in_term_19, url):
    deputy = DeputyFactory(township=township_in_term_19)
    args = [deputy.pk] if url == "deputies:mandate_add" else []
    client.force_login(staff)
    assert term_value(client.get(reverse(url, args=args)).content.decode()) == "19"
