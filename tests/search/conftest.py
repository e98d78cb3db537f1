import pytest

from search import dictionary


@pytest.fixture(autouse=True)
def fresh_dictionary(db):
    """Each test starts from the dictionary in its own database, loaded before anything is counted."""
    dictionary.forget()
    dictionary.current()
    yield
    dictionary.forget()
