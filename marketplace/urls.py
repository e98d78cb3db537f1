from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
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
    path("api/regulator/v1/", include("regulation.api_urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path (the home page and content pages), so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
