from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import services
from ..models import SwapEventPage


def _event(pk: int) -> SwapEventPage:
    return get_object_or_404(SwapEventPage.objects.live().select_related("street"), pk=pk)


def _staff_event(request, pk: int) -> SwapEventPage:
    event = _event(pk)
    if not services.can_run(request.user, event):
        raise PermissionDenied
    return event
