from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ouvert.conversations import services
from ouvert.conversations.models import Conversation, Statement
from ouvert.core.admin import HistoryAdminMixin


@admin.register(Conversation)
class ConversationAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "subject", "status", "report_published_at", "updated_at")
    list_filter = ("status", "plan")
    search_fields = ("title", "title_en", "slug")
    list_select_related = ("plan", "commitment", "event")
    autocomplete_fields = ("commitment", "event")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("report_published_at",)
    fieldsets = (
        (None, {"fields": ("slug", "status")}),
        (
            _("Sujet (un seul)"),
            {"fields": ("plan", "commitment", "event")},
        ),
        (
            _("Participation"),
            {"fields": ("strict_moderation", "accepts_statements", "anonymous_participation")},
        ),
        ("Français", {"fields": ("title", "description", "report_summary")}),
        ("English", {"fields": ("title_en", "description_en", "report_summary_en")}),
        (_("Rapport"), {"fields": ("report_published_at",)}),
    )

    @admin.display(description=_("sujet"))
    def subject(self, conversation: Conversation):
        return conversation.subject


def _moderate(status: str, label):
    @admin.action(description=label)
    def action(modeladmin, request, queryset):
        for statement in queryset.select_related("conversation"):
            services.statement_moderate(
                statement=statement, status=status, acting_user=request.user
            )
        modeladmin.message_user(
            request,
            _("%(count)s proposition(s) modérée(s).") % {"count": queryset.count()},
            messages.SUCCESS,
        )

    action.__name__ = f"moderate_{status}"
    return action


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Statements, to search and moderate in bulk; written on the conversation pages."""

    list_display = ("number", "text", "conversation", "status", "is_seed", "is_meta", "created_at")
    list_filter = ("status", "is_seed", "is_meta", "conversation")
    search_fields = ("text",)
    list_select_related = ("conversation",)
    actions = [
        _moderate(Statement.Status.ACCEPTED, _("Accepter les propositions choisies")),
        _moderate(Statement.Status.REJECTED, _("Écarter les propositions choisies")),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False
