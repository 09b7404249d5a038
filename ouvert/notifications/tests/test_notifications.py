import re
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.selectors import user_personal_data
from ouvert.accounts.services import user_delete
from ouvert.accounts.tests.factories import UserFactory
from ouvert.blog.tests.factories import CategoryFactory
from ouvert.notifications.models import (
    Follow,
    NewsletterIssue,
    NewsletterSubscription,
    Notification,
)
from ouvert.notifications.selectors import preference_for
from ouvert.notifications.services import (
    follow_set,
    newsletter_issue_send,
    newsletter_subscribe,
    preference_set,
)
from ouvert.participation.tests.factories import EventSeriesFactory, ProposalFactory
from ouvert.plans import services as plans
from ouvert.plans.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def _unsubscribe_url(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<")
    assert header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return header[1:-1]


def _post_update(commitment, agent):
    return plans.progress_update_post(
        acting_user=agent,
        commitment=commitment,
        institution=commitment.lead_institution,
        text="Le jeu de données est publié.",
    )


def test_a_progress_update_tells_the_followers_of_the_commitment_as_each_chose(committed):
    commitment = CommitmentFactory(reference="FR0777", title="Ouvrir les données")
    agent = UserFactory(roles=[Role.AGENT])
    now, daily, never = (
        UserFactory(email=f"{name}@exemple.fr") for name in ("now", "daily", "never")
    )
    preference_set(user=daily, frequency="daily", event_reminders=True)
    preference_set(user=never, frequency="none", event_reminders=True)
    for person in (now, daily, never, agent):
        follow_set(user=person, target=commitment, following=True)
    with committed():
        update = _post_update(commitment, agent)
    [message] = mail.outbox
    assert message.to == ["now@exemple.fr"]
    assert message.subject == "Nouveau point d'avancement — FR0777 — Ouvrir les données"
    assert update.get_absolute_url() in message.body
    _unsubscribe_url(message)
    # The agent who posted is not told of their own update; "none" records nothing.
    assert set(Notification.objects.values_list("user__email", flat=True)) == {
        "now@exemple.fr",
        "daily@exemple.fr",
    }

    out = StringIO()
    with committed():
        call_command("send_digests", stdout=out)
    assert "1 digest(s) queued." in out.getvalue()
    digest = mail.outbox[-1]
    assert digest.to == ["daily@exemple.fr"]
    assert digest.subject == "Votre résumé : 1 nouveauté"
    assert "FR0777 — Ouvrir les données" in digest.body
    _unsubscribe_url(digest)
    with committed():
        call_command("send_digests", stdout=StringIO())
    assert len(mail.outbox) == 2  # nothing is sent twice


def test_one_click_unsubscribe_works_without_a_session_and_a_get_changes_nothing(committed):
    commitment = CommitmentFactory()
    follower = UserFactory()
    follow_set(user=follower, target=commitment, following=True)
    with committed():
        _post_update(commitment, UserFactory(roles=[Role.AGENT]))
    url = _unsubscribe_url(mail.outbox[0])
    path = url.split("://", 1)[1].split("/", 1)[1]
    mail_client = Client(enforce_csrf_checks=True)
    assert mail_client.get("/" + path).status_code == 200
    assert preference_for(follower).frequency == "immediate"
    response = mail_client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    follower.refresh_from_db()
    assert preference_for(follower).frequency == "none"
    assert mail_client.post("/desabonnement/faux-jeton/").status_code == 400


def test_the_newsletter_needs_a_confirmed_address_and_each_issue_can_leave_in_one_click(
    client, committed
):
    with committed():
        client.post(reverse("notifications:newsletter"), {"email": "Lectrice@Exemple.fr"})
    [confirmation] = mail.outbox
    assert confirmation.to == ["lectrice@exemple.fr"]
    issue = NewsletterIssue.objects.create(subject="Lettre n° 1", body="Les **nouvelles**.")
    with committed():
        assert newsletter_issue_send(issue=issue, acting_user=None) == 0
    assert len(mail.outbox) == 1  # nothing to an address that did not confirm
    link = re.search(r"https?://\S+/lettre/confirmer/\S+/", confirmation.body).group(0)
    client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert NewsletterSubscription.objects.get().confirmed_at is not None
    second = NewsletterIssue.objects.create(subject="Lettre n° 2", body="Les **nouvelles**.")
    with committed():
        assert newsletter_issue_send(issue=second, acting_user=None) == 1
    with pytest.raises(ValidationError):
        newsletter_issue_send(issue=second, acting_user=None)
    letter = mail.outbox[-1]
    assert letter.subject == "Lettre n° 2"
    assert "Les nouvelles." in letter.body
    url = _unsubscribe_url(letter)
    Client().post("/" + url.split("://", 1)[1].split("/", 1)[1])
    assert not NewsletterSubscription.objects.exists()
    assert "Lettre n° 2" in client.get(reverse("notifications:newsletter")).content.decode()


def test_subscribing_twice_or_with_a_bad_address_reveals_nothing_and_sends_one_link(committed):
    with committed():
        newsletter_subscribe(email="a@exemple.fr", language="fr")
        newsletter_subscribe(email="a@exemple.fr", language="en")
    assert NewsletterSubscription.objects.count() == 1
    with pytest.raises(ValidationError):
        newsletter_subscribe(email="pas-une-adresse", language="fr")


def test_proposals_event_series_and_blog_categories_can_be_followed(client):
    user = UserFactory()
    client.force_login(user)
    targets = {
        "proposition": ProposalFactory(),
        "serie": EventSeriesFactory(),
        "categorie": CategoryFactory(),
    }
    for kind, target in targets.items():
        client.post(
            reverse("notifications:follow", kwargs={"kind": kind, "pk": target.pk}),
            {"following": "1"},
        )
    assert Follow.objects.filter(user=user).count() == 3
    page = client.get(reverse("notifications:preferences")).content.decode()
    for target in targets.values():
        assert str(target) in page
    client.post(reverse("notifications:preferences"), {"frequency": "daily"})
    assert preference_for(user).frequency == "daily"
    assert preference_for(user).event_reminders is False


def test_notification_data_is_exported_and_erased_with_the_account(committed):
    user = UserFactory(email="lecteur@exemple.fr")
    preference_set(user=user, frequency="daily", event_reminders=False)
    with committed():
        newsletter_subscribe(email="lecteur@exemple.fr", language="fr")
    commitment = CommitmentFactory()
    follow_set(user=user, target=commitment, following=True)
    _post_update(commitment, UserFactory(roles=[Role.AGENT]))
    exported = user_personal_data(user=user)["sections"]["notifications"]
    assert exported["frequency"] == "daily"
    assert exported["newsletter"]["email"] == "lecteur@exemple.fr"
    assert len(exported["notifications"]) == 1
    user_delete(user=user)
    assert not Notification.objects.exists()
    assert not NewsletterSubscription.objects.exists()
