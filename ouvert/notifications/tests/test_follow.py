import pytest
from django.urls import reverse

from ouvert.accounts.selectors import user_personal_data
from ouvert.accounts.services import user_delete
from ouvert.accounts.tests.factories import UserFactory
from ouvert.notifications.models import Follow
from ouvert.notifications.selectors import followers, is_following
from ouvert.notifications.services import follow_set
from ouvert.plans.models import Commitment
from ouvert.plans.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def _follow(client, commitment, following="1", next_url=""):
    return client.post(
        reverse("notifications:follow", kwargs={"kind": "engagement", "pk": commitment.pk}),
        {"following": following, "next": next_url},
    )


def test_following_a_commitment_from_its_page_and_stopping(client):
    user = UserFactory()
    commitment = CommitmentFactory()
    client.force_login(user)
    response = _follow(client, commitment, next_url=commitment.get_absolute_url())
    assert response["Location"] == commitment.get_absolute_url()
    assert is_following(user=user, target=commitment)
    _follow(client, commitment)  # a second click changes nothing
    assert Follow.objects.count() == 1
    assert list(followers(target=commitment)) == [user]
    _follow(client, commitment, following="0")
    assert not is_following(user=user, target=commitment)


def test_follow_needs_a_login_a_visible_target_and_a_safe_return_address(client):
    commitment = CommitmentFactory()
    assert _follow(client, commitment).status_code == 302
    assert not Follow.objects.exists()
    client.force_login(UserFactory())
    draft = CommitmentFactory(status=Commitment.Status.DRAFT)
    assert _follow(client, draft).status_code == 404
    response = _follow(client, commitment, next_url="https://ailleurs.exemple/")
    assert response["Location"] == commitment.get_absolute_url()
    assert (
        client.post(
            reverse("notifications:follow", kwargs={"kind": "inconnu", "pk": 1})
        ).status_code
        == 404
    )


def test_follows_are_in_the_personal_data_and_go_with_the_account():
    user = UserFactory()
    commitment = CommitmentFactory(title="Suivi")
    follow_set(user=user, target=commitment, following=True)
    [exported] = user_personal_data(user=user)["sections"]["follows"]
    assert exported["type"] == "commitment"
    assert "Suivi" in exported["label"]
    user_delete(user=user)
    assert not Follow.objects.exists()
