"""Between residents: favourites, reports and messages about a listing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.ratelimits import limit

from .. import services
from ..errors import ListingError
from ..forms import MessageForm, ReportForm
from ..models import Conversation, Listing
from ..permissions import listings_visible_to
from .access import listing_for


@login_required
@require_POST
def favourite(request, pk: int):
    listing = listing_for(request, pk)
    now_favourite = services.toggle_favourite(listing, user=request.user)
    messages.success(
        request, _("Saved to your favourites.") if now_favourite else _("Removed from your favourites.")
    )
    return redirect("listings:detail", pk=pk)


@login_required
def favourites(request):
    favourites = Listing.objects.filter(favourites__user=request.user)
    listings = listings_visible_to(request.user, favourites).for_cards().order_by("-favourites__created_at")
    return render(request, "listings/favourites.html", {"listings": listings})


@login_required
@require_POST
@limit(rate="20/h", key="user")
def report(request, pk: int):
    listing = listing_for(request, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_listing(listing, reporter=request.user, **form.cleaned_data)
        except ListingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you. Our team will look at this listing."))
    else:
        messages.error(request, _("Choose a reason for your report."))
    return redirect("listings:detail", pk=pk)


@login_required
@limit(rate="30/m", key="user", methods=("POST",))
def conversation(request, pk: int):
    """The buyer's thread about a listing (?buyer=<id> lets the seller open a buyer's thread)."""
    listing = listing_for(request, pk)
    if listing.seller_id == request.user.pk:
        buyer_id = request.GET.get("buyer", "")
        if not (buyer_id.isascii() and buyer_id.isdigit() and len(buyer_id) <= 18):
            raise Http404
        thread = get_object_or_404(Conversation, listing=listing, buyer_id=buyer_id)
    else:
        thread = Conversation.objects.filter(listing=listing, buyer=request.user).first()
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        existing = thread
        try:
            # A refused first message must not leave an empty thread behind.
            with transaction.atomic():
                thread = existing or services.open_conversation(listing, buyer=request.user)
                services.send_message(thread, sender=request.user, body=form.cleaned_data["body"])
        except ListingError as exc:
            thread = existing
            form.add_error("body", exc.message)
        else:
            suffix = f"?buyer={thread.buyer_id}" if listing.seller_id == request.user.pk else ""
            return redirect(request.path + suffix)
    thread_messages = thread.messages.select_related("sender") if thread else []
    return render(
        request,
        "listings/conversation.html",
        {"listing": listing, "thread": thread, "thread_messages": thread_messages, "form": form},
    )


@login_required
def inbox(request):
    threads = (
        (
            Conversation.objects.filter(listing__seller=request.user)
            | Conversation.objects.filter(buyer=request.user)
        )
        .select_related("listing", "buyer")
        .order_by("-created_at")
    )
    return render(request, "listings/inbox.html", {"threads": threads})
