"""Demo actors: public bodies that France's Open Government commitments name, associations and
think tanks of the field, one actor kept by the demo representative, and requests to moderate."""

from ouvert.accounts.models import User
from ouvert.actors.models import Actor, ActorRequest, Commune
from ouvert.actors.services import (
    ActorData,
    actor_claim,
    actor_create,
    actor_register,
    request_decide,
)
from ouvert.actors.themes import Theme

# (name, short name, kind, INSEE code of the seat, themes, website, mission, RNA number)
DEMO_ACTORS = [
    (
        "Direction interministérielle de la transformation publique",
        "DITP",
        Actor.Kind.PUBLIC_BODY,
        "75107",
        [Theme.PARTICIPATION, Theme.PUBLIC_SERVICES, Theme.TRANSPARENCY],
        "https://www.modernisation.gouv.fr",
        "Coordonne le plan d'action national pour un gouvernement ouvert et accompagne les "
        "administrations dans la participation citoyenne.",
        None,
    ),
    (
        "Haute Autorité pour la transparence de la vie publique",
        "HATVP",
        Actor.Kind.PUBLIC_BODY,
        "75102",
        [Theme.TRANSPARENCY],
        "https://www.hatvp.fr",
        "Contrôle les déclarations de patrimoine et d'intérêts des responsables publics et tient "
        "le répertoire des représentants d'intérêts.",
        None,
    ),
    (
        "Direction interministérielle du numérique",
        "DINUM",
        Actor.Kind.PUBLIC_BODY,
        "75107",
        [Theme.DIGITAL, Theme.TRANSPARENCY],
        "https://www.numerique.gouv.fr",
        "Pilote l'ouverture des données publiques et des codes sources de l'État (Etalab).",
        None,
    ),
    (
        "Commission d'accès aux documents administratifs",
        "CADA",
        Actor.Kind.PUBLIC_BODY,
        "75107",
        [Theme.TRANSPARENCY, Theme.PUBLIC_SERVICES],
        "https://www.cada.fr",
        "Veille au droit d'accès de chacun aux documents administratifs.",
        None,
    ),
    (
        "Ministère de la Transition écologique",
        "",
        Actor.Kind.PUBLIC_BODY,
        "75107",
        [Theme.ENVIRONMENT],
        "https://www.ecologie.gouv.fr",
        "Porte les engagements du plan sur la participation du public aux décisions "
        "environnementales.",
        None,
    ),
    (
        "Ministère de la Justice",
        "",
        Actor.Kind.PUBLIC_BODY,
        "75101",
        [Theme.JUSTICE],
        "https://www.justice.gouv.fr",
        "Ouvre les décisions de justice au public (open data des décisions).",
        None,
    ),
    (
        "Regards Citoyens",
        "",
        Actor.Kind.ASSOCIATION,
        "75111",
        [Theme.TRANSPARENCY, Theme.PARTICIPATION, Theme.DIGITAL],
        "https://www.regardscitoyens.org",
        "Collectif qui ouvre les données parlementaires et promeut la transparence de la vie "
        "publique.",
        None,
    ),
    (
        "Transparency International France",
        "",
        Actor.Kind.ASSOCIATION,
        "75110",
        [Theme.TRANSPARENCY, Theme.JUSTICE],
        "https://transparency-france.org",
        "Lutte contre la corruption et pour l'intégrité de la vie publique et économique.",
        None,
    ),
    (
        "Démocratie Ouverte",
        "",
        Actor.Kind.COLLECTIVE,
        "75111",
        [Theme.PARTICIPATION],
        "https://www.democratieouverte.org",
        "Réseau d'innovation démocratique : accompagne élus et citoyens vers une démocratie plus "
        "participative.",
        None,
    ),
    (
        "Décider ensemble",
        "",
        Actor.Kind.THINK_TANK,
        "75107",
        [Theme.PARTICIPATION, Theme.ENVIRONMENT],
        "https://www.deciderensemble.com",
        "Laboratoire d'idées sur la concertation et la décision partagée.",
        None,
    ),
    (
        "Égalité en Gironde",
        "",
        Actor.Kind.ASSOCIATION,
        "33063",
        [Theme.WOMEN, Theme.SOLIDARITY],
        "",
        "Accompagne les femmes victimes de violences et défend l'égalité entre les femmes et les "
        "hommes.",
        "W332009871",
    ),
    (
        "Terres nourricières du Rhône",
        "",
        Actor.Kind.ASSOCIATION,
        "69123",
        [Theme.FOOD, Theme.ENVIRONMENT],
        "",
        "Relie producteurs et cantines scolaires pour une alimentation durable et locale.",
        "W691087654",
    ),
    (
        "Inclusion numérique Hauts-de-France",
        "",
        Actor.Kind.ASSOCIATION,
        "59350",
        [Theme.DIGITAL, Theme.EDUCATION],
        "",
        "Forme aux usages numériques les personnes éloignées d'internet.",
        "W595012345",
    ),
    (
        "Transparence Locale",
        "",
        Actor.Kind.ASSOCIATION,
        "69381",
        [Theme.TRANSPARENCY, Theme.LOCAL],
        "",
        "Suit les budgets et les délibérations des collectivités et les publie en données "
        "ouvertes.",
        "W691045678",
    ),
]


def _data(name, short_name, kind, insee, themes, website, mission) -> ActorData:
    return ActorData(
        name=name,
        short_name=short_name,
        kind=kind,
        mission=mission,
        themes=list(themes),
        website=website,
        territory="national" if kind == Actor.Kind.PUBLIC_BODY else "",
        commune=Commune.objects.select_related("department").filter(code=insee).first(),
    )


def load(*, stdout) -> None:
    created = 0
    for name, short_name, kind, insee, themes, website, mission, rna_id in DEMO_ACTORS:
        if Actor.objects.filter(name=name).exists():
            continue
        actor_create(
            acting_user=None,
            data=_data(name, short_name, kind, insee, themes, website, mission),
            rna_id=rna_id,
        )
        created += 1
    # The demo representative keeps the page of "Transparence Locale".
    # The demo representative keeps the page of "Transparence Locale": claimed, then accepted.
    representative = User.objects.filter(email="association@ouvert.localhost").first()
    moderator = User.objects.filter(email="moderation@ouvert.localhost").first()
    local = Actor.objects.filter(name="Transparence Locale").first()
    if representative and moderator and local and not local.representatives.exists():
        claim = actor_claim(acting_user=representative, actor=local, role="Président")
        request_decide(acting_user=moderator, request=claim, approve=True, note="Statuts vérifiés.")
    # Something to moderate: a registration and a claim by the demo participant.
    citizen = User.objects.filter(email="citoyenne@ouvert.localhost").first()
    if citizen and not ActorRequest.objects.filter(requested_by=citizen).exists():
        actor_register(
            acting_user=citizen,
            data=_data(
                "Collectif Budget participatif Grenoble",
                "",
                Actor.Kind.COLLECTIVE,
                "38185",
                [Theme.PARTICIPATION, Theme.LOCAL],
                "",
                "Aide les habitants à déposer et défendre des projets au budget participatif.",
            ),
            role="Co-fondatrice",
            message="Je coordonne le collectif depuis 2022.",
        )
        claimed = Actor.objects.filter(name="Terres nourricières du Rhône").first()
        if claimed:
            actor_claim(acting_user=citizen, actor=claimed, role="Trésorière")
    stdout.write(f"  {created} actors created, {Actor.objects.count()} in all")
