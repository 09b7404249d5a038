"""Open data of the debates: debates with their vote counts (never who voted what), the versions of
the debated texts, their paragraphs, the arguments, the comments on paragraphs and the published
responses. People appear only by their public name or pseudonym."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, registry
from ouvert.debates.models import Argument, Section, Subject, TextVersion, VoterKind
from ouvert.debates.selectors import (
    arguments_public,
    debates_with_kind_counts,
    paragraph_comments_public,
    paragraphs_public,
    responses_public,
    results_from_counts,
    versions_public,
)
from ouvert.debates.tally import MIN_GROUP, Tally

KEYWORDS = (_("gouvernement ouvert"), _("débat"), _("consultation"))


def _identifier(description) -> Field:
    return Field("id", "integer", _("Identifiant"), description, required=True, unique=True)


def _debate_id() -> Field:
    return Field("debate_id", "integer", _("Débat"), _("Identifiant du débat."), required=True)


def _url(instance) -> str:
    return absolute_url(instance.get_absolute_url())


def _author() -> Field:
    return Field(
        "author",
        "string",
        _("Auteur·rice"),
        _("Nom public ou pseudonyme."),
        getter=lambda contribution: contribution.author.public_name,
        required=True,
    )


def _published() -> Field:
    return Field(
        "published_at",
        "datetime",
        _("Publié le"),
        _("Date de publication (UTC)."),
        required=True,
    )


def _counts(tally: Tally) -> dict[str, int]:
    return {
        "for": tally.votes_for,
        "against": tally.votes_against,
        "abstain": tally.votes_abstain,
    }


def _votes_by_kind(debate) -> dict:
    results = results_from_counts(debate)
    return {
        "groups": {group.kind or "undeclared": _counts(group.tally) for group in results.groups},
        "smaller_groups": _counts(results.merged),
    }


registry.register(
    Dataset(
        slug="debats",
        title=_("Débats sur les projets de texte"),
        description=format_lazy(
            _(
                "Les débats ouverts sur les projets d'engagements et les autres textes des plans "
                "d'action, avec leurs dates et le nombre de votes pour, contre et d'abstentions. "
                "Aucun vote individuel n'est publié. Les votes par qualité déclarée (citoyen, "
                "association, entreprise, organisme public, autre) ne sont détaillés que pour les "
                "groupes d'au moins {min} votes ; les groupes plus petits sont regroupés, et ce "
                "regroupement compte zéro ou au moins {min} votes."
            ),
            min=MIN_GROUP,
        ),
        keywords=KEYWORDS,
        queryset=debates_with_kind_counts,
        fields=(
            _identifier(_("Identifiant stable du débat.")),
            Field(
                "subject",
                "string",
                _("Objet"),
                _(
                    "Ce qui est débattu : un projet d'engagement, la présentation du plan, un autre texte."
                ),
                required=True,
                enum=tuple(Subject.values),
            ),
            Field("title", "string", _("Titre"), _("Titre en français."), required=True),
            Field("title_en", "string", _("Titre (anglais)"), _("Titre en anglais, s'il existe.")),
            Field(
                "plan",
                "string",
                _("Plan"),
                _("Code du plan d'action, une fois le plan publié."),
                getter=lambda debate: debate.plan.slug if debate.plan_is_public else None,
            ),
            Field(
                "commitment",
                "string",
                _("Engagement"),
                _("Identifiant de l'engagement débattu, une fois l'engagement publié."),
                getter=lambda debate: (
                    debate.commitment.reference if debate.commitment_is_public else None
                ),
            ),
            Field(
                "opens_at",
                "datetime",
                _("Ouverture"),
                _("Ouverture des votes (UTC)."),
                required=True,
            ),
            Field(
                "closes_at", "datetime", _("Clôture"), _("Clôture des votes (UTC)."), required=True
            ),
            Field("votes_for", "integer", _("Pour"), _("Nombre de votes pour."), required=True),
            Field(
                "votes_against", "integer", _("Contre"), _("Nombre de votes contre."), required=True
            ),
            Field(
                "votes_abstain",
                "integer",
                _("Abstentions"),
                _("Nombre d'abstentions."),
                required=True,
            ),
            Field(
                "votes_by_kind",
                "object",
                _("Votes par qualité"),
                format_lazy(
                    _(
                        "Par qualité déclarée ({kinds}, undeclared), pour les groupes d'au moins "
                        "{min} votes, les nombres for, against et abstain ; les groupes plus "
                        "petits ensemble dans smaller_groups."
                    ),
                    kinds=", ".join(VoterKind.values),
                    min=MIN_GROUP,
                ),
                getter=_votes_by_kind,
                required=True,
            ),
            Field(
                "arguments",
                "integer",
                _("Arguments"),
                _("Nombre d'arguments publiés."),
                source="arguments_count",
                required=True,
            ),
            Field(
                "comments",
                "integer",
                _("Commentaires"),
                _("Nombre de commentaires publiés sur les paragraphes."),
                source="comments_count",
                required=True,
            ),
            Field(
                "response_published",
                "boolean",
                _("Réponse publiée"),
                _("L'administration a publié sa réponse."),
                source="has_response",
                required=True,
            ),
            Field(
                "url", "string", _("Page web"), _("Adresse du débat."), getter=_url, format="uri"
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
        slug="debats-versions",
        title=_("Versions des textes débattus"),
        description=_(
            "Pour chaque débat, le texte tel qu'il a été soumis au débat, et tel que l'administration "
            "l'a publié avec sa réponse, partie par partie (en Markdown)."
        ),
        keywords=KEYWORDS,
        queryset=versions_public,
        modified_field="created_at",
        fields=(
            _identifier(_("Identifiant stable de la version.")),
            _debate_id(),
            Field(
                "kind",
                "string",
                _("Version"),
                _("debated : soumise au débat ; revised : publiée après le débat."),
                required=True,
                enum=tuple(TextVersion.Kind.values),
            ),
            Field("title", "string", _("Titre"), _("Titre du texte."), required=True),
            Field(
                "sections",
                "object",
                _("Texte"),
                format_lazy(
                    _("Le texte par partie ({sections}), en Markdown."),
                    sections=", ".join(Section.values),
                ),
                transform=lambda sections: {part["key"]: part["text"] for part in sections},
                required=True,
            ),
            Field(
                "created_at", "datetime", _("Date"), _("Date de la version (UTC)."), required=True
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="debats-paragraphes",
        title=_("Paragraphes des textes débattus"),
        description=_(
            "Les paragraphes des textes soumis au débat, tels qu'ils ont été débattus, avec le "
            "nombre de commentaires publiés sur chacun."
        ),
        keywords=KEYWORDS,
        queryset=paragraphs_public,
        modified_field=None,
        fields=(
            _identifier(_("Identifiant stable du paragraphe.")),
            _debate_id(),
            Field(
                "number",
                "integer",
                _("Numéro"),
                _("Sa place dans le texte débattu, de 1 à n."),
                required=True,
            ),
            Field(
                "section",
                "string",
                _("Partie"),
                _("La partie du texte."),
                required=True,
                enum=tuple(Section.values),
            ),
            Field("text", "string", _("Texte"), _("Le paragraphe, en Markdown."), required=True),
            Field(
                "comments",
                "integer",
                _("Commentaires"),
                _("Nombre de commentaires publiés."),
                source="comments_count",
                required=True,
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Le paragraphe et ses commentaires."),
                getter=_url,
                format="uri",
            ),
        ),
    )
)

registry.register(
    Dataset(
        slug="debats-arguments",
        title=_("Arguments des débats"),
        description=_(
            "Les arguments pour et contre publiés dans les débats après modération, avec leur "
            "nombre de soutiens. Les auteurs apparaissent sous leur nom public ou leur pseudonyme."
        ),
        keywords=KEYWORDS,
        queryset=arguments_public,
        modified_field="published_at",
        fields=(
            _identifier(_("Identifiant stable de l'argument.")),
            _debate_id(),
            Field(
                "side",
                "string",
                _("Sens"),
                _("pro : pour le texte ; con : contre."),
                required=True,
                enum=tuple(Argument.Side.values),
            ),
            _author(),
            Field("body", "string", _("Argument"), _("Texte de l'argument."), required=True),
            Field(
                "supports",
                "integer",
                _("Soutiens"),
                _("Nombre de personnes qui le soutiennent."),
                source="supports_count",
                required=True,
            ),
            _published(),
        ),
    )
)

registry.register(
    Dataset(
        slug="debats-commentaires",
        title=_("Commentaires des paragraphes débattus"),
        description=_(
            "Les commentaires publiés après modération sur les paragraphes des textes débattus, "
            "avec la reformulation qu'ils proposent et le commentaire auquel ils répondent. Les "
            "auteurs apparaissent sous leur nom public ou leur pseudonyme."
        ),
        keywords=KEYWORDS,
        queryset=paragraph_comments_public,
        modified_field="published_at",
        fields=(
            _identifier(_("Identifiant stable du commentaire.")),
            Field(
                "debate_id",
                "integer",
                _("Débat"),
                _("Identifiant du débat."),
                getter=lambda comment: comment.target.debate_id,
                required=True,
            ),
            Field(
                "paragraph",
                "integer",
                _("Paragraphe"),
                _("Numéro du paragraphe commenté dans le texte débattu."),
                getter=lambda comment: comment.target.number,
                required=True,
            ),
            Field(
                "parent_id",
                "integer",
                _("En réponse à"),
                _("Identifiant du commentaire auquel il répond."),
            ),
            _author(),
            Field("body", "string", _("Commentaire"), _("Texte du commentaire."), required=True),
            Field(
                "suggestion",
                "string",
                _("Reformulation proposée"),
                _("Le paragraphe tel que l'auteur·rice propose de le réécrire, s'il y a lieu."),
            ),
            _published(),
        ),
    )
)

registry.register(
    Dataset(
        slug="debats-reponses",
        title=_("Réponses de l'administration aux débats"),
        description=_(
            "Après la clôture d'un débat, la réponse publique de l'administration : ce qui a changé "
            "dans le texte et pourquoi, paragraphe par paragraphe s'il y a lieu. Le texte révisé "
            "est dans le jeu « Versions des textes débattus »."
        ),
        keywords=KEYWORDS,
        queryset=responses_public,
        modified_field="published_at",
        fields=(
            _identifier(_("Identifiant stable de la réponse.")),
            _debate_id(),
            Field("text", "string", _("Réponse"), _("En français, en Markdown."), required=True),
            Field("text_en", "string", _("Réponse (anglais)"), _("En anglais, s'il existe.")),
            Field(
                "signed_by",
                "string",
                _("Signée par"),
                _("Nom public de l'agent."),
                getter=lambda response: response.author.public_name,
                required=True,
            ),
            Field(
                "version_id",
                "integer",
                _("Version publiée"),
                _("Identifiant de la version révisée du texte."),
                required=True,
            ),
            Field(
                "notes",
                "object",
                _("Par paragraphe"),
                _("Ce qui change et pourquoi, par numéro de paragraphe débattu."),
                getter=lambda response: {
                    str(note.paragraph.number): note.text for note in response.notes.all()
                },
                required=True,
            ),
            Field(
                "published_at",
                "datetime",
                _("Publiée le"),
                _("Date de publication (UTC)."),
                required=True,
            ),
        ),
    )
)
