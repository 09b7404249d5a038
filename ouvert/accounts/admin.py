"""People and their roles in the back office (administrators only, see rules.py)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from ouvert.accounts.models import User, UserRole


class UserRoleInline(admin.TabularInline):
    model = UserRole
    fk_name = "user"
    extra = 0
    fields = ("role", "granted_at", "granted_by")
    readonly_fields = ("granted_at", "granted_by")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin on ouvert's model: e-mail login, roles inline, no username or names."""

    inlines = [UserRoleInline]
    list_display = (
        "email",
        "public_name",
        "role_list",
        "email_confirmed_at",
        "is_active",
        "date_joined",
    )
    list_filter = ("role_grants__role", "is_active", "is_superuser")
    search_fields = ("email", "display_name", "pseudonym_code")
    ordering = ("-date_joined",)
    readonly_fields = ("pseudonym_code", "date_joined", "last_login", "deleted_at")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profil public"), {"fields": ("display_name", "pseudonym_code", "language")}),
        (
            _("Statut"),
            {"fields": ("is_active", "is_superuser", "email_confirmed_at", "deleted_at")},
        ),
        (_("Dates"), {"fields": ("date_joined", "last_login")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role_grants")

    @admin.display(description=_("rôles"))
    def role_list(self, user: User) -> str:
        return ", ".join(str(grant.get_role_display()) for grant in user.role_grants.all())

    def save_formset(self, request, form, formset, change):
        # A role granted here is granted by the administrator who saves the form.
        grants = formset.save(commit=False)
        for grant in grants:
            if grant.pk is None:
                grant.granted_by = request.user
            grant.save()
        for grant in formset.deleted_objects:
            grant.delete()


# Roles replace Django's groups: one way to say who may do what.
admin.site.unregister(Group)
