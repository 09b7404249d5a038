"""The per-commune and per-département tallies of published actors (see `ActorTally`).

Derived data, recounted in SQL from the actors: by `import_rna` once at the end of a run, and for
one département after a single change. Reading a few thousand tally rows instead of millions of
actors is what keeps facet counts and the map fast.
"""

# ruff: noqa: S608 - SQL is assembled from fixed fragments; values only travel as parameters.

from typing import Any

from django.db import connection, transaction

from ouvert.actors.themes import OPEN_GOVERNMENT_THEMES, Theme

# Tallies -------------------------------------------------------------------------------------

_TALLY_COLUMNS = (
    "level, commune_id, department_code, region_code, kind, theme, is_open_government, "
    "is_dissolved, is_verified, latitude, longitude, actors"
)


def _tally_sql(department_codes: set[str] | None) -> tuple[list[str], list[Any]]:
    """Statements that rebuild the tallies, for every département or only the given ones."""
    themes = list(Theme.values)
    theme_rows = " UNION ALL ".join(["SELECT '' AS code", *(["SELECT %s"] * len(themes))])
    og_themes = sorted(OPEN_GOVERNMENT_THEMES)
    og_test = " OR ".join(["(' ' || a.themes || ' ') LIKE %s"] * len(og_themes))
    scope, scope_params = "", []
    if department_codes is not None:
        scope = " AND a.department_code IN (" + ", ".join(["%s"] * len(department_codes)) + ")"
        scope_params = sorted(department_codes)
    commune_level = (
        f"INSERT INTO actors_actortally ({_TALLY_COLUMNS}) "
        "SELECT 'commune', a.commune_id, a.department_code, a.region_code, a.kind, t.code, "
        f"  ({og_test}), a.is_dissolved, a.is_verified, c.latitude, c.longitude, count(*) "
        "FROM actors_actor a "
        f"JOIN ({theme_rows}) t ON t.code = '' OR (' ' || a.themes || ' ') LIKE "
        "  ('%% ' || t.code || ' %%') "
        "LEFT JOIN actors_commune c ON c.code = a.commune_id "
        f"WHERE a.status = 'published'{scope} "
        "GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"
    )
    commune_params = [*(f"% {theme} %" for theme in og_themes), *themes, *scope_params]
    department_scope = scope.replace("a.department_code", "department_code")
    department_level = (
        f"INSERT INTO actors_actortally ({_TALLY_COLUMNS}) "
        "SELECT 'department', NULL, department_code, region_code, kind, theme, "
        "  is_open_government, is_dissolved, is_verified, NULL, NULL, sum(actors) "
        f"FROM actors_actortally WHERE level = 'commune'{department_scope} "
        "GROUP BY department_code, region_code, kind, theme, is_open_government, is_dissolved, "
        "  is_verified"
    )
    delete = f"DELETE FROM actors_actortally WHERE 1 = 1{department_scope}"
    statements = [delete, commune_level, department_level]
    return statements, [scope_params, commune_params, scope_params]


def tally_refresh(*, department_codes: set[str] | None = None) -> None:
    """Recount the tallies of the given départements (all of them when None).

    A single change recounts its département only; an import recounts everything once, at the end.
    """
    statements, params = _tally_sql(department_codes)
    with transaction.atomic(), connection.cursor() as cursor:
        for statement, statement_params in zip(statements, params, strict=True):
            cursor.execute(statement, statement_params)
