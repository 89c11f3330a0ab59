from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "lantern.disclosures"
    label = "disclosures"
