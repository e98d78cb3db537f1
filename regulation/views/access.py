"""Who reviews flags, and fetching one flag for them: 404 for a flag outside what they may see."""

from django.http import Http404

from marketplace.accounts.permissions import is_platform_staff, is_regulator

from .. import services
from ..models import Flag


def may_review(user) -> bool:
    """Regulators decide; platform staff read the queue (no decision, no unmasking)."""
    return is_regulator(user) or is_platform_staff(user)


def flag_for(request, pk: int) -> Flag:
    flag = services.flags_visible_to(request.user).select_related("listing").filter(pk=pk).first()
    if flag is None:
        raise Http404
    return flag
