from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "lantern.statistics"
    label = "statistics"
