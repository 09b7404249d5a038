"""Forms of the plans app, rendered with the DSFR. They parse; the services validate and write."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.actors.models import Actor
from ouvert.core.forms import model_fields
from ouvert.core.themes import Theme
from ouvert.plans.models import (
    ActionPlan,
    Commitment,
    Evaluation,
    ImplementationStatus,
    Milestone,
    OgpValue,
    PartnerAssessment,
)

_LINK = re.compile(r"^(?P<title>.+?)\s*<(?P<url>\S+)>$")


def parse_links(text: str) -> list[dict[str, str]]:
    """Lines « Title <https://…> » to [{"title", "url"}]; raises ValidationError on a malformed line."""
    links = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINK.match(line.strip())
        if not match:
            raise ValidationError(
                _("Ligne %(number)s : écrivez « Intitulé <https://adresse> »."),
                params={"number": number},
            )
        links.append(match.groupdict())
    return links


def format_links(links: list[dict[str, str]]) -> str:
    return "\n".join(f"{link['title']} <{link['url']}>" for link in links)


def resolve_actors(text: str) -> list[Actor]:
    """One actor per line, by exact name (any case); raises ValidationError listing the unknown ones."""
    names = [line.strip() for line in text.splitlines() if line.strip()]
    found, unknown = [], []
    for name in names:
        actor = Actor.objects.filter(name__iexact=name).order_by("pk").first()
        if actor is None:
            unknown.append(name)
        else:
            found.append(actor)
    if unknown:
        raise ValidationError(
            _("Acteurs introuvables : %(names)s. Vérifiez leur nom exact sur la cartographie."),
            params={"names": ", ".join(unknown)},
        )
    return found


