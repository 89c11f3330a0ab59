from django.urls import path

from lantern.disclosures import views

app_name = "disclosures"
urlpatterns = [
    path("", views.disclosure_list, name="list"),
    path("new/<str:reference>/", views.disclosure_create, name="create"),
    path("<str:reference>/", views.disclosure_detail, name="detail"),
    path("<str:reference>/reveal/", views.disclosure_reveal, name="reveal"),
]
