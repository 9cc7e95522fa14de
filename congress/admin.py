from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import AuthEvent, JobRun, Notification, Township, Unit, User
from .services import user_set_role


@admin.register(Township)
class TownshipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "county", "current_term"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "township", "is_active"]
    list_filter = ["township", "kind", "is_active"]


@admin.register(User)
class RendaUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "role", "township", "unit", "is_active"]
    list_filter = ["role", "township", "is_active", "must_change_password"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (
            _("Congress"),
            {
                "fields": [
                    "full_name",
                    "role",
                    "township",
                    "unit",
                    "email_frequency",
                    "must_change_password",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "role" in form.changed_data and obj.role:
            user_set_role(user=obj, role=obj.role)  # the role's group carries its permissions


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "day", "created_at", "read_at", "email_state"]
    list_filter = ["kind", "email_state"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "record_key", "recipient__username"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False  # notifications come from the app's services, never typed in


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """What the scheduled jobs did each day, and why one failed."""

    list_display = ["job", "day", "state", "count", "started_at", "finished_at", "error"]
    list_filter = ["state", "job"]
    date_hierarchy = "day"
    readonly_fields = [field.name for field in JobRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    """The whole audit log, every township's and failures at unknown names, for the county."""

    list_display = ["created_at", "kind", "username", "township", "ip_address", "path"]
    list_filter = ["kind", "township"]
    list_select_related = ["township"]
    search_fields = ["username", "ip_address", "path"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in AuthEvent._meta.fields]

    def has_add_permission(self, request):
        return False  # written by the login signals and the middleware only

    def has_change_permission(self, request, obj=None):
        return False
