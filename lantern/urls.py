from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from lantern.api import api
from lantern.core import views as core_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("lantern.core.urls")),
    path("accounts/", include("lantern.accounts.urls")),
    path("audit/", include("lantern.audit.urls")),
    path("organizations/", include("lantern.organizations.urls")),
    path("standard/", include("lantern.standard.urls")),
    path("cases/", include("lantern.cases.urls")),
    path("", include("lantern.directory.urls")),
    path("", include("lantern.hotline.urls")),
    path("referrals/", include("lantern.referrals.urls")),
    path("disclosures/", include("lantern.disclosures.urls")),
    path("submissions/", include("lantern.submissions.urls")),
    path("linkage/", include("lantern.linkage.urls")),
    path("statistics/", include("lantern.stats.urls")),
    path("intelligence/", include("lantern.intelligence.urls")),
    prefix_default_language=True,
)

handler403 = "lantern.core.views.forbidden"
handler404 = "lantern.core.views.not_found"
handler500 = "lantern.core.views.server_error"
