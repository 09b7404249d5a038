"""Editorial pages of the demo, beside the legal pages every instance has."""

from ouvert.pages.models import Page

PAGES = {
    "gouvernement-ouvert": {
        "title": "Qu'est-ce que le gouvernement ouvert ?",
        "title_en": "What is Open Government?",
        "body": """\
Le gouvernement ouvert est une manière de concevoir l'action publique avec les citoyennes et les
citoyens, fondée sur trois principes : la **transparence**, la **participation** et la
**redevabilité**.

## Le Partenariat pour un gouvernement ouvert

Le Partenariat pour un gouvernement ouvert (PGO, ou OGP en anglais) réunit des gouvernements et des
organisations de la société civile du monde entier. La France en est membre depuis 2014.

Chaque pays membre adopte tous les deux ans un plan d'action national, élaboré avec la société
civile, dont les engagements sont évalués par un mécanisme indépendant (l'IRM).

## Le cycle d'un plan d'action

1. **Concertation** : ateliers, webinaires et entretiens pour recueillir les idées d'engagements.
2. **Forums ouverts** : discussion publique des projets d'engagements.
3. **Rédaction** puis **publication** du plan.
4. **Mise en œuvre** : chaque engagement a une institution responsable, des jalons et des preuves
   d'avancement publiques.
5. **Évaluation**, avec la société civile et par le mécanisme indépendant.
""",
        "body_en": """\
Open Government is a way of designing public action with citizens, based on three principles:
**transparency**, **participation** and **accountability**.

## The Open Government Partnership

The Open Government Partnership (OGP) brings together governments and civil-society organisations
from all over the world. France has been a member since 2014.

Every two years, each member country adopts a national action plan, drawn up with civil society,
whose commitments are assessed by an independent mechanism (the IRM).

## The cycle of an action plan

1. **Concertation**: workshops, webinars and interviews to gather ideas for commitments.
2. **Open forums**: public discussion of the draft commitments.
3. **Drafting** then **publication** of the plan.
4. **Implementation**: each commitment has a lead institution, milestones and public evidence of
   progress.
5. **Evaluation**, with civil society and by the independent mechanism.
""",
    },
}


def load(*, stdout) -> None:
    for slug, values in PAGES.items():
        Page.objects.get_or_create(slug=slug, defaults=values)
    stdout.write(f"  {Page.objects.count()} pages")
