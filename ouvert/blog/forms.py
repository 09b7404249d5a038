"""Forms of the blog, rendered with the DSFR."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.actors.models import Actor
from ouvert.blog.models import Category


class GuestPostForm(DsfrBaseForm):
    title = forms.CharField(label=_("Titre"), max_length=200)
    summary = forms.CharField(
        label=_("Chapô"),
        max_length=400,
        required=False,
        help_text=_("Une ou deux phrases qui donnent envie de lire."),
    )
    body = forms.CharField(
        label=_("Texte"), widget=forms.Textarea(attrs={"rows": 14}), help_text=_("En Markdown.")
    )
    category = forms.ModelChoiceField(
        label=_("Catégorie"), queryset=Category.objects.order_by("name"), required=False
    )
    tags = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        help_text=_("Séparés par des virgules, par exemple : données ouvertes, transparence."),
    )
    actor = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("En mon nom propre (sous mon nom public)"),
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors
        if not actors.exists():
            del self.fields["actor"]

    def clean_tags(self):
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]
