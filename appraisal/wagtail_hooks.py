from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, Appraiser, DefectCode


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies")
    list_display = ["name", "credit_code", "accreditation"]
    search_fields = ["name", "credit_code"]


class AppraiserViewSet(SnippetViewSet):
    model = Appraiser
    icon = "user"
    menu_label = _("Appraisers")
    list_display = ["user", "agency", "certificate_number", "active_from", "active_until"]
    search_fields = ["certificate_number"]


class DefectCodeViewSet(SnippetViewSet):
    model = DefectCode
    icon = "list-ul"
    menu_label = _("Defect schedule")
    list_display = ["category", "code", "description", "deduction_percent"]


class AppraisalGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, AppraiserViewSet, DefectCodeViewSet)
    menu_icon = "doc-full"
    menu_label = _("Appraisal")
    menu_name = "appraisal"
    menu_order = 180


register_snippet(AppraisalGroup)
