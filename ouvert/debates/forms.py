"""Forms of the debates, rendered with the DSFR. They parse; the services validate and write."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.core.forms import DateTimeLocalInput, model_fields
from ouvert.debates.models import (
    SUBJECT_SECTIONS,
    Argument,
    Debate,
    DebateResponse,
    DebateState,
    Paragraph,
    Section,
    Subject,
    VoteChoice,
    VoterKind,
)
from ouvert.debates.services import ARGUMENT_MAX
from ouvert.participation.services.comments import BODY_MAX


class DebateFilterForm(DsfrBaseForm):
    state = forms.ChoiceField(
        label=_("État"), choices=[("", _("Tous")), *DebateState.choices], required=False
    )


class DebateForm(DsfrBaseForm):
    """Open a debate on a draft text of a plan."""

    subject = forms.ChoiceField(label=_("Soumettre au débat"), choices=Subject.choices)
    commitment = forms.ModelChoiceField(
        label=_("Projet d'engagement"),
        queryset=None,
        required=False,
        help_text=_("Pour un débat sur un engagement : l'un des brouillons du plan."),
    )
    opens_at = forms.DateTimeField(label=_("Ouverture des votes"), widget=DateTimeLocalInput())
    closes_at = forms.DateTimeField(label=_("Clôture des votes"), widget=DateTimeLocalInput())
    text = forms.CharField(
        label=_("Texte soumis au débat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Pour un autre texte du plan seulement (une ambition, un préambule). En Markdown ; "
            "une ligne vide sépare les paragraphes, que chacun peut commenter."
        ),
    )

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitments


DebateForm.base_fields = {
    "subject": DebateForm.base_fields["subject"],
    "commitment": DebateForm.base_fields["commitment"],
    **model_fields(
        Debate,
        ["title", "introduction"],
        title=forms.CharField(
            label=_("Titre"),
            max_length=300,
            required=False,
            help_text=_("Laissé vide : le titre de l'engagement, ou du plan."),
        ),
    ),
    "text": DebateForm.base_fields["text"],
    "opens_at": DebateForm.base_fields["opens_at"],
    "closes_at": DebateForm.base_fields["closes_at"],
}


class VoteForm(DsfrBaseForm):
    choice = forms.ChoiceField(
        label=_("Votre vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(
        label=_("Vous votez en tant que"),
        choices=[("", _("Je préfère ne pas le dire")), *VoterKind.choices],
        required=False,
        help_text=_(
            "Facultatif. Sert aux résultats par qualité, publiés seulement par groupes d'au moins "
            "cinq votes ; votre vote n'est jamais publié."
        ),
    )


class ArgumentForm(DsfrBaseForm):
    side = forms.ChoiceField(
        label=_("Votre argument est"), choices=Argument.Side.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Votre argument"),
        max_length=ARGUMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Publié après relecture par la modération."),
    )


class ParagraphCommentForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre commentaire sur ce paragraphe"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Publié après relecture par la modération."),
    )
    suggestion = forms.CharField(
        label=_("Reformulation proposée (facultatif)"),
        max_length=BODY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Le paragraphe tel qu'il est : réécrivez-le pour proposer une autre rédaction, "
            "ou laissez-le tel quel."
        ),
    )


class ResponseForm(DsfrBaseForm):
    """The response to a closed debate: what changed and why, the revised text, and a note per
    debated paragraph where relevant (fields built from the debate)."""

    def __init__(
        self,
        *args,
        debate: Debate,
        paragraphs: list[Paragraph],
        can_publish: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        fields = model_fields(DebateResponse, ["text", "text_en"])
        if debate.subject != Subject.PLAN_SUMMARY:
            fields["title"] = forms.CharField(label=_("Titre révisé"), max_length=300)
        labels = dict(Section.choices)
        for key in SUBJECT_SECTIONS[debate.subject]:
            fields[f"section_{key}"] = forms.CharField(
                label=_("Texte révisé : %(section)s") % {"section": labels[key]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("En Markdown."),
            )
        for paragraph in paragraphs:
            fields[f"note_{paragraph.number}"] = forms.CharField(
                label=_("Paragraphe %(number)s « %(start)s »")
                % {"number": paragraph.number, "start": Truncator(paragraph.text).chars(80)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Facultatif : ce qui change dans ce paragraphe, et pourquoi."),
            )
        if can_publish:
            fields["publish_commitment"] = forms.BooleanField(
                label=_("Publier l'engagement dans le plan avec ce texte"), required=False
            )
        self.fields.update(fields)
        self.debate = debate

    def sections(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"section_{key}"]
            for key in SUBJECT_SECTIONS[self.debate.subject]
        }

    def notes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("note_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("note_") and value.strip()
        }
