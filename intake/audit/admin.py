"""Django admin registrations for the security capability: the audit trail, read-only."""

from django.contrib import admin
from django.http import HttpRequest

from intake.audit.models import AuditArchive, AuditEvent


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes these rows here, superusers included: records kept as
    written (the audit trail, safety follow-ups)."""

    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """Nobody adds, changes or deletes audit events here, superusers included."""

    list_display = ["at", "user", "role", "action", "object_type", "object_id", "client", "ip"]
    list_filter = ["action", "role"]
    list_select_related = ["user", "client"]
    search_fields = ["object_type", "object_id", "user__email"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEvent._meta.fields]


@admin.register(AuditArchive)
class AuditArchiveAdmin(ReadOnlyModelAdmin):
    """The months written to files by ``archive_audit`` (and removed, if ``purged_at``)."""

    list_display = ["month", "count", "first_id", "last_id", "file_name", "purged_at"]
    readonly_fields = [field.name for field in AuditArchive._meta.fields]
