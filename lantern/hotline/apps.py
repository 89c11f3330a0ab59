from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "lantern.hotline"
    label = "hotline"
