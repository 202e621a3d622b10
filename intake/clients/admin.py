"""Django admin registrations for the clients capability: safety follow-ups, read-only (they are
kept as written; a correction is a further follow-up, recorded in the app)."""

from django.contrib import admin

from intake.audit.admin import ReadOnlyModelAdmin
from intake.clients.models import SafetyFollowUp


@admin.register(SafetyFollowUp)
class SafetyFollowUpAdmin(ReadOnlyModelAdmin):
    list_display = ["contacted_at", "intake", "intake__client", "method", "outcome", "recorded_by"]
    list_filter = ["outcome", "method"]
    list_select_related = ["intake__client", "recorded_by"]
    date_hierarchy = "contacted_at"
    readonly_fields = [field.name for field in SafetyFollowUp._meta.fields]
