"""Background tasks shared by every app, run by the worker (`make worker`)."""

import datetime

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from ouvert.core.periodic import periodic


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
) -> int:
    """Send one e-mail already rendered in its reader's language.

    `attachments` are [filename, text content, MIME type] triples (task arguments are JSON).
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    return message.send()


@task()
def prune_task_results(days: int = 7) -> int:
    """Delete the results of tasks finished more than `days` ago (a tick leaves one a minute)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


periodic("prune-task-results", prune_task_results, every=datetime.timedelta(days=1))
