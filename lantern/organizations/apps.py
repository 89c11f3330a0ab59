from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "lantern.organizations"
    label = "organizations"
