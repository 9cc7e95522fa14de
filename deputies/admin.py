from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Constituency, Deputy, DeputyGroup


@admin.register(Deputy)
class DeputyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "constituency", "group", "township"]
    list_filter = ["township", "level"]
    list_select_related = ["constituency", "group", "township"]
    search_fields = ["name"]
    raw_id_fields = ["user"]


@admin.register(Constituency, DeputyGroup)
class TownshipScopedAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township"]
    list_filter = ["township"]
