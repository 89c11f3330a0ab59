from django.apps import AppConfig


class StandardConfig(AppConfig):
    name = "lantern.standard"
    label = "standard"
