"""Identifier checks for appraisal agencies."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError


def validate_credit_code(value: str) -> None:
    """Unified social credit code (GB 32100-2015): 18 characters with a MOD 31 check character."""
    try:
        uscc.validate(value)
    except StdnumError:
        raise ValidationError(
            _("%(value)s is not a valid unified social credit code."),
            code="invalid_credit_code",
            params={"value": value},
        ) from None
