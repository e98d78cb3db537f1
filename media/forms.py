"""Form fields for photo uploads: several files in one field, offered to the phone's camera and gallery."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PhotosInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Any number of files (up to `max_files`); what each one is, the photo pipeline decides."""

    def __init__(self, *args, max_files: int | None = None, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", PhotosInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            super().clean(None, initial)  # "This field is required." when it is
            return []
        limit = self.max_files or settings.DATA_UPLOAD_MAX_NUMBER_FILES
        if len(files) > limit:
            raise forms.ValidationError(
                _("Choose at most %(limit)s photos at once.") % {"limit": limit}, code="too_many_files"
            )
        return [super(PhotosField, self).clean(file, initial) for file in files]


class PhotosForm(forms.Form):
    photo = PhotosField(
        label=_("Add photos"),
        help_text=_("JPEG, PNG, WebP or HEIC; choose several at once. Location data is removed."),
    )
