"""The stored frames of the public pages (``render_public``) never hold what belongs to one
visitor."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings

from lantern.core.middleware import render_public

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
        "token_in_hole.html": "<form>{% csrf_token %}</form><p>{{ code }}</p>",
        "token_in_frame.html": "<form>{% csrf_token %}</form><p>{{ code }}</p>",
    })]},
}]


def _visitor(path: str):
    request = RequestFactory().get(path)
    request.without_session = True  # as PublicPageMiddleware marks it
    return request


@override_settings(TEMPLATES=TEMPLATES)
def test_a_token_given_as_a_hole_is_each_visitor_s_own():
    pages = []
    for _ in range(2):
        request = _visitor("/en/frame-test-hole/")
        token = get_token(request)
        page = render_public(request, "token_in_hole.html", dict,
                             holes={"csrf_token": token, "code": "A"}).content.decode()
        assert token in page
        pages.append(page)
    assert pages[0] != pages[1]


@override_settings(TEMPLATES=TEMPLATES)
def test_a_token_drawn_into_the_frame_is_refused():
    # {% csrf_token %} reads the token from the request when it is not a hole: the frame
    # would show the first visitor's token to everyone after them.
    request = _visitor("/en/frame-test-frame/")
    get_token(request)
    with pytest.raises(ImproperlyConfigured, match="CSRF token outside a hole"):
        render_public(request, "token_in_frame.html", dict, holes={"code": "A"})
