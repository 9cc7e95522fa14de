from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CongressSession


@admin.register(CongressSession)
class CongressSessionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "township", "start_date", "end_date", "venue"]
    list_filter = ["township", "term"]
    list_select_related = ["township"]
