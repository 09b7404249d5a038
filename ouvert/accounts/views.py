"""Account pages: thin adapters between forms and `ouvert.accounts.services`."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from ouvert.accounts import forms, selectors, services
from ouvert.accounts.models import User
from ouvert.accounts.roles import Role
from ouvert.accounts.tokens import email_confirmation_token


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            language=get_language(),
        )
        return render(
            request,
            "accounts/signup_done.html",
            {"email": form.cleaned_data["email"]},
        )
    return render(request, "accounts/signup.html", {"form": form, "heading": _("Créer un compte")})


@require_http_methods(["GET"])
def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _user_from_uid(uidb64)
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/confirm_email_invalid.html", status=400)
    services.user_confirm_email(user=user)
    messages.success(request, _("Votre adresse est confirmée. Vous pouvez vous connecter."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    form = forms.ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = User.objects.normalize_email(form.cleaned_data["email"])
        user = User.objects.filter(email=email, is_active=True, email_confirmed_at=None).first()
        if user is not None:
            services.email_confirmation_send(user=user)
        # The same answer whether or not the address has an account waiting for confirmation.
        return render(request, "accounts/signup_done.html", {"email": email})
    return render(
        request,
        "accounts/resend_confirmation.html",
        {"form": form, "heading": _("Recevoir un nouveau lien de confirmation")},
    )


def _user_from_uid(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"heading": gettext_lazy("Se connecter")}


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    extra_context = {"heading": gettext_lazy("Mot de passe oublié")}
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    extra_context = {"heading": gettext_lazy("Choisir un nouveau mot de passe")}
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    extra_context = {"heading": gettext_lazy("Changer mon mot de passe")}
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Votre mot de passe a été modifié."))
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = forms.ProfileForm(
        request.POST or None,
        initial={"display_name": user.display_name, "language": user.language},
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=user,
            display_name=form.cleaned_data["display_name"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Votre profil a été enregistré."))
        return redirect("accounts:account")
    role_labels = [role.label for role in Role if role in user.roles]
    return render(request, "accounts/account.html", {"form": form, "role_labels": role_labels})


@login_required
@permission_required("accounts.view_own_data", raise_exception=True)
@require_http_methods(["GET"])
def personal_data_download(request: HttpRequest) -> HttpResponse:
    document = selectors.user_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"ouvert-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@permission_required("accounts.delete_own_account", raise_exception=True)
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = forms.DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _(
                "Votre compte est supprimé. Vos contributions publiques restent, sous un pseudonyme."
            ),
        )
        return redirect("core:home")
    return render(
        request,
        "accounts/delete_account.html",
        {"form": form, "heading": _("Supprimer mon compte")},
    )
