"""Blog posts of the 2021-2023 concertation (illustrative texts): the team's, and a guest post."""

import datetime

from ouvert.accounts.models import User
from ouvert.actors.models import Actor
from ouvert.blog.models import Category, Post
from ouvert.blog.services import tags_from_names
from ouvert.core.services import save_with_history

CATEGORIES = [
    ("concertation", "Concertation", "Concertation", "La fabrique du plan d'action, avec vous."),
    ("redevabilite", "Redevabilité", "Accountability", "Rendre compte de ce qui est fait."),
    ("tribunes", "Tribunes", "Op-eds", "La parole à la société civile."),
]

POSTS = [
    # (slug, kind, category, title, summary, body, tags, date)
    (
        "lancement-concertation-2021",
        Post.Kind.TEAM,
        "concertation",
        "La concertation du plan d'action 2021-2023 est ouverte",
        "Webinaires, ateliers, forums : voici comment contribuer au prochain plan d'action.",
        "Jusqu'à fin juillet, un **webinaire toutes les deux semaines** présente un thème du plan et "
        "répond à vos questions. Des ateliers ouverts à la société civile préparent les projets "
        "d'engagements, discutés ensuite lors de trois Forums Open d'État.\n\n"
        "Chaque proposition publiée recevra une réponse publique de l'administration.",
        ["concertation", "plan d'action"],
        datetime.date(2021, 3, 1),
    ),
    (
        "bilan-forums-open-etat",
        Post.Kind.TEAM,
        "redevabilite",
        "Ce que les Forums Open d'État ont changé",
        "Les amendements retenus, ceux qui ne l'ont pas été, et pourquoi.",
        "Les trois forums ont réuni associations, chercheurs et administrations. Les propositions "
        "qui en sont issues sont publiées avec leur réponse, et le tableau de la redevabilité "
        "montre, institution par institution, le délai de réponse.",
        ["forums", "redevabilité"],
        datetime.date(2021, 7, 20),
    ),
    (
        "tribune-transparence-locale",
        Post.Kind.GUEST,
        "tribunes",
        "Le gouvernement ouvert commence dans les collectivités",
        "Pourquoi l'ouverture des données locales doit être au cœur du plan.",
        "Les citoyens rencontrent l'action publique d'abord dans leur commune. Nous plaidons pour "
        "que le plan d'action accompagne les collectivités qui ouvrent leurs données.",
        ["collectivités", "données ouvertes"],
        datetime.date(2021, 5, 10),
    ),
]


def load(*, stdout) -> None:
    team = User.objects.filter(email="agent@ouvert.localhost").first()
    guest = User.objects.filter(email="association@ouvert.localhost").first()
    if team is None or guest is None:
        return
    categories = {}
    for slug, name, name_en, description in CATEGORIES:
        category = Category.objects.filter(slug=slug).first() or Category(slug=slug)
        save_with_history(
            instance=category,
            acting_user=None,
            data={"name": name, "name_en": name_en, "description": description},
        )
        categories[slug] = category
    actor = Actor.objects.filter(name="Association Transparence Locale").first()
    for slug, kind, category, title, summary, body, tags, day in POSTS:
        post = Post.objects.filter(slug=slug).first() or Post(
            slug=slug, author=team if kind == Post.Kind.TEAM else guest
        )
        save_with_history(
            instance=post,
            acting_user=None,
            data={
                "kind": kind,
                "category": categories[category],
                "title": title,
                "summary": summary,
                "body": body,
                "actor": actor if kind == Post.Kind.GUEST else None,
                "status": Post.Status.PUBLISHED,
                "published_at": datetime.datetime.combine(
                    day, datetime.time(7), tzinfo=datetime.UTC
                ),
            },
            many_to_many={"tags": tags_from_names(tags)},
        )
    stdout.write(f"  {len(POSTS)} blog posts in {len(CATEGORIES)} categories")
