"""Actors in the back office (public agents): actors, requests, representatives, import runs."""

from django.contrib import admin

from ouvert.actors.models import Actor, ActorRequest, Commune, Representative, RnaImport
from ouvert.core.admin import HistoryAdminMixin


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0
    fields = ("user", "since")
    readonly_fields = ("user", "since")
    can_delete = True


@admin.register(Actor)
class ActorAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "rna_id", "department_code", "status", "is_verified")
    list_filter = ("status", "kind", "source", "is_verified", "is_dissolved")
    search_fields = ("=rna_id", "name")
    show_full_result_count = False  # counting two million rows for every page is wasted time
    raw_id_fields = ("commune",)
    inlines = [RepresentativeInline]
    readonly_fields = (
        "rna_id",
        "rna_former_id",
        "rna_objects",
        "rna_updated_at",
        "founded_on",
        "dissolved_on",
        "representative_fields",
        "source",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "status", "is_verified", "source")}),
        ("Mission", {"fields": ("mission", "themes", "territory")}),
        ("Contact", {"fields": ("website", "public_email", "private_email", "private_phone")}),
        (
            "Lieu",
            {
                "fields": (
                    "commune",
                    "postal_code",
                    "city_name",
                    "department_code",
                    "region_code",
                    "latitude",
                    "longitude",
                    "has_precise_position",
                )
            },
        ),
        (
            "RNA",
            {
                "fields": (
                    "rna_id",
                    "rna_former_id",
                    "siret",
                    "rna_objects",
                    "founded_on",
                    "dissolved_on",
                    "is_dissolved",
                    "rna_updated_at",
                    "representative_fields",
                )
            },
        ),
    )


@admin.register(ActorRequest)
class ActorRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are decided in the moderation queue, where the decision is recorded."""

    list_display = ("created_at", "kind", "actor", "requested_by", "status", "decided_by")
    list_filter = ("kind", "status")
    list_select_related = ("actor", "requested_by", "decided_by")
    raw_id_fields = ("actor",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RnaImport)
class RnaImportAdmin(admin.ModelAdmin):
    list_display = ("started_at", "file_name", "status", "rows", "created", "updated", "errors")
    list_filter = ("status",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "department", "latitude", "longitude")
    search_fields = ("=code", "name")
    list_select_related = ("department",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
