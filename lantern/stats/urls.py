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
    # Public: no account.
    path("dashboard/", views.public_dashboard, name="dashboard"),
    path("dashboard/tables/", views.public_tables, name="public_tables"),
    path("dashboard/<uuid:release_id>/charts/<slug:name>.svg", views.public_chart,
         name="chart"),
]
urlpatterns += [
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/<uuid:release_id>/datapackage.json", views.open_data_package,
         name="open_data_package"),
    path("open-data/<uuid:release_id>/<slug:key>.csv", views.open_data_table,
         name="open_data_table"),
    path("open-data/<uuid:release_id>/package.zip", views.open_data_archive,
         name="open_data_archive"),
    path("fast-facts/<uuid:release_id>.pdf", views.fast_facts, name="fast_facts"),
]
