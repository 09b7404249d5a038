"""Conversations in open data: conversations, statements with their tallies, anonymised votes, groups.

Votes are published as Pol.is publishes them: per conversation, under the participant's number
in that conversation, never under an account or a name; statements are published without their
author (whose number would tie a name to a row of votes), and only once accepted.
"""

import json

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.conversations.models import Conversation, group_letter
from ouvert.conversations.selectors import (
    conversations_public,
    groups_public,
    statements_public,
    votes_public,
)
from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, registry

KEYWORDS = (_("gouvernement ouvert"), _("concertation"), "Pol.is")


def _conversation_url(slug: str) -> str:
    return absolute_url(reverse("conversations:detail", kwargs={"slug": slug}))


def _day(moment) -> object:
    return timezone.localdate(moment) if moment else None


def _subject_key(conversation, link: str, key: str) -> str | None:
    """The subject's code when the conversation is about that kind of subject and it is public."""
    subject = conversation.public_subject if getattr(conversation, link) else None
    return getattr(subject, key) if subject is not None else None


def _identifier(description) -> Field:
    return Field("id", "integer", _("Identifiant"), description, required=True, unique=True)


def _conversation_field() -> Field:
    return Field(
        "conversation",
        "string",
        _("Conversation"),
        _("Identifiant de la conversation."),
        source="conversation__slug",
        required=True,
    )


registry.register(
    Dataset(
        slug="conversations",
        title=_("Conversations"),
        description=_(
            "Les conversations ouvertes au public sur les plans d'action : la question posée, "
            "son statut et le nombre de propositions, de participant·es et de votes."
        ),
        keywords=KEYWORDS,
        queryset=conversations_public,
        fields=(
            _identifier(_("Identifiant stable.")),
            Field(
                "slug",
                "string",
                _("Code"),
                _("Code de la conversation."),
                required=True,
                unique=True,
            ),
            Field(
                "title",
                "string",
                _("Question"),
                _("La question posée, en français."),
                required=True,
            ),
            Field(
                "title_en",
                "string",
                _("Question (anglais)"),
                _("La question en anglais, s'il y a lieu."),
            ),
            Field(
                "plan",
                "string",
                _("Plan"),
                _("Code du plan d'action dont elle traite, s'il est public."),
                getter=lambda conversation: _subject_key(conversation, "plan_id", "slug"),
            ),
            Field(
                "commitment",
                "string",
                _("Engagement"),
                _("Référence de l'engagement dont elle traite, s'il est publié."),
                getter=lambda conversation: _subject_key(
                    conversation, "commitment_id", "reference"
                ),
            ),
            Field(
                "event",
                "string",
                _("Événement"),
                _("Code de l'événement dont elle traite, s'il est public."),
                getter=lambda conversation: _subject_key(conversation, "event_id", "slug"),
            ),
            Field(
                "status",
                "string",
                _("Statut"),
                _("Ouverte ou terminée."),
                required=True,
                enum=(Conversation.Status.OPEN, Conversation.Status.CLOSED),
            ),
            Field(
                "statements",
                "integer",
                _("Propositions"),
                _("Propositions soumises au vote."),
                source="statements_count",
            ),
            Field(
                "participants",
                "integer",
                _("Participant·es"),
                _("Personnes ayant voté ou proposé."),
                source="participants_count",
            ),
            Field(
                "votes",
                "integer",
                _("Votes"),
                _("Votes actuels (un par personne et proposition)."),
                source="votes_count",
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Adresse de la conversation."),
                source="slug",
                transform=_conversation_url,
                format="uri",
            ),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de la dernière modification (UTC)."),
                required=True,
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="conversations-propositions",
        title=_("Propositions des conversations"),
        description=_(
            "Les propositions acceptées de chaque conversation, avec le nombre de votes d'accord, "
            "de désaccord et de personnes qui passent. L'auteur·rice n'est pas publié·e."
        ),
        keywords=KEYWORDS,
        queryset=statements_public,
        modified_field="created_at",
        fields=(
            _identifier(_("Identifiant stable.")),
            _conversation_field(),
            Field(
                "number",
                "integer",
                _("Numéro"),
                _("Numéro de la proposition dans la conversation."),
                required=True,
            ),
            Field("text", "string", _("Proposition"), _("Le texte soumis au vote."), required=True),
            Field(
                "is_seed",
                "boolean",
                _("De départ"),
                _("Écrite par la modération pour lancer la conversation."),
            ),
            Field(
                "is_meta",
                "boolean",
                _("Sur la conversation"),
                _("Porte sur la conversation elle-même (hors carte des opinions)."),
            ),
            Field("agree", "integer", _("D'accord"), _("Votes d'accord."), source="agree_count"),
            Field(
                "disagree",
                "integer",
                _("Pas d'accord"),
                _("Votes de désaccord."),
                source="disagree_count",
            ),
            Field(
                "pass", "integer", _("Passent"), _("Personnes qui passent."), source="pass_count"
            ),
            Field(
                "created_at",
                "datetime",
                _("Proposée le"),
                _("Date de la proposition (UTC)."),
                required=True,
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="conversations-votes",
        title=_("Votes des conversations (anonymisés)"),
        description=_(
            "Chaque vote actuel sur les propositions acceptées : la personne n'y figure que par "
            "son numéro dans la conversation, sans compte ni nom ; la date est arrondie au jour. "
            "1 = d'accord, -1 = pas d'accord, 0 = passe (le sens des exports de Pol.is)."
        ),
        keywords=KEYWORDS,
        queryset=votes_public,
        fields=(
            _identifier(_("Identifiant stable du vote.")),
            _conversation_field(),
            Field(
                "statement",
                "integer",
                _("Proposition"),
                _("Numéro de la proposition dans la conversation."),
                source="statement__number",
                required=True,
            ),
            Field(
                "participant",
                "integer",
                _("Participant·e"),
                _("Numéro pseudonyme de la personne dans cette conversation."),
                source="participant__number",
                required=True,
            ),
            Field(
                "vote",
                "integer",
                _("Vote"),
                _("1 d'accord, -1 pas d'accord, 0 passe."),
                source="value",
                required=True,
            ),
            Field(
                "date",
                "date",
                _("Date"),
                _("Jour du vote (heure de Paris)."),
                source="updated_at",
                transform=_day,
            ),
        ),
        modified_field="updated_at",
    )
)

registry.register(
    Dataset(
        slug="conversations-groupes",
        title=_("Groupes d'opinion des conversations"),
        description=_(
            "Les groupes d'opinion de la dernière analyse de chaque conversation (méthode de Pol.is) : "
            "leur taille et les propositions qui les distinguent (numéro, accord ou désaccord, "
            "part du groupe)."
        ),
        keywords=KEYWORDS,
        queryset=groups_public,
        fields=(
            _identifier(_("Identifiant de la ligne.")),
            _conversation_field(),
            Field(
                "group",
                "string",
                _("Groupe"),
                _("Lettre du groupe."),
                source="position",
                transform=group_letter,
                required=True,
            ),
            Field(
                "size",
                "integer",
                _("Participant·es"),
                _("Nombre de personnes dans le groupe."),
                required=True,
            ),
            Field(
                "representative",
                "string",
                _("Propositions représentatives"),
                _(
                    "Liste JSON : numéro de la proposition (statement), accord (agrees), part du groupe (share)."
                ),
                transform=lambda value: json.dumps(value, ensure_ascii=False),
            ),
            Field(
                "updated_at",
                "datetime",
                _("Mise à jour"),
                _("Date de l'analyse (UTC)."),
                required=True,
            ),
        ),
    )
)
