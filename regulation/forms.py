from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Flag


class QueueFilterForm(forms.Form):
    flag_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any"))] + list(Flag.Type.choices)
    )
    severity = forms.ChoiceField(
        label=_("Severity"), required=False, choices=[("", _("Any"))] + list(Flag.Severity.choices)
    )
    # A name or a code: the list sends the code, a bookmarked or typed address may carry the name.
    street = forms.CharField(label=_("Street"), required=False, max_length=60, widget=forms.Select)
    older_than_hours = forms.IntegerField(label=_("Waiting more than (hours)"), required=False, min_value=0)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("closed", _("Closed")), ("", pgettext_lazy("no filter", "All"))],
    )

    def __init__(self, *args, streets=(), **kwargs):
        super().__init__(*args, **kwargs)
        # By name, the streets the reviewer's flags can come from; the code is only the value sent.
        self.streets = list(streets)
        self.fields["street"].widget.choices = [("", _("Any"))] + [(s.code, s.name) for s in self.streets]

    def clean_street(self) -> str:
        """The street's code, from its code or from (part of) its name."""
        value = self.cleaned_data["street"].strip()
        if not value:
            return ""
        for street in self.streets:
            if value in (street.code, street.name):
                return street.code
        matches = [street for street in self.streets if value in street.name]
        if len(matches) != 1:
            raise forms.ValidationError(
                _("No single street of yours is called “%(name)s”.") % {"name": value}
            )
        return matches[0].code


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Flag.Decision.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class UnmaskForm(forms.Form):
    reason = forms.CharField(label=_("Why you need the seller's identity"), max_length=300)


class RightsHolderForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=120)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18)
    contact_email = forms.EmailField(label=_("Contact email"))


class NoticeForm(forms.Form):
    listing = forms.IntegerField(label=_("Listing number"), min_value=1)
    right = forms.CharField(label=_("Right infringed (e.g. trademark registration no.)"), max_length=200)
    evidence = forms.CharField(label=_("Preliminary evidence"), widget=forms.Textarea(attrs={"rows": 4}))


class CounterForm(forms.Form):
    statement = forms.CharField(
        label=_("Your counter-declaration and evidence"), widget=forms.Textarea(attrs={"rows": 5})
    )


def listing_id_from(value: str) -> int | None:
    """A listing number from what a regulator pastes: `123`, `#123` or the listing's address."""
    value = value.strip()
    if value.lstrip("#").isdigit():
        return int(value.lstrip("#"))
    try:
        match = resolve(urlsplit(value).path or "/")
    except Resolver404:
        return None
    if match.view_name == "listings:detail":
        return int(match.kwargs["pk"])
    return None


class FlagForm(forms.Form):
    listing = forms.CharField(
        label=_("Listing number or address"),
        max_length=300,
        help_text=_("e.g. 1024 or https://…/listings/1024/"),
    )
    flag_type = forms.ChoiceField(label=_("What is wrong"), choices=Flag.Type.choices)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Flag.Severity.choices, initial=Flag.Severity.MEDIUM
    )
    reason = forms.CharField(label=_("What you found"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_listing(self) -> int:
        listing_id = listing_id_from(self.cleaned_data["listing"])
        if listing_id is None:
            raise forms.ValidationError(_("Give a listing number or the address of a listing page."))
        return listing_id


class UpholdForm(forms.Form):
    note = forms.CharField(label=_("Why the infringement stands"), max_length=300)


class ComplaintForm(forms.Form):
    note = forms.CharField(
        label=_("Where you filed the complaint or suit, and its reference"), max_length=300
    )


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Why the takedown is reversed"), max_length=300)


class WithdrawNoticeForm(forms.Form):
    note = forms.CharField(label=_("Why you withdraw the notice (optional)"), max_length=300, required=False)
