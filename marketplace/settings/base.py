"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from .env import env_bool, env_choice, env_decimal, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", None)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Project apps first so their templates override those of the libraries.
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.geography",
    "orders",
    "listings",
    "appraisal",
    "community_events",
    "search",
    "media",
    "regulation",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marketplace.core.headers.ContentSecurityPolicyMiddleware",
    "marketplace.core.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "marketplace.accounts.middleware.RequireMultiFactorMiddleware",
    # After CSRF and sign-in: an upload refused while streaming is answered before the view runs.
    "media.uploads.RefusedUploadMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "marketplace.core.middleware.DomainErrorMiddleware",
    "marketplace.core.ratelimits.RateLimitedMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "marketplace.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default is shared by the web server, the task worker and the scheduler: WAL lets
    # readers go on while one process writes, the busy timeout waits for a lock instead of failing at
    # once, and IMMEDIATE transactions take the write lock up front, so two writers never deadlock
    # upgrading read locks ("database is locked" mid-transaction).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 30, minimum=1),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
# One way in for everyone: allauth's login (email verified, rate limited, second factor). Wagtail's own
# password login, password reset and password/email change are switched off and routed to allauth.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# django-allauth: email is the login; verification is mandatory before an account is used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The brand, not the host name the request came in on, heads every account email's subject.
ACCOUNT_EMAIL_SUBJECT_PREFIX = format_lazy("【{}】", gettext_lazy("Nankai Neighbourhood Reuse"))
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "marketplace.accounts.forms.ResidentSignupForm"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Per client address ("ip") and per email address typed ("key"); over the limit answers the translated
# 429 page (marketplace.core.ratelimits.too_many_requests, through handler429 in the URLconf).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "10/m/ip,3/m/key,10/d/key",  # nosec B105 - a rate limit, not a password
    "reset_password_from_key": "20/m/ip",  # nosec B105 - a rate limit, not a password
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",  # nosec B105 - a rate limit, not a password
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff pass the second factor in every session (marketplace.accounts.middleware checks it): no browser
# is "trusted" to skip the code.
MFA_TRUST_ENABLED = False
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Nankai Marketplace")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@nankai-market.example")

# Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
# The run command serves uploads from this process; production leaves it off (see README).
SERVE_MEDIA_LOCALLY = env_bool("SERVE_MEDIA_LOCALLY", False)
# Demo accounts with a known password (seed_demo, demo_totp): the embedded default only.
DEMO_DATA = False

# Rate limits (allauth and django-ratelimit) count in this cache, so it must be shared by every web
# worker: the database cache by default (`manage.py createcachetable` once), or CACHE_URL for a cache
# server ("redis://…", needs the redis package).
CACHE_URL = env_str("CACHE_URL", None)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_entries"}
    )
}
RATELIMIT_USE_CACHE = "default"
# Behind the TLS proxy REMOTE_ADDR is the proxy's: name the header it sets (e.g. HTTP_X_REAL_IP).
RATELIMIT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY", None)

# Security headers. The site and the admin load scripts from static files only; no inline script runs.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Style attributes stay allowed: Wagtail's admin and its widgets set them in markup.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The check-in desk scans QR codes with the camera; nothing on the site needs the rest.
PERMISSIONS_POLICY = {"camera": ["self"], "geolocation": [], "microphone": [], "payment": []}

# Uploads are counted as they stream (media.uploads): a file over UPLOAD_MAX_BYTES is dropped, never
# held in memory or written to disk whole. Form fields other than files may total at most 2 MiB.
FILE_UPLOAD_HANDLERS = [
    "media.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Background work: django-tasks with the database backend; `manage.py db_worker` drains it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task waiting longer than this means no worker is draining the queue (reported by /healthz).
TASK_QUEUE_STALL_SECONDS = env_int("TASK_QUEUE_STALL_SECONDS", 300, minimum=10)
# Background processes that must be alive, and how old (seconds) their last heartbeat may be before
# /healthz answers 503 naming them. Empty where nothing runs beside the web server (the test suite).
HEARTBEAT_LIMITS = {
    "scheduler": env_int("HEARTBEAT_LIMIT_SCHEDULER", 120, minimum=2),
    "worker": env_int("HEARTBEAT_LIMIT_WORKER", 60, minimum=2),
}
HEARTBEAT_SECONDS = env_int("HEARTBEAT_SECONDS", 10, minimum=1)
# A periodic task that failed is tried again after this many seconds (doubling up to its interval).
PERIODIC_RETRY_SECONDS = env_int("PERIODIC_RETRY_SECONDS", 60, minimum=1)

# Wagtail
WAGTAIL_SITE_NAME = "南开邻里闲置"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside network: never load avatars from a third party
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Personal data: identity numbers are encrypted with the first key (the rest decrypt, for
# rotation) and looked up by a keyed hash, so the plaintext never sits in the database.
IDENTITY_ENCRYPTION_KEYS = env_list("IDENTITY_ENCRYPTION_KEYS", [])
IDENTITY_HASH_KEY = env_str("IDENTITY_HASH_KEY", None)
# Re-verification period for seller identity (E-Commerce Law Art. 27; "at least every 6 months").
IDENTITY_REVERIFY_DAYS = env_int("IDENTITY_REVERIFY_DAYS", 180, minimum=1)
# Seller identity is kept at least three years after the seller leaves (E-Commerce Law Art. 31).
IDENTITY_RETENTION_DAYS = env_int("IDENTITY_RETENTION_DAYS", 3 * 366, minimum=3 * 365)

# Roles that must have a second factor before they may use the site.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", ["appraiser", "regulator", "platform_staff"])

# Optional search engine (issue: search). Unset means the database engine.
SEARCH_ENGINE = env_choice("SEARCH_ENGINE", {"database", "opensearch", "elasticsearch"}, "database")
SEARCH_URL = env_str("SEARCH_URL", None)

LOG_LEVEL = env_choice("LOG_LEVEL", {"DEBUG", "INFO", "WARNING", "ERROR"}, "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # The search clients log every request at INFO and the PDF renderer every step; only their
    # problems are worth a line.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("opensearch", "elastic_transport", "elasticsearch", "weasyprint", "fontTools")
    },
}

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
# Index names start with this prefix (several sites or test runs can share one cluster).
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "nankai")
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
# Writers queue audit entries; the sequencer integrates them within this many seconds (published with
# the log's key; /healthz fails past it), at most AUDIT_SEQUENCER_BATCH entries per transaction.
AUDIT_MAX_MERGE_DELAY_SECONDS = env_int("AUDIT_MAX_MERGE_DELAY_SECONDS", 60, minimum=1)
AUDIT_SEQUENCER_BATCH = env_int("AUDIT_SEQUENCER_BATCH", 1000, minimum=1)
# Integrate each entry inside its writer's transaction instead (serialises writers on the log's head):
# only where nothing runs in the background — the test settings, whose tasks run immediately.
AUDIT_SEQUENCE_IN_TRANSACTION = False
# Appraisal archives are kept at least 15 years (资产评估法 Art. 29).
APPRAISAL_RETENTION_YEARS = env_int("APPRAISAL_RETENTION_YEARS", 15, minimum=15)

# Community swap events
# Hours a resident has to accept a place offered from the waiting list.
WAITLIST_ACCEPT_HOURS = env_int("WAITLIST_ACCEPT_HOURS", 24, minimum=1)
# The door and the desk record check-ins, intake and swaps from this long before an event starts
# until this long after it ends (offline scans sync later but keep their scan time).
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
