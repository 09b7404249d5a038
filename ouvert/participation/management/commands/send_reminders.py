"""Remind registrants of the events of the next 24 hours (the worker also does it every 15 minutes)."""

from django.core.management.base import BaseCommand

from ouvert.participation.services import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail a reminder to every confirmed registrant of an event starting within 24 hours who "
        "has not had one (the worker sends the e-mails). Safe to run often and twice at once: "
        "each registration is reminded once."
    )

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} reminder(s) queued.")
