from django.db.models import Count
from django.shortcuts import render

from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_street_staff


@role_required(is_street_staff)
def staff_dashboard(request):
    """The street office's home: its own street only."""
    street = request.user.street
    communities = street.communities.annotate(resident_count=Count("residents")).order_by("name")
    return render(
        request, "community_events/staff_dashboard.html", {"street": street, "communities": communities}
    )
