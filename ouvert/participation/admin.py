from django.contrib import admin

from ouvert.core.admin import HistoryAdminMixin
from ouvert.participation.models import Event, EventDocument, EventSeries, ProposalCall
from ouvert.participation.services.events import promote_after_change


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 1
    fields = ("title", "url", "document")


@admin.register(Event)
class EventAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "starts_at", "kind", "format", "status", "capacity")
    list_filter = ("status", "kind", "format", "plan")
    search_fields = ("title", "title_en", "slug")
    date_hierarchy = "starts_at"
    list_select_related = ("series",)
    autocomplete_fields = ("host", "fed_commitments")
    raw_id_fields = ("fed_proposals",)
    inlines = [EventDocumentInline]
    fieldsets = (
        (
            None,
            {"fields": ("title", "slug", "status", "kind", "format", "series", "plan", "phase")},
        ),
        (None, {"fields": ("starts_at", "ends_at", "registration_closes_at", "capacity", "host")}),
        ("Lieu", {"fields": ("venue", "address", "latitude", "longitude", "online_url")}),
        ("Présentation", {"fields": ("description", "title_en", "description_en")}),
        (
            "Après l'événement",
            {"fields": ("minutes", "minutes_en", "video_url", "fed_proposals", "fed_commitments")},
        ),
        ("Annulation", {"fields": ("cancellation_reason",)}),
    )
    prepopulated_fields = {"slug": ("title",)}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # More seats, or a change of date, reach the waitlist and the calendars as on the site.
        promote_after_change(
            event=form.instance,
            calendar_changed=change and bool(set(form.changed_data) & set(Event.calendar_fields)),
        )


@admin.register(EventSeries)
class EventSeriesAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "plan", "updated_at")
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(ProposalCall)
class ProposalCallAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "opens_at", "closes_at", "answer_within_days")
    list_select_related = ("phase__plan",)
