from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from ouvert.core.navigation import main_navigation


def site(request: HttpRequest) -> dict:
    """What the site shell needs on every page: navigation, language links, the platform's name."""
    path = request.get_full_path()
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return {
        "main_navigation": main_navigation(request),
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
        "OUVERT_SITE_NAME": settings.OUVERT_SITE_NAME,
        "OUVERT_SOURCE_URL": settings.OUVERT_SOURCE_URL,
    }
