from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from marketplace.accounts.permissions import dashboard_links

from . import keys, signing


@login_required
def dashboard(request):
    """Where sign-in lands: the dashboards this user's role may open."""
    return render(request, "core/dashboard.html", {"links": dashboard_links(request.user)})


def signing_keys(request):
    """Public: every key that signs appraisal reports and audit tree heads, with its fingerprint and
    validity, so a verifier can pin it without trusting the document it checks."""
    published = keys.published()
    rows = [{"key": key, "grouped": signing.grouped(key.fingerprint)} for key in published.keys.values()]
    return render(request, "core/signing_keys.html", {"rows": rows})


def signing_keys_json(request):
    """The same key set as a document for verifiers (`--keyset FILE`)."""
    response = JsonResponse(keys.document(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Cache-Control"] = "public, max-age=300"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the site's icon (its
    static name is looked up per request, as the production storage adds a content hash)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
