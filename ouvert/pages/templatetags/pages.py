from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


def _instance_facts() -> dict[str, str]:
    return {
        "publisher": settings.OUVERT_PUBLISHER,
        "contact_email": settings.OUVERT_CONTACT_EMAIL,
        "site_url": settings.OUVERT_SITE_URL,
        "hosting": settings.OUVERT_HOSTING
        or _("Installation locale de démonstration, qui n'est pas publiée sur Internet."),
    }


@register.filter
def instance_facts(text: str) -> str:
    """Replace `{{ publisher }}`, `{{ contact_email }}`, `{{ site_url }}` and `{{ hosting }}` in a page text.

    The legal pages are written once for every instance; what differs between instances comes
    from the settings, so that an operator cannot forget to change it.
    """
    for name, value in _instance_facts().items():
        text = text.replace("{{ " + name + " }}", value)
    return text
