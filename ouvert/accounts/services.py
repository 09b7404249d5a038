"""Writes about accounts: sign-up, confirmation, profile, roles, deletion."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ouvert.accounts import throttle
from ouvert.accounts.gdpr import registry as personal_data
from ouvert.accounts.models import User, UserRole, new_pseudonym_code
from ouvert.accounts.roles import GRANTABLE_ROLES
from ouvert.accounts.tokens import email_confirmation_token
from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url


def _confirmation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_confirmation_token.make_token(user)
    with translation.override(user.language):
        path = reverse("accounts:confirm_email", kwargs={"uidb64": uid, "token": token})
    return absolute_url(path)


def user_signup(
    *, email: str, password: str, display_name: str = "", language: str = "fr"
) -> User | None:
    """Create an account waiting for its address to be confirmed, and send the confirmation link.

    If the address already has an account, nothing is created and its owner is told by e-mail
    instead: the page answers the same in both cases, so nobody can probe who has an account.
    """
    email = User.objects.normalize_email(email)
    with transaction.atomic():
        existing = User.objects.filter(email=email).first()
        if existing is not None:
            email_enqueue(
                to=existing.email,
                template="accounts/emails/already_registered",
                context={
                    "login_url": absolute_url(reverse("accounts:login")),
                    "reset_url": absolute_url(reverse("accounts:password_reset")),
                },
                language=existing.language,
            )
            return None
        user = User(email=email, display_name=display_name.strip(), language=language)
        validate_password(password, user)
        user.set_password(password)
        user.save()
        email_confirmation_send(user=user)
    return user


def email_confirmation_send(*, user: User) -> None:
    email_enqueue(
        to=user.email,
        template="accounts/emails/confirm_email",
        context={"user": user, "confirm_url": _confirmation_link(user)},
        language=user.language,
    )


def user_confirm_email(*, user: User) -> User:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


def user_update_profile(*, user: User, display_name: str, language: str) -> User:
    user.display_name = display_name.strip()
    user.language = language
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=["display_name", "language"])
    return user


def user_grant_role(*, user: User, role: str, acting_user: User | None) -> UserRole:
    if role not in GRANTABLE_ROLES:
        raise ValueError(f"{role!r} is not a role that can be granted.")
    grant, _created = UserRole.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": acting_user}
    )
    user.__dict__.pop("roles", None)
    return grant


def user_revoke_role(*, user: User, role: str) -> None:
    UserRole.objects.filter(user=user, role=role).delete()
    user.__dict__.pop("roles", None)


@transaction.atomic
def user_delete(*, user: User) -> User:
    """Delete a person's account at their request (GDPR article 17).

    What each app holds privately about them is erased; their public contributions stay, shown
    under a new pseudonym that nothing links to their name, address or previous pseudonym. The row
    itself stays, emptied, so that those contributions keep an author. Their sessions die with the
    password: Django checks a hash of it on every request.
    """
    for section in personal_data:
        if section.erase is not None:
            section.erase(user)
    throttle.clear(throttle.email_key(user.email))
    user.role_grants.all().delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"supprime-{new_pseudonym_code().lower()}-{user.pk}@compte-supprime.invalid"
    user.display_name = ""
    user.pseudonym_code = new_pseudonym_code()
    user.set_unusable_password()
    user.is_active = False
    user.is_superuser = False
    user.email_confirmed_at = None
    user.deleted_at = timezone.now()
    user.save()
    user.__dict__.pop("roles", None)
    return user
