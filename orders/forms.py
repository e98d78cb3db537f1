from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Dispute, Order


class BuyForm(forms.Form):
    kind = forms.ChoiceField(label=_("How do you want to trade?"), widget=forms.RadioSelect, choices=())

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Order.Kind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]


MAX_EVIDENCE_PHOTOS = 6


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; a plain FileField refuses the list the widget returns."""

    def __init__(self, *args, max_files: int, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("Attach at most %(count)d photos.") % {"count": self.max_files}, code="too_many"
            )
        # super() with arguments: a comprehension has a scope of its own in Python 3.11.
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class DisputeForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Dispute.Reason.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    photos = MultipleFileField(
        label=_("Evidence photos (up to 6)"),
        required=False,
        max_files=MAX_EVIDENCE_PHOTOS,
        widget=MultipleFileInput(attrs={"multiple": True, "accept": "image/*"}),
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


class SwapForm(forms.Form):
    offer = forms.CharField(label=_("What do you offer in exchange?"), max_length=200)
