from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "lantern.directory"
    label = "directory"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from lantern.directory.index import on_directory_write
        from lantern.directory.models import Provider, Site
        from lantern.organizations.models import Organization

        # Whatever writes them (directory actions, organization actions, the shell), the
        # in-memory copy of the public directory must follow.
        for model in (Provider, Site, Organization):
            post_save.connect(on_directory_write, sender=model,
                              dispatch_uid=f"directory-index-{model.__name__}")
            post_delete.connect(on_directory_write, sender=model,
                                dispatch_uid=f"directory-index-{model.__name__}")
