from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ouvert.core"
    label = "core"
    verbose_name = _("Socle")

    def ready(self) -> None:
        # Each app declares its public datasets in `datasets.py`; importing those modules here fills
        # the open-data registry once, as the admin discovers `admin.py` modules.
        autodiscover_modules("datasets")
        # Apps declare their periodic jobs in their tasks.py; the tick chain starts after `migrate`.
        autodiscover_modules("tasks")
        post_migrate.connect(_start_periodic_jobs, sender=self)


def _start_periodic_jobs(sender, **kwargs) -> None:
    from ouvert.core.periodic import schedule_tick

    schedule_tick()
