"""Account forms, rendered with the State design system (DSFR)."""

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.accounts import throttle
from ouvert.accounts.models import User
from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url, client_ip


class SignupForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        help_text=_("Format attendu : nom@domaine.fr. Elle ne sera jamais affichée publiquement."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        label=_("Nom public"),
        required=False,
        max_length=80,
        help_text=_(
            "Le nom sous lequel vos contributions apparaîtront. Laissé vide, un pseudonyme est "
            "affiché."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        help_text=_("Au moins 12 caractères, ni trop courant ni uniquement des chiffres."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_policy = forms.BooleanField(
        label=_("J'ai lu la politique de protection des données personnelles."),
        required=True,
    )

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        if password1 and not self.has_error("password2"):
            candidate = User(
                email=cleaned.get("email") or "", display_name=cleaned.get("display_name") or ""
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(DsfrBaseForm, auth_forms.AuthenticationForm):
    """Django's login form, with a limit on failed attempts and a confirmed address required."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("Adresse électronique ou mot de passe incorrect."),
        "inactive": _("Ce compte est désactivé."),
        "unconfirmed": _(
            "Votre adresse n'est pas encore confirmée : suivez le lien reçu par courriel, ou "
            "demandez-en un nouveau."
        ),
        "throttled": _("Trop de tentatives de connexion. Par sécurité, réessayez après %(time)s."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Adresse électronique")
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.fields["password"].label = _("Mot de passe")

    def _throttle_keys(self) -> list[throttle.ThrottleKey]:
        keys = [throttle.email_key(self.data.get("username", ""))]
        if self.request is not None:
            keys.append(throttle.ip_key(client_ip(self.request)))
        return keys

    def clean(self):
        keys = self._throttle_keys()
        until = throttle.locked_until(keys)
        if until is not None:
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"time": formats.time_format(timezone.localtime(until), "H:i")},
            )
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                throttle.record_failure(keys)
            raise
        throttle.clear(keys[0])
        return cleaned

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.email_confirmed_at is None:
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class ResendConfirmationForm(DsfrBaseForm):
    email = forms.EmailField(
        label=_("Adresse électronique"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class ProfileForm(DsfrBaseForm):
    display_name = forms.CharField(
        label=_("Nom public"),
        required=False,
        max_length=80,
        help_text=_("Laissé vide, votre pseudonyme est affiché."),
    )
    language = forms.ChoiceField(label=_("Langue des courriels"), choices=settings.LANGUAGES)


class DeleteAccountForm(DsfrBaseForm):
    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Mot de passe incorrect."), code="password_incorrect")
        return password


class PasswordResetForm(DsfrBaseForm, auth_forms.PasswordResetForm):
    """Django's reset form; the e-mail goes through the worker, in the person's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse électronique")

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):  # fmt: skip
        user = context["user"]
        context = {
            **context,
            "reset_url": absolute_url(
                reverse(
                    "accounts:password_reset_confirm",
                    kwargs={"uidb64": context["uid"], "token": context["token"]},
                )
            ),
        }
        email_enqueue(
            to=to_email,
            template="accounts/emails/password_reset",
            context=context,
            language=user.language,
        )


class SetPasswordForm(DsfrBaseForm, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(DsfrBaseForm, auth_forms.PasswordChangeForm):
    pass
