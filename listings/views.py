from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appraisal.models import AppraisalReport
from appraisal.services import suggest_price
from marketplace.accounts.models import User
from marketplace.geography.models import Street
from media.pipeline import PhotoRejected

from . import services
from .errors import ListingError
from .forms import AppealForm, BrowseFilterForm, ListingForm, MessageForm, PhotoUploadForm, ReportForm
from .identifiers import PRIVATE_KEYS
from .models import TRANSITIONS, Category, Conversation, Favourite, Listing
from .permissions import can_edit_listing, can_view_listing, listings_visible_to

PAGE_SIZE = 24


def _listing_for(request, pk: int, *, edit: bool = False) -> Listing:
    """404 for those who may not see the listing, 403 for those who may see but not change it."""
    listing = get_object_or_404(
        Listing.objects.select_related("category", "community__street", "seller"), pk=pk
    )
    if not can_view_listing(request.user, listing):
        raise Http404
    if edit and not can_edit_listing(request.user, listing):
        raise PermissionDenied
    return listing


def public_details(listing: Listing) -> list[tuple[str, str]]:
    """The category details buyers see; identifiers (IMEI, VIN, plate…) stay in the registration records."""
    english = (get_language() or "").startswith("en")
    values = listing.attributes or {}
    return [
        (item.get("label_en") if english else item["label"], values[item["key"]])
        for item in listing.category.all_attributes()
        if values.get(item["key"]) and item["key"] not in PRIVATE_KEYS
    ]