class CommitmentForm(DsfrBaseForm):
    lead_institution = forms.ModelChoiceField(
        label=_("Institution responsable"),
        queryset=Actor.objects.filter(kind=Actor.Kind.PUBLIC_BODY).order_by("name"),
        required=False,
    )
    supporting_institutions = forms.CharField(
        label=_("Partenaires"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Un acteur par ligne, avec son nom exact : institutions publiques, associations, entreprises."
        ),
    )
    ogp_values = forms.MultipleChoiceField(
        label=_("Valeurs du PGO"),
        choices=OgpValue.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    policy_areas = forms.CharField(
        label=_("Domaines d'action publique"),
        required=False,
        help_text=_(
            "Séparés par des virgules, par exemple : Données ouvertes, Lutte contre la corruption."
        ),
    )
    links = forms.CharField(
        label=_("Liens"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Un lien par ligne : « Intitulé <https://adresse> »."),
    )

    def clean_supporting_institutions(self):
        return resolve_actors(self.cleaned_data["supporting_institutions"])

    def clean_policy_areas(self):
        return [
            name.strip() for name in self.cleaned_data["policy_areas"].split(",") if name.strip()
        ]

    def clean_links(self):
        return parse_links(self.cleaned_data["links"])

    @staticmethod
    def initial_for(commitment: Commitment) -> dict:
        initial = {name: getattr(commitment, name) for name in COMMITMENT_FIELDS}
        initial.update(
            lead_institution=commitment.lead_institution,
            supporting_institutions="\n".join(
                a.name for a in commitment.supporting_institutions.all()
            ),
            ogp_values=commitment.ogp_values,
            policy_areas=", ".join(area.name for area in commitment.policy_areas.all()),
            links=format_links(commitment.links),
        )
        return initial


COMMITMENT_FIELDS = [
    "reference",
    "ogp_id",
    "number",
    "title",
    "title_en",
    "ambition",
    "theme",
    "status",
    "withdrawn",
    "problem",
    "problem_en",
    "description",
    "description_en",
    "objectives",
    "objectives_en",
    "contact",
]
CommitmentForm.base_fields = {
    **model_fields(Commitment, COMMITMENT_FIELDS[:9]),
    "lead_institution": CommitmentForm.base_fields["lead_institution"],
    "supporting_institutions": CommitmentForm.base_fields["supporting_institutions"],
    "ogp_values": CommitmentForm.base_fields["ogp_values"],
    "policy_areas": CommitmentForm.base_fields["policy_areas"],
    **model_fields(Commitment, COMMITMENT_FIELDS[9:]),
    "links": CommitmentForm.base_fields["links"],
}


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


MILESTONE_FIELDS = [
    "reference",
    "title",
    "title_en",
    "deliverable",
    "starts_on",
    "ends_on",
    "weight",
    "status",
    "completed_on",
]


class MilestoneForm(DsfrBaseForm):
    pass


MilestoneForm.base_fields = model_fields(
    Milestone,
    MILESTONE_FIELDS,
    starts_on=forms.DateField(label=_("Début prévu"), required=False, widget=_DateInput()),
    ends_on=forms.DateField(label=_("Fin prévue"), widget=_DateInput()),
    completed_on=forms.DateField(
        label=_("Réalisé le"),
        required=False,
        widget=_DateInput(),
        help_text=_("Laissé vide pour un jalon réalisé : la date du jour."),
    ),
)


class ProgressUpdateForm(DsfrBaseForm):
    """A progress update with up to three proofs, each a link or a document."""

    EVIDENCE_SLOTS = 3

    institution = forms.ModelChoiceField(label=_("Au nom de"), queryset=Actor.objects.none())
    milestone = forms.ModelChoiceField(
        label=_("Jalon concerné"), queryset=Milestone.objects.none(), required=False
    )
    new_status = forms.ChoiceField(
        label=_("Nouvel état du jalon"),
        choices=[("", _("Inchangé")), *Milestone.Status.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Compte rendu"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ce qui a été fait, ce qui reste à faire. En Markdown."),
    )

    def __init__(self, *args, commitment: Commitment, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Actor.objects.filter(
            Q(pk=commitment.lead_institution_id) | Q(supported_commitments=commitment)
        ).distinct()
        self.fields["institution"].queryset = partners.order_by("name")
        if commitment.lead_institution_id:
            self.fields["institution"].initial = commitment.lead_institution_id
        self.fields["milestone"].queryset = commitment.milestones.order_by("ends_on", "id")
        for slot in range(1, self.EVIDENCE_SLOTS + 1):
            self.fields[f"evidence_{slot}_title"] = forms.CharField(
                label=_("Preuve %(slot)s : intitulé") % {"slot": slot},
                required=False,
                max_length=200,
            )
            self.fields[f"evidence_{slot}_url"] = forms.URLField(
                label=_("Preuve %(slot)s : lien") % {"slot": slot},
                required=False,
                assume_scheme="https",
            )
            self.fields[f"evidence_{slot}_document"] = forms.FileField(
                label=_("Preuve %(slot)s : document") % {"slot": slot},
                required=False,
                help_text=_("PDF, bureautique, CSV, texte ou image ; 10 Mo au plus."),
            )

    def clean(self):
        cleaned = super().clean()
        evidence = []
        for slot in range(1, self.EVIDENCE_SLOTS + 1):
            title = cleaned.get(f"evidence_{slot}_title", "").strip()
            url = cleaned.get(f"evidence_{slot}_url", "")
            document = cleaned.get(f"evidence_{slot}_document")
            if not (title or url or document):
                continue
            if not title:
                self.add_error(f"evidence_{slot}_title", _("Donnez un intitulé à cette preuve."))
            elif bool(url) == bool(document):
                self.add_error(
                    f"evidence_{slot}_url",
                    _("Une preuve est un lien ou un document, pas les deux."),
                )
            elif document is not None and document.size > 10 * 1024 * 1024:
                self.add_error(f"evidence_{slot}_document", _("Le document dépasse 10 Mo."))
            else:
                evidence.append({"title": title, "url": url or "", "document": document})
        cleaned["evidence"] = evidence
        return cleaned


class PartnerAssessmentForm(DsfrBaseForm):
    partner = forms.ModelChoiceField(label=_("Au nom de"), queryset=Actor.objects.none())
    position = forms.ChoiceField(
        label=_("Votre avis sur l'état déclaré"),
        choices=PartnerAssessment.Position.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Pourquoi ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Publié avec votre avis. En Markdown."),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class EvaluationForm(DsfrBaseForm):
    """The IRM fields of the grid the plan was assessed with."""

    DESIGN_UNTIL_2020 = [
        "verifiable",
        "relevant",
        "relevant_values",
        "potential_impact",
        "ambition",
        "starred",
    ]
    DESIGN_SINCE_2021 = ["verifiable", "open_government_lens", "potential_for_results", "promising"]
    IMPLEMENTATION_UNTIL_2020 = ["completion", "opened_government"]
    IMPLEMENTATION_SINCE_2021 = ["completion", "early_results", "opened_government"]

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        if plan.irm_model == ActionPlan.IrmModel.UNTIL_2020:
            names = self.DESIGN_UNTIL_2020 + self.IMPLEMENTATION_UNTIL_2020
        else:
            names = self.DESIGN_SINCE_2021 + self.IMPLEMENTATION_SINCE_2021
        self.base_fields = model_fields(Evaluation, [*names, "summary"])
        if "relevant_values" in self.base_fields:
            self.base_fields["relevant_values"] = forms.MultipleChoiceField(
                label=_("Valeurs du PGO jugées pertinentes"),
                choices=OgpValue.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        super().__init__(*args, **kwargs)


class CommitmentFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher"), required=False)
    plan = forms.ChoiceField(label=_("Plan d'action"), required=False)
    theme = forms.ChoiceField(
        label=_("Thème"), required=False, choices=[("", _("Tous les thèmes")), *Theme.choices]
    )
    institution = forms.TypedChoiceField(
        label=_("Institution"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("État d'avancement"),
        required=False,
        choices=[("", _("Tous les états")), *ImplementationStatus.choices],
    )
    ogp_value = forms.ChoiceField(
        label=_("Valeur du PGO"),
        required=False,
        choices=[("", _("Toutes les valeurs")), *OgpValue.choices],
    )

    def __init__(self, *args, plans, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", _("Tous les plans"))] + [
            (plan.slug, plan.title) for plan in plans
        ]
        self.fields["institution"].choices = [("", _("Toutes les institutions"))] + [
            (actor.pk, actor.name) for actor in institutions
        ]


class ImportForm(DsfrBaseForm):
    commitments = forms.FileField(
        label=_("Fichier des engagements (CSV)"),
        help_text=_("Au format de l'export : une ligne par engagement, clé « reference »."),
    )
    milestones = forms.FileField(
        label=_("Fichier des jalons (CSV)"),
        required=False,
        help_text=_("Au format de l'export : une ligne par jalon, clé « reference »."),
    )
