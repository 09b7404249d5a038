"""The search engine and its selectors, on whichever database the suite runs (SQLite or PostgreSQL)."""

import pytest

from ouvert.actors import search
from ouvert.actors.models import Actor
from ouvert.actors.search import ActorFilters, search_words, word_forms
from ouvert.actors.selectors import FRANCE, BoundingBox, actors_clusters, actors_search
from ouvert.actors.tests.factories import ActorFactory, gironde, recount
from ouvert.actors.themes import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return gironde()


def names(result) -> set[str]:
    return {actor.name for actor in result.actors}


def test_query_words_lose_accents_case_and_common_words():
    assert search_words("L'ÉCOLOGIE et la Forêt de Noël") == ["ecologie", "foret", "noel"]
    assert word_forms("eleves") == ["eleves", "eleve"]
    assert word_forms("jeux") == ["jeux", "jeu"]
    assert word_forms("foret") == ["foret", "forets"]


def test_search_ignores_accents_case_and_plurals(places):
    ActorFactory(name="Les Amis de la Forêt", mission="Protéger l'environnement forestier")
    ActorFactory(name="Club d'échecs", mission="Jouer")
    for text in ("foret", "FORÊT", "forêts", "environnement", "Forestiers amis"):
        assert names(actors_search(filters=ActorFilters(text=text))) == {"Les Amis de la Forêt"}, (
            text
        )
    assert names(actors_search(filters=ActorFilters(text="échec"))) == {"Club d'échecs"}


def test_names_rank_before_missions(places):
    ActorFactory(name="Collectif vélo", mission="Promouvoir la transparence des budgets vélo")
    ActorFactory(name="Transparence budgétaire", mission="Ouvrir les budgets")
    result = actors_search(filters=ActorFilters(text="transparence"))
    assert [actor.name for actor in result.actors] == ["Transparence budgétaire", "Collectif vélo"]


def test_filters_and_facet_counts(places):
    bordeaux, pessac, paris = places["bordeaux"], places["pessac"], places["paris"]
    ActorFactory(name="Eau Bordeaux", themes="environment", commune=bordeaux)
    ActorFactory(name="Eau Pessac", themes="environment local", commune=pessac, is_dissolved=True)
    ActorFactory(name="Eau Paris", themes="health", commune=paris, kind=Actor.Kind.COLLECTIVE)
    recount()
    for with_words in (False, True):
        text = "eau" if with_words else ""
        everything = actors_search(filters=ActorFilters(text=text))
        assert everything.total == 3
        facets = everything.facets
        assert {(v.value, v.count) for v in facets.regions} == {("75", 2), ("11", 1)}
        assert {(v.value, v.count) for v in facets.themes} == {
            ("environment", 2),
            ("local", 1),
            ("health", 1),
        }
        assert {(v.value, v.count) for v in facets.situations} == {("active", 2), ("dissolved", 1)}
        assert facets.open_government == 2
        gironde_env = actors_search(
            filters=ActorFilters(text=text, department="33", theme=Theme.ENVIRONMENT)
        )
        assert names(gironde_env) == {"Eau Bordeaux", "Eau Pessac"}
        assert {(v.value, v.count) for v in gironde_env.facets.communes} == {
            ("33063", 1),
            ("33318", 1),
        }
        active = actors_search(filters=ActorFilters(text=text, situation="active", region="75"))
        assert names(active) == {"Eau Bordeaux"}
        collective = actors_search(filters=ActorFilters(text=text, kind=Actor.Kind.COLLECTIVE))
        assert names(collective) == {"Eau Paris"}
        assert names(actors_search(filters=ActorFilters(text=text, open_government=True))) == {
            "Eau Bordeaux",
            "Eau Pessac",
        }
        assert names(actors_search(filters=ActorFilters(text=text, commune="33318"))) == {
            "Eau Pessac"
        }


def test_pending_and_refused_actors_are_never_found(places):
    ActorFactory(name="Publié eau")
    ActorFactory(name="En attente eau", status=Actor.Status.PENDING)
    ActorFactory(name="Refusé eau", status=Actor.Status.REJECTED)
    recount()
    assert names(actors_search(filters=ActorFilters(text="eau"))) == {"Publié eau"}
    assert names(actors_search(filters=ActorFilters())) == {"Publié eau"}
    assert actors_search(filters=ActorFilters()).total == 1


def test_the_index_follows_every_change(places):
    actor = ActorFactory(name="Ancien nom")
    actor.name = "Nouveau nom"
    actor.save()
    assert names(actors_search(filters=ActorFilters(text="nouveau"))) == {"Nouveau nom"}
    assert not actors_search(filters=ActorFilters(text="ancien")).actors
    actor.status = Actor.Status.REJECTED
    actor.save()
    assert not actors_search(filters=ActorFilters(text="nouveau")).actors
    actor.status = Actor.Status.PUBLISHED
    actor.save()
    assert actors_search(filters=ActorFilters(text="nouveau")).actors
    actor.delete()
    assert not actors_search(filters=ActorFilters(text="nouveau")).actors


