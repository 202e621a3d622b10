"""Django admin registrations for the referrals capability (back office: data fixes)."""

from django.contrib import admin

from intake.referrals.models import (
    AlertLog,
    Physician,
    Referral,
    ReferralDocument,
    ReferralTransition,
)


@admin.register(Physician)
class PhysicianAdmin(admin.ModelAdmin):
    list_display = ("name", "practice", "phone", "fax", "email", "licence_number", "created_at")
    search_fields = ("name", "practice", "phone", "fax", "email", "licence_number")
    list_filter = ("created_at",)


class TransitionInline(admin.TabularInline):
    model = ReferralTransition
    extra = 0
    fields = ("at", "from_status", "to_status", "by", "note")
    readonly_fields = ("at",)
    raw_id_fields = ("by",)


class DocumentInline(admin.TabularInline):
    model = ReferralDocument
    extra = 0
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ("id", "client", "physician", "direction", "status", "referral_date",
                    "received_on", "visits_authorized", "expires_on")  # fmt: skip
    list_filter = ("direction", "status", "referral_date", "expires_on")
    search_fields = ("=id", "client__first_name", "client__last_name", "physician__name",
                     "physician__practice", "reason")  # fmt: skip
    list_select_related = ("client", "physician")
    raw_id_fields = ("client", "physician", "intake", "created_by", "signed_by")
    date_hierarchy = "referral_date"
    inlines = [TransitionInline, DocumentInline]


@admin.register(ReferralTransition)
class ReferralTransitionAdmin(admin.ModelAdmin):
    list_display = ("referral", "from_status", "to_status", "by", "at")
    list_filter = ("to_status", "from_status", "at")
    search_fields = ("=referral__id", "by__email", "note")
    list_select_related = ("referral", "by")
    raw_id_fields = ("referral", "by")


@admin.register(ReferralDocument)
class ReferralDocumentAdmin(admin.ModelAdmin):
    list_display = ("id", "referral", "original_name", "content_type", "size", "uploaded_at")
    list_filter = ("content_type", "uploaded_at")
    search_fields = ("=referral__id", "original_name")
    list_select_related = ("referral",)
    raw_id_fields = ("referral", "uploaded_by")


@admin.register(AlertLog)
class AlertLogAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "key", "sent_at")
    list_filter = ("kind", "day")
    search_fields = ("key",)
