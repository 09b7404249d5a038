"""The pages every footer links to, with their default text: legal notice, personal data, accessibility."""

from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults"
SLUGS = ("mentions-legales", "donnees-personnelles", "accessibilite")


def _read(slug: str, language: str) -> tuple[str, str]:
    text = (DEFAULTS / f"{slug}.{language}.md").read_text(encoding="utf-8")
    first_line, _, body = text.partition("\n")
    return first_line.removeprefix("# ").strip(), body.strip() + "\n"


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug in SLUGS:
        title, body = _read(slug, "fr")
        title_en, body_en = _read(slug, "en")
        Page.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "body": body, "title_en": title_en, "body_en": body_en},
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
