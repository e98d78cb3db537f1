"""Listing forms. No side effects: views pass cleaned data to `listings.services`."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.forms import CommunityField

from .identifiers import CLEANERS, PRIVATE_KEYS
from .models import Category, Listing, ListingReport


def category_choices():
    """Top-level classes as option groups, each with itself and its children."""
    categories = list(Category.objects.order_by("path"))
    choices = [("", _("Choose a category"))]
    for _root, members in groupby(categories, key=lambda c: c.path.split("/")[0]):
        members = list(members)
        choices.append((members[0].label, [(c.pk, ("— " if c.parent_id else "") + c.label) for c in members]))
    return choices


class ListingForm(forms.ModelForm):
    """Title, description, category, condition, trade, price and place, plus the category's details.

    The detail fields (`attr_<key>`) depend on the category, so the form is built for one.
    """

    community = CommunityField(help_text=_("Shown on the listing instead of any address."))

    class Meta:
        model = Listing
        fields = [
            "title",
            "description",
            "category",
            "condition",
            "trade_mode",
            "price",
            "negotiable",
            "quantity",
            "community",
            "pickup",
            "delivery",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "trade_mode": forms.RadioSelect,
            "price": forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
        }

    def __init__(self, *args, category: Category | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["price"].validators += [
            MinValueValidator(0.01, message=_("The price must be at least ¥0.01.")),
            MaxValueValidator(
                settings.LISTING_PRICE_CEILING,
                message=_("The price may be at most ¥%(ceiling)s.")
                % {"ceiling": settings.LISTING_PRICE_CEILING},
            ),
        ]
        self.fields["quantity"].validators += [MinValueValidator(1), MaxValueValidator(99)]
        self.category = category or (self.instance.category if self.instance.pk else None)
        self.attribute_definitions = self.category.all_attributes() if self.category else []
        english = (get_language() or "").startswith("en")
        current = self.instance.attributes or {}
        for item in self.attribute_definitions:
            # What publishing requires (a phone's IMEI, a vehicle's VIN) is asked for here, with the rest,
            # rather than refused only at the last step; optional details can wait.
            private = item["key"] in PRIVATE_KEYS
            self.fields[f"attr_{item['key']}"] = forms.CharField(
                label=item.get("label_en") if english else item["label"],
                required=bool(item.get("required")),
                initial=current.get(item["key"], ""),
                max_length=60,
                help_text=_("Kept in the trade records; not shown on the listing.") if private else "",
                error_messages={
                    "required": _("Listings in this category need this; it is not shown publicly.")
                    if private
                    else _("Listings in this category need this.")
                },
            )

    @classmethod
    def refilled(cls, data, **kwargs) -> ListingForm:
        """An unbound form holding what was typed so far: choosing a category to see its fields is not
        a submission, so it shows no errors for fields not filled in yet."""
        typed = cls(data, **kwargs)
        values = {name: typed[name].value() for name in typed.fields}
        return cls(**{**kwargs, "initial": {**kwargs.get("initial", {}), **values}})

    def attribute_fields(self):
        return [self[f"attr_{item['key']}"] for item in self.attribute_definitions]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("trade_mode") == "sell" and not cleaned.get("price"):
            self.add_error(
                "price", ValidationError(_("Set a price for an item for sale."), code="price_required")
            )
        attributes = {}
        for item in self.attribute_definitions:
            name = f"attr_{item['key']}"
            value = (cleaned.get(name) or "").strip()
            if not value:
                continue
            cleaner = CLEANERS.get(item.get("kind"))
            try:
                attributes[item["key"]] = cleaner(value) if cleaner else value
            except ValidationError as exc:
                self.add_error(name, exc)
        cleaned["attributes"] = attributes
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["attributes"] = self.cleaned_data["attributes"]
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason shown to the seller"), widget=forms.Textarea(attrs={"rows": 3}))


class EscalateForm(forms.Form):
    concern = forms.ChoiceField(label=_("Concern"), choices=ListingReport.Reason.choices)
    reason = forms.CharField(
        label=_("Why the regulator should look"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealForm(forms.Form):
    statement = forms.CharField(
        label=_("Why should the listing be restored?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )


class ReportForm(forms.ModelForm):
    # A plain choice, not the model field's: no "---------" option pre-selected, one reason required.
    reason = forms.ChoiceField(
        label=_("What is wrong with this listing?"),
        choices=ListingReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason for your report.")},
    )

    class Meta:
        model = ListingReport
        fields = ["reason", "details"]
        labels = {"details": _("Anything else our team should know (optional)")}
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class BrowseFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        Category.objects.all(), required=False, to_field_name="slug", label=_("Category")
    )
    street = forms.CharField(required=False, label=_("Street"))
    trade_mode = forms.ChoiceField(
        required=False,
        label=_("Trade"),
        choices=[("", _("Any"))] + list(Listing._meta.get_field("trade_mode").choices),
    )
