from django.urls import path

from lantern.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/edit/", views.case_edit, name="edit"),
    path("<str:reference>/narrative/", views.case_narrative, name="narrative"),
    path("<str:reference>/people/new/", views.person_create, name="person_create"),
    path("<str:reference>/people/<str:pseudonym>/edit/", views.person_edit, name="person_edit"),
    path("<str:reference>/people/<str:pseudonym>/identity/", views.person_identity,
         name="person_identity"),
    path("<str:reference>/people/<str:pseudonym>/identity/edit/", views.person_identity_edit,
         name="person_identity_edit"),
    path("<str:reference>/people/<str:pseudonym>/consents/new/", views.consent_create,
         name="consent_create"),
    path("<str:reference>/people/<str:pseudonym>/permits/new/", views.permit_create,
         name="permit_create"),
    path("<str:reference>/consents/<str:consent_id>/withdraw/", views.consent_withdraw,
         name="consent_withdraw"),
    path("<str:reference>/incidents/new/", views.incident_create, name="incident_create"),
    path("<str:reference>/charges/new/", views.charge_create, name="charge_create"),
]
