from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "requested_by", "requested_at", "finished_at"]
    list_filter = ["township", "state", "kind"]
    list_select_related = ["township", "requested_by"]
