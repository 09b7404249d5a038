"""The CSV format of commitments and milestones, for bulk loading a plan and exporting it.

One format both ways: `export` writes two files (commitments and milestones) that `import_files`
reads back, keyed by the external id `reference`, so that a ministry can load its plan, correct the
file and load it again (an idempotent upsert). Every row is checked before anything is written; one
bad row and nothing is written, and every error is reported with its file and line number.

Lists inside a cell are separated by " | "; links are « Title <https://…> », one per line; booleans
are "true"/"false"; dates ISO 8601. UTF-8, with or without BOM, comma-separated.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ouvert.actors.models import Actor
from ouvert.core.services import save_with_history
from ouvert.core.themes import Theme
from ouvert.plans.forms import format_links, parse_links
from ouvert.plans.models import ActionPlan, Commitment, Milestone, OgpValue
from ouvert.plans.services import commitment_save, milestone_save

COMMITMENT_COLUMNS = [
    "reference",
    "plan",
    "plan_title",
    "number",
    "ogp_id",
    "title",
    "title_en",
    "status",
    "withdrawn",
    "ambition",
    "theme",
    "ogp_values",
    "policy_areas",
    "lead_institution",
    "supporting_institutions",
    "contact",
    "problem",
    "problem_en",
    "description",
    "description_en",
    "objectives",
    "objectives_en",
    "links",
]
MILESTONE_COLUMNS = [
    "reference",
    "commitment",
    "title",
    "title_en",
    "deliverable",
    "starts_on",
    "ends_on",
    "weight",
    "status",
    "completed_on",
]
REQUIRED_COMMITMENT_COLUMNS = {"reference", "plan", "title"}
REQUIRED_MILESTONE_COLUMNS = {"reference", "commitment", "title", "ends_on"}
SEPARATOR = " | "


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailed(Exception):
    def __init__(self, report: ImportReport):
        super().__init__("\n".join(report.errors))
        self.report = report


# Export -------------------------------------------------------------------------------------------


def _join(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _text(row[name]) for name in columns})
    return buffer.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


PLAIN_COMMITMENT_COLUMNS = [
    name
    for name in COMMITMENT_COLUMNS
    if name
    not in {
        "plan",
        "plan_title",
        "ogp_values",
        "policy_areas",
        "lead_institution",
        "supporting_institutions",
        "links",
    }
]


def export_commitments(commitments: Iterable[Commitment]) -> str:
    """Commitments (plan, lead and partners selected, policy areas prefetched) as CSV."""
    return _csv(
        COMMITMENT_COLUMNS,
        (
            {
                **{name: getattr(commitment, name) for name in PLAIN_COMMITMENT_COLUMNS},
                "plan": commitment.plan.slug,
                "plan_title": commitment.plan.title,
                "ogp_values": _join(commitment.ogp_values),
                "policy_areas": _join(sorted(area.name for area in commitment.policy_areas.all())),
                "lead_institution": commitment.lead_institution.name
                if commitment.lead_institution
                else "",
                "supporting_institutions": _join(
                    sorted(actor.name for actor in commitment.supporting_institutions.all())
                ),
                "links": format_links(commitment.links),
            }
            for commitment in commitments
        ),
    )


def export_milestones(milestones: Iterable[Milestone]) -> str:
    """Milestones (commitment selected) as CSV."""
    return _csv(
        MILESTONE_COLUMNS,
        (
            {
                **{
                    name: getattr(milestone, name)
                    for name in MILESTONE_COLUMNS
                    if name != "commitment"
                },
                "commitment": milestone.commitment.reference,
            }
            for milestone in milestones
        ),
    )


def commitments_for_export(plan: ActionPlan | None = None):
    commitments = Commitment.objects.select_related("plan", "lead_institution").prefetch_related(
        "policy_areas", "supporting_institutions"
    )
    if plan is not None:
        commitments = commitments.filter(plan=plan)
    return commitments.order_by("plan__slug", "number", "reference")


def milestones_for_export(plan: ActionPlan | None = None):
    milestones = Milestone.objects.select_related("commitment")
    if plan is not None:
        milestones = milestones.filter(commitment__plan=plan)
    return milestones.order_by(
        "commitment__plan__slug",
        "commitment__number",
        "commitment__reference",
        "ends_on",
        "reference",
    )


# Import -------------------------------------------------------------------------------------------


def _read(
    content: bytes | str, name: str, required: set[str], known: list[str], report: ImportReport
):
    """Rows of a CSV file as (line number, dict), or None after reporting why it cannot be read."""
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            report.errors.append(
                _(
                    "%(file)s : le fichier n'est pas en UTF-8 (octet %(byte)s) ; enregistrez-le en UTF-8."
                )
                % {"file": name, "byte": error.start}
            )
            return None
    else:
        text = content.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = sorted(required - set(header))
    unknown = sorted(set(header) - set(known))
    if missing:
        report.errors.append(_line(name, 1, _("colonnes manquantes : %s") % ", ".join(missing)))
    if unknown:
        report.errors.append(_line(name, 1, _("colonnes inconnues : %s") % ", ".join(unknown)))
    if missing or unknown:
        return None
    rows = []
    try:
        for row in reader:
            if None in row:
                report.errors.append(
                    _line(name, reader.line_num, _("plus de cellules que de colonnes"))
                )
                continue
            rows.append(
                (reader.line_num, {key: (value or "").strip() for key, value in row.items()})
            )
    except csv.Error as error:
        report.errors.append(_line(name, reader.line_num, str(error)))
        return None
    return rows


def _line(name: str, line: int, message: str) -> str:
    return _("%(file)s, ligne %(line)s : %(message)s") % {
        "file": name,
        "line": line,
        "message": message,
    }


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in {"", "false", "0", "no", "non"}:
        return False
    if lowered in {"true", "1", "yes", "oui"}:
        return True
    raise ValueError(_("« %s » n'est pas un booléen (true ou false)") % value)


def _date(value: str) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(_("« %s » n'est pas une date (AAAA-MM-JJ)") % value) from error


def _integer(value: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError as error:
        raise ValueError(_("« %s » n'est pas un nombre entier") % value) from error


def _choice(value: str, choices: list[str], column: str) -> str:
    if value and value not in choices:
        raise ValueError(
            _("%(column)s : « %(value)s » n'est pas parmi %(choices)s")
            % {"column": column, "value": value, "choices": ", ".join(choices)}
        )
    return value


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _actor(name: str, kind: str, acting_user: Any) -> Actor:
    actor = Actor.objects.filter(name__iexact=name).order_by("pk").first()
    if actor is None:
        actor = Actor(name=name, kind=kind)
        save_with_history(instance=actor, acting_user=acting_user, data={})
    return actor


def import_files(
    *, acting_user: Any, commitments: bytes | str, milestones: bytes | str | None = None,
    commitments_name: str = "engagements.csv", milestones_name: str = "jalons.csv",
) -> ImportReport:  # fmt: skip
    """Load commitments (and milestones) from the export format; all or nothing.

    Unknown plans are created as drafts; institutions are matched by exact name (any case), and
    those not yet on the map are added (lead institutions as public bodies). Raises ImportFailed
    with the full report when a single row is wrong; the database is then as it was.
    """
    report = ImportReport()
    commitment_rows = _read(
        commitments, commitments_name, REQUIRED_COMMITMENT_COLUMNS, COMMITMENT_COLUMNS, report
    )
    milestone_rows = []
    if milestones is not None:
        milestone_rows = _read(
            milestones, milestones_name, REQUIRED_MILESTONE_COLUMNS, MILESTONE_COLUMNS, report
        )
    if commitment_rows is None or milestone_rows is None:
        raise ImportFailed(report)
    _check_duplicates(commitment_rows, commitments_name, report)
    _check_duplicates(milestone_rows, milestones_name, report)
    if not report.ok:
        raise ImportFailed(report)
    try:
        with transaction.atomic():
            _import_commitments(commitment_rows, commitments_name, acting_user, report)
            _import_milestones(milestone_rows, milestones_name, acting_user, report)
            if not report.ok:
                raise ImportFailed(report)
    except ImportFailed:
        report.created = report.updated = report.unchanged = 0
        raise
    return report


def _check_duplicates(rows, name: str, report: ImportReport) -> None:
    seen: dict[str, int] = {}
    for line, row in rows:
        reference = row.get("reference", "")
        if not reference:
            report.errors.append(_line(name, line, _("la colonne reference est vide")))
        elif reference in seen:
            report.errors.append(
                _line(
                    name,
                    line,
                    _("la référence %(reference)s est déjà en ligne %(other)s")
                    % {"reference": reference, "other": seen[reference]},
                )
            )
        else:
            seen[reference] = line


def _tally(report: ImportReport, created: bool, changed: bool) -> None:
    if created:
        report.created += 1
    elif changed:
        report.updated += 1
    else:
        report.unchanged += 1


def _import_commitments(rows, name: str, acting_user: Any, report: ImportReport) -> None:
    plans = {plan.slug: plan for plan in ActionPlan.objects.all()}
    for line, row in rows:
        try:
            data = {
                "reference": row["reference"],
                "number": _integer(row.get("number", "")),
                "ogp_id": row.get("ogp_id", ""),
                "title": row["title"],
                "title_en": row.get("title_en", ""),
                "status": _choice(
                    row.get("status", "") or Commitment.Status.DRAFT,
                    Commitment.Status.values,
                    "status",
                ),
                "withdrawn": _boolean(row.get("withdrawn", "")),
                "ambition": row.get("ambition", ""),
                "theme": _choice(row.get("theme", ""), Theme.values, "theme"),
                "ogp_values": [
                    _choice(value, OgpValue.values, "ogp_values")
                    for value in _split(row.get("ogp_values", ""))
                ],
                "contact": row.get("contact", ""),
                "problem": row.get("problem", ""),
                "problem_en": row.get("problem_en", ""),
                "description": row.get("description", ""),
                "description_en": row.get("description_en", ""),
                "objectives": row.get("objectives", ""),
                "objectives_en": row.get("objectives_en", ""),
                "links": parse_links(row.get("links", "")),
            }
        except (ValueError, ValidationError) as error:
            message = _messages(error) if isinstance(error, ValidationError) else str(error)
            report.errors.append(_line(name, line, message))
            continue
        plan = plans.get(row["plan"])
        if plan is None:
            plan = ActionPlan(slug=row["plan"])
            try:
                save_with_history(
                    instance=plan,
                    acting_user=acting_user,
                    data={"title": row.get("plan_title") or row["plan"]},
                )
            except ValidationError as error:
                report.errors.append(_line(name, line, f"{row['plan']} : {_messages(error)}"))
                continue
            plans[plan.slug] = plan
        lead = row.get("lead_institution", "")
        data["lead_institution"] = (
            _actor(lead, Actor.Kind.PUBLIC_BODY, acting_user) if lead else None
        )
        supporting = [
            _actor(partner, Actor.Kind.OTHER, acting_user)
            for partner in _split(row.get("supporting_institutions", ""))
        ]
        commitment = Commitment.objects.filter(reference=row["reference"]).first()
        created = commitment is None
        before = commitment.updated_at if commitment else None
        try:
            with transaction.atomic():
                saved = commitment_save(
                    acting_user=acting_user,
                    commitment=commitment,
                    plan=plan,
                    data=data,
                    policy_areas=_split(row.get("policy_areas", "")),
                    supporting_institutions=supporting,
                )
        except ValidationError as error:
            report.errors.append(_line(name, line, _messages(error)))
            continue
        _tally(report, created, not created and saved.updated_at != before)


def _import_milestones(rows, name: str, acting_user: Any, report: ImportReport) -> None:
    for line, row in rows:
        commitment = Commitment.objects.filter(reference=row["commitment"]).first()
        if commitment is None:
            report.errors.append(
                _line(name, line, _("engagement inconnu : %s") % row["commitment"])
            )
            continue
        try:
            data = {
                "reference": row["reference"],
                "title": row["title"],
                "title_en": row.get("title_en", ""),
                "deliverable": row.get("deliverable", ""),
                "starts_on": _date(row.get("starts_on", "")),
                "ends_on": _date(row["ends_on"]),
                "weight": _integer(row.get("weight", "")) or 1,
                "status": _choice(
                    row.get("status", "") or Milestone.Status.NOT_STARTED,
                    Milestone.Status.values,
                    "status",
                ),
                "completed_on": _date(row.get("completed_on", "")),
            }
        except ValueError as error:
            report.errors.append(_line(name, line, str(error)))
            continue
        milestone = Milestone.objects.filter(reference=row["reference"]).first()
        if milestone is not None and milestone.commitment_id != commitment.pk:
            report.errors.append(
                _line(
                    name,
                    line,
                    _("le jalon %(milestone)s appartient à %(commitment)s")
                    % {"milestone": row["reference"], "commitment": milestone.commitment.reference},
                )
            )
            continue
        created = milestone is None
        before = milestone.updated_at if milestone else None
        try:
            with transaction.atomic():
                saved = milestone_save(
                    acting_user=acting_user, milestone=milestone, commitment=commitment, data=data
                )
        except ValidationError as error:
            report.errors.append(_line(name, line, _messages(error)))
            continue
        _tally(report, created, not created and saved.updated_at != before)
