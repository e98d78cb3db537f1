from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.core import admin_widgets
from marketplace.core.health import healthz
from marketplace.core.views import favicon

# Wagtail's choosers start from data, not inline scripts: the admin runs under the site's CSP too.
admin_widgets.install()

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page links; answer with the site's icon.
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("marketplace.accounts.urls")),
    path("dashboard/", include("marketplace.core.urls")),
    path("listings/", include("listings.urls")),
    path("orders/", include("orders.urls")),
    path("search/", include("search.urls")),
    path("appraisal/", include("appraisal.urls")),
    path("community/", include("community_events.urls")),
    path("regulation/", include("regulation.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/regulator/v1/", include("regulation.api_urls")),
    # Wagtail's own login and password reset would sign staff in without allauth's checks (verified
    # email, rate limits, the second factor): they lead to allauth's pages instead and sign no one in.
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    re_path(r"^cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# allauth's rate limits answer through this handler too (allauth looks it up in the root URLconf).
handler429 = "marketplace.core.ratelimits.too_many_requests"

if settings.DEBUG or settings.SERVE_MEDIA_LOCALLY:
    # The run command serves listing photos and page images itself; production puts a web server or
    # object storage in front. Report PDFs and documents only through their views (rate limits, revocation).
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media}(?P<path>(?:photos|images)/.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Wagtail serves every other path (the home page and content pages), so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
