from django.urls import path

from lantern.intelligence import views

app_name = "intelligence"
urlpatterns = [
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<str:reference>/", views.alert_detail, name="alert"),
    path("alerts/<str:reference>/reveal/", views.alert_reveal, name="reveal"),
    path("alerts/<str:reference>/status/", views.alert_status, name="status"),
    path("alerts/<str:reference>/network/", views.alert_network, name="alert_network"),
    path("network/", views.network_view, name="network"),
    path("cases/<str:reference>/identifiers/", views.case_identifiers, name="identifiers"),
]
