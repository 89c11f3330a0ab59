from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "lantern.submissions"
    label = "submissions"
