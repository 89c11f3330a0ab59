from django.urls import path

from lantern.accounts import user_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("password/", views.password_change, name="password"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user_create"),
    path("users/<uuid:public_id>/", user_views.user_detail, name="user_detail"),
    path("users/<uuid:public_id>/active/", user_views.user_active, name="user_active"),
    path("users/<uuid:public_id>/reset-second-factor/", user_views.user_reset_second_factor,
         name="user_reset_second_factor"),
]
