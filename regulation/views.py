from django.shortcuts import render

from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_regulator


@role_required(is_regulator)
def dashboard(request):
    """The bureau's entry page, bound to the regulator's own office and district."""
    office = request.user.supervision_office
    streets = office.district.streets.order_by("code")
    return render(request, "regulation/dashboard.html", {"office": office, "streets": streets})
