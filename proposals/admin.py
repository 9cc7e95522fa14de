from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Proposal, ProposalStatusChange


class StatusChangeInline(admin.TabularInline):
    model = ProposalStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # steps are written by the workflow, never by hand


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "deputy", "kind", "status", "handling_unit", "submitted_at"]
    list_filter = ["township", "status", "kind"]
    list_select_related = ["deputy", "handling_unit"]
    search_fields = ["title"]
    # The status and the handling unit move only through the workflow (proposals.services),
    # which checks each move and records it; the admin cannot bypass it.
    readonly_fields = ["status", "handling_unit"]
    raw_id_fields = ["deputy", "session", "voter_contact"]
    inlines = [StatusChangeInline]
