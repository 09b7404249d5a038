from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ouvert.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self) -> None:
        # Each app declares what it holds about a person in `personal_data.py` (export and erasure).
        autodiscover_modules("personal_data")
