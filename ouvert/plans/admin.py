from django.contrib import admin

from ouvert.core.admin import HistoryAdminMixin
from ouvert.plans.models import ActionPlan, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("kind", "title", "starts_on", "ends_on", "description", "title_en", "description_en")


@admin.register(ActionPlan)
class ActionPlanAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "title_en", "slug")
    inlines = [PhaseInline]
    fieldsets = (
        (None, {"fields": ("slug", "status", "ogp_url")}),
        ("Français", {"fields": ("title", "summary")}),
        ("English", {"fields": ("title_en", "summary_en")}),
    )
