"""Statements were labelled in history rows by their number and text ("4. Ouvrir les…"): the
conversation's public change log showed the text of statements the moderation set aside. The
label is now the number alone; this rewrites the labels already written."""

from django.db import migrations

BATCH = 1000


def relabel_statements(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    HistoryEntry = apps.get_model("core", "HistoryEntry")
    statement_type = ContentType.objects.filter(
        app_label="conversations", model="statement"
    ).first()
    if statement_type is None:
        return
    entries = HistoryEntry.objects.filter(content_type=statement_type).only("pk", "object_repr")
    changed = []
    for entry in entries.iterator(chunk_size=BATCH):
        number, separator, _text = entry.object_repr.partition(". ")
        if separator and number.isdigit():
            entry.object_repr = f"Proposition n° {number}"
            changed.append(entry)
        if len(changed) >= BATCH:
            HistoryEntry.objects.bulk_update(changed, ["object_repr"])
            changed = []
    HistoryEntry.objects.bulk_update(changed, ["object_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("conversations", "0002_subject_commitment_or_event"),
        ("core", "0003_periodic_runs"),
    ]

    operations = [migrations.RunPython(relabel_statements, migrations.RunPython.noop)]
