import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session as LoginSession
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from sessions.models import CongressSession
from sessions.tests.factories import CongressSessionFactory

ROOT = Path(settings.BASE_DIR)


def run_manage(*args, **env):
    """Run manage.py in a fresh process with the given environment on top of a clean one."""
    dropped = {"DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_both_session_apps_work_side_by_side(client, staff, township):
    """contrib.sessions keeps a login; the congress sessions app (own label) migrates and loads."""
    client.force_login(staff)
    assert LoginSession.objects.count() == 1
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("home")).wsgi_request.user == staff

    CongressSessionFactory(township=township, term=18, number=2)
    assert CongressSession._meta.app_label == "congress_sessions"
    assert CongressSession.objects.get(number=2).term == 18


def test_healthz_is_open_and_reports_eager_mode(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


def test_healthz_answers_503_when_the_broker_is_unreachable(client, db, celery_broker):
    celery_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


def test_server_error_page_is_chinese_without_a_stack_trace(db):
    request = RequestFactory().get("/")
    response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in body
    assert "Traceback" not in body


def test_not_found_page_is_chinese(client, staff):
    client.force_login(staff)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_login_page_speaks_chinese_and_rejects_bad_passwords(client, staff):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page
    response = client.post(reverse("login"), {"username": staff.username, "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_password_change_in_chinese(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    assert "你的旧密码不正确" in response.content.decode()


def test_debug_off_refuses_the_development_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="congress.settings.production", SECRET_KEY="", DEBUG="false"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="congress.settings.production",
        SECRET_KEY="k" * 20 + "-production-like-secret-" + "q7W!zR3#" * 4,
        ALLOWED_HOSTS="renda.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_message_has_a_current_chinese_translation():
    po = (ROOT / "congress/locale/zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = po.split("\n\n")[1:]
    untranslated = [e for e in entries if re.search(r'^msgstr(\[0\])? ""\Z', e.strip(), re.M)]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert not untranslated, untranslated[:3]
    assert not fuzzy, fuzzy[:3]


def test_chinese_by_default_whatever_the_browser_asks(client, staff):
    client.force_login(staff)
    response = client.get(reverse("home"), headers={"accept-language": "en-US,en"})
    assert "退出登录" in response.content.decode()


def test_english_when_the_user_chooses_it(client, staff):
    client.force_login(staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log out" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "退出登录" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "path", ["/static/bootstrap/css/bootstrap.min.css", "/static/css/renda.css"]
)
def test_bootstrap_is_served_locally(client, db, path):
    """Offices are often offline: the CSS and JS come from this server, not a CDN."""
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    local_file = Path(finders.find(path.removeprefix("/static/")))
    assert response.getvalue() == local_file.read_bytes()


def test_ci_runs_on_postgresql(db):
    """CI must exercise the production database; elsewhere SQLite is the embedded default."""
    from django.db import connection

    from conftest import require

    require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 14


def test_what_app_servers_share_is_shared_with_redis():
    """Sessions and login lockouts live in the database, and with REDIS_URL Django's cache is
    Redis: nothing a request relies on stays in one process's memory."""
    script = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
        "settings.AXES_HANDLER)"
    )
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="congress.settings.production",
        SECRET_KEY="k" * 50,
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    cache, sessions, lockouts = result.stdout.split()
    assert cache == "django.core.cache.backends.redis.RedisCache"
    assert sessions == "django.contrib.sessions.backends.db"
    assert lockouts == "axes.handlers.database.AxesDatabaseHandler"  # the database, not memory
