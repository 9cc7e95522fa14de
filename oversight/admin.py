from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionStaff, Campaign, GovernmentTask, OversightAction, ProgressReview


class ActionStaffInline(admin.TabularInline):
    model = ActionStaff
    extra = 0


class ProgressReviewInline(admin.TabularInline):
    model = ProgressReview
    extra = 0
    raw_id_fields = ["task", "action"]


@admin.register(OversightAction)
class OversightActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "unit", "campaign", "township"]
    list_filter = ["township", "kind"]
    list_select_related = ["activity", "unit", "campaign", "township"]
    search_fields = ["activity__title", "target"]
    # The dates, place, attendance and photos are the deputies' activity's (its own admin).
    raw_id_fields = ["activity", "unit", "campaign", "plan_item"]
    filter_horizontal = ["tasks"]
    inlines = [ActionStaffInline, ProgressReviewInline]


@admin.register(ActionStaff)
class ActionStaffAdmin(SimpleHistoryAdmin):
    list_display = ["name", "action"]
    list_select_related = ["action__activity"]
    search_fields = ["name"]
    raw_id_fields = ["action"]


@admin.register(GovernmentTask)
class GovernmentTaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "kind", "number", "unit", "leader", "township"]
    list_filter = ["township", "year", "kind"]
    list_select_related = ["unit", "township"]
    search_fields = ["title", "leader"]
    raw_id_fields = ["unit"]
    inlines = [ProgressReviewInline]


@admin.register(ProgressReview)
class ProgressReviewAdmin(SimpleHistoryAdmin):
    list_display = ["task", "stage", "date", "progress"]
    list_filter = ["stage", "progress"]
    list_select_related = ["task"]
    raw_id_fields = ["task", "action"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "start_date", "end_date", "township"]
    list_filter = ["township"]
    list_select_related = ["township"]
    search_fields = ["title"]
    raw_id_fields = ["plan_item"]
