from django import forms
from django.utils.translation import gettext_lazy as _

from media.forms import PhotosField

from .models import Dispute, Order


class BuyForm(forms.Form):
    kind = forms.ChoiceField(label=_("How do you want to trade?"), widget=forms.RadioSelect, choices=())

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Order.Kind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]


MAX_EVIDENCE_PHOTOS = 6


class DisputeForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Dispute.Reason.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    photos = PhotosField(
        label=_("Evidence photos (up to 6)"),
        help_text=_("Choose several at once from your camera or gallery."),
        required=False,
        max_files=MAX_EVIDENCE_PHOTOS,
    )


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Stars"),
        coerce=int,
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class DecisionForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Decision"), choices=Order.Resolution.choices)
    refund = forms.DecimalField(
        label=_("Refund (CNY), for a partial refund"), required=False, min_value=0, decimal_places=2
    )
    explanation = forms.CharField(
        label=_("Explanation shown to both sides"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, platform_holds_money: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not platform_holds_money:
            # A cash deal left no money with the platform: there is nothing to split.
            self.fields["resolution"].choices = [
                choice for choice in Order.Resolution.choices if choice[0] != Order.Resolution.PARTIAL_REFUND
            ]
            del self.fields["refund"]


class SwapForm(forms.Form):
    offer = forms.CharField(label=_("What do you offer in exchange?"), max_length=200)
