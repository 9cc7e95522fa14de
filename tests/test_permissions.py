"""Who may open what: every (role, URL) pair answers as the role table says."""

import pytest
from django.urls import reverse

from congress.roles import Role
from proposals.tests.factories import ProposalFactory

OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
S, M, D, U, C = Role.STAFF, Role.MEMBER, Role.DEPUTY, Role.UNIT, Role.COUNTY
CA = Role.COUNTY_ADMIN

# url name -> expected status per role; X: forbidden (403). A table, aligned by hand.
X = FORBIDDEN
# fmt: off
TABLE = {
    "home":                     {S: OK, M: OK, D: OK, U: OK, C: OK, CA: OK},
    "sessions:list":            {S: OK, M: OK, D: OK, U: X,  C: X,  CA: X},
    "sessions:create":          {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "deputies:list":            {S: OK, M: OK, D: X,  U: X,  C: X,  CA: X},
    "deputies:create":          {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "deputies:accounts_create": {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "proposals:list":           {S: OK, M: OK, D: OK, U: OK, C: X,  CA: X},
    "proposals:create":         {S: OK, M: X,  D: OK, U: X,  C: X,  CA: X},
    "oversight:list":           {S: OK, M: OK, D: OK, U: OK, C: X,  CA: X},
    "oversight:create":         {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "reports:list":             {S: OK, M: OK, D: X,  U: X,  C: OK, CA: X},
    "reports:create":           {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "township:accounts":        {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "township:account_create":  {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "township:units":           {S: OK, M: OK, D: X,  U: X,  C: X,  CA: X},
    "county:townships":         {S: X,  M: X,  D: X,  U: X,  C: X,  CA: OK},
    "county:township_create":   {S: X,  M: X,  D: X,  U: X,  C: X,  CA: OK},
    "password_change":          {S: OK, M: OK, D: OK, U: OK, C: OK, CA: OK},
    "calendar":                 {S: OK, M: OK, D: OK, U: OK, C: OK, CA: OK},
    "auth_events":              {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
    "locked_logins":            {S: OK, M: X,  D: X,  U: X,  C: X,  CA: X},
}
# fmt: on

CASES = [(name, role, expected) for name, row in TABLE.items() for role, expected in row.items()]


@pytest.mark.parametrize(("url_name", "role", "expected"), CASES)
def test_role_table(client, users, url_name, role, expected):
    client.force_login(users[role])
    assert client.get(reverse(url_name)).status_code == expected


@pytest.mark.parametrize("url_name", [*TABLE, "admin:index"])
def test_anonymous_is_sent_to_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    login = reverse("admin:login") if url_name.startswith("admin:") else reverse("login")
    assert response["Location"].startswith(login)


def test_detail_of_an_unseen_proposal_is_404_not_403(client, users, township):
    """A record the user may not see answers 404, so its existence does not leak."""
    other_deputys = ProposalFactory(deputy__township=township)
    for role, expected in {S: OK, M: OK, D: NOT_FOUND, U: NOT_FOUND, C: FORBIDDEN}.items():
        client.force_login(users[role])
        url = reverse("proposals:detail", args=[other_deputys.pk])
        assert client.get(url).status_code == expected, role


def test_role_staff_cannot_enter_django_admin(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302  # admin is for superusers; staff work in the app


def test_forbidden_page_speaks_chinese(client, users):
    client.force_login(users[D])
    response = client.get(reverse("deputies:list"))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_the_admin_cannot_bypass_the_workflows(admin_client, township):
    """Workflow fields are read-only in the admin: a status, a handling unit or a mandate's
    end changes only through its service."""
    from deputies.tests.factories import DeputyFactory

    proposal = ProposalFactory(deputy__township=township)
    deputy = DeputyFactory(township=township)
    page = admin_client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    form = page.context["adminform"].form
    assert "status" not in form.fields and "handling_unit" not in form.fields
    page = admin_client.get(reverse("admin:deputies_deputy_change", args=[deputy.pk]))
    inline = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert not {"status", "end_date", "status_reason"} & set(inline.fields)