def test_a_large_result_has_estimated_facets_from_a_uniform_sample(places, monkeypatch):
    monkeypatch.setattr(search, "SAMPLE_SIZE", 40)
    for n in range(120):
        ActorFactory(name=f"Jardin {n}", commune=places["bordeaux"] if n % 3 else places["paris"])
    result = actors_search(filters=ActorFilters(text="jardin"))
    assert result.facets.estimated
    counts = {v.value: v.count for v in result.facets.regions}
    assert sum(counts.values()) == pytest.approx(result.total, abs=2)
    # Two thirds in Gironde: a uniform sample of 40 lands near 80 of 120, not on the first rows.
    assert 50 <= counts["75"] <= 110
    # SQLite estimates the total from the keys of the sample (order statistics); PostgreSQL
    # counts results of up to 20,000 matches.
    if result.total_is_estimate:
        assert 60 <= result.total <= 300
    else:
        assert result.total == 120


def test_pages_go_through_every_match_once(places):
    for n in range(45):
        ActorFactory(name=f"Ruche {n}")
    recount()
    for filters in (ActorFilters(text="ruche"), ActorFilters(), ActorFilters(kind="association")):
        seen = []
        for page in (1, 2, 3):
            seen += [actor.pk for actor in actors_search(filters=filters, page=page).actors]
        assert len(seen) == len(set(seen)) == 45


def test_map_clusters_group_actors_by_cell_and_name_single_communes(places):
    for _ in range(3):
        ActorFactory(commune=places["bordeaux"])
    ActorFactory(commune=places["pessac"])
    ActorFactory(commune=places["paris"], name="Parisien eau")
    recount()
    # Whole France at a low zoom: Bordeaux and Pessac share a cell.
    whole = actors_clusters(filters=ActorFilters(), box=FRANCE, zoom=4)
    assert sorted(cluster.count for cluster in whole.clusters) == [1, 4]
    assert whole.total == 5
    # Closer: every commune is its own cluster, with its name.
    close = actors_clusters(
        filters=ActorFilters(),
        box=BoundingBox(south=44.5, west=-1.0, north=45.0, east=-0.3),
        zoom=14,
    )
    assert {(c.commune_name, c.count) for c in close.clusters} == {("Bordeaux", 3), ("Pessac", 1)}
    # With words, from the matches themselves.
    worded = actors_clusters(filters=ActorFilters(text="parisien"), box=FRANCE, zoom=10)
    assert [(c.commune_code, c.count) for c in worded.clusters] == [("75056", 1)]


def test_bounding_boxes_are_validated():
    assert BoundingBox.parse("-5,41,10,51") == BoundingBox(south=41, west=-5, north=51, east=10)
    for broken in ("", "a,b,c,d", "10,41,-5,51", "0,0,0"):
        assert BoundingBox.parse(broken) is None


def test_name_matches_come_first_and_pages_cross_into_the_others(places):
    for n in range(23):
        ActorFactory(name=f"Ruche {n}", mission="Apiculture")
    for n in range(23):
        ActorFactory(name=f"Jardin {n}", mission="Une ruche au jardin")
    seen = []
    for page in (1, 2, 3, 4, 5):
        seen += [
            actor.name
            for actor in actors_search(
                filters=ActorFilters(text="ruches"), page=page, page_size=10
            ).actors
        ]
    assert len(seen) == len(set(seen)) == 46
    assert all(name.startswith("Ruche") for name in seen[:23])
    assert all(name.startswith("Jardin") for name in seen[23:])
    # A page that starts past every name match counts them to know where the others begin.
    third = actors_search(filters=ActorFilters(text="ruches"), page=3, page_size=12).actors
    assert [actor.name for actor in third] == seen[24:36]


def test_postgresql_samples_a_large_result_from_the_table_pages(places, monkeypatch):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's own way of sampling")
    monkeypatch.setattr(search, "SAMPLE_SIZE", 10)
    monkeypatch.setattr(search, "ORDERED_SAMPLE_LIMIT", 20)
    monkeypatch.setattr(search, "PAGE_SAMPLE_PERCENT", 100.0)
    for n in range(30):
        ActorFactory(name=f"Verger {n}", commune=places["bordeaux"] if n % 3 else places["paris"])
    result = actors_search(filters=ActorFilters(text="verger"))
    # Every page read: the page sample is the whole result, flagged as an estimate.
    assert result.total == 30
    assert result.total_is_estimate
    assert {v.value: v.count for v in result.facets.regions} == {"75": 20, "11": 10}
    assert len(result.actors) == 20
