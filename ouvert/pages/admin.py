from django.contrib import admin

from ouvert.core.admin import HistoryAdminMixin
from ouvert.pages.models import Page


@admin.register(Page)
class PageAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "is_published", "updated_at")
    list_filter = ("is_published",)
    search_fields = ("title", "title_en", "body")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("slug", "is_published")}),
        ("Français", {"fields": ("title", "body")}),
        ("English", {"fields": ("title_en", "body_en")}),
    )
