"""Reference data loaded by migrations: the category tree and the first version of the risk rules.

Both are edited later as data (snippets in the staff admin).
"""

from .categories import CATEGORIES
from .rules import RULES

__all__ = ["CATEGORIES", "RULES"]
