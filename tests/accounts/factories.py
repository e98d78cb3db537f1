import time

import factory
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from marketplace.accounts.models import Role, User
from marketplace.geography.models import Community, District, Street, SupervisionOffice

PASSWORD = "correct-horse-battery"


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    street = factory.LazyFunction(lambda: Street.objects.get(code="120104007"))
    name = factory.Sequence(lambda n: f"测试{n}里社区")
    latitude = "39.120000"
    longitude = "117.150000"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Sequence(lambda n: f"邻居{n}")
    community = factory.SubFactory(CommunityFactory)
    role = Role.RESIDENT

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    class Params:
        street_staff = factory.Trait(
            role=Role.STREET_STAFF, street=factory.LazyFunction(lambda: Street.objects.get(code="120104007"))
        )
        regulator = factory.Trait(
            role=Role.REGULATOR, supervision_office=factory.LazyFunction(lambda: SupervisionOfficeFactory())
        )
        platform_staff = factory.Trait(role=Role.PLATFORM_STAFF)


class SupervisionOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionOffice
        django_get_or_create = ("name",)

    name = "南开区市场监督管理局"
    district = factory.LazyFunction(lambda: District.objects.get(code="120104"))


def give_totp(user) -> str:
    """Activate a TOTP authenticator for `user` and return its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user).exists()
    return secret


def sign_in(client, user, *, second_factor: bool = True):
    """Sign `user` in on the test client as allauth's login would: password, then (for staff) the code.

    `client.force_login` alone gives a password-only session, which the site refuses for roles that
    need a second factor; this records the steps allauth records when the code is typed.
    """
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    records = [{"method": "password", "at": time.time(), "email": user.email}]
    if second_factor:
        records.append({"method": "mfa", "at": time.time(), "type": "totp"})
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
    return client
