from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths an account that still owes its second factor may reach.
_OPEN_PREFIXES = ("/static/", "/healthz")
_OPEN_ACCOUNT_PAGES = {"sign-in", "sign-out", "two-factor"}


class RequireSecondFactorMiddleware:
    """Accounts whose roles reach identifying data must pass TOTP before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.needs_second_factor  # type: ignore[union-attr]
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]  # django-otp
            and not self._is_open(request.path)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        # /en/accounts/sign-in/, …/sign-out/, …/two-factor/…; nothing else of accounts.
        parts = path.split("/")
        return len(parts) > 3 and parts[2] == "accounts" and parts[3] in _OPEN_ACCOUNT_PAGES
