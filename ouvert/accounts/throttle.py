"""Login rate limiting: a few failures per e-mail address, more per client address, per window.

A locked key refuses every attempt, right or wrong, until its window ends; a successful login clears
the e-mail address's count. Keys are HMACs of the address, so the table holds no address in clear.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ouvert.accounts.models import LoginThrottle


@dataclass(frozen=True)
class ThrottleKey:
    key: str
    limit: int


def _hash(kind: str, value: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"login:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def email_key(email: str) -> ThrottleKey:
    limit = settings.OUVERT_LOGIN_THROTTLE["per_email"]
    return ThrottleKey(_hash("email", email.strip().lower()), limit)


def ip_key(ip: str) -> ThrottleKey:
    return ThrottleKey(_hash("ip", ip), settings.OUVERT_LOGIN_THROTTLE["per_ip"])


def _window() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.OUVERT_LOGIN_THROTTLE["window_seconds"])


def locked_until(keys: list[ThrottleKey]) -> datetime.datetime | None:
    """When the lock on these keys ends, or None if an attempt may be made now."""
    window_start = timezone.now() - _window()
    limits = {key.key: key.limit for key in keys}
    ends = [
        throttle.window_started_at + _window()
        for throttle in LoginThrottle.objects.filter(
            key__in=limits, window_started_at__gt=window_start
        )
        if throttle.failures >= limits[throttle.key]
    ]
    return max(ends, default=None)


def record_failure(keys: list[ThrottleKey]) -> None:
    now = timezone.now()
    window_start = now - _window()
    with transaction.atomic():
        # Dead rows go as new failures come, so the table stays as small as the current window.
        LoginThrottle.objects.filter(window_started_at__lte=window_start).delete()
        for key in keys:
            throttle, created = LoginThrottle.objects.get_or_create(
                key=key.key, defaults={"failures": 1, "window_started_at": now}
            )
            if created:
                continue
            LoginThrottle.objects.filter(key=throttle.key).update(failures=F("failures") + 1)


def clear(key: ThrottleKey) -> None:
    LoginThrottle.objects.filter(key=key.key).delete()
