"""The product's own settings, read from the environment like the rest (see .env.example)."""

import datetime as dt

from .env import env_bool, env_choice, env_decimal, env_int, env_list, env_str

# Photos: limits checked on the uploaded bytes and on the pixel count read from the header,
# before any pixel is decoded (decompression bombs).
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 15 * 2**20, minimum=2**20)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 50_000_000, minimum=1_000_000)
# The largest single uploaded file; counted while it streams in (media.uploads).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", PHOTO_MAX_BYTES, minimum=2**20)
# All files of one request together (a dispute carries up to six photos).
UPLOAD_MAX_REQUEST_BYTES = env_int("UPLOAD_MAX_REQUEST_BYTES", 100 * 2**20, minimum=UPLOAD_MAX_BYTES)

# Listings
LISTING_MAX_PHOTOS = env_int("LISTING_MAX_PHOTOS", 12, minimum=1)
# A gallery photo still processing this long lost its task: it is queued again; after the second, failed.
PHOTO_RENDER_RETRY_AFTER = dt.timedelta(minutes=env_int("PHOTO_RENDER_RETRY_MINUTES", 20, minimum=1))
PHOTO_RENDER_GIVE_UP_AFTER = dt.timedelta(hours=env_int("PHOTO_RENDER_GIVE_UP_HOURS", 6, minimum=1))
LISTING_LIFETIME_DAYS = env_int("LISTING_LIFETIME_DAYS", 60, minimum=1)
LISTING_PRICE_CEILING = env_decimal("LISTING_PRICE_CEILING", "200000.00")
# Open reports from different residents that put a published listing back into review.
LISTING_REPORTS_TO_HOLD = env_int("LISTING_REPORTS_TO_HOLD", 3, minimum=1)
# Trade records are kept three years after completion (E-Commerce Law Art. 31).
TRADE_RECORD_RETENTION_DAYS = env_int("TRADE_RECORD_RETENTION_DAYS", 3 * 366, minimum=3 * 365)

# Payments (Stripe). Without STRIPE_SECRET_KEY the site offers meet-up deals only.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", None)
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", None)
# Only for a local stand-in such as stripe-mock; unset talks to Stripe itself.
STRIPE_API_BASE = env_str("STRIPE_API_BASE", None)
# Methods offered on the Checkout page; manual capture (pay-on-receipt) needs methods that support it.
STRIPE_PAYMENT_METHODS = env_list("STRIPE_PAYMENT_METHODS", ["card"])
# Minutes an unpaid order holds a listing before it is released.
ORDER_PAYMENT_TIMEOUT_MINUTES = env_int("ORDER_PAYMENT_TIMEOUT_MINUTES", 30, minimum=5)
# Days after hand-over when receipt is confirmed automatically if the buyer says nothing.
ORDER_AUTO_RECEIVE_DAYS = env_int("ORDER_AUTO_RECEIVE_DAYS", 7, minimum=1)
# Card authorisations lapse after about 7 days; act this many hours before they do.
PAYMENT_CAPTURE_MARGIN_HOURS = env_int("PAYMENT_CAPTURE_MARGIN_HOURS", 24, minimum=1)
PAYMENT_AUTHORISATION_DAYS = env_int("PAYMENT_AUTHORISATION_DAYS", 7, minimum=1)
# Days after hand-over (or completion) within which a buyer may open a dispute.
DISPUTE_WINDOW_DAYS = env_int("DISPUTE_WINDOW_DAYS", 14, minimum=1)
# Completed orders between the same two accounts within 30 days that flag possible rating farming.
RATING_FARM_ORDERS = env_int("RATING_FARM_ORDERS", 3, minimum=2)
# Search: the database engine unless SEARCH_ENGINE names a cluster at SEARCH_URL.
SEARCH_ENGINE = env_choice("SEARCH_ENGINE", {"database", "opensearch", "elasticsearch"}, "database")
SEARCH_URL = env_str("SEARCH_URL", None)  # one node, or several separated by commas
SEARCH_INDEX_SHARDS = env_int("SEARCH_INDEX_SHARDS", 1, minimum=1)
SEARCH_INDEX_REPLICAS = env_int("SEARCH_INDEX_REPLICAS", 0, minimum=0)
# Index names start with this prefix (several sites or test runs can share one cluster).
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "nankai")
# The database engine ranks by relevance only the newest this many matches of a query (counts
# and facets still cover all): ranking every match of a category word does not scale.
SEARCH_RANK_WINDOW = env_int("SEARCH_RANK_WINDOW", 2000, minimum=100)
# Seconds before a search engine request counts as failed (then the database engine answers).
SEARCH_TIMEOUT_SECONDS = env_int("SEARCH_TIMEOUT_SECONDS", 5, minimum=1)
# Hours between two saved-search digests to the same resident.
SAVED_SEARCH_DIGEST_HOURS = env_int("SAVED_SEARCH_DIGEST_HOURS", 24, minimum=1)

