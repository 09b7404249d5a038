"""Writes of debates: opening one on a draft text, voting, arguing, supporting, commenting a
paragraph, moderating arguments, closing, and the response with its revised version.

Changes to the public record (a debate opened, closed or answered, an argument moderated, the
commitment revised) take the acting user and write their history row in the same transaction.
Votes and supports write none: a history row names its author, and how a person voted is never
published. Permissions are checked by the callers (views, API) with `rules.py`.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record, save_with_history
from ouvert.debates.models import (
    SUBJECT_SECTIONS,
    Argument,
    ArgumentSupport,
    Debate,
    DebateResponse,
    DebateState,
    Paragraph,
    ParagraphNote,
    Subject,
    TextVersion,
    Vote,
    VoteChoice,
    VoterKind,
)
from ouvert.debates.text import split_paragraphs
from ouvert.participation.models import Comment
from ouvert.participation.services import comment_post
from ouvert.participation.services.moderation import moderation_decide
from ouvert.plans.models import ActionPlan, Commitment
from ouvert.plans.services import commitment_save

ARGUMENT_MAX = 1_500


def _source_text(
    *, subject: str, plan: ActionPlan, commitment: Commitment | None, title: str, text: str
) -> tuple[str, list[dict[str, str]]]:
    """The title and the sections of the text a debate is about, as they are now."""
    if subject == Subject.COMMITMENT:
        return commitment.title, [
            {"key": key, "text": getattr(commitment, key)}
            for key in SUBJECT_SECTIONS[Subject.COMMITMENT]
        ]
    if subject == Subject.PLAN_SUMMARY:
        return plan.title, [{"key": "summary", "text": plan.summary}]
    return title, [{"key": "text", "text": text}]


def _paragraphs(debate: Debate, version: TextVersion) -> list[Paragraph]:
    paragraphs = []
    for part in version.sections:
        for text in split_paragraphs(part["text"]):
            paragraphs.append(
                Paragraph(
                    debate=debate,
                    version=version,
                    number=len(paragraphs) + 1,
                    section=part["key"],
                    text=text,
                )
            )
    return paragraphs


@transaction.atomic
def debate_open(
    *,
    acting_user: Any,
    plan: ActionPlan,
    subject: str,
    opens_at,
    closes_at,
    commitment: Commitment | None = None,
    title: str = "",
    introduction: str = "",
    text: str = "",
) -> Debate:
    """Open a debate on a draft text of `plan`: a draft commitment, the plan's introduction, or a
    text written here (an ambition, a preamble).

    The text is frozen as it is now into the debated version and split into paragraphs; that
    snapshot is what the debate publishes, never the draft record itself.
    """
    errors: dict[str, str] = {}
    if subject not in Subject.values:
        raise ValidationError({"subject": _("Choisissez ce qui est soumis au débat.")})
    if subject == Subject.COMMITMENT:
        if commitment is None:
            errors["commitment"] = _("Choisissez le projet d'engagement débattu.")
        else:
            # Locked: two agents opening a debate on it at once leave one.
            commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
            if commitment.plan_id != plan.pk:
                errors["commitment"] = _("Cet engagement appartient à un autre plan.")
            elif commitment.status != Commitment.Status.DRAFT:
                errors["commitment"] = _(
                    "Seul un projet d'engagement (un brouillon) est soumis au débat."
                )
            elif Debate.objects.filter(commitment=commitment, response__isnull=True).exists():
                errors["commitment"] = _("Un débat sur ce projet attend encore sa réponse.")
    elif commitment is not None:
        errors["commitment"] = _("Seul un débat sur un engagement en désigne un.")
    if opens_at and closes_at:
        if closes_at <= opens_at:
            errors["closes_at"] = _("La clôture vient après l'ouverture.")
        elif closes_at <= timezone.now():
            errors["closes_at"] = _("La clôture est à venir.")
    if errors:
        raise ValidationError(errors)
    text_title, sections = _source_text(
        subject=subject, plan=plan, commitment=commitment, title=title.strip(), text=text
    )
    if not any(split_paragraphs(part["text"]) for part in sections):
        key = "text" if subject == Subject.TEXT else "subject"
        raise ValidationError({key: _("Le texte à débattre est vide.")})
    debate = Debate(plan=plan, subject=subject, commitment=commitment)
    save_with_history(
        instance=debate,
        acting_user=acting_user,
        data={
            "title": title.strip() or text_title,
            "introduction": introduction.strip(),
            "opens_at": opens_at,
            "closes_at": closes_at,
        },
    )
    version = TextVersion.objects.create(
        debate=debate, kind=TextVersion.Kind.DEBATED, title=text_title, sections=sections
    )
    Paragraph.objects.bulk_create(_paragraphs(debate, version))
    return debate


@transaction.atomic
def debate_close(*, acting_user: Any, debate: Debate) -> Debate:
    """Close an open debate now, before its planned date."""
    debate = Debate.objects.select_for_update().get(pk=debate.pk)
    now = timezone.now()
    if debate.state_at(now) != DebateState.OPEN:
        raise ValidationError(_("Seul un débat ouvert peut être clos."))
    save_with_history(
        instance=debate,
        acting_user=acting_user,
        data={"closes_at": now},
        message=_("Clos avant la date prévue."),
    )
    return debate


def _check_open(debate: Debate) -> None:
    state = debate.state
    if state == DebateState.UPCOMING:
        raise ValidationError(
            _("Le débat ouvre le %(date)s.")
            % {"date": date_format(timezone.localtime(debate.opens_at), "DATETIME_FORMAT")}
        )
    if state == DebateState.CLOSED:
        raise ValidationError(_("Le débat est clos."))


def vote_cast(*, acting_user: Any, debate: Debate, choice: str, kind: str = "") -> Vote:
    """Vote for, against or abstain, or change one's vote, while the debate is open.

    One vote per participant and debate: an upsert against the unique constraint, so a double
    click or two requests at the same instant leave one vote, the last one.
    """
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choisissez pour, contre ou abstention.")})
    if kind and kind not in VoterKind.values:
        raise ValidationError({"kind": _("Qualité inconnue.")})
    _check_open(debate)
    now = timezone.now()
    Vote.objects.bulk_create(
        [
            Vote(
                debate=debate,
                voter=acting_user,
                choice=choice,
                kind=kind,
                created_at=now,
                updated_at=now,
            )
        ],
        update_conflicts=True,
        unique_fields=["debate", "voter"],
        update_fields=["choice", "kind", "updated_at"],
    )
    return Vote.objects.get(debate=debate, voter=acting_user)


@transaction.atomic
def argument_post(*, acting_user: Any, debate: Debate, side: str, body: str) -> Argument:
    """Write an argument for or against the text while the debate is open; it waits for moderation.

    Sending the same argument twice (a double click) keeps one.
    """
    body = body.strip()
    errors = {}
    if side not in Argument.Side.values:
        errors["side"] = _("Choisissez : pour ou contre.")
    if not body:
        errors["body"] = _("L'argument est vide.")
    elif len(body) > ARGUMENT_MAX:
        errors["body"] = _("%(max)s caractères au plus.") % {"max": ARGUMENT_MAX}
    if errors:
        raise ValidationError(errors)
    # The debate's row is locked so that two identical requests are told apart one after the other.
    debate = Debate.objects.select_for_update().get(pk=debate.pk)
    _check_open(debate)
    same = (
        Argument.objects.filter(debate=debate, author=acting_user, side=side, body=body)
        .exclude(status=Argument.Status.REJECTED)
        .first()
    )
    return same or Argument.objects.create(debate=debate, author=acting_user, side=side, body=body)


@transaction.atomic
def argument_moderate(
    *, acting_user: Any, argument: Argument, publish: bool, reason: str = ""
) -> Argument:
    """Publish an argument or refuse it (a published one can be withdrawn), with a reason that is
    sent to its author."""
    argument = Argument.objects.select_for_update().get(pk=argument.pk)
    changed, _first = moderation_decide(
        instance=argument,
        acting_user=acting_user,
        publish=publish,
        reason=reason,
        published=Argument.Status.PUBLISHED,
        rejected=Argument.Status.REJECTED,
    )
    author = argument.author
    if changed and not publish and author.is_active:
        email_enqueue(
            to=author.email,
            template="debates/emails/argument_rejected",
            context={
                "argument": argument,
                "debate": argument.debate,
                "url": absolute_url(
                    translate_url(argument.debate.get_absolute_url(), author.language)
                ),
            },
            language=author.language,
        )
    return argument


def argument_support_set(*, acting_user: Any, argument: Argument, supporting: bool) -> int:
    """Support a published argument, or withdraw the support, while its debate is open; returns
    the number of supports. Once per person: a unique constraint keeps a double click to one row."""
    if not argument.is_published:
        raise ValidationError(_("Seuls les arguments publiés peuvent être soutenus."))
    _check_open(argument.debate)
    if supporting:
        try:
            with transaction.atomic():
                ArgumentSupport.objects.get_or_create(argument=argument, user=acting_user)
        except IntegrityError:
            pass  # the other request of the double click created it
    else:
        ArgumentSupport.objects.filter(argument=argument, user=acting_user).delete()
    return ArgumentSupport.objects.filter(argument=argument).count()


def paragraph_comment_post(
    *,
    acting_user: Any,
    paragraph: Paragraph,
    body: str,
    suggestion: str = "",
) -> Comment:
    """Comment a paragraph of the debated text, optionally proposing a rewording of it; the
    comment waits for moderation. A "rewording" identical to the paragraph is no rewording."""
    if suggestion.strip() == paragraph.text.strip():
        suggestion = ""
    return comment_post(acting_user=acting_user, target=paragraph, body=body, suggestion=suggestion)


def revision_message(debate: Debate) -> str:
    """The reason recorded in the history of the revised record: the debate, and its address."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("À la suite du débat « %(title)s » : %(url)s") % {
            "title": debate.title,
            "url": absolute_url(debate.get_absolute_url()),
        }


