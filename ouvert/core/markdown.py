"""Rich text written by people is stored as Markdown and rendered through a sanitizer.

Markdown-it renders CommonMark (raw HTML disabled), then nh3 keeps only an allow-list of tags and
attributes, so no script, style, event handler or foreign image can reach a page, whatever was typed.
"""

import html

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_renderer = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)


def _demote_top_headings(tokens) -> None:
    # The page title is the only <h1>; a "# heading" in a text becomes an <h2>.
    for token in tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitized HTML, safe to insert in a template."""
    if not text:
        return mark_safe("")
    tokens = _renderer.parse(text)
    _demote_top_headings(tokens)
    html = _renderer.renderer.render(tokens, _renderer.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitized by nh3 just above


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown source, for summaries and exports."""
    return html.unescape(nh3.clean(str(render_markdown(text)), tags=set())).strip()
