from marketplace.accounts.permissions import dashboard_links


def navigation(request):
    """The header's dashboard links; lazy so pages that never show them never compute them."""
    user = getattr(request, "user", None)
    return {"dashboard_links": lambda: dashboard_links(user)}
