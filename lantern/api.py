"""The JSON API: one NinjaAPI with a router per app; OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from lantern.cases.api import router as cases_router
from lantern.standard.api import router as standard_router

# docs_url=None: the interactive docs page loads scripts from a CDN, which the CSP forbids.
api = NinjaAPI(
    title="Lantern API",
    version="1",
    description="Canada's national anti-human-trafficking information system",
    auth=django_auth,
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/standard", standard_router)
api.add_router("/cases", cases_router)
