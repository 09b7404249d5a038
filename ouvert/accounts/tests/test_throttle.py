import datetime

import pytest
from django.urls import reverse

from ouvert.accounts import throttle
from ouvert.accounts.models import LoginThrottle
from ouvert.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password, ip="203.0.113.7"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_the_address_even_for_the_right_password(client, settings):
    settings.OUVERT_LOGIN_THROTTLE = {"per_email": 5, "per_ip": 100, "window_seconds": 900}
    user = UserFactory(email="cible@exemple.fr")
    for _ in range(5):
        response = _login(client, "cible@exemple.fr", "mauvais mot de passe")
        assert "incorrect" in response.content.decode()
    response = _login(client, "CIBLE@exemple.fr", PASSWORD)
    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert user.last_login is None


def test_the_lock_ends_with_the_window(client, settings, time_machine):
    settings.OUVERT_LOGIN_THROTTLE = {"per_email": 2, "per_ip": 100, "window_seconds": 900}
    time_machine.move_to(datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC), tick=False)
    UserFactory(email="patient@exemple.fr")
    for _ in range(2):
        _login(client, "patient@exemple.fr", "mauvais")
    assert "Trop de tentatives" in _login(client, "patient@exemple.fr", PASSWORD).content.decode()
    time_machine.shift(datetime.timedelta(seconds=901))
    response = _login(client, "patient@exemple.fr", PASSWORD)
    assert response.status_code == 302


def test_one_address_trying_many_accounts_is_locked_too(client, settings):
    settings.OUVERT_LOGIN_THROTTLE = {"per_email": 100, "per_ip": 3, "window_seconds": 900}
    UserFactory(email="victime@exemple.fr")
    for n in range(3):
        _login(client, f"essai{n}@exemple.fr", "mauvais", ip="198.51.100.9")
    blocked = _login(client, "victime@exemple.fr", PASSWORD, ip="198.51.100.9")
    assert "Trop de tentatives" in blocked.content.decode()
    elsewhere = _login(client, "victime@exemple.fr", PASSWORD, ip="198.51.100.10")
    assert elsewhere.status_code == 302


def test_a_success_clears_the_count_and_addresses_are_never_stored_in_clear(client, settings):
    settings.OUVERT_LOGIN_THROTTLE = {"per_email": 3, "per_ip": 100, "window_seconds": 900}
    UserFactory(email="distraite@exemple.fr")
    _login(client, "distraite@exemple.fr", "mauvais")
    _login(client, "distraite@exemple.fr", "mauvais")
    assert _login(client, "distraite@exemple.fr", PASSWORD).status_code == 302
    assert not LoginThrottle.objects.filter(
        key=throttle.email_key("distraite@exemple.fr").key
    ).exists()
    client.logout()
    _login(client, "distraite@exemple.fr", "mauvais")
    keys = list(LoginThrottle.objects.values_list("key", flat=True))
    assert keys
    assert not any("distraite" in key or "203.0.113.7" in key for key in keys)
