"""Settings shared by every environment; values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from .env import env_bool, env_choice, env_int, env_list, env_str

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
    "notifications",
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
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
        # A kept connection is checked before a request uses it: after a database restart the first
        # request gets a fresh one instead of an error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, able to send a write that needs no answer with the COMMIT (the audit queue).
    DATABASES["default"]["ENGINE"] = "marketplace.core.postgres"
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
    ),
    # Page fragments (browse cards) in each worker's memory: cheap, short-lived, and never able to
    # push the rate-limit counters out of the shared cache.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
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

LOG_LEVEL = env_choice("LOG_LEVEL", {"DEBUG", "INFO", "WARNING", "ERROR"}, "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Search clients log every request at INFO, the PDF renderer every step: only problems are worth a line.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("opensearch", "elastic_transport", "elasticsearch", "weasyprint", "fontTools")
    },
}

# The product's own settings: uploads, listings, payments, search, appraisal, events, the regulator side.
from .product import *  # noqa: E402, F403
