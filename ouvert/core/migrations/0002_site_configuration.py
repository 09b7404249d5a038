"""The site's DSFR configuration (title, tagline, accessibility status), one per language."""

from django.db import migrations

CONFIGURATION = {
    "fr": {
        "site_title": "ouvert",
        "site_tagline": "Le plan d'action national pour un gouvernement ouvert, co-construit avec la société civile",
    },
    "en": {
        "site_title": "ouvert",
        "site_tagline": "France's national Open Government action plan, co-built with civil society",
    },
}


def configure(apps, schema_editor):
    DsfrConfig = apps.get_model("dsfr", "DsfrConfig")
    for language, values in CONFIGURATION.items():
        DsfrConfig.objects.get_or_create(
            language=language,
            defaults={
                **values,
                "header_brand": "République française",
                "header_brand_html": "République<br>française",
                "footer_brand": "République française",
                "footer_brand_html": "République<br>française",
                # No compliance audit has been made yet: the regulation requires "non conforme".
                "accessibility_status": "NOT",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("dsfr", "0012_dsfrconfig_notice_description_and_more")]

    operations = [migrations.RunPython(configure, migrations.RunPython.noop)]
