from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Inspection


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "kind", "date", "participants", "township"]
    list_filter = ["township", "kind"]
    list_select_related = ["township"]