def browse(request):
    filters = BrowseFilterForm(request.GET or None)
    listings = Listing.objects.published().for_cards()
    category = street = None
    if filters.is_valid():
        category = filters.cleaned_data["category"]
        if category:
            listings = listings.filter(category__path__startswith=category.path)
        if filters.cleaned_data["street"]:
            street = Street.objects.filter(code=filters.cleaned_data["street"]).first()
            if street:
                listings = listings.filter(community__street=street)
        if filters.cleaned_data["trade_mode"]:
            listings = listings.filter(trade_mode=filters.cleaned_data["trade_mode"])
    page = Paginator(listings.order_by("-published_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "listings/browse.html",
        {
            "page": page,
            "filters": filters,
            "category": category,
            "street": street,
            "categories": Category.objects.filter(parent=None),
            "streets": Street.objects.all(),
        },
    )


def detail(request, pk: int):
    listing = _listing_for(request, pk)
    photos = [item.photo for item in listing.listing_photos.select_related("photo").order_by("position")]
    report = (
        AppraisalReport.objects.filter(case__listing=listing, revoked_at__isnull=True)
        .select_related("case")
        .order_by("-issued_at")
        .first()
    )
    is_favourite = (
        request.user.is_authenticated
        and Favourite.objects.filter(user=request.user, listing=listing).exists()
    )
    return render(
        request,
        "listings/detail.html",
        {
            "listing": listing,
            "photos": photos,
            "is_favourite": is_favourite,
            "is_seller": request.user.is_authenticated and listing.seller_id == request.user.pk,
            "can_edit": can_edit_listing(request.user, listing),
            "can_withdraw": listing.seller_id == request.user.pk
            and Listing.Status.WITHDRAWN in TRANSITIONS[listing.status],
            "seller_verified": listing.seller.identity_verifications.current().exists(),
            "report_form": ReportForm(),
            "appraisal_report": report,
            "details": public_details(listing),
            "open_appraisal": listing.appraisal_cases.exclude(
                status__in=["issued", "declined", "cancelled"]
            ).first()
            if listing.seller_id == request.user.pk
            else None,
            "history": listing.status_changes.all() if listing.seller_id == request.user.pk else [],
        },
    )


def _category_from(request, default=None):
    slug = request.POST.get("category_slug") or request.GET.get("category")
    if slug:
        return Category.objects.filter(slug=slug).first() or default
    pk = request.POST.get("category")
    if pk and str(pk).isdigit():
        return Category.objects.filter(pk=pk).first() or default
    return default


@login_required
def create(request):
    category = _category_from(request)
    initial = {"community": request.user.community_id, "category": category.pk if category else None}
    form = ListingForm(request.POST or None, category=category, initial=initial)
    if request.method == "POST" and form.is_valid() and "change_category" not in request.POST:
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
    listing = _listing_for(request, pk, edit=True)
    category = _category_from(request, default=listing.category)
    form = ListingForm(request.POST or None, instance=listing, category=category)
    if request.method == "POST" and form.is_valid() and "change_category" not in request.POST:
        try:
            listing = services.update_listing(listing, actor=request.user, **form.service_data())
        except ListingError as exc:
            form.add_error(None, exc.message)
        else:
            if listing.status == Listing.Status.PENDING_REVIEW:
                messages.warning(
                    request, _("Saved. The listing is waiting for review before it is shown again.")
                )
            else:
                messages.success(request, _("Saved."))
            return redirect(
                "listings:photos" if listing.status == Listing.Status.DRAFT else "listings:detail", pk=pk
            )
    attributes = listing.attributes or {}
    suggestion = suggest_price(
        category=listing.category,
        condition=listing.condition,
        brand=attributes.get("brand", ""),
        model=attributes.get("model", ""),
    )
    return render(
        request,
        "listings/form.html",
        {"form": form, "category": category, "listing": listing, "suggestion": suggestion},
    )


@login_required
def photos(request, pk: int):
    listing = _listing_for(request, pk, edit=True)
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["photo"]
        try:
            services.add_photo(listing, actor=request.user, data=upload.read())
        except (PhotoRejected, ListingError) as exc:
            form.add_error("photo", exc.message)
        else:
            messages.success(request, _("Photo added."))
            return redirect("listings:photos", pk=pk)
    gallery = listing.listing_photos.select_related("photo").order_by("position")
    return render(request, "listings/photos.html", {"listing": listing, "form": form, "gallery": gallery})


@login_required
@require_POST
def photo_action(request, pk: int):
    listing = _listing_for(request, pk, edit=True)
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
    listing = _listing_for(request, pk, edit=True)
    try:
        listing = services.submit_listing(listing, actor=request.user)
    except ListingError as exc:
        messages.error(request, exc.message)
        return redirect("listings:photos", pk=pk)
    notices = {
        Listing.Status.PUBLISHED: (messages.SUCCESS, _("Published. Neighbours can see it now.")),
        Listing.Status.PENDING_REVIEW: (
            messages.WARNING,
            _("Thanks! Our team reviews this listing before it is shown; you will see the result here."),
        ),
        Listing.Status.BLOCKED: (messages.ERROR, _("This item may not be traded on the platform.")),
    }
    level, text = notices[listing.status]
    messages.add_message(request, level, text)
    return redirect("listings:detail", pk=pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    listing = _listing_for(request, pk)
    try:
        services.withdraw_listing(listing, actor=request.user)
    except ListingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Listing withdrawn."))
    return redirect("listings:mine")


@login_required
def appeal(request, pk: int):
    listing = _listing_for(request, pk)
    if listing.seller_id != request.user.pk:
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
    if status in Listing.Status.values:
        listings = listings.filter(status=status)
    return render(
        request,
        "listings/mine.html",
        {"listings": listings, "status": status, "statuses": Listing.Status.choices},
    )


@login_required
@require_POST
def favourite(request, pk: int):
    listing = _listing_for(request, pk)
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
def report(request, pk: int):
    listing = _listing_for(request, pk)
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
def conversation(request, pk: int):
    """The buyer's thread about a listing (?buyer=<id> lets the seller open a buyer's thread)."""
    listing = _listing_for(request, pk)
    if listing.seller_id == request.user.pk:
        buyer_id = request.GET.get("buyer", "")
        if not buyer_id.isdigit():
            raise Http404
        thread = get_object_or_404(Conversation, listing=listing, buyer_id=buyer_id)
    else:
        thread = Conversation.objects.filter(listing=listing, buyer=request.user).first()
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = thread or services.open_conversation(listing, buyer=request.user)
            services.send_message(thread, sender=request.user, body=form.cleaned_data["body"])
        except ListingError as exc:
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


def seller_profile(request, user_id: int):
    seller = get_object_or_404(User, pk=user_id, is_active=True)
    listings = listings_visible_to(None, seller.listings.all()).for_cards().order_by("-published_at")
    return render(
        request,
        "listings/seller.html",
        {
            "seller": seller,
            "listings": listings[:48],
            "verified": seller.identity_verifications.current().exists(),
            "sold_count": seller.listings.filter(status=Listing.Status.SOLD).count(),
            "rating": seller.ratings_received.aggregate(average=Avg("score"), count=Count("pk")),
            "recent_ratings": seller.ratings_received.select_related("rater").order_by("-created_at")[:10],
        },
    )
