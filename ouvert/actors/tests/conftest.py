import pytest

from ouvert.actors.selectors import commune_points


@pytest.fixture(autouse=True)
def _fresh_commune_points():
    """Each actors test reads the communes it made: the per-process cache of their points may hold
    those of an earlier test (of any app that created an actor, with or without communes)."""
    commune_points.cache_clear()
    yield
    commune_points.cache_clear()
