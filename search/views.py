from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from listings.models import Category, Condition, Listing, TradeMode
from marketplace.geography.models import Street

from . import services
from .models import SavedSearch
from .query import SORTS, SearchQuery, decode_cursor, encode_cursor

MAX_QUERY_LENGTH = 100


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError):
        return None
    return number if number.is_finite() and number >= 0 else None


SORT_LABELS = [
    ("relevance", gettext_lazy("Best match")),
    ("newest", gettext_lazy("Newest")),
    ("price_asc", gettext_lazy("Price: low to high")),
    ("price_desc", gettext_lazy("Price: high to low")),
    ("distance", gettext_lazy("Nearest to my community")),
]


def _text(params, name: str, limit: int) -> str:
    # No database stores a NUL character: a query carrying one searches without it.
    return params.get(name, "").replace("\x00", "")[:limit]


def query_from(params, user) -> SearchQuery:
    """Read the query string; anything malformed is ignored rather than failing the page."""
    origin = None
    community = getattr(user, "community", None) if user.is_authenticated else None
    if community and community.latitude is not None:
        origin = (float(community.latitude), float(community.longitude))
    sort = params.get("sort", "relevance")
    return SearchQuery(
        text=_text(params, "q", MAX_QUERY_LENGTH).strip(),
        category=_text(params, "category", 200),
        conditions=[c for c in params.getlist("condition") if c in Condition.values],
        trade_modes=[t for t in params.getlist("trade") if t in TradeMode.values],
        street=_text(params, "street", 9),
        price_min=_decimal(params.get("min")) if params.get("min") else None,
        price_max=_decimal(params.get("max")) if params.get("max") else None,
        appraised_only=params.get("appraised") == "1",
        has_photos=params.get("photos") == "1",
        sort=sort if sort in SORTS else "relevance",
        origin=origin if sort == "distance" else None,
        after=decode_cursor(params.get("after", "")),
    )


def search(request):
    query = query_from(request.GET, request.user)
    result = services.search_listings(query)
    # The index may lag a takedown by a moment: never show what is no longer public.
    hits = [hit.listing_id for hit in result.hits]
    by_id = Listing.objects.visible_to_public().filter(pk__in=hits).for_cards().in_bulk()
    split = len(result.hits) if result.similar_from is None else result.similar_from
    rows = [(by_id[hit.listing_id], hit) for hit in result.hits[:split] if hit.listing_id in by_id]
    similar_rows = [(by_id[hit.listing_id], hit) for hit in result.hits[split:] if hit.listing_id in by_id]
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "result": result,
            "rows": rows,
            "similar_rows": similar_rows,
            "next_url": f"?{params.urlencode()}&after={encode_cursor(result.next_after)}"
            if result.next_after
            else "",
            "categories": {c.path: c for c in Category.objects.all()},
            "streets": {s.code: s for s in Street.objects.all()},
            "conditions": Condition.choices,
            "trade_modes": TradeMode.choices,
            "sorts": SORT_LABELS,
            "can_sort_by_distance": query.origin is not None or request.user.is_authenticated,
        },
    )


def suggest(request):
    return JsonResponse({"suggestions": services.suggest(_text(request.GET, "q", MAX_QUERY_LENGTH))})


@login_required
def saved(request):
    return render(request, "search/saved.html", {"saved_searches": request.user.saved_searches.all()})


@login_required
@require_POST
def save(request):
    query = query_from(request.POST, request.user)
    services.save_search(request.user, name=request.POST.get("name", "").strip(), query=query)
    messages.success(request, _("Saved. We will email you when new listings match."))
    return redirect("search:saved")


@login_required
@require_POST
def delete(request, pk: int):
    saved_search = get_object_or_404(SavedSearch, pk=pk)
    if saved_search.user_id != request.user.pk:
        raise Http404
    services.delete_saved_search(saved_search, user=request.user)
    messages.success(request, _("Saved search deleted."))
    return redirect("search:saved")
