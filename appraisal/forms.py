from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from listings.models import Condition


class ResultForm(forms.Form):
    """One check of the template, as the appraiser records it."""

    passed = forms.TypedChoiceField(
        label=_("Result"),
        required=False,
        coerce=lambda v: v == "1",
        empty_value=None,
        choices=[("", "—"), ("1", _("Pass")), ("0", _("Fail"))],
    )
    score = forms.DecimalField(label=_("Score"), required=False, min_value=0, decimal_places=2)
    measurement = forms.CharField(label=_("Measurement"), required=False, max_length=60)
    defect_code = forms.CharField(label=_("Defect code"), required=False, max_length=20)
    note = forms.CharField(label=pgettext_lazy("remark", "Note"), required=False, max_length=300)
    photo = forms.FileField(label=_("Evidence photo"), required=False)


class ValuationForm(forms.Form):
    replacement_cost = forms.DecimalField(
        label=_("Replacement cost new, taxes included (CNY)"), min_value=0, decimal_places=2
    )
    used_months = forms.IntegerField(label=_("Months in use (Y)"), min_value=0)
    life_months = forms.IntegerField(label=_("Useful life in months (G)"), min_value=1)
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=60)
    model = forms.CharField(label=_("Model"), required=False, max_length=100)
    mileage_km = forms.IntegerField(label=_("Mileage (km), vehicles"), required=False, min_value=0)
    rated_km = forms.IntegerField(label=_("Rated mileage (km), vehicles"), required=False, min_value=1)
    liquidation_discount = forms.DecimalField(
        label=_("Liquidation discount rate (0–1)"), required=False, min_value=0, max_value=1, decimal_places=2
    )


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Approve")), ("0", _("Send back"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=pgettext_lazy("remark", "Note"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    """Why a report is amended or revoked; kept with the report and hashed into the audit log."""

    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
