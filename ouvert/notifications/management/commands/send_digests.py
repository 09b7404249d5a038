"""Send the daily digests of what people follow (the worker also does it every day at 7:00)."""

from django.core.management.base import BaseCommand

from ouvert.notifications.services import digests_send


class Command(BaseCommand):
    help = (
        "E-mail each person who chose a daily digest everything new on what they follow since the "
        "last digest (the worker sends the e-mails), and forget newsletter addresses never "
        "confirmed within a week. Safe to run twice: what is sent is marked sent."
    )

    def handle(self, *args, **options):
        count = digests_send()
        self.stdout.write(f"{count} digest(s) queued.")
