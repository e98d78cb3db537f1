from .dictionary import Synonym
from .entries import SearchEntry
from .outbox import IndexOutbox
from .saved import SavedSearch, SavedSearchMatch

__all__ = ["IndexOutbox", "SavedSearch", "SavedSearchMatch", "SearchEntry", "Synonym"]
