"""Forms of the conversation pages, rendered with the State design system (DSFR)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.conversations.models import STATEMENT_MAX_LENGTH, Conversation, Statement

VOTES = {"agree": 1, "disagree": -1, "pass": 0}


class VoteForm(forms.Form):
    """One click on D'accord / Pas d'accord / Je passe (the statement travels in a hidden field)."""

    statement = forms.IntegerField(min_value=0, max_value=2_147_483_647, widget=forms.HiddenInput)
    vote = forms.ChoiceField(choices=[(key, key) for key in VOTES])

    @property
    def value(self) -> int:
        return VOTES[self.cleaned_data["vote"]]


class StatementForm(DsfrBaseForm):
    text = forms.CharField(
        label=_("Votre proposition"),
        max_length=STATEMENT_MAX_LENGTH,
        help_text=_(
            "Une seule idée, en une ou deux phrases, sur laquelle chacun·e pourra se dire d'accord "
            "ou non (%(max)s caractères au plus)."
        )
        % {"max": STATEMENT_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
    )


class SeedStatementForm(DsfrBaseForm):
    text = forms.CharField(
        label=_("Proposition de départ"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": STATEMENT_MAX_LENGTH}),
    )
    is_meta = forms.BooleanField(
        label=_("Proposition sur la conversation elle-même (hors de la carte des opinions)"),
        required=False,
    )


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Statement.Status.ACCEPTED, Statement.Status.ACCEPTED.label),
            (Statement.Status.REJECTED, Statement.Status.REJECTED.label),
            (Statement.Status.PENDING, Statement.Status.PENDING.label),
        ]
    )


class StatusForm(DsfrBaseForm):
    status = forms.ChoiceField(
        label=_("Statut de la conversation"), choices=Conversation.Status.choices
    )


class ReportForm(DsfrBaseForm):
    summary = forms.CharField(
        label=_("Synthèse"),
        required=False,
        help_text=_("Ce que la modération retient de la conversation, en Markdown."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    summary_en = forms.CharField(
        label=_("Synthèse (anglais)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
