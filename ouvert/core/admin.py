"""Back-office helpers: changes made in the admin enter the public history like any other."""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ouvert.core.history import diff, snapshot
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record

_BEFORE = "_ouvert_history_before"


def _record(instance: models.Model, request: HttpRequest, before: dict | None) -> None:
    fields = type(instance).history_fields
    after = snapshot(instance, fields)
    if before is None:
        changes = {
            name: [None, value] for name, value in after.items() if value not in (None, "", [])
        }
        history_record(
            instance=instance,
            acting_user=request.user,
            action=HistoryEntry.Action.CREATED,
            changes=changes,
        )
        return
    changes = diff(before, after)
    if changes:
        history_record(
            instance=instance,
            acting_user=request.user,
            action=HistoryEntry.Action.UPDATED,
            changes=changes,
        )


class HistoryAdminMixin:
    """For a model with `history_fields`: record creations, changes and deletions, inlines included.

    Inline models are recorded too when they declare `history_fields`. The admin saves the object,
    then its many-to-many fields and inlines, all in one transaction: the snapshot taken before the
    save is compared once everything is saved.
    """

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            stored = type(obj)._default_manager.get(pk=obj.pk)
            before = snapshot(stored, type(obj).history_fields)
        setattr(request, _BEFORE, before)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _record(form.instance, request, getattr(request, _BEFORE, None))

    def save_formset(self, request, form, formset, change):
        model = formset.model
        if not hasattr(model, "history_fields"):
            return super().save_formset(request, form, formset, change)
        befores = {}
        for inline_form in formset.initial_forms:
            if inline_form.instance.pk and inline_form.has_changed():
                stored = model._default_manager.get(pk=inline_form.instance.pk)
                befores[stored.pk] = snapshot(stored, model.history_fields)
        for inline_form in formset.deleted_forms:
            if inline_form.instance.pk:
                history_record(
                    instance=inline_form.instance,
                    acting_user=request.user,
                    action=HistoryEntry.Action.DELETED,
                )
        saved = formset.save()
        for instance in saved:
            _record(instance, request, befores.get(instance.pk))
        return saved

    def delete_model(self, request, obj):
        history_record(instance=obj, acting_user=request.user, action=HistoryEntry.Action.DELETED)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            history_record(
                instance=obj, acting_user=request.user, action=HistoryEntry.Action.DELETED
            )
        super().delete_queryset(request, queryset)


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "object_repr", "content_type", "action", "actor")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "message")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "content_type")

    # The history is the record of what happened: nobody edits or deletes it, not even here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


admin.site.site_header = _("ouvert — administration")
admin.site.site_title = _("ouvert — administration")
admin.site.index_title = _("Back-office du gouvernement ouvert")
