"""Checks for the identifiers second-hand trade rules ask sellers to register."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import imei as stdnum_imei
from stdnum.exceptions import ValidationError as StdnumError

# Identifiers second-hand trade rules ask sellers to register: kept in the registration records and
# shown to staff, never on the public listing (a plate or IMEI identifies a person's property).
PRIVATE_KEYS = {"imei", "mac", "vin", "plate", "serial", "certificate"}

MAC = re.compile(r"^([0-9A-F]{2}[:-]){5}[0-9A-F]{2}$")
VIN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")  # no I, O or Q


def clean_imei(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    try:
        stdnum_imei.validate(digits)
    except StdnumError:
        raise ValidationError(
            _("An IMEI has 15 digits with a valid check digit (dial *#06# to see it)."), code="imei"
        ) from None
    return digits


def clean_mac(value: str) -> str:
    value = value.strip().upper()
    if not MAC.match(value):
        raise ValidationError(_("Enter a MAC address like 3C:22:FB:12:34:56."), code="mac")
    return value.replace("-", ":")


def clean_vin(value: str) -> str:
    value = re.sub(r"\s", "", value).upper()
    if not VIN.match(value):
        raise ValidationError(_("A VIN has 17 letters and digits, without I, O or Q."), code="vin")
    return value


def clean_year(value: str) -> str:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Enter a year such as 2021."), code="year") from None
    if not 1950 <= year <= dt.date.today().year:
        raise ValidationError(_("Enter a year between 1950 and this year."), code="year")
    return str(year)


def clean_integer(value: str) -> str:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(_("Enter a whole number."), code="integer") from None
    if number < 0:
        raise ValidationError(_("Enter a number of zero or more."), code="integer")
    return str(number)


CLEANERS = {
    "imei": clean_imei,
    "mac": clean_mac,
    "vin": clean_vin,
    "year": clean_year,
    "integer": clean_integer,
}
