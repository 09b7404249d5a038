"""Open data of participation: events (never who registered), proposals with their answers and
supports, published comments. People appear only by their public name or pseudonym."""

from django.utils.translation import gettext_lazy as _

from ouvert.core.http import absolute_url
from ouvert.core.opendata import Dataset, Field, registry
from ouvert.participation.models import Answer, Event, EventFormat, EventKind, Proposal
from ouvert.participation.selectors import comments_public, events_public, proposals_public


def _url(instance) -> str:
    return absolute_url(instance.get_absolute_url())


def _identifier(name: str, description) -> Field:
    return Field(name, "integer", _("Identifiant"), description, required=True, unique=True)


def _updated() -> Field:
    return Field(
        "updated_at",
        "datetime",
        _("Mise à jour"),
        _("Date de la dernière modification (UTC)."),
        required=True,
    )


registry.register(
    Dataset(
        slug="evenements",
        title=_("Événements de la concertation"),
        description=_(
            "Webinaires, ateliers, forums ouverts, forums multi-acteurs et campagnes d'entretiens "
            "publiés sur la plateforme, avec leurs dates, leur lieu, leurs places et leur compte "
            "rendu. Aucune donnée sur les personnes inscrites ; le lien de connexion n'est pas publié."
        ),
        keywords=(_("gouvernement ouvert"), _("concertation"), _("événements")),
        queryset=events_public,
        fields=(
            _identifier("id", _("Identifiant stable de l'événement.")),
            Field(
                "slug",
                "string",
                _("Code"),
                _("Code de l'événement dans son adresse."),
                required=True,
                unique=True,
            ),
            Field("title", "string", _("Titre"), _("Titre en français."), required=True),
            Field(
                "kind",
                "string",
                _("Type"),
                _("Type d'événement."),
                required=True,
                enum=tuple(EventKind.values),
            ),
            Field(
                "format",
                "string",
                _("Format"),
                _("En ligne, en présentiel ou hybride."),
                required=True,
                enum=tuple(EventFormat.values),
            ),
            Field(
                "status",
                "string",
                _("Statut"),
                _("Publié ou annulé."),
                required=True,
                enum=(Event.Status.PUBLISHED, Event.Status.CANCELLED),
            ),
            Field("starts_at", "datetime", _("Début"), _("Début (UTC)."), required=True),
            Field("ends_at", "datetime", _("Fin"), _("Fin (UTC)."), required=True),
            Field(
                "series",
                "string",
                _("Série"),
                _("Code de la série à laquelle appartient l'événement."),
                source="series__slug",
            ),
            Field("plan", "string", _("Plan"), _("Code du plan d'action."), source="plan__slug"),
            Field(
                "host",
                "string",
                _("Organisé par"),
                _("Nom de l'organisation qui organise."),
                source="host__name",
            ),
            Field("venue", "string", _("Lieu"), _("Nom du lieu, en présentiel.")),
            Field("address", "string", _("Adresse"), _("Adresse du lieu, en présentiel.")),
            Field("latitude", "number", _("Latitude"), _("Latitude du lieu (WGS 84).")),
            Field("longitude", "number", _("Longitude"), _("Longitude du lieu (WGS 84).")),
            Field("capacity", "integer", _("Places"), _("Nombre de places ; vide : sans limite.")),
            Field(
                "minutes", "string", _("Compte rendu"), _("Compte rendu en français, en Markdown.")
            ),
            Field(
                "video_url",
                "string",
                _("Vidéo"),
                _("Adresse de la vidéo de l'événement."),
                format="uri",
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Adresse de l'événement sur la plateforme."),
                getter=_url,
                format="uri",
            ),
            _updated(),
        ),
    )
)


def _answer(attribute: str):
    def read(proposal: Proposal):
        # A proposal without an answer raises RelatedObjectDoesNotExist, an AttributeError.
        value = getattr(getattr(proposal, "answer", None), attribute, None)
        return getattr(value, "reference", value)  # a commitment by its reference

    return read