def _apply_revision(
    *, acting_user: Any, debate: Debate, version: TextVersion, publish_commitment: bool
) -> None:
    """Write the revised text into the record the debate was about, with the debate as reason."""
    message = revision_message(debate)
    if debate.subject == Subject.COMMITMENT:
        commitment = debate.commitment
        data: dict[str, Any] = {
            "title": version.title,
            **{key: version.text_of(key) for key in SUBJECT_SECTIONS[Subject.COMMITMENT]},
        }
        if publish_commitment:
            data["status"] = Commitment.Status.PUBLISHED
        commitment_save(
            acting_user=acting_user,
            commitment=commitment,
            plan=commitment.plan,
            data=data,
            message=message,
        )
    elif debate.subject == Subject.PLAN_SUMMARY:
        save_with_history(
            instance=debate.plan,
            acting_user=acting_user,
            data={"summary": version.text_of("summary")},
            message=message,
        )


@transaction.atomic
def debate_respond(
    *,
    acting_user: Any,
    debate: Debate,
    text: str,
    sections: Mapping[str, str],
    title: str = "",
    notes: Mapping[int, str] | None = None,
    publish_commitment: bool = False,
    text_en: str = "",
) -> DebateResponse:
    """Publish the response to a closed debate: what changed and why (`text`, and `notes` on
    debated paragraphs by number), with the revised text (`title` and `sections` by key).

    The revised text becomes the debate's published version and is written into the commitment
    (or the plan's introduction), whose change log names the debate as the reason. A commitment
    can be published in its plan at the same time (`publish_commitment`).
    """
    # Only the debate's row is locked (PostgreSQL refuses to lock the nullable side of a join).
    debate = (
        Debate.objects.select_for_update(of=("self",))
        .select_related("plan", "commitment")
        .get(pk=debate.pk)
    )
    if debate.state != DebateState.CLOSED:
        raise ValidationError(_("On répond à un débat une fois qu'il est clos."))
    if DebateResponse.objects.filter(debate=debate).exists():
        raise ValidationError(_("La réponse à ce débat est déjà publiée."))
    keys = SUBJECT_SECTIONS[debate.subject]
    debated = debate.versions.get(kind=TextVersion.Kind.DEBATED)
    numbers = set(debated.paragraphs.values_list("number", flat=True))
    notes = {number: note.strip() for number, note in (notes or {}).items() if note.strip()}
    errors = {}
    if not text.strip():
        errors["text"] = _("Dites ce qui a changé et pourquoi.")
    if set(sections) - set(keys):
        errors["sections"] = _("Parties inconnues : %s") % ", ".join(
            sorted(set(sections) - set(keys))
        )
    elif not any(split_paragraphs(sections.get(key, "")) for key in keys):
        errors[keys[0]] = _("Le texte révisé est vide.")
    if set(notes) - numbers:
        errors["notes"] = _("Paragraphes inconnus : %s") % ", ".join(
            str(number) for number in sorted(set(notes) - numbers)
        )
    if publish_commitment and debate.subject != Subject.COMMITMENT:
        errors["publish_commitment"] = _("Seul un débat sur un engagement le publie.")
    revised_title = debated.title
    if debate.subject != Subject.PLAN_SUMMARY:
        revised_title = title.strip() or debated.title
    if errors:
        raise ValidationError(errors)
    version = TextVersion.objects.create(
        debate=debate,
        kind=TextVersion.Kind.REVISED,
        title=revised_title,
        sections=[{"key": key, "text": sections.get(key, "").strip()} for key in keys],
    )
    response = DebateResponse.objects.create(
        debate=debate,
        version=version,
        text=text.strip(),
        text_en=text_en.strip(),
        author=acting_user,
    )
    paragraphs = {p.number: p for p in debated.paragraphs.filter(number__in=notes)}
    ParagraphNote.objects.bulk_create(
        ParagraphNote(response=response, paragraph=paragraphs[number], text=note)
        for number, note in sorted(notes.items())
    )
    history_record(
        instance=response,
        acting_user=acting_user,
        action=HistoryEntry.Action.PUBLISHED,
        changes={"text": [None, response.text]},
    )
    _apply_revision(
        acting_user=acting_user,
        debate=debate,
        version=version,
        publish_commitment=publish_commitment,
    )
    return response


def votes_anonymize(*, user: models.Model) -> int:
    """Detach a person's votes from them (account deletion): the results stand, nobody's vote is
    kept with a name."""
    return Vote.objects.filter(voter=user).update(voter=None)
