from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "duban.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from duban.core.db import sqlite_tune

        connection_created.connect(sqlite_tune, dispatch_uid="duban.core.sqlite_tune")
