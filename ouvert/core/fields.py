"""Model fields shared by the apps."""

from django import forms
from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose forms complete an address typed without scheme with https://, not http://."""

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": forms.URLField, "assume_scheme": "https", **kwargs}
        )
