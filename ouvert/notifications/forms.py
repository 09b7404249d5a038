from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.notifications.models import NotificationPreference


class PreferenceForm(DsfrBaseForm):
    frequency = forms.ChoiceField(
        label=_("Pour ce que je suis"),
        choices=NotificationPreference.Frequency.choices,
        widget=forms.RadioSelect,
    )
    event_reminders = forms.BooleanField(
        label=_("Recevoir un rappel la veille des événements auxquels je suis inscrit·e"),
        required=False,
    )


class NewsletterForm(DsfrBaseForm):
    email = forms.EmailField(label=_("Adresse électronique"))
