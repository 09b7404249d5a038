"""Content written in French with an optional English version, in `<field>` and `<field>_en`."""

from django.utils.translation import get_language


class LocalizedText(str):
    """A text with the language it is written in, when that differs from the page's language.

    Templates put `lang="{{ text.lang }}"` on the element holding it, so that a screen reader
    speaks a French fallback in French on an English page (RGAA criterion 8.7).
    """

    lang: str | None = None

    def __new__(cls, value: str, lang: str | None = None) -> "LocalizedText":
        text = super().__new__(cls, value)
        text.lang = lang
        return text


def localized(instance: object, field: str) -> LocalizedText:
    """The English version of `field` on English pages when there is one, else the French one."""
    language = (get_language() or "fr").split("-")[0]
    french = getattr(instance, field) or ""
    if language == "fr":
        return LocalizedText(french)
    translated = getattr(instance, f"{field}_{language}", "") or ""
    if translated:
        return LocalizedText(translated)
    return LocalizedText(french, lang="fr" if french else None)
