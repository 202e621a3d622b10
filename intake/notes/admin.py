"""Django admin registrations for the notes capability.

The back office may read notes and fix a draft, but a signed note is locked here too: no
change, no delete. Corrections are addenda, written from the note page.
"""

from django.contrib import admin

from intake.notes.models import Addendum, SessionNote


class AddendumInline(admin.TabularInline):
    model = Addendum
    extra = 0
    can_delete = False
    readonly_fields = ["author", "text", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(SessionNote)
class SessionNoteAdmin(admin.ModelAdmin):
    list_display = ["id", "client", "therapist", "visit_date", "signed_at"]
    list_filter = ["visit_date"]
    list_select_related = ["client", "therapist"]
    search_fields = ["client__last_name", "client__first_name", "therapist__email"]
    raw_id_fields = ["client", "therapist", "referral", "referral_override_by"]
    readonly_fields = ["signed_at", "created_at", "updated_at"]
    inlines = [AddendumInline]

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        if obj is not None and obj.is_signed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
