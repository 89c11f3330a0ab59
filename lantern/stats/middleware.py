"""The public statistics pages, served from the cache to readers without a session.

The dashboard, its charts and the open data are the same for every anonymous reader, and a
published release never changes; under load, most of a request's cost is the middleware
around the view. So a reader without a session cookie gets the stored response of the same
address (``core.middleware.has_session``: no session and no message waiting), kept
``LANTERN_PUBLIC_PAGE_SECONDS`` (a newly published release or newly loaded
outside figures appear within that time). Signed-in staff always get a fresh page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from lantern.core.middleware import has_session

PUBLIC = tuple(f"/{language}/statistics/{part}/" for language, _name in settings.LANGUAGES
               for part in ("dashboard", "open-data"))


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.LANTERN_PUBLIC_PAGE_SECONDS
        if (not seconds or request.method != "GET" or not request.path.startswith(PUBLIC)
                or has_session(request)):
            return self.get_response(request)
        key = "public-page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None:
            return stored  # type: ignore[no-any-return]
        response = self.get_response(request)
        # Only what is the same for every reader without a session: nothing that sets a
        # cookie. (It says "Vary: Cookie", since the header asks whether someone is signed
        # in; with no session cookie the answer is always no.)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, response, timeout=seconds)
        return response
