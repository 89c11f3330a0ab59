from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from lantern.accounts.actions import record_sign_in
from lantern.accounts.models import User


@receiver(user_logged_in)
def log_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record_sign_in(user, second_factor=False)
