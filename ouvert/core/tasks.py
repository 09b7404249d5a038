"""Background tasks shared by every app, run by the worker (`make worker`)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


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
