"""Forms of the actor pages: the search (a GET form whose address can be shared), registration,
claims, updates and moderation decisions, rendered with the State design system (DSFR)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ouvert.actors.models import Actor, Commune
from ouvert.actors.search import ActorFilters
from ouvert.actors.selectors import communes_for_postal_code
from ouvert.actors.services import ActorData
from ouvert.actors.territories import name_key
from ouvert.actors.themes import Theme

SITUATIONS = [("", _("Toutes")), ("active", _("En activité")), ("dissolved", _("Dissous"))]
VERIFIED = [("", _("Tous")), ("yes", _("Vérifiés")), ("no", _("Non vérifiés"))]


class SearchForm(DsfrBaseForm):
    """The search of /acteurs/: parameter names are French, since they make the shared address."""

    q = forms.CharField(
        label=_("Rechercher un acteur"),
        required=False,
        max_length=200,
        help_text=_("Nom, sigle ou mots de la mission, avec ou sans accents."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(
        label=_("Type d'acteur"),
        required=False,
        choices=[("", _("Tous les types")), *Actor.Kind.choices],
    )
    theme = forms.ChoiceField(
        label=_("Thème"), required=False, choices=[("", _("Tous les thèmes")), *Theme.choices]
    )
    go = forms.BooleanField(label=_("Gouvernement ouvert uniquement"), required=False)
    region = forms.CharField(required=False, max_length=3, widget=forms.HiddenInput)
    departement = forms.CharField(required=False, max_length=3, widget=forms.HiddenInput)
    commune = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)
    situation = forms.ChoiceField(label=_("Situation"), required=False, choices=SITUATIONS)
    verifie = forms.ChoiceField(label=_("Vérification"), required=False, choices=VERIFIED)

    def filters(self) -> ActorFilters:
        """The filters asked for; a parameter that does not validate is ignored, not an error."""
        data = self.cleaned_data if self.is_valid() else {}
        return ActorFilters(
            text=data.get("q", ""),
            kind=data.get("type", ""),
            theme=data.get("theme", ""),
            open_government=bool(data.get("go")),
            region=data.get("region", "").upper(),
            department=data.get("departement", "").upper(),
            commune=data.get("commune", "").upper(),
            situation=data.get("situation", ""),
            verified=data.get("verifie", ""),
        )


def filters_query(filters: ActorFilters, **changes) -> dict[str, str]:
    """The GET parameters of a search, with some filters changed (facet links, pagination)."""
    values = {**filters.as_dict(), **changes}
    parameters = {
        "q": values["text"],
        "type": values["kind"],
        "theme": values["theme"],
        "go": "1" if values["open_government"] else "",
        "region": values["region"],
        "departement": values["department"],
        "commune": values["commune"],
        "situation": values["situation"],
        "verifie": values["verified"],
    }
    return {name: value for name, value in parameters.items() if value}


class ActorForm(DsfrBaseForm):
    """What an organisation says of itself: registration, and later updates of its page."""

    name = forms.CharField(label=_("Nom de l'organisation"), max_length=255)
    short_name = forms.CharField(label=_("Sigle ou nom court"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Type d'acteur"), choices=Actor.Kind.choices)
    mission = forms.CharField(
        label=_("Mission"),
        help_text=_("Ce que fait votre organisation, en quelques phrases. Publié."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    themes = forms.MultipleChoiceField(
        label=_("Thèmes"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Un ou plusieurs."),
    )
    territory = forms.CharField(
        label=_("Territoire d'action"),
        max_length=255,
        required=False,
        help_text=_(
            "Par exemple « national », « Nouvelle-Aquitaine », « quartier de la Reynerie »."
        ),
    )
    postal_code = forms.RegexField(
        label=_("Code postal du siège"),
        regex=r"^\d{5}$",
        help_text=_("Format attendu : 5 chiffres, par exemple 75007."),
        error_messages={"invalid": _("Un code postal a 5 chiffres.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    city = forms.CharField(
        label=_("Commune du siège"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    latitude = forms.FloatField(
        label=_("Latitude (facultatif)"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Pour une position précise sur la carte, par exemple 48.8566."),
    )
    longitude = forms.FloatField(
        label=_("Longitude (facultatif)"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Par exemple 2.3522."),
    )
    website = forms.URLField(
        label=_("Site web"), required=False, assume_scheme="https", max_length=200
    )
    public_email = forms.EmailField(
        label=_("Courriel de contact public"),
        required=False,
        help_text=_("Une adresse générique de l'organisation (contact@…), affichée sur sa page."),
    )
    private_email = forms.EmailField(
        label=_("Courriel réservé aux agents publics"),
        required=False,
        help_text=_("Jamais publié : seuls les agents publics le voient."),
    )
    private_phone = forms.CharField(
        label=_("Téléphone réservé aux agents publics"),
        required=False,
        max_length=30,
        help_text=_("Jamais publié : seuls les agents publics le voient."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def clean(self):
        cleaned = super().clean()
        postal, city = cleaned.get("postal_code"), cleaned.get("city")
        if postal and city:
            candidates = communes_for_postal_code(postal)
            matching = [c for c in candidates if name_key(c.name) == name_key(city)]
            if len(candidates) == 1 and not matching:
                matching = candidates
            if not candidates:
                self.add_error("postal_code", _("Ce code postal n'est pas connu."))
            elif len(matching) != 1:
                names = ", ".join(commune.name for commune in candidates[:12])
                self.add_error(
                    "city",
                    _("Choisissez une commune de ce code postal : %(names)s.") % {"names": names},
                )
            else:
                cleaned["commune"] = matching[0]
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("Donnez la latitude et la longitude, ou aucune des deux."))
        return cleaned

    def actor_data(self) -> ActorData:
        data = self.cleaned_data
        commune: Commune | None = data.get("commune")
        return ActorData(
            name=data["name"],
            kind=data["kind"],
            mission=data["mission"],
            themes=data["themes"],
            short_name=data["short_name"],
            website=data["website"],
            public_email=data["public_email"],
            private_email=data["private_email"],
            private_phone=data["private_phone"],
            territory=data["territory"],
            commune=commune,
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
        )

    @staticmethod
    def initial_for(actor: Actor) -> dict:
        return {
            "name": actor.name,
            "short_name": actor.short_name,
            "kind": actor.kind,
            "mission": actor.mission,
            "themes": actor.theme_list,
            "territory": actor.territory,
            "postal_code": actor.postal_code,
            "city": actor.commune.name if actor.commune else actor.city_name,
            "latitude": actor.latitude if actor.has_precise_position else None,
            "longitude": actor.longitude if actor.has_precise_position else None,
            "website": actor.website,
            "public_email": actor.public_email,
            "private_email": actor.private_email,
            "private_phone": actor.private_phone,
        }


class RequestForm(DsfrBaseForm):
    """Who asks, in what capacity, and what lets moderation check it (never published)."""

    role = forms.CharField(
        label=_("Votre fonction dans l'organisation"),
        max_length=120,
        help_text=_("Par exemple « présidente », « chargé de communication »."),
    )
    message = forms.CharField(
        label=_("Message à la modération (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce qui permet de vérifier votre lien avec l'organisation. Jamais publié."),
    )


class RegistrationForm(ActorForm, RequestForm):
    pass


class ClaimByNumberForm(DsfrBaseForm):
    rna_id = forms.RegexField(
        label=_("Numéro RNA de l'association"),
        regex=r"^\s*[Ww][0-9A-Za-z]{9}\s*$",
        help_text=_("Format attendu : W suivi de 9 caractères, par exemple W751234567."),
        error_messages={"invalid": _("Un numéro RNA commence par W et compte 10 caractères.")},
    )


class DecisionForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("approve", _("Accepter")), ("reject", _("Refuser"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour un refus. Inscrit dans l'historique public de l'acteur."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Donnez le motif du refus : il est envoyé au demandeur."))
        return cleaned
