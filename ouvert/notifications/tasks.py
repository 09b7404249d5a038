"""Background work of notifications, scheduled by the worker (`ouvert.core.periodic`)."""

import datetime

from django_tasks import task

from ouvert.core.periodic import periodic
from ouvert.notifications.services import digests_send


@task()
def send_digests() -> int:
    """Queue the daily digests of what people follow (what is sent is marked sent)."""
    return digests_send()


periodic("daily-digests", send_digests, at=datetime.time(7, 0))
