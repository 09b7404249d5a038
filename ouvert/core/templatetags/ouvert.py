from django import template
from django.utils.safestring import SafeString

from ouvert.core.markdown import render_markdown
from ouvert.core.translation import LocalizedText, localized

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """`{{ page.body|markdown }}`: Markdown rendered to sanitized HTML."""
    return render_markdown(text or "")


@register.filter(name="tr")
def translated(instance: object, field: str) -> LocalizedText:
    """`{{ plan|tr:"title" }}`: the field in the page's language, or its French version."""
    return localized(instance, field)


@register.simple_tag
def lang_attr(text: object) -> SafeString:
    """` lang="fr"` when `text` is a French fallback on a page in another language."""
    lang = getattr(text, "lang", None)
    return SafeString(f' lang="{lang}"') if lang in {"fr", "en"} else SafeString("")


@register.inclusion_tag("core/includes/breadcrumb.html")
def breadcrumb(current: str, *links: str) -> dict:
    """`{% breadcrumb "Current page" url1 "Parent 1" url2 "Parent 2" %}`, home first, implied."""
    return {"current": current, "links": list(zip(links[::2], links[1::2], strict=True))}
