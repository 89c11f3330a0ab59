from django.urls import path

from lantern.directory import views

app_name = "directory"
urlpatterns = [
    path("find-help/", views.find_help, name="find_help"),
    path("directory/entry/", views.entry, name="entry"),
    path("directory/entry/new/", views.entry_create, name="entry_create"),
    path("directory/entry/capacity/", views.capacity, name="capacity"),
    path("directory/entry/verify/", views.verify, name="verify"),
    path("directory/entry/sites/new/", views.site_form, name="site_create"),
    path("directory/entry/sites/<uuid:site_id>/", views.site_form, name="site_edit"),
    path("directory/entry/sites/<uuid:site_id>/remove/", views.site_remove, name="site_remove"),
]
