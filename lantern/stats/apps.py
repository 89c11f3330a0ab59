from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    # Not ``lantern.statistics``: run from inside ``lantern/`` (as makemessages is), that
    # package would hide Python's own ``statistics`` module. The label keeps the tables'
    # and pages' names.
    name = "lantern.stats"
    label = "statistics"
