from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable, Mapping
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import ResolverMatch, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import conditional_escape
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

Handler = Callable[[HttpRequest], HttpResponse]


class PrivacyHeadersMiddleware:
    """Headers that keep pages with case data out of caches and away from other origins."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


# Public pages drawn the same for every visitor without a session, which never read the
# session, the signed-in user or messages (they may use a CSRF token).
PUBLIC_PAGES = ("directory:find_help", "hotline:report")
# What only a visitor with a session needs.
SESSION_MIDDLEWARE = frozenset({
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantern.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
})


def has_session(request: HttpRequest) -> bool:
    """Whether the visitor may have a session or a message waiting: their pages can differ
    from everyone else's (the public pages' shorter paths and stored responses skip them)."""
    return (settings.SESSION_COOKIE_NAME in request.COOKIES
            or CookieStorage.cookie_name in request.COOKIES)


class PublicPageMiddleware:
    """Serves the public pages (PUBLIC_PAGES) to a visitor without a session through the
    middleware after this one minus SESSION_MIDDLEWARE, and marks the request so that the
    view may draw the page from a stored frame (``render_public``).

    Why: the "find help" search and the report form are the pages the public uses most and
    must stay fast under load. Sessions, accounts, two-factor checks and messages, which an
    anonymous visitor does not have, and drawing the whole page each time, made a search
    cost twice as much CPU (1.5 ms against 0.8 ms in-process). Everything else still runs:
    security headers, CSP, language, host check, CSRF, frame and privacy headers. A visitor
    with a session (staff, or anyone with a message waiting) takes the full path.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.view_hooks: list[Callable[..., HttpResponse | None]] = []
        self.lean = self._lean_handler()
        self.paths: frozenset[str] | None = None
        self.matches: dict[str, ResolverMatch] = {}  # these pages take no arguments

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.paths is None:
            self.paths = frozenset(_public_paths())
        if request.path not in self.paths or has_session(request):
            return self.get_response(request)
        request.user = AnonymousUser()
        request.without_session = True  # type: ignore[attr-defined]
        response = self.lean(request)
        # As the full path says: the page would differ with a session cookie.
        patch_vary_headers(response, ("Cookie",))
        return response

    def _lean_handler(self) -> Handler:
        """The chain of middleware after this one, without SESSION_MIDDLEWARE, built as
        Django's handler builds the full one."""
        names = list(settings.MIDDLEWARE)
        inner = names[names.index(f"{__name__}.{type(self).__name__}") + 1:]
        handler = convert_exception_to_response(self._view)
        for path in reversed(inner):
            if path in SESSION_MIDDLEWARE:
                continue
            try:
                middleware = import_string(path)(handler)
            except MiddlewareNotUsed:
                continue
            if hasattr(middleware, "process_exception") or hasattr(
                    middleware, "process_template_response"):
                raise ImproperlyConfigured(f"{path}: PublicPageMiddleware runs only "
                                           "process_request, process_view and process_response")
            if hasattr(middleware, "process_view"):
                self.view_hooks.insert(0, middleware.process_view)
            handler = convert_exception_to_response(middleware)
        return cast(Handler, handler)

    def _view(self, request: HttpRequest) -> HttpResponse:
        match = self.matches.get(request.path_info)
        if match is None:
            match = self.matches[request.path_info] = resolve(request.path_info)
        request.resolver_match = match
        for hook in self.view_hooks:
            response = hook(request, match.func, match.args, match.kwargs)
            if response is not None:
                return response
        return match.func(request, *match.args, **match.kwargs)  # type: ignore[no-any-return]


def _public_paths() -> list[str]:
    paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            paths += [reverse(name) for name in PUBLIC_PAGES]
    return paths


# Frames are kept per release and for a while only, so that a cache shared between processes
# or kept across a deployment never serves the page of an earlier release for long.
FRAME_VERSION = importlib.metadata.version("lantern")
FRAME_SECONDS = 3600
_DRAWN_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"\x00]')


def render_public(request: HttpRequest, template_name: str,
                  context: Callable[[], Mapping[str, Any]], holes: Mapping[str, str]
                  ) -> HttpResponse:
    """``render(request, template_name, {**context(), **holes})``; but for a visitor
    without a session (PublicPageMiddleware), the page around the holes is drawn once per
    template, language and address and kept in the cache, and only the holes are filled in.

    ``context()`` must therefore be the same for every such visitor of the page (it is
    called only to draw the page); whatever differs (a form's values, results, a CSRF token,
    a code, a CSP nonce if one is ever used) goes in ``holes``; a hole's value is escaped
    unless marked safe.
    """
    if not getattr(request, "without_session", False):
        return render(request, template_name, {**context(), **holes})
    key = (f"public-frame:{FRAME_VERSION}:{template_name}:{translation.get_language()}:"
           f"{request.path}")
    frame: list[str] | None = cache.get(key)
    if frame is None:
        frame = _draw_frame(request, template_name, context(), sorted(holes))
        cache.set(key, frame, timeout=FRAME_SECONDS)
    parts = list(frame)
    for i in range(1, len(parts), 2):
        parts[i] = conditional_escape(holes[parts[i]])
    return HttpResponse("".join(parts))


def _draw_frame(request: HttpRequest, template_name: str, context: Mapping[str, Any],
                names: list[str]) -> list[str]:
    """The page with a marker in place of each hole, split into [text, hole name, text, …]."""
    markers = {name: mark_safe(f"\x00{name}\x00") for name in names}  # noqa: S308
    page = render_to_string(template_name, {**context, **markers}, request)
    parts = re.split("\x00(" + "|".join(map(re.escape, names)) + ")\x00", page)
    if sorted(set(parts[1::2])) != names:
        raise ImproperlyConfigured(f"{template_name} does not show every hole of {names}")
    # A token drawn into the frame ({% csrf_token %} outside a hole) would be the first
    # visitor's, shown to everyone after them.
    if any(_DRAWN_TOKEN.search(text) for text in parts[::2]):
        raise ImproperlyConfigured(f"{template_name} draws a CSRF token outside a hole")
    return parts
