from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Flag


class QueueFilterForm(forms.Form):
    flag_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any"))] + list(Flag.Type.choices)
    )
    severity = forms.ChoiceField(
        label=_("Severity"), required=False, choices=[("", _("Any"))] + list(Flag.Severity.choices)
    )
    street = forms.CharField(label=_("Street code"), required=False, max_length=9)
    older_than_hours = forms.IntegerField(label=_("Waiting more than (hours)"), required=False, min_value=0)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("closed", _("Closed")), ("", _("All"))],
    )


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
