from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .selectors import dashboard_for_user, history_for_user
from .views_mixins import YearMixin


class HomeView(YearMixin, TemplateView):
    """Each role lands on its own page: what waits for it, the year's figures, its records."""

    template_name = "congress/home.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "year": self.year,
            **dashboard_for_user(user=self.request.user, year=self.year),
        }


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from congress.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "unreachable"


@login_not_required
@never_cache
def healthz(request):
    """For monitors: 200 when the database and broker answer (or tasks run eagerly), else 503."""
    database = "ok" if _database_ok() else "unreachable"
    broker = _broker_state()
    healthy = database == "ok" and broker in {"ok", "eager"}
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


def history(request, model_key: str, pk: int):
    """Who changed a record, when, and what: readable by staff of the record's township."""
    record, rows = history_for_user(user=request.user, model_key=model_key, pk=pk)
    return render(request, "congress/history.html", {"record": record, "rows": rows})
