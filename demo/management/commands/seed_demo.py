import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Load demo data for every role (development only) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="nankai-demo-2026", help="Password for every demo account.")

    def handle(self, *args, password, **options):
        if not settings.DEMO_DATA:
            raise CommandError("Demo data is for development only (DEMO_DATA is off).")
        # The demo's notifications go nowhere: the run command's console shows the logins, not 13 emails.
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        logging.getLogger("wagtail").setLevel(logging.WARNING)  # nor a line per demo page created
        logins = seed_demo(password)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo logins (password for all: {password}):")
        )
        for login in logins:
            line = f"  {login.role:<36} {login.email}"
            if login.totp_secret:
                line += f"   TOTP secret {login.totp_secret}"
            self.stdout.write(line)
        self.stdout.write(
            "Staff roles sign in with a second factor: add the TOTP secret to an authenticator app, "
            "or run `manage.py demo_totp` for the current codes."
        )
