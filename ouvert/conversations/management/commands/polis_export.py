"""Export a conversation in Pol.is's format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ouvert.conversations import exports
from ouvert.conversations.models import Conversation


class Command(BaseCommand):
    help = (
        "Write a conversation as a Pol.is export folder: comments.csv, votes.csv (every vote "
        "event, agree = 1), participants-votes.csv (groups of the latest analysis), summary.csv. "
        "Participants appear by their number in the conversation only."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The conversation's identifier.")
        parser.add_argument(
            "directory", type=Path, help="The folder to write (created if missing)."
        )

    def handle(self, *args, slug: str, directory: Path, **options):
        conversation = Conversation.objects.filter(slug=slug).first()
        if conversation is None:
            raise CommandError(f"No conversation {slug!r}.")
        summary = exports.polis_export(conversation=conversation, directory=directory)
        self.stdout.write(
            self.style.SUCCESS(
                f"{directory}: {summary.comments} statements, {summary.votes} vote events, "
                f"{summary.participants} participants."
            )
        )
