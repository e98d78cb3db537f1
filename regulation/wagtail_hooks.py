from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PushDelivery, RightsHolder


class RightsHolderViewSet(SnippetViewSet):
    """Platform staff verify rights holders (set "verified at") before their notices take effect."""

    model = RightsHolder
    icon = "pick"
    menu_label = _("Rights holders")
    list_display = ["organisation", "credit_code", "contact_email", "verified_at"]
    search_fields = ["organisation", "credit_code"]


class PushDeliveryViewSet(SnippetViewSet):
    """Pushes to the bureau, including the dead letters that need attention."""

    model = PushDelivery
    icon = "warning"
    menu_label = _("Bureau pushes")
    list_display = ["idempotency_key", "client", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    inspect_view_enabled = True


class RegulationGroup(SnippetViewSetGroup):
    items = (RightsHolderViewSet, PushDeliveryViewSet)
    menu_icon = "cog"
    menu_label = _("Regulator side")
    menu_name = "regulator-side"
    menu_order = 190


register_snippet(RegulationGroup)
