"""The seller's pages: listing an item, editing, photos, submitting, withdrawing, reopening, appealing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from marketplace.accounts.permissions import can_sell
from media.forms import PhotosForm
from media.pipeline import PhotoRejected

from .. import extensions, services
from ..errors import ListingError
from ..forms import AppealForm, ListingForm
from ..models import Category, Listing
from ..permissions import is_listing_seller
from .access import listing_for

S = Listing.Status


def _category_from(request, default=None):
    slug = request.POST.get("category_slug") or request.GET.get("category")
    if slug:
        return Category.objects.filter(slug=slug).first() or default
    pk = request.POST.get("category")
    if pk and str(pk).isdigit() and len(str(pk)) < 19:  # beyond a bigint nothing can match
        return Category.objects.filter(pk=pk).first() or default
    return default


@login_required
def create(request):
    category = _category_from(request)
    initial = {"community": request.user.community_id, "category": category.pk if category else None}
    if "change_category" in request.POST:
        form = ListingForm.refilled(request.POST, category=category, initial=initial)
    else:
        form = ListingForm(request.POST or None, category=category, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.create_draft(request.user, **form.service_data())
        except ListingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved. Now add photos."))
            return redirect("listings:photos", pk=listing.pk)
    return render(request, "listings/form.html", {"form": form, "category": category, "listing": None})


@login_required
def edit(request, pk: int):
    listing = listing_for(request, pk, edit=True)
    category = _category_from(request, default=listing.category)
    if "change_category" in request.POST:
        form = ListingForm.refilled(request.POST, instance=listing, category=category)
    else:
        form = ListingForm(request.POST or None, instance=listing, category=category)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.update_listing(listing, actor=request.user, **form.service_data())
        except ListingError as exc:
            form.add_error(None, exc.message)
        else:
            if listing.status == S.PENDING_REVIEW:
                messages.warning(
                    request, _("Saved. The listing is waiting for review before it is shown again.")
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("listings:photos" if listing.status == S.DRAFT else "listings:detail", pk=pk)
    return render(
        request,
        "listings/form.html",
        {
            "form": form,
            "category": category,
            "listing": listing,
            "suggestion": extensions.price_hint_for(listing),
        },
    )


@login_required
def photos(request, pk: int):
    listing = listing_for(request, pk, edit=True)
    form = PhotosForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        added = 0
        for upload in form.cleaned_data["photo"]:
            try:
                services.add_photo(listing, actor=request.user, data=upload.read())
            except (PhotoRejected, ListingError) as exc:
                # Each refusal names its file; the others are kept.
                form.add_error("photo", f"{upload.name}: {exc.message}")
            else:
                added += 1
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)s photo added; it appears in a moment, once it is prepared.",
                    "%(count)s photos added; they appear in a moment, once they are prepared.",
                    added,
                )
                % {"count": added},
            )
        if not form.errors:
            return redirect("listings:photos", pk=pk)
    gallery = list(listing.listing_photos.select_related("photo").order_by("position"))
    processing = sum(1 for item in gallery if item.photo.status == item.photo.Status.PROCESSING)
    return render(
        request,
        "listings/photos.html",
        {
            "listing": listing,
            "form": form,
            "gallery": gallery,
            "processing": processing,
            "needs_identity": listing.trade_mode == "sell" and not can_sell(request.user),
        },
    )


@login_required
@require_POST
def photo_action(request, pk: int):
    listing = listing_for(request, pk, edit=True)
    try:
        if "delete" in request.POST:
            services.remove_photo(listing, actor=request.user, photo_id=int(request.POST["delete"]))
        elif "order" in request.POST:
            services.reorder_photos(listing, actor=request.user, photo_ids=request.POST["order"].split(","))
    except (ListingError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("That did not work; try again.")))
    return redirect("listings:photos", pk=pk)


@login_required
@require_POST
def submit(request, pk: int):
    listing = listing_for(request, pk, edit=True)
    try:
        listing = services.submit_listing(listing, actor=request.user)
    except ListingError as exc:
        messages.error(request, exc.message)
        return redirect("listings:photos", pk=pk)
    notices = {
        S.PUBLISHED: (messages.SUCCESS, _("Published. Neighbours can see it now.")),
        S.PENDING_REVIEW: (
            messages.WARNING,
            _("Thanks! Our team reviews this listing before it is shown; you will see the result here."),
        ),
        S.BLOCKED: (messages.ERROR, _("This item may not be traded on the platform.")),
    }
    level, text = notices[listing.status]
    messages.add_message(request, level, text)
    return redirect("listings:detail", pk=pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    listing = listing_for(request, pk)
    try:
        services.withdraw_listing(listing, actor=request.user)
    except ListingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Listing withdrawn."))
    return redirect("listings:mine")


@login_required
@require_POST
def reopen(request, pk: int):
    """A withdrawn listing back to a draft, opened for editing."""
    listing = listing_for(request, pk)
    if not is_listing_seller(request.user, listing):
        raise PermissionDenied
    try:
        services.reopen_as_draft(listing, actor=request.user)
    except ListingError as exc:
        messages.error(request, exc.message)
        return redirect("listings:detail", pk=pk)
    messages.success(request, _("The listing is a draft again: change what you like, then publish it."))
    return redirect("listings:edit", pk=pk)


@login_required
def appeal(request, pk: int):
    listing = listing_for(request, pk)
    if not is_listing_seller(request.user, listing):
        raise PermissionDenied
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_removal(listing, actor=request.user, statement=form.cleaned_data["statement"])
        except ListingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Appeal sent. The listing is back in the review queue."))
            return redirect("listings:detail", pk=pk)
    return render(request, "listings/appeal.html", {"listing": listing, "form": form})


@login_required
def mine(request):
    status = request.GET.get("status", "")
    listings = request.user.listings.for_cards().order_by("-updated_at")
    if status in S.values:
        listings = listings.filter(status=status)
    return render(
        request,
        "listings/mine.html",
        {"listings": listings, "status": status, "statuses": S.choices},
    )
