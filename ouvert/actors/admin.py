from django.contrib import admin

from ouvert.actors.models import Actor
from ouvert.core.admin import HistoryAdminMixin


@admin.register(Actor)
class ActorAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "updated_at")
    list_filter = ("kind",)
    search_fields = ("name",)
