from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    Attendance,
    Constituency,
    Deputy,
    DeputyGroup,
    LiaisonContact,
    Mandate,
    PerformanceRules,
    ReportToVoters,
    RosterImport,
    VoterContact,
)


class MandateInline(admin.TabularInline):
    model = Mandate
    extra = 0
    raw_id_fields = ["constituency", "group"]
    # A mandate ends only through deputies.services.mandate_update, which requires the end
    # date and the reason; the admin cannot bypass it.
    readonly_fields = ["status", "end_date", "status_reason"]


@admin.register(Deputy)
class DeputyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "gender", "affiliation", "occupation", "township"]
    list_filter = ["township", "gender", "affiliation"]
    list_select_related = ["township"]
    search_fields = ["name"]
    raw_id_fields = ["user", "liaison"]
    inlines = [MandateInline]


@admin.register(Constituency, DeputyGroup)
class TownshipScopedAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township"]
    list_filter = ["township"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["deputy"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "start_date", "township"]
    list_filter = ["township", "kind"]
    inlines = [AttendanceInline]


@admin.register(LiaisonContact, VoterContact, ReportToVoters)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "date"]
    raw_id_fields = ["deputy"]


@admin.register(PerformanceRules)
class PerformanceRulesAdmin(SimpleHistoryAdmin):
    list_display = ["township"]


@admin.register(RosterImport)
class RosterImportAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "township", "state", "uploaded_by", "uploaded_at"]
    list_filter = ["township", "state"]
