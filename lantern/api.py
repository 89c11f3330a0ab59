"""The JSON API: one NinjaAPI with a router per app; OpenAPI at /api/v1/openapi.json."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from lantern.cases.api import router as cases_router
from lantern.standard.api import router as standard_router
from lantern.stats.api import router as statistics_router
from lantern.submissions.api import router as submissions_router

# docs_url=None: the interactive docs page loads scripts from a CDN, which the CSP forbids.
api = NinjaAPI(
    title="Lantern API",
    version="1",
    description="Canada's national anti-human-trafficking information system",
    auth=django_auth,
    docs_url=None,
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "forbidden"}, status=403)


api.add_router("/standard", standard_router)
api.add_router("/cases", cases_router)
api.add_router("/submissions", submissions_router)
api.add_router("/statistics", statistics_router)
