from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .kinds import DEFAULT_EMAIL, MANDATORY_EMAIL, PREFERENCE_KINDS


class PreferencesForm(forms.Form):
    """One checkbox per kind (email on or off) and the language of emails."""

    language = forms.ChoiceField(
        label=_("Language of emails"),
        choices=[("", _("Same as the site's default (Chinese)")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = preferences.language
        for kind in PREFERENCE_KINDS:
            mandatory = kind in MANDATORY_EMAIL
            self.fields[f"email_{kind.value}"] = forms.BooleanField(
                label=kind.label,
                required=False,
                disabled=mandatory,
                initial=True if mandatory else preferences.email.get(kind.value, DEFAULT_EMAIL[kind.value]),
                help_text=_("Required by law: always sent by email.") if mandatory else "",
            )

    def email_choices(self) -> dict[str, bool]:
        return {kind.value: self.cleaned_data[f"email_{kind.value}"] for kind in PREFERENCE_KINDS}
