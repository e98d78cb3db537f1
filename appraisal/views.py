from django.shortcuts import render

from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_appraiser


@role_required(is_appraiser)
def workbench(request):
    appraiser = request.user.appraiser
    return render(request, "appraisal/workbench.html", {"appraiser": appraiser, "agency": appraiser.agency})
