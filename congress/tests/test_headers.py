"""Response headers: a strict Content-Security-Policy with no inline script or style in any
template, a Permissions-Policy, and nothing a logged-in user sees kept in a cache."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from congress.roles import Role

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize("logged_in", [False, True])
def test_every_page_sends_a_strict_content_security_policy(client, staff, logged_in):
    if logged_in:
        client.force_login(staff)
    policy = directives(client.get(reverse("login") if not logged_in else reverse("home")))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe" not in " ".join(policy.values())


def test_every_page_sends_a_permissions_policy(client, db):
    policy = client.get(reverse("login"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_pages_for_a_logged_in_user_are_not_cached(client, staff):
    client.force_login(staff)
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_excel_exports_are_not_cached(client, staff):
    client.force_login(staff)
    response = client.get(reverse("deputies:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize(
    ("content_type", "has_policy"),
    [
        ("text/html; charset=utf-8", True),
        ("image/svg+xml", True),  # an SVG opened on its own runs its script
        ("application/pdf", False),  # Chrome's PDF viewer is blank under the policy
        ("image/png", False),
    ],
)
def test_only_documents_that_can_run_script_carry_the_policy(rf, content_type, has_policy):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from congress.middleware import SecurityHeadersMiddleware

    handler = CSPMiddleware(SecurityHeadersMiddleware(lambda r: HttpResponse(b"x", content_type)))
    response = handler(rf.get("/file"))
    assert ("Content-Security-Policy" in response) is has_policy
    assert "Permissions-Policy" in response


def test_refused_and_missing_pages_are_not_cached_either(client, users):
    client.force_login(users[Role.DEPUTY])
    assert "no-store" in client.get(reverse("deputies:list"))["Cache-Control"]
    assert "no-store" in client.get("/no-such-page/")["Cache-Control"]


def test_static_files_stay_cacheable(client, staff):
    client.force_login(staff)
    response = client.get("/static/css/renda.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+=|javascript:", re.I)


def test_no_template_has_inline_script_style_or_handlers():
    """The policy refuses them: a page would silently lose its script or its look."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.name.endswith("_pdf.html"):
            continue  # rendered by WeasyPrint on the server, never by a browser
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            name = path.relative_to(TEMPLATES)
            found += [f"{name}: {match.group(0)}" for match in pattern.finditer(text)]
    assert not found, found
