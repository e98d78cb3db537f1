"""What this session proved: the second factor, read from allauth's record of authentication steps.

allauth appends one record per step to the session ("password", then "mfa" once the code from the
authenticator app or a recovery code is accepted) and keeps them for the signed-in user only.
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

SECOND_FACTOR_METHOD = "mfa"


def session_passed_second_factor(request: HttpRequest, user) -> bool:
    """True when this session, for this user, accepted a code from an authenticator or recovery codes."""
    return any(
        record.get("method") == SECOND_FACTOR_METHOD for record in get_authentication_records(request, user)
    )


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def has_verified_email(user) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def record_activation(
    sender, request: HttpRequest | None, user, authenticator: Authenticator, **kwargs
) -> None:
    """Setting up an authenticator app means typing a code it produced: this session has passed it.

    Connected to allauth.mfa's `authenticator_added`; without it a newly protected account would be
    signed out straight after setting up its authenticator and asked for the same code again.
    """
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    if getattr(request, "user", None) is None or request.user.pk != user.pk:
        return
    record_authentication(request, user, SECOND_FACTOR_METHOD, id=authenticator.pk, type=authenticator.type)
