"""People with an account, the roles they hold, and the throttle on failed logins."""

import secrets
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.accounts.roles import BACK_OFFICE_ROLES, GRANTABLE_ROLES, Role

# No 0/O or 1/I/L: a pseudonym is read aloud in workshops.
_PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_pseudonym_code() -> str:
    return "".join(secrets.choice(_PSEUDONYM_ALPHABET) for _ in range(6))


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # Addresses are compared without case: Marie@Example.fr and marie@example.fr are one person.
        return (email or "").strip().lower()

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields["is_superuser"] = True
        extra_fields.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username: str) -> "User":
        return self.get(email=self.normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. They log in with their e-mail address, which is never shown publicly.

    In public, a person appears under the name they chose, or else under a stable pseudonym; once
    they delete their account, under a new pseudonym that cannot be traced back to them.
    """

    email = models.EmailField(_("adresse électronique"), unique=True)
    display_name = models.CharField(
        _("nom public"),
        max_length=80,
        blank=True,
        help_text=_(
            "Le nom sous lequel vos contributions apparaissent. Laissé vide, "
            "votre pseudonyme est affiché."
        ),
    )
    pseudonym_code = models.CharField(
        _("code du pseudonyme"),
        max_length=12,
        unique=True,
        default=new_pseudonym_code,
        editable=False,
    )
    language = models.CharField(
        _("langue des courriels"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("date d'inscription"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("compte supprimé le"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("utilisateur·rice")
        verbose_name_plural = _("utilisateur·rices")
        ordering = ["-date_joined"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        # Never the e-mail address: this string ends up in history rows and admin logs.
        return self.public_name

    @property
    def public_name(self) -> str:
        if self.deleted_at:
            return _("Participant·e supprimé·e %(code)s") % {"code": self.pseudonym_code}
        if self.display_name:
            return self.display_name
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        return _("Participant·e %(code)s") % {"code": self.pseudonym_code}

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles held, participant included; read once per request."""
        if not self.pk or not self.is_active:
            return frozenset()
        granted = {grant.role for grant in self.role_grants.all()}
        return frozenset(granted | {Role.PARTICIPANT})

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_staff(self) -> bool:
        """Whether the Django admin opens: agents and administrators (derived, never stored)."""
        return self.is_active and (self.is_superuser or bool(self.roles & BACK_OFFICE_ROLES))


class UserRole(models.Model):
    """A role granted to a person by an administrator."""

    user = models.ForeignKey(
        User, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(
        _("rôle"), max_length=32, choices=[(role.value, role.label) for role in GRANTABLE_ROLES]
    )
    granted_at = models.DateTimeField(_("accordé le"), default=timezone.now)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("accordé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_userrole_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class LoginThrottle(models.Model):
    """Failed logins counted per e-mail address and per client address, over a sliding window.

    The key is a keyed hash: the table never holds an address in clear, and rows older than the
    window are dead (`ouvert.accounts.throttle`). Stored in the database so that every web process
    of a deployment shares the same counts.
    """

    key = models.CharField(_("clé"), max_length=64, primary_key=True)
    failures = models.PositiveIntegerField(_("échecs"), default=0)
    window_started_at = models.DateTimeField(_("début de la fenêtre"), db_index=True)

    class Meta:
        verbose_name = _("limitation de connexion")
        verbose_name_plural = _("limitations de connexion")

    def __str__(self) -> str:
        return f"{self.key[:8]}… ({self.failures})"
