from django.urls import path

from lantern.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.home, name="home"),
    path("runs/", views.start, name="start"),
    path("runs/<uuid:run_id>/", views.run_detail, name="run"),
    path("runs/<uuid:run_id>/progress/", views.run_progress, name="progress"),
    path("review/", views.review, name="review"),
    path("review/<int:pair_id>/", views.pair, name="pair"),
]
