"""The URLs `manage.py bench` serves besides the application's: Django admin's changelist of
every model a list page shows, and the floor, a bare page of 50 rows of one table.

Only the benchmark mounts them (`ROOT_URLCONF` is overridden for its run); the application's
URLs never include them."""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from congress.urls import urlpatterns as app_urlpatterns

FLOOR_ROWS = 50
APP_LABELS = {
    "congress",
    "congress_sessions",
    "deputies",
    "proposals",
    "oversight",
    "petitions",
    "publicity",
    "reports",
}


class BenchAdminSite(admin.AdminSite):
    """Every model in reach of the changelist: the project's own ModelAdmin where it has one,
    Django's default otherwise, which is what admin gives for free."""

    site_url = None


bench_admin = BenchAdminSite(name="bench_admin")
for model in apps.get_models():
    if model._meta.app_label in APP_LABELS and not model.__name__.startswith("Historical"):
        registered = admin.site._registry.get(model)
        bench_admin.register(model, type(registered) if registered else admin.ModelAdmin)


@login_required
def floor(request, app_label: str, model_name: str):
    """The least a list page can cost: 50 rows of one table, newest first, a few of its own
    columns, no count, no joins, a template with no base."""
    model = apps.get_model(app_label, model_name)
    columns = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.is_relation and not field.primary_key
    ][:4]
    rows = model._default_manager.order_by("-pk").values_list("pk", *columns)[:FLOOR_ROWS]
    return render(request, "bench/floor.html", {"columns": columns, "rows": rows})


urlpatterns = [
    path("bench/floor/<str:app_label>/<str:model_name>/", floor),
    path("bench/admin/", bench_admin.urls),
    *app_urlpatterns,
]
