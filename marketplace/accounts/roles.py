"""Permission groups behind each role, kept in step with the code after every migrate.

Roles are the source of truth (`User.role`); the groups only carry the Django and Wagtail
permissions the Wagtail admin checks.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from .models import Role

# Page permissions platform staff hold on the whole page tree.
PLATFORM_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
# Model permissions for the snippets platform staff edit (risk rules, the prohibited-goods catalogue
# and categories are data).
PLATFORM_MODEL_PERMISSIONS = [
    (app_label, f"{action}_{model}")
    for app_label, model in (
        ("listings", "riskrule"),
        ("listings", "prohibiteditem"),
        ("listings", "category"),
        ("appraisal", "agency"),
        ("appraisal", "appraiser"),
        ("appraisal", "defectcode"),
        ("regulation", "rightsholder"),
        ("regulation", "pushdelivery"),
        ("search", "synonym"),
    )
    for action in ("add", "change", "view")
]
PLATFORM_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_role_groups(**_signal_kwargs) -> None:
    """Create one group per role and give platform staff the Wagtail admin. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for label in (
        "wagtailadmin",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "listings",
        "appraisal",
        "regulation",
        "search",
    ):
        create_permissions(global_apps.get_app_config(label), verbosity=0)
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}
    platform = groups[Role.PLATFORM_STAFF]
    platform.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for app_label, codename in PLATFORM_MODEL_PERMISSIONS:
        platform.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in PLATFORM_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=platform,
                page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in PLATFORM_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=platform,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
            )
