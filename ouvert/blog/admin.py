from django.contrib import admin
from django.utils import timezone

from ouvert.blog.models import Category, Post, Tag
from ouvert.blog.services import post_announce
from ouvert.core.admin import HistoryAdminMixin


@admin.register(Category)
class CategoryAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Post)
class PostAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """The team's posts are written here; guest posts are moderated on the site."""

    list_display = ("title", "kind", "status", "category", "published_at")
    list_filter = ("status", "kind", "category")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)
    readonly_fields = ("author", "actor", "moderation_reason", "moderated_by")
    fieldsets = (
        (None, {"fields": ("title", "slug", "status", "published_at", "category", "tags")}),
        (None, {"fields": ("summary", "body")}),
        ("English", {"fields": ("title_en", "summary_en", "body_en")}),
        (None, {"fields": ("kind", "author", "actor", "moderation_reason", "moderated_by")}),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
            obj.kind = Post.Kind.TEAM
        self._announce = obj.status == Post.Status.PUBLISHED and (
            not change or "status" in form.changed_data
        )
        if obj.status == Post.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(self, "_announce", False):
            post_announce(post=form.instance, acting_user=request.user)
