from django.urls import path

from lantern.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("<slug:code>/active/", views.organization_active, name="active"),
]
