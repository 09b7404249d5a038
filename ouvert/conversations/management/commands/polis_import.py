"""Import a conversation from a Pol.is export folder (comments.csv, votes.csv or participants-votes.csv)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from ouvert.conversations import polis, services
from ouvert.conversations.models import Conversation
from ouvert.plans.models import ActionPlan


class Command(BaseCommand):
    help = (
        "Import a conversation from a Pol.is export folder: comments.csv and votes.csv (or the "
        "cells of participants-votes.csv). The files are checked first; on any error nothing is "
        "imported and the file and line are named."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="The Pol.is export folder.")
        parser.add_argument(
            "--slug", help="Identifier of the new conversation (default: the folder's name)."
        )
        parser.add_argument(
            "--plan",
            help="Slug of the action plan the conversation is about (default: the latest plan).",
        )
        parser.add_argument(
            "--open",
            action="store_true",
            help="Open the conversation to votes (default: closed, as an archive).",
        )
        parser.add_argument(
            "--sign",
            choices=[polis.SIGN_AUTO, polis.SIGN_EXPORT, polis.SIGN_RAW],
            default=polis.SIGN_AUTO,
            help="Vote sign of the files: export (agree = 1, openData), raw (agree = -1, Pol.is's "
            "database), or auto (decided from the agree counts of comments.csv).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the files and say what would be imported."
        )

    def handle(self, *args, directory: Path, slug, plan, open, sign, dry_run, **options):
        try:
            export = polis.read_export(directory, sign=sign)
        except polis.PolisFormatError as error:
            raise CommandError(str(error)) from error
        slug = slug or slugify(directory.resolve().name)[:80]
        subject = (
            ActionPlan.objects.filter(slug=plan).first() if plan else ActionPlan.objects.first()
        )
        if subject is None:
            raise CommandError(
                f"No action plan {plan!r}." if plan else "Create an action plan first (--plan)."
            )
        votes = len(export.votes) if export.votes is not None else 0
        voters = len(set(export.votes.voters.tolist())) if votes else 0
        self.stdout.write(
            f"{directory}: {len(export.comments)} statements, {votes} vote events from "
            f"{export.votes_source or 'no file'} by {voters} participants"
            + (" (sign flipped: the file used Pol.is's raw sign)" if export.sign_flipped else "")
            + f" -> conversation {slug!r} on plan {subject.slug!r}"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing imported.")
            return
        try:
            conversation = services.polis_import(
                export=export,
                slug=slug,
                plan=subject,
                status=Conversation.Status.OPEN if open else Conversation.Status.CLOSED,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {conversation.slug}: the opinion map is computed by the worker."
            )
        )
