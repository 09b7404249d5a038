"""Background work of the open-data app."""

import datetime

from django.conf import settings
from django_tasks import task

from ouvert.core.periodic import periodic
from ouvert.opendata.services import dump_create


@task()
def dump_generate() -> int:
    """Regenerate the bulk dump; returns the id of the new dump."""
    return dump_create().pk


periodic(
    "opendata-dump", dump_generate, every=datetime.timedelta(hours=settings.OUVERT_DUMP_EVERY_HOURS)
)
