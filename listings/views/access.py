"""Fetching a listing for a request, with who may see and change it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Listing
from ..permissions import can_edit_listing, can_view_listing


def listing_for(request, pk: int, *, edit: bool = False) -> Listing:
    """404 for those who may not see the listing, 403 for those who may see but not change it."""
    listing = get_object_or_404(
        Listing.objects.select_related("category", "community__street", "seller"), pk=pk
    )
    if not can_view_listing(request.user, listing):
        raise Http404
    if edit and not can_edit_listing(request.user, listing):
        raise PermissionDenied
    return listing
