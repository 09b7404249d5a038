"""The back office of debates: public agents correct a debate's title, presentation and dates
(recorded in its public history). Debates are opened from the site, where the text is frozen; votes
have no page here: nobody may read how a person voted."""

from django.contrib import admin

from ouvert.core.admin import HistoryAdminMixin
from ouvert.debates.models import Debate


@admin.register(Debate)
class DebateAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "plan", "subject", "opens_at", "closes_at")
    list_filter = ("plan", "subject")
    search_fields = ("title", "title_en")
    list_select_related = ("plan",)
    fields = ("title", "title_en", "introduction", "introduction_en", "opens_at", "closes_at")

    def has_add_permission(self, request) -> bool:
        # Opened from the plan's page, which freezes the debated text: never created bare here.
        return False
