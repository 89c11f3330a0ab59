from django.urls import path

from lantern.stats import views

app_name = "statistics"
urlpatterns = [
    path("", views.home, name="home"),
    path("releases/", views.start, name="start"),
    path("releases/<uuid:release_id>/", views.release_detail, name="release"),
    path("releases/<uuid:release_id>/progress/", views.release_progress, name="progress"),
    path("releases/<uuid:release_id>/preview/", views.preview, name="preview"),
    path("releases/<uuid:release_id>/approve/", views.approve, name="approve"),
    path("releases/<uuid:release_id>/publish/", views.publish, name="publish"),
    path("sources/", views.sources, name="sources"),
]
