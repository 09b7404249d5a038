from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from ouvert.accounts.models import User
from ouvert.core.models import HistoryEntry
from ouvert.pages.models import Page
from ouvert.plans.models import ActionPlan, Phase

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_2021_2023_plan_and_can_be_loaded_again():
    call_command("load_demo", "--force", stdout=StringIO())
    counts = (
        User.objects.count(),
        Page.objects.count(),
        Phase.objects.count(),
        HistoryEntry.objects.count(),
    )
    plan = ActionPlan.objects.get(slug="2021-2023")
    assert plan.is_published
    assert [phase.kind for phase in plan.phases.all()] == [
        "concertation",
        "forums",
        "drafting",
        "publication",
        "implementation",
        "evaluation",
    ]
    call_command("load_demo", "--force", stdout=StringIO())
    # A second run changes nothing, not even the history.
    assert counts == (
        User.objects.count(),
        Page.objects.count(),
        Phase.objects.count(),
        HistoryEntry.objects.count(),
    )


def test_the_demo_is_refused_outside_debug():
    with pytest.raises(CommandError, match="refused outside DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_english_catalogue_is_complete():
    [po_path] = Path(settings.BASE_DIR, "locale").glob("en/LC_MESSAGES/django.po")
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_catalogues_compile_without_gettext(tmp_path, settings):
    locale = tmp_path / "en" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Bonjour", msgstr="Hello"))
    catalogue.save(str(locale / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]
    out = StringIO()
    call_command("compile_catalogues", stdout=out)
    compiled = polib.mofile(str(locale / "django.mo"))
    assert compiled.find("Bonjour").msgstr == "Hello"
    assert "1 catalogue(s) compiled" in out.getvalue()
