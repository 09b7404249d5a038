"""Signed links of the e-mails: one-click unsubscribe (RFC 8058) and newsletter confirmation.

An unsubscribe link never expires (a years-old e-mail must still let its reader leave) and cannot be
forged: it is signed with the secret key. A confirmation link lasts a week.
"""

from django.core import signing
from django.urls import reverse

from ouvert.core.http import absolute_url

UNSUBSCRIBE_SALT = "ouvert.notifications.unsubscribe"
CONFIRM_SALT = "ouvert.notifications.newsletter-confirm"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60

# What a link unsubscribes from: every follow e-mail of an account, its event reminders, or the
# newsletter of an address.
NOTIFICATIONS = "notifications"
REMINDERS = "reminders"
NEWSLETTER = "newsletter"
SCOPES = (NOTIFICATIONS, REMINDERS, NEWSLETTER)


def unsubscribe_token(scope: str, key: int | str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"unknown unsubscribe scope {scope!r}")
    return signing.dumps([scope, key], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, int | str] | None:
    try:
        scope, key = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (scope, key) if scope in SCOPES else None


def unsubscribe_url(scope: str, key: int | str) -> str:
    token = unsubscribe_token(scope, key)
    return absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))


def list_headers(url: str) -> dict[str, str]:
    """The headers that let a mail client unsubscribe in one click (RFC 2369 and RFC 8058)."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation_token(email: str) -> str:
    return signing.dumps(email, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
