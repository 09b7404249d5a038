"""Forms of the participation app, rendered with the DSFR. They parse; the services validate and write."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.actors.models import Actor
from ouvert.core.forms import DateTimeLocalInput, model_fields
from ouvert.core.publicity import public
from ouvert.participation.models import (
    Answer,
    EventFormat,
    EventKind,
    EventSeries,
    Proposal,
    ProposalCall,
)
from ouvert.plans.models import ActionPlan, Commitment


def _blank(choices) -> list[tuple[str, str]]:
    return [("", _("Tous")), *choices]


class EventFilterForm(DsfrBaseForm):
    kind = forms.ChoiceField(label=_("Type"), choices=_blank(EventKind.choices), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=_blank(EventFormat.choices), required=False
    )
    plan = forms.ChoiceField(label=_("Plan d'action"), required=False)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = _blank((plan.slug, plan.title) for plan in plans)


class SeriesForm(DsfrBaseForm):
    """A series and the recurrence of its events, created at once."""

    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices)
    first_starts_at = forms.DateTimeField(label=_("Première séance"), widget=DateTimeLocalInput())
    duration_minutes = forms.IntegerField(
        label=_("Durée de chaque séance (minutes)"), min_value=5, max_value=24 * 60, initial=60
    )
    every_weeks = forms.IntegerField(
        label=_("Toutes les … semaines"), min_value=1, max_value=12, initial=2
    )
    count = forms.IntegerField(label=_("Nombre de séances"), min_value=1, max_value=52, initial=6)
    capacity = forms.IntegerField(
        label=_("Places par séance"),
        min_value=1,
        required=False,
        help_text=_("Laissé vide : sans limite."),
    )
    online_url = forms.URLField(
        label=_("Lien de connexion"),
        required=False,
        assume_scheme="https",
        help_text=_("Communiqué aux seules personnes inscrites."),
    )
    venue = forms.CharField(label=_("Lieu"), required=False, max_length=200)
    address = forms.CharField(label=_("Adresse"), required=False, max_length=300)
    publish = forms.BooleanField(
        label=_("Publier les séances tout de suite"), required=False, initial=True
    )


SeriesForm.base_fields = {
    **model_fields(EventSeries, ["title", "title_en", "description", "plan"]),
    **SeriesForm.base_fields,
}
SeriesForm.base_fields["plan"].queryset = ActionPlan.objects.order_by("-slug")


class CancelEventForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif de l'annulation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Envoyé aux personnes inscrites et affiché sur la page de l'événement."),
    )


class ProposalForm(DsfrBaseForm):
    call = forms.ModelChoiceField(
        label=_("Appel à propositions"), queryset=ProposalCall.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Type de proposition"), choices=Proposal.Kind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    body = forms.CharField(
        label=_("Votre proposition"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Le constat, ce que vous proposez, avec qui. En Markdown."),
    )
    amended_commitment = forms.ModelChoiceField(
        label=_("Engagement amendé"),
        queryset=Commitment.objects.none(),
        required=False,
        help_text=_("Pour un amendement seulement : l'engagement soumis à la concertation."),
    )
    institution = forms.ModelChoiceField(
        label=_("Institution destinataire"),
        queryset=Actor.objects.filter(kind=Actor.Kind.PUBLIC_BODY).order_by("name"),
        required=False,
        help_text=_("Laissée vide, la modération la choisit."),
    )
    on_behalf_of = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("En mon nom propre"),
    )

    def __init__(self, *args, calls, commitments, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["amended_commitment"].queryset = commitments
        self.fields["on_behalf_of"].queryset = actors
        if not actors.exists():
            del self.fields["on_behalf_of"]


class ProposalFilterForm(DsfrBaseForm):
    plan = forms.ChoiceField(label=_("Plan d'action"), required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=_blank(Proposal.Kind.choices), required=False)
    answer = forms.ChoiceField(
        label=_("Réponse"),
        choices=[("", _("Toutes")), ("none", _("Sans réponse")), *Answer.Status.choices],
        required=False,
    )

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = _blank((plan.slug, plan.title) for plan in plans)


class AnswerForm(DsfrBaseForm):
    merged_into = forms.ModelChoiceField(
        label=_("Intégrée à l'engagement"),
        queryset=public(Commitment).order_by("reference"),
        required=False,
        help_text=_("Pour une proposition intégrée à un engagement."),
    )
    institution = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=Actor.objects.filter(kind=Actor.Kind.PUBLIC_BODY).order_by("name"),
        required=False,
    )


AnswerForm.base_fields = {
    **model_fields(Answer, ["status", "text", "text_en"]),
    **AnswerForm.base_fields,
}


class ModerationForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("publish", _("Publier")), ("reject", _("Refuser"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour un refus ; transmis à l'auteur·rice."),
    )


class CommentForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre commentaire"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Publié après relecture par la modération."),
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReportForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Ce qui pose problème"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(item.pk, item.pk) for item in registrations]


def month_or_current(year: int | None, month: int | None) -> datetime.date:
    today = timezone.localdate()
    if year is None or month is None or not (1 <= month <= 12 and 2000 <= year <= 2100):
        return today.replace(day=1)
    return datetime.date(year, month, 1)
