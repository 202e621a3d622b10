"""Django admin registrations for the clients capability: safety follow-ups, read-only (they are
kept as written; a correction is a further follow-up, recorded in the app)."""

from django.contrib import admin
from django.http import HttpRequest

from intake.clients.models import SafetyFollowUp


@admin.register(SafetyFollowUp)
class SafetyFollowUpAdmin(admin.ModelAdmin):
    list_display = ["contacted_at", "intake", "client", "method", "outcome", "recorded_by"]
    list_filter = ["outcome", "method"]
    list_select_related = ["intake", "client", "recorded_by"]
    date_hierarchy = "contacted_at"
    readonly_fields = [field.name for field in SafetyFollowUp._meta.fields]
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
