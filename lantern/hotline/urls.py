from django.urls import path

from lantern.hotline import views

app_name = "hotline"
urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/follow-up/", views.follow_up, name="follow_up"),
    path("hotline/", views.contact_list, name="contacts"),
    path("hotline/contacts/new/", views.contact_create, name="contact_create"),
    path("hotline/contacts/<str:reference>/", views.contact_detail, name="contact"),
    path("hotline/contacts/<str:reference>/reveal/", views.contact_reveal, name="contact_reveal"),
    path("hotline/contacts/<str:reference>/screening/", views.screening, name="screening"),
    path("hotline/contacts/<str:reference>/link/", views.contact_link, name="contact_link"),
    path("hotline/contacts/<str:reference>/open-case/", views.contact_open_case,
         name="contact_open_case"),
    path("hotline/tips/", views.tip_list, name="tips"),
    path("hotline/tips/<uuid:tip_id>/", views.tip_detail, name="tip"),
]
