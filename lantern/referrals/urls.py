from django.urls import path

from lantern.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("measures/", views.measures, name="measures"),
    path("unmet-need/", views.unmet_need, name="unmet_need"),
    path("new/<str:reference>/<str:pseudonym>/", views.referral_create, name="create"),
    path("<str:reference>/", views.referral_detail, name="detail"),
    path("<str:reference>/summary/", views.referral_summary, name="summary"),
    path("<str:reference>/<str:step>/", views.referral_step, name="step"),
]
