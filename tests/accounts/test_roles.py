import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from marketplace.accounts.models import Role
from marketplace.accounts.permissions import dashboard_links, is_street_staff
from marketplace.accounts.services import set_role
from marketplace.geography.models import Street
from tests.accounts.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db

DASHBOARDS = {
    "street_staff": "community_events:staff_dashboard",
    "appraiser": "appraisal:workbench",
    "regulator": "regulation:dashboard",
    "platform_admin": "wagtailadmin_home",
}
PERSONAS = ["resident", "seller", "street_staff", "appraiser", "regulator", "platform_admin"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_opens_its_own_dashboard_and_no_other(persona, request, client):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    # Street offices also use the Wagtail admin, to edit their own street's event pages.
    # Platform staff also see the flag queue (all districts), to follow up escalations.
    also = {"street_staff": {"wagtailadmin_home"}, "platform_admin": {"regulation:dashboard"}}.get(
        persona, set()
    )
    for owner, url_name in DASHBOARDS.items():
        response = client.get(reverse(url_name))
        if owner == persona or url_name in also:
            assert response.status_code == 200, url_name
        else:
            # Wagtail answers a non-admin with a redirect to its login; our pages answer 403.
            assert response.status_code in (302, 403), url_name
            assert not (response.status_code == 302 and response.url == reverse(url_name))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_header_links_each_role_to_its_dashboard_only(persona, request, client):
    user = request.getfixturevalue(persona)
    sign_in(client, user)
    page = client.get("/").content.decode()
    for owner, url_name in DASHBOARDS.items():
        assert (f'href="{reverse(url_name)}"' in page) == (owner == persona), url_name


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url_name in DASHBOARDS.values():
        response = client.get(reverse(url_name))
        assert response.status_code == 302
        assert "login" in response.url


def test_street_staff_act_for_their_own_street_only(street_staff):
    own = street_staff.street
    other = Street.objects.exclude(pk=own.pk).first()
    assert is_street_staff(street_staff, own)
    assert not is_street_staff(street_staff, other)


def test_street_dashboard_lists_only_its_own_communities(client, street_staff):
    other_street = Street.objects.get(code="120104002")
    other = other_street.communities.first()
    sign_in(client, street_staff)
    page = client.get(reverse("community_events:staff_dashboard")).content.decode()
    assert "官易里社区" in page
    assert other.name not in page


def test_an_appraiser_with_an_expired_certificate_loses_the_workbench(appraiser, client):
    certificate = appraiser.appraiser
    certificate.active_until = certificate.active_from
    certificate.save()
    sign_in(client, appraiser)
    assert client.get(reverse("appraisal:workbench")).status_code == 403
    assert all(link.url != reverse("appraisal:workbench") for link in dashboard_links(appraiser))


def test_staff_roles_need_their_binding():
    user = UserFactory()
    with pytest.raises(ValidationError):
        set_role(user, Role.STREET_STAFF)
    with pytest.raises(ValidationError):
        set_role(user, Role.REGULATOR)
    user.role = Role.REGULATOR
    with pytest.raises(IntegrityError), transaction.atomic():
        user.save()


def test_changing_role_moves_the_permission_group(street_staff):
    set_role(street_staff, Role.PLATFORM_STAFF)
    assert list(street_staff.groups.values_list("name", flat=True)) == ["platform_staff"]
    assert street_staff.street is None
    assert street_staff.has_perm("wagtailadmin.access_admin")
