import pytest

from ouvert.accounts.models import User
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core import publicity
from ouvert.core.models import HistoryEntry
from ouvert.core.opendata import ComputedDataset, registry
from ouvert.core.services import history_record
from ouvert.pages.tests.factories import PageFactory
from ouvert.plans.models import Commitment, Milestone
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def test_a_model_without_a_rule_has_no_public_rows():
    UserFactory()
    assert publicity.rule_for(User) is None
    assert not publicity.public(User).exists()
    assert publicity.is_public(User.objects.get()) is False


def test_the_rule_follows_relations_both_as_a_filter_and_on_one_row():
    shown = MilestoneFactory(title="visible")
    draft = MilestoneFactory(
        title="brouillon", commitment=CommitmentFactory(status=Commitment.Status.DRAFT)
    )
    hidden_plan = MilestoneFactory(
        title="plan brouillon", commitment=CommitmentFactory(plan=ActionPlanFactory(status="draft"))
    )
    assert list(publicity.public(Milestone).values_list("title", flat=True)) == ["visible"]
    assert [publicity.is_public(m) for m in (shown, draft, hidden_plan)] == [True, False, False]


def test_the_history_of_a_record_is_public_exactly_when_the_record_is():
    page = PageFactory()
    hidden_page = PageFactory(is_published=False)
    draft = CommitmentFactory(status=Commitment.Status.DRAFT)
    milestone = MilestoneFactory(commitment=draft)
    for instance in (page, hidden_page, draft, milestone):
        history_record(instance=instance, acting_user=None, action="updated")
    public_scopes = set(publicity.public(HistoryEntry).values_list("scope", flat=True))
    assert public_scopes == {f"pages.page:{page.pk}"}
    draft.status = Commitment.Status.PUBLISHED
    draft.save()
    assert f"plans.commitment:{draft.pk}" in set(
        publicity.public(HistoryEntry).values_list("scope", flat=True)
    )


def test_a_history_row_is_public_only_under_the_exact_key_of_a_public_record():
    page = PageFactory()
    entry = history_record(instance=page, acting_user=None, action="updated")
    # Keys no service writes, but that a lenient cast would read as the page's.
    for scope in (
        f"pages.page:0{page.pk}",
        f"pages.page:{page.pk}x",
        "pages.page:",
        "pages.pagex:1",
    ):
        HistoryEntry.objects.create(
            content_type=entry.content_type,
            object_id=entry.object_id,
            scope=scope,
            object_repr=entry.object_repr,
            action=entry.action,
        )
    public_scopes = list(publicity.public(HistoryEntry).values_list("scope", flat=True))
    assert public_scopes == [f"pages.page:{page.pk}"]
    assert [publicity.is_public(row) for row in HistoryEntry.objects.order_by("pk")] == [
        True,
        False,
        False,
        False,
        False,
    ]


# A computed dataset reads no model's rows (its figures are aggregates of public rows, and its own
# tests plant personal values and search its output for them).
@pytest.mark.parametrize(
    "dataset",
    [dataset for dataset in registry if not isinstance(dataset, ComputedDataset)],
    ids=lambda dataset: dataset.slug,
)
def test_no_dataset_reads_a_private_field_or_a_model_without_a_rule(dataset):
    model = dataset.queryset().model
    assert publicity.rule_for(model) is not None, (
        f"{dataset.slug}: {model.__name__} has no public rule"
    )
    private = publicity.private_fields(model)
    for field in dataset.fields:
        assert field.lookup.split("__")[0] not in private, (dataset.slug, field.name)


def test_the_is_published_shortcuts_of_templates_agree_with_the_rule():
    from datetime import timedelta

    from django.utils import timezone

    from ouvert.blog.models import Post
    from ouvert.blog.tests.factories import PostFactory
    from ouvert.participation.models import Proposal
    from ouvert.participation.tests.factories import ProposalFactory

    now = timezone.now()
    posts = [
        PostFactory(),
        PostFactory(published_at=now + timedelta(days=1)),
        *(
            PostFactory(status=status, published_at=None)
            for status in Post.Status.values
            if status != "published"
        ),
    ]
    proposals = [ProposalFactory(status=status) for status in Proposal.Status.values]
    for instance in [*posts, *proposals]:
        assert instance.is_published is publicity.is_public(instance), (instance, instance.status)
