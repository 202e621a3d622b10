"""Django admin registrations for the handouts capability."""

from django.contrib import admin

from intake.handouts.forms import TemplateAdminForm
from intake.handouts.models import Exercise, Handout, HandoutItem, HandoutTemplate, TemplateItem


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "illustration", "dose_text"]
    search_fields = ["name", "slug", "purpose"]
    prepopulated_fields = {"slug": ["name"]}


class TemplateItemInline(admin.TabularInline):
    model = TemplateItem
    extra = 0
    autocomplete_fields = ["exercise"]


@admin.register(HandoutTemplate)
class HandoutTemplateAdmin(admin.ModelAdmin):
    form = TemplateAdminForm
    list_display = ["title", "slug"]
    search_fields = ["title", "slug"]
    inlines = [TemplateItemInline]


class HandoutItemInline(admin.TabularInline):
    model = HandoutItem
    extra = 0
    autocomplete_fields = ["exercise"]


@admin.register(Handout)
class HandoutAdmin(admin.ModelAdmin):
    list_display = ["title", "client", "therapist", "created_at", "assigned_at"]
    list_select_related = ["client", "therapist"]
    date_hierarchy = "created_at"
    raw_id_fields = ["client", "therapist"]
    search_fields = ["title", "client__last_name", "client__first_name"]
    inlines = [HandoutItemInline]
