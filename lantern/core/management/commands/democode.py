from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Demo only: print the current sign-in code of a demo account's authenticator."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        # A production install never prints codes, whatever data it holds.
        if settings.PRODUCTION or not settings.LANTERN_DEMO_DATA:
            raise CommandError("democode works only on a demo install.")
        device = TOTPDevice.objects.filter(
            user__username=username, confirmed=True, name="Demo authenticator"
        ).first()
        if device is None:
            raise CommandError(f"{username!r} is not a demo account with a demo authenticator.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                    drift=device.drift)
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{code:0{device.digits}d}  (valid for about {remaining} s)")
