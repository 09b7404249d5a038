import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the services left for the commit (e-mails), as a real
    transaction would when it ends: the tests' own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
