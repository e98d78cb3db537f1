from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from marketplace.accounts.permissions import dashboard_links


@login_required
def dashboard(request):
    """Where sign-in lands: the dashboards this user's role may open."""
    return render(request, "core/dashboard.html", {"links": dashboard_links(request.user)})
