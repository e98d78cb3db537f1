"""Street-office staff edit event pages in the Wagtail admin; `SwapEventPage` limits each to its street."""

from django.contrib.auth.models import Group, Permission

from marketplace.accounts.models import Role


def grant_street_staff_event_pages(**_signal_kwargs) -> None:
    """After every migrate (and after accounts made the role groups): page permissions on the events index."""
    from wagtail.models import GroupPagePermission

    from .models import EventIndexPage

    group, _created = Group.objects.get_or_create(name=Role.STREET_STAFF)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    index = EventIndexPage.objects.first()
    if index is None:
        return
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
