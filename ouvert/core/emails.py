"""E-mails are rendered when they are decided, in their reader's language, and sent by the worker."""

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from ouvert.core.tasks import send_email


def email_enqueue(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str,
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt`, and send them once the transaction commits.

    Nothing is sent for a transaction that rolls back; the worker retries nothing by itself, so a
    failed delivery stays visible in the task results. `headers` (List-Unsubscribe, ...) and
    `attachments` ([filename, text, MIME type]) go with the message as they are.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(
            to=[to],
            subject=subject,
            body=body,
            headers=headers or {},
            attachments=attachments or [],
        )
    )
