from django.contrib import admin

from ouvert.core.admin import HistoryAdminMixin
from ouvert.plans.models import ActionPlan, Commitment, Evaluation, Milestone, Phase, PolicyArea


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("kind", "title", "starts_on", "ends_on", "description", "title_en", "description_en")


@admin.register(ActionPlan)
class ActionPlanAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "status", "irm_model", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "title_en", "slug")
    inlines = [PhaseInline]
    fieldsets = (
        (None, {"fields": ("slug", "status", "irm_model", "ogp_url")}),
        ("Français", {"fields": ("title", "summary")}),
        ("English", {"fields": ("title_en", "summary_en")}),
    )


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("reference", "title", "starts_on", "ends_on", "weight", "status", "completed_on")


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("reference", "title", "plan", "lead_institution", "status", "updated_at")
    list_filter = ("plan", "status", "theme")
    search_fields = ("reference", "ogp_id", "title", "title_en")
    list_select_related = ("plan", "lead_institution")
    autocomplete_fields = ("lead_institution", "supporting_institutions")
    filter_horizontal = ("policy_areas",)
    inlines = [MilestoneInline]
    fieldsets = (
        (None, {"fields": ("plan", "reference", "ogp_id", "number", "status", "withdrawn")}),
        ("Français", {"fields": ("title", "problem", "description", "objectives")}),
        ("English", {"fields": ("title_en", "problem_en", "description_en", "objectives_en")}),
        (
            None,
            {
                "fields": (
                    "ambition",
                    "theme",
                    "policy_areas",
                    "ogp_values",
                    "lead_institution",
                    "supporting_institutions",
                    "contact",
                    "links",
                )
            },
        ),
    )


@admin.register(PolicyArea)
class PolicyAreaAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Evaluation)
class EvaluationAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("commitment", "completion", "opened_government", "updated_at")
    list_select_related = ("commitment",)
    raw_id_fields = ("commitment",)
    readonly_fields = ("evaluator", "updated_at")
