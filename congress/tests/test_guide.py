"""The user guide (操作手册) in the app: every chapter opens for every role, its links between
chapters lead to the guide's pages, and it carries nothing the CSP refuses."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from congress.guide.selectors import chapter_slugs
from congress.roles import Role


@pytest.mark.parametrize("role", list(Role))
def test_every_role_opens_the_guide_from_the_header(client, users, role):
    client.force_login(users[role])
    home = client.get(reverse("home")).content.decode()
    assert reverse("guide_index") in home and "操作手册" in home
    page = client.get(reverse("guide_index"))
    assert page.status_code == 200
    assert "人大工作平台 操作手册" in page.content.decode()


def test_every_chapter_renders_and_links_only_to_chapters_that_exist(client, staff):
    client.force_login(staff)
    slugs = chapter_slugs()
    assert len(slugs) > 5 and "01-登录与账号" in slugs
    for slug in slugs:
        html = client.get(reverse("guide", args=[slug])).content.decode()
        article = html[html.index('data-testid="guide"') :]
        assert "<h1" in article, slug
        assert ".md" not in re.findall(r'href="([^"]*)"', article).__str__(), slug
        assert ' style="' not in article, slug  # the CSP allows no inline style
        for target in re.findall(r'href="/guide/([^/"]+)/', article):
            assert unquote(target) in slugs, (slug, target)


def test_the_account_chapter_says_who_manages_staff_accounts(client, staff):
    client.force_login(staff)
    html = client.get(reverse("guide", args=["01-登录与账号"])).content.decode()
    assert "县人大常委会管理员" in html and "理由" in html and "图形验证码" in html


def test_an_unknown_chapter_is_404_and_anonymous_users_log_in_first(client, staff):
    assert client.get(reverse("guide_index")).status_code == 302
    client.force_login(staff)
    assert client.get("/guide/..%2Fsettings/").status_code == 404
    assert client.get(reverse("guide", args=["README"])).status_code == 404
    assert client.get(reverse("guide", args=["nope"])).status_code == 404
