from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lantern.core"
    label = "core"

    def ready(self) -> None:
        # Read the keys at start-up so a malformed key stops the process here, not at the
        # first save of a case.
        from lantern.core import crypto

        crypto.keyring()
        crypto.index_key()
