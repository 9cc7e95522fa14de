from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Proposal, ProposalStatusChange


class StatusChangeInline(admin.TabularInline):
    model = ProposalStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]
    can_delete = False


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "deputy", "kind", "status", "handling_unit", "submitted_at"]
    list_filter = ["township", "status", "kind"]
    list_select_related = ["deputy", "handling_unit"]
    search_fields = ["title"]
    raw_id_fields = ["deputy", "session", "handling_unit"]
    # The status moves only through proposals.services.proposal_transition.
    readonly_fields = ["status"]
    inlines = [StatusChangeInline]
