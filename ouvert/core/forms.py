"""Form helpers shared by the apps.

Forms that edit a record are plain forms whose fields come from the model (`model_fields`): a
ModelForm would change the instance while validating, before the service could snapshot it for the
history. The service validates again and its errors come back to the form (`add_service_errors`).
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date and time picker (`<input type="datetime-local">`)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def model_fields(
    model: type[models.Model], names: list[str], **overrides
) -> dict[str, forms.Field]:
    """Form fields for `names` of `model`, as a ModelForm would build them."""
    fields = forms.fields_for_model(model, fields=names)
    fields.update(overrides)
    return {name: fields[name] for name in names if fields.get(name) is not None}


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's validation errors on the form: on their field if it has one, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        if field == NON_FIELD_ERRORS:
            target = None
        for message in messages:
            form.add_error(target, message)
