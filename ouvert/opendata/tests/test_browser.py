"""The key figures page in a real browser: axe-core finds nothing, in French and in English."""

import pytest
from django.contrib.contenttypes.models import ContentType

from ouvert.core.testing.axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def content_types_from_the_database():
    # A browser test that follows another transactional test may start on a database the
    # serialized rollback did not restore (under Playwright, the test's connection is not the one
    # that holds the serialized contents): the content types cached by the earlier test then name
    # rows that are gone, and the history rows the fixture writes would fail their foreign key.
    ContentType.objects.clear_cache()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_key_figures_page_is_accessible(
    site_page, content_types_from_the_database, known, prefix
):
    site_page.goto(f"{prefix}/donnees/chiffres-cles/")
    assert site_page.locator("figure table").count() >= 10
    assert_accessible(site_page)