# Appraisal
# base64 of the 32-byte Ed25519 seed that signs appraisal reports. Required in production.
APPRAISAL_SIGNING_KEY = env_str("APPRAISAL_SIGNING_KEY", None)
# Estimates at or above this many yuan need a second appraiser's review before a report is issued.
APPRAISAL_REVIEW_THRESHOLD = env_decimal("APPRAISAL_REVIEW_THRESHOLD", "10000")
# Days after valuing an item during which its appraiser may not buy it.
APPRAISAL_PURCHASE_BAN_DAYS = env_int("APPRAISAL_PURCHASE_BAN_DAYS", 90, minimum=0)
# Public report checks (page, PDF, JSON) per client address: slows anyone walking report numbers.
APPRAISAL_VERIFY_RATE = env_str("APPRAISAL_VERIFY_RATE", "60/m")
# Entries or tree heads on one page of the bureau's feed; `next` leads to the following page.
AUDIT_FEED_PAGE_SIZE = env_int("AUDIT_FEED_PAGE_SIZE", 500, minimum=1)
# The sequencer integrates queued audit entries within this delay (published; /healthz fails past it).
AUDIT_MAX_MERGE_DELAY_SECONDS = env_int("AUDIT_MAX_MERGE_DELAY_SECONDS", 60, minimum=1)
AUDIT_SEQUENCER_BATCH = env_int("AUDIT_SEQUENCER_BATCH", 1000, minimum=1)
# A sequencer thread in each web and task process, woken after commits. Switch it off where
# `manage.py sequence_audit_log --loop` runs as its own process (district scale, see README).
AUDIT_SEQUENCER_THREAD = env_bool("AUDIT_SEQUENCER_THREAD", True)
# Integrate each entry in its writer's transaction (serialises writers): test settings only.
AUDIT_SEQUENCE_IN_TRANSACTION = False
# Appraisal archives are kept at least 15 years (资产评估法 Art. 29).
APPRAISAL_RETENTION_YEARS = env_int("APPRAISAL_RETENTION_YEARS", 15, minimum=15)
# New comparable sales since the last fit that make the valuation models retrain.
VALUATION_RETRAIN_AFTER = env_int("VALUATION_RETRAIN_AFTER", 200, minimum=1)

# Community swap events
# Hours a resident has to accept a place offered from the waiting list.
WAITLIST_ACCEPT_HOURS = env_int("WAITLIST_ACCEPT_HOURS", 24, minimum=1)
# Hours around an event in which the door and the desk record it (offline scans keep their scan time).
EVENT_DESK_OPENS_HOURS_BEFORE = env_int("EVENT_DESK_OPENS_HOURS_BEFORE", 2, minimum=0)
EVENT_DESK_CLOSES_HOURS_AFTER = env_int("EVENT_DESK_CLOSES_HOURS_AFTER", 12, minimum=0)

# Regulator side
# base64 of the 32-byte Ed25519 seed that signs audit-log tree heads. Required in production.
AUDIT_SIGNING_KEY = env_str("AUDIT_SIGNING_KEY", None)
# Names this log in signed tree heads, so heads of different deployments cannot be confused.
AUDIT_LOG_ID = env_str("AUDIT_LOG_ID", "nankai-marketplace-audit-v1")
# Push delivery to the bureau: attempts before a delivery becomes a dead letter, first retry delay.
AUDIT_PUSH_MAX_ATTEMPTS = env_int("AUDIT_PUSH_MAX_ATTEMPTS", 10, minimum=1)
AUDIT_PUSH_BACKOFF_SECONDS = env_int("AUDIT_PUSH_BACKOFF_SECONDS", 30, minimum=1)
# Hours regulators have to decide a flag, by severity (overdue flags are marked in the queue).
FLAG_SLA_HOURS = {
    "high": env_int("FLAG_SLA_HIGH_HOURS", 24, minimum=1),
    "medium": env_int("FLAG_SLA_MEDIUM_HOURS", 72, minimum=1),
    "low": env_int("FLAG_SLA_LOW_HOURS", 168, minimum=1),
}
# Days without a complaint after a counter-declaration reaches the rights holder (E-Commerce Law Art. 45).
IP_RESTORE_DAYS = env_int("IP_RESTORE_DAYS", 15, minimum=15)
# Upheld notices within this many days that make a seller a repeat infringer (restricted from selling).
REPEAT_INFRINGER_NOTICES = env_int("REPEAT_INFRINGER_NOTICES", 2, minimum=1)
REPEAT_INFRINGER_DAYS = env_int("REPEAT_INFRINGER_DAYS", 180, minimum=1)
# Yearly sales above which a seller is flagged in the identity report (CNY).
IDENTITY_REPORT_FLAG_AMOUNT = env_decimal("IDENTITY_REPORT_FLAG_AMOUNT", "100000")

# Notifications: messages in one conversation email at most once per this many minutes (the inbox gets all).
NOTIFICATIONS_MESSAGE_EMAIL_MINUTES = env_int("NOTIFICATIONS_MESSAGE_EMAIL_MINUTES", 15, minimum=1)
