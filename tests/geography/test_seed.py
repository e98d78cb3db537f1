import pytest

from marketplace.geography.models import Community, District, Street

pytestmark = pytest.mark.django_db


def test_nankai_has_its_twelve_streets_with_their_codes():
    district = District.objects.get(code="120104")
    streets = list(district.streets.values_list("code", "name"))
    assert len(streets) == 12
    assert streets[0] == ("120104001", "长虹街道")
    assert streets[6] == ("120104007", "向阳路街道")
    assert streets[-1] == ("120104012", "华苑街道")


def test_confirmed_communities_sit_under_their_street():
    assert Community.objects.get(name="官易里社区").street.name == "向阳路街道"
    assert Community.objects.get(name="跃升里社区").street.name == "向阳路街道"
    assert Community.objects.get(name="春畅里社区").street == Street.objects.get(name="鼓楼街道")