registry.register(
    Dataset(
        slug="propositions",
        title=_("Propositions et réponses de l'administration"),
        description=_(
            "Les propositions publiées de la société civile (ateliers, collaborations, idées "
            "d'engagements, amendements), leur nombre de soutiens et la réponse publique de "
            "l'administration : statut, texte, date de première réponse. Les auteurs apparaissent "
            "sous leur nom public, leur pseudonyme ou l'acteur qu'ils représentent."
        ),
        keywords=(_("gouvernement ouvert"), _("redevabilité"), _("propositions")),
        queryset=proposals_public,
        modified_field="updated_at",
        fields=(
            _identifier("id", _("Identifiant stable de la proposition.")),
            Field(
                "plan",
                "string",
                _("Plan"),
                _("Code du plan d'action."),
                source="call__phase__plan__slug",
                required=True,
            ),
            Field(
                "phase",
                "string",
                _("Phase"),
                _("Étape du cycle pendant laquelle elle a été faite."),
                source="call__phase__kind",
                required=True,
            ),
            Field(
                "kind",
                "string",
                _("Type"),
                _("Type de proposition."),
                required=True,
                enum=tuple(Proposal.Kind.values),
            ),
            Field("title", "string", _("Titre"), _("Titre de la proposition."), required=True),
            Field(
                "body",
                "string",
                _("Proposition"),
                _("Texte de la proposition, en Markdown."),
                required=True,
            ),
            Field(
                "signed_by",
                "string",
                _("Signée par"),
                _("Nom public ou pseudonyme de l'auteur·rice, ou nom de l'acteur représenté."),
                getter=lambda proposal: proposal.signature,
                required=True,
            ),
            Field(
                "institution",
                "string",
                _("Institution destinataire"),
                _("L'institution qui doit répondre."),
                source="institution__name",
            ),
            Field(
                "amended_commitment",
                "string",
                _("Engagement amendé"),
                _("Identifiant de l'engagement amendé."),
                source="amended_commitment__reference",
            ),
            Field(
                "published_at",
                "datetime",
                _("Publiée le"),
                _("Date de publication après modération (UTC)."),
                required=True,
            ),
            Field(
                "supports",
                "integer",
                _("Soutiens"),
                _("Nombre de personnes qui la soutiennent."),
                source="supports_count",
                required=True,
            ),
            Field(
                "answer_status",
                "string",
                _("Réponse"),
                _("Statut de la réponse ; vide : pas encore de réponse."),
                getter=_answer("status"),
                enum=tuple(Answer.Status.values),
            ),
            Field(
                "answer_text",
                "string",
                _("Texte de la réponse"),
                _("Texte de la réponse, en Markdown."),
                getter=_answer("text"),
            ),
            Field(
                "answered_at",
                "datetime",
                _("Première réponse"),
                _("Date de la première réponse publique (UTC)."),
                getter=_answer("first_answered_at"),
            ),
            Field(
                "merged_into",
                "string",
                _("Intégrée à"),
                _("Identifiant de l'engagement qui l'intègre."),
                getter=_answer("merged_into"),
            ),
            Field(
                "url",
                "string",
                _("Page web"),
                _("Adresse de la proposition sur la plateforme."),
                getter=_url,
                format="uri",
            ),
            _updated(),
        ),
    )
)


def _target_type(comment) -> str:
    return "proposition" if comment.content_type.model == "proposal" else "billet"


registry.register(
    Dataset(
        slug="commentaires",
        title=_("Commentaires publiés"),
        description=_(
            "Les commentaires publiés après modération sur les propositions et les billets du blog, "
            "avec le commentaire auquel ils répondent. Les auteurs apparaissent sous leur nom public "
            "ou leur pseudonyme."
        ),
        keywords=(_("gouvernement ouvert"), _("participation"), _("commentaires")),
        queryset=comments_public,
        modified_field="published_at",
        fields=(
            _identifier("id", _("Identifiant stable du commentaire.")),
            Field(
                "target_type",
                "string",
                _("Sur"),
                _("Ce qui est commenté."),
                getter=_target_type,
                required=True,
                enum=("proposition", "billet"),
            ),
            Field(
                "target_id",
                "integer",
                _("Identifiant commenté"),
                _("Identifiant de la proposition ou du billet."),
                source="object_id",
                required=True,
            ),
            Field(
                "parent_id",
                "integer",
                _("En réponse à"),
                _("Identifiant du commentaire auquel il répond."),
            ),
            Field(
                "author",
                "string",
                _("Auteur·rice"),
                _("Nom public ou pseudonyme."),
                getter=lambda comment: comment.author.public_name,
                required=True,
            ),
            Field("body", "string", _("Commentaire"), _("Texte du commentaire."), required=True),
            Field(
                "published_at",
                "datetime",
                _("Publié le"),
                _("Date de publication (UTC)."),
                required=True,
            ),
        ),
    )
)
