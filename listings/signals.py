"""What listings tells the apps above it. Every signal is sent inside the transaction of the change,
so a receiver's writes (a flag, an audit entry, an outbox row) commit or roll back with it.

Receivers must not call back into listings' services; they may call `listings.actions`.
"""

from django.dispatch import Signal

# A listing's public document changed (status, text, photos, badge). kwargs: listing_id.
# Search answers with an outbox row.
listing_changed = Signal()

# The risk rules held a listing for review. kwargs: listing, assessment, findings — a list of
# (family, reason) for every HOLD finding (families: "prohibited", "stolen_phone", "stolen_goods", …).
listing_held = Signal()

# The risk rules blocked a listing. kwargs: listing, assessment, reason.
listing_blocked = Signal()

# A gallery photo finished rendering and is shown from now on. kwargs: listing, photo (READY, with its
# hash). Evidence frozen while it was still rendering is completed with it.
listing_photo_ready = Signal()

# A user reported a listing. kwargs: report (a ListingReport; its `reason` says what is suspected).
listing_reported = Signal()

# Platform staff escalated a listing to the regulator. kwargs: listing, actor, concern (a
# ListingReport.Reason value: counterfeit, prohibited, stolen, fraud, other), reason.
listing_escalated = Signal()

# A listing was sold (an order completed or a swap was made). kwargs: listing, price (Decimal or None),
# sold_at. Appraisal keeps it as a comparable sale.
listing_sold = Signal()

# Someone is about to buy or swap for a listing. kwargs: listing, buyer. A receiver vetoes by raising
# a DomainError with the message the buyer sees (an appraiser may not buy what they valued).
purchase_requested = Signal()
