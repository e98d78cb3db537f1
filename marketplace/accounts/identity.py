"""Resident ID numbers (GB 11643-1999) and the masking conventions for personal data.

Pure functions: no database, no settings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric

_EIGHTEEN = re.compile(r"^\d{17}[\dX]$")
_FIFTEEN = re.compile(r"^\d{15}$")


@dataclass(frozen=True)
class ResidentId:
    number: str
    area_code: str
    birth_date: dt.date


def normalise_id_number(raw: str) -> str:
    """Upper-case the check character and drop spaces, including full-width ones typed on phones."""
    return re.sub(r"[\s\u3000]", "", raw or "").replace("x", "X").replace("Ｘ", "X")


def parse_resident_id(raw: str, *, today: dt.date | None = None) -> ResidentId:
    """Validate an 18-digit resident ID number and return its parts.

    Raises ValidationError with a code a caller can test: `legacy` (15-digit first-generation card,
    no longer valid since 2013), `format`, `birth_date` (not a real date, in the future or before
    1900), `checksum` (ISO 7064 MOD 11-2 check character wrong).
    """
    number = normalise_id_number(raw)
    if _FIFTEEN.match(number):
        raise ValidationError(
            _("15-digit first-generation ID numbers are no longer valid; enter the 18-digit number."),
            code="legacy",
        )
    if not _EIGHTEEN.match(number):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a final digit or X."), code="format"
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("The birth date in this ID number is not a real date."), code="birth_date"
        ) from None
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        raise ValidationError(_("The birth date in this ID number is not possible."), code="birth_date")
    if ric.calc_check_digit(number) != number[17]:  # takes the whole number, ignores its last character
        raise ValidationError(
            _("The last character of this ID number does not match; please check it."), code="checksum"
        )
    return ResidentId(number=number, area_code=number[:6], birth_date=birth)


def mask_id_number(number: str) -> str:
    """`120104199003070012` → `1201**********0012`."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str) -> str:
    """`13812345678` → `138****5678`."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str) -> str:
    """`张三` → `张*`, `欧阳娜娜` → `欧***`: the first character stays, every other one is hidden."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)
