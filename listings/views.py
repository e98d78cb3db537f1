from django.shortcuts import render

from marketplace.geography.models import Street


def browse(request):
    return render(request, "listings/browse.html", {"streets": Street.objects.all()})
