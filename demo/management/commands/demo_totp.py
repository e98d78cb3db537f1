import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Print the current TOTP code of each demo account (development only)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA:
            raise CommandError("Only available in development (DEMO_DATA is off).")
        counter = int(time.time()) // 30
        authenticators = Authenticator.objects.filter(
            type=Authenticator.Type.TOTP, user__email__endswith="@demo.nankai"
        ).select_related("user")
        for authenticator in authenticators.order_by("user__email"):
            code = format_hotp_value(hotp_value(decrypt(authenticator.data["secret"]), counter))
            self.stdout.write(f"{authenticator.user.email:<28} {code}")
        self.stdout.write(f"(valid for another {30 - int(time.time()) % 30} s)")
