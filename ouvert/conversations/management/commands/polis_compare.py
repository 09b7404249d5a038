"""Compare our opinion groups with Pol.is's own on Pol.is export folders."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ouvert.conversations import polis
from ouvert.conversations.analysis.replay import DEFAULT_WINDOW_MS
from ouvert.conversations.comparison import compare


class Command(BaseCommand):
    help = (
        "Replay each Pol.is export folder's votes in time order, in batches, carrying the state "
        "from one update to the next, and print one JSON object per folder: dataset, "
        "participants, comments, votes, k, k_polis, ari (adjusted Rand index against Pol.is's "
        "group-id, over participants both clustered), clustered_jaccard, seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="+", type=Path)
        parser.add_argument(
            "--window",
            type=float,
            default=DEFAULT_WINDOW_MS / 1000,
            help="Seconds of votes per update (default: %(default)s).",
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed of the replay.")

    def handle(self, *args, directories: list[Path], window: float, seed: int, **options):
        if window <= 0:
            raise CommandError("--window must be positive.")
        for directory in directories:
            if not directory.is_dir():
                continue  # a README among the folders of a glob
            try:
                export = polis.read_export(directory)
            except polis.PolisFormatError as error:
                line = {"dataset": directory.name, "error": str(error)}
            else:
                line = compare(export, window_ms=int(window * 1000), seed=seed)
            self.stdout.write(json.dumps(line, ensure_ascii=False))
            self.stdout.flush()
