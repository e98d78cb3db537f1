#!/usr/bin/env python
"""Django's command line. Production unless DJANGO_SETTINGS_MODULE says otherwise; on a development
machine use scripts/run, or set DJANGO_SETTINGS_MODULE=marketplace.settings.dev (see .env.example)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
