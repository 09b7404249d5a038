"""Background work of participation, scheduled by the worker (`ouvert.core.periodic`)."""

import datetime

from django_tasks import task

from ouvert.core.periodic import periodic
from ouvert.participation.services import reminders_send


@task()
def send_reminders() -> int:
    """Queue the reminders of the events of the next 24 hours (each registration once)."""
    return reminders_send()


periodic("event-reminders", send_reminders, every=datetime.timedelta(minutes=15))
