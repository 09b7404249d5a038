"""Actors in the back office (public agents): actors, requests, representatives, import runs."""

from django.contrib import admin

from ouvert.actors.models import Actor, ActorRequest, Commune, Representative, RnaImport
from ouvert.actors.services import actor_place
from ouvert.actors.tallies import tally_refresh
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
    list_select_related = ("commune",)
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
        "department_code",
        "region_code",
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
                    "has_precise_position",
                    "latitude",
                    "longitude",
                    "department_code",
                    "region_code",
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

    def save_model(self, request, obj, form, change):
        # The place follows the commune (and the precise position, when there is one); the
        # tallies of the map and the facets follow the actor.
        before = type(obj).objects.filter(pk=obj.pk).values_list("department_code", flat=True)
        departments = set(before) if change else set()
        latitude, longitude = (
            (obj.latitude, obj.longitude) if obj.has_precise_position else (None, None)
        )
        actor_place(obj, obj.commune, latitude, longitude)
        super().save_model(request, obj, form, change)
        tally_refresh(department_codes={*departments, obj.department_code})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        tally_refresh(department_codes={obj.department_code})

    def delete_queryset(self, request, queryset):
        departments = set(queryset.values_list("department_code", flat=True))
        super().delete_queryset(request, queryset)
        tally_refresh(department_codes=departments)


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
