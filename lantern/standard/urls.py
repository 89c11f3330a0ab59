from django.urls import path

from lantern.standard import views

app_name = "standard"
urlpatterns = [
    path("", views.vocabulary_index, name="index"),
    path("<slug:name>/", views.vocabulary_detail, name="vocabulary"),
]
