from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language


def _other_language_path(path: str, current: str) -> str:
    other = "en" if current.startswith("fr") else "fr"
    prefix = f"/{current[:2]}/"
    if path.startswith(prefix):
        return f"/{other}/{path[len(prefix):]}"
    return f"/{other}/"


def site(request: HttpRequest) -> dict[str, Any]:
    language = get_language() or "en"
    return {
        "hotline_number": settings.LANTERN_HOTLINE_NUMBER,
        "leave_url": settings.LANTERN_LEAVE_URL,
        "other_language_url": _other_language_path(request.path, language),
        "other_language_code": "en" if language.startswith("fr") else "fr",
        "demo_mode": not settings.PRODUCTION,
    }
