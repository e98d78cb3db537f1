"""Strings Wagtail shows on staff pages that its own zh_Hans catalogue does not translate yet.

Listed here only so `makemessages` carries them into the project's catalogue, which Django consults
first; a string Wagtail does translate must not appear here (tests/core/test_translations.py).
"""

from django.utils.translation import gettext_noop

WAGTAIL_UNTRANSLATED = [
    gettext_noop("By task"),  # workflow report tabs
    gettext_noop("By workflow"),
]
