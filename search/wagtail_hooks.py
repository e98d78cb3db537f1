from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from listings.wagtail_hooks import StaffDataChooserViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    """The search dictionary: platform staff add synonyms, narrower words, category words and brands."""

    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 175
    add_to_admin_menu = True
    list_display = [
        "term",
        "synonyms",
        "narrower",
        "category",
        "is_brand",
        DateColumn("updated_at", label=pgettext_lazy("admin column", "Updated"), sort_key="updated_at"),
    ]
    list_filter = ["is_brand", "category"]
    search_fields = ["term", "synonyms", "narrower"]
    # Street offices have admin access for their events: the dictionary's chooser is not theirs.
    chooser_viewset_class = StaffDataChooserViewSet


register_snippet(SynonymViewSet)
