from django import forms
from django.utils.translation import gettext_lazy as _

from listings.models import Category, Condition

from .models import Registration, SwapRecord


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Register for"), choices=Registration.Kind.choices, widget=forms.RadioSelect
    )
    party_size = forms.IntegerField(
        label=_("People in your group (visitors)"), min_value=1, max_value=6, initial=1
    )


class PledgeForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=60)
    category = forms.ModelChoiceField(Category.objects.all(), label=_("Category"))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=50, initial=1)


class IntakeForm(forms.Form):
    quick_grade = forms.ChoiceField(label=_("Quick grade"), choices=Condition.choices)
    token_value = forms.IntegerField(label=_("Token value"), min_value=0, max_value=100)


class SwapForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=SwapRecord.Kind.choices)
    receiver_code = forms.CharField(
        label=_("Receiver's ticket code (optional)"), required=False, max_length=12
    )
