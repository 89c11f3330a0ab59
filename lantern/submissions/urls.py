from django.urls import path

from lantern.submissions import views

app_name = "submissions"
urlpatterns = [
    path("", views.submission_list, name="list"),
    path("tokens/", views.tokens, name="tokens"),
    path("quality/", views.data_quality, name="quality"),
    path("mappings/<slug:entity>/", views.mapping_edit, name="mapping"),
    path("tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("templates/<slug:entity>.csv", views.template, name="template"),
    path("<uuid:submission_id>/", views.submission_detail, name="detail"),
    path("<uuid:submission_id>/resume/", views.submission_resume, name="resume"),
    path("<uuid:submission_id>/progress.json", views.submission_progress, name="progress"),
    path("<uuid:submission_id>/errors.csv", views.error_report, name="errors"),
    path("<uuid:submission_id>/rejected.csv", views.rejected_rows, name="rejected"),
]
