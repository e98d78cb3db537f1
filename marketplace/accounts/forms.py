"""Account forms. No side effects: saving goes through services."""

import re
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from marketplace.geography.models import Community

from . import services
from .models import User
from .policy import POLICY_VERSION

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def grouped_community_choices():
    """Communities grouped under their street, for a select with <optgroup>s."""
    communities = Community.objects.with_street()
    choices = [("", _("Choose your community"))]
    for street, members in groupby(communities, key=lambda c: c.street):
        choices.append((street.name, [(c.pk, c.name) for c in members]))
    return choices


class CommunityField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Choose the community you live in."),
                "invalid_choice": _("That community is not on the list; choose one from it."),
            },
        )
        super().__init__(queryset=Community.objects.all(), label=_("Community"), **kwargs)

    def __deepcopy__(self, memo):
        field = super().__deepcopy__(memo)
        field.choices = grouped_community_choices()
        return field


class ResidentSignupForm(forms.Form):
    """Extra signup fields (allauth calls `signup`): every resident belongs to a community and
    consents to the privacy policy and terms of use (PIPL Art. 13) before an account exists."""

    display_name = forms.CharField(
        label=_("Nickname"), max_length=30, help_text=_("Shown to other residents instead of your name.")
    )
    community = CommunityField(help_text=_("Listings show your community, never your address."))
    accept_policy = forms.BooleanField(
        label=_("I have read and agree to the privacy policy and terms of use"),
        error_messages={"required": _("To sign up, agree to the privacy policy and terms of use.")},
    )

    # allauth adds the e-mail and password fields; consent comes last, just above the button.
    field_order = ["email", "display_name", "community", "password1", "password2", "accept_policy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_policy"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("accounts:privacy"),
            _("Read the privacy policy and terms of use"),
        )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.community = self.cleaned_data["community"]
        user.save(update_fields=["display_name", "community"])
        services.record_consent(user, version=POLICY_VERSION)


class ProfileForm(forms.ModelForm):
    community = CommunityField()

    class Meta:
        model = User
        fields = ["display_name", "phone", "community"]

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if phone and not MOBILE.match(phone):
            raise ValidationError(_("Enter an 11-digit mainland mobile number."), code="phone")
        return phone


class IdentityForm(forms.Form):
    real_name = forms.CharField(label=_("Name on your ID card"), max_length=30)
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}),
        help_text=_("Checked and stored encrypted; others only ever see it masked."),
    )
