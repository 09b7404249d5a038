from html.parser import HTMLParser

import pytest

from ouvert.core.markdown import markdown_to_text, render_markdown


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.hrefs = set(), set(), []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        self.hrefs += [value for name, value in attrs if name == "href"]


def _elements(html):
    collector = _Collector()
    collector.feed(html)
    return collector.tags, collector.attributes


def _hrefs(html):
    collector = _Collector()
    collector.feed(html)
    return collector.hrefs


def test_markdown_renders_the_usual_formatting():
    html = render_markdown(
        "## Titre\n\nDu **gras**, de l'*italique* et [un lien](https://exemple.fr)."
    )
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html
    assert "<em>italique</em>" in html
    assert 'href="https://exemple.fr"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_a_top_level_heading_becomes_h2_because_the_page_title_is_the_only_h1():
    assert render_markdown("# Titre") == "<h2>Titre</h2>\n"


def test_tables_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html
    assert "<td>2</td>" in html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        '<a href="https://exemple.fr" onclick="alert(1)">lien</a>',
        "![image externe](https://traceur.exemple/pixel.png)",
        "<iframe src='https://exemple.fr'></iframe>",
        '<p style="position:fixed">recouvre</p>',
    ],
)
def test_nothing_executable_or_tracking_survives(attack):
    tags, attributes = _elements(render_markdown(attack))
    assert not tags & {"script", "img", "iframe"}
    assert not attributes & {"onerror", "onclick", "style", "src"}
    assert "javascript:" not in " ".join(_hrefs(render_markdown(attack)))


def test_raw_html_is_shown_as_text_not_interpreted():
    assert "&lt;b&gt;" in render_markdown("<b>pas du gras</b>")


def test_plain_text_of_markdown():
    assert (
        markdown_to_text("## Titre\n\nDu **gras** & des *accents* é")
        == "Titre\nDu gras & des accents é"
    )
