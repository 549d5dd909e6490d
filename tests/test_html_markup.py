"""HTML pages in markup the loader was not written for still give their label/value pairs;
navigation, footers and cookie banners never do."""

from __future__ import annotations

import pytest

from extract.config import load_config
from extract.loaders.html_loader import load_html
from extract.pipeline import Pipeline

PIPELINE = Pipeline(load_config())
RESOURCES = PIPELINE.resources

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Orti di quartiere | Sito</title>
<link rel="canonical" href="https://example.org/processo/77"></head><body>
<nav><ul><li>Stato di avanzamento</li><li>In corso</li></ul></nav>
<main><h1>Orti di quartiere</h1>{body}</main>
<footer><p>Indirizzo</p><p>Viale Aldo Moro, 50 – 40127 Bologna</p></footer>
<div class="cookie-banner"><p>Codecisione</p><p>No</p></div>
</body></html>"""

VARIANTS = {
    "strong_colon": "<p><strong>Stato di avanzamento:</strong> Concluso</p><p><b>Codecisione:</b> Sì</p>"
    "<p><strong>Indirizzo:</strong> Via Roma 3, 44121 Ferrara</p>",
    "label_spans": '<ul><li><span class="label">Stato di avanzamento</span> <span>Concluso</span></li>'
    '<li><span class="label">Codecisione</span> <span>Sì</span></li>'
    '<li><span class="field-label">Indirizzo</span> <span>Via Roma 3, 44121 Ferrara</span></li></ul>',
    "headings": "<h3>Stato di avanzamento</h3><p>Concluso</p><h3>Codecisione</h3><p>Sì</p>"
    "<h3>Indirizzo</h3><p>Via Roma 3, 44121 Ferrara</p>",
    "table": "<table><tr><th>Stato di avanzamento</th><td>Concluso</td></tr><tr><th>Codecisione</th><td>Sì</td></tr>"
    "<tr><td>Indirizzo</td><td>Via Roma 3, 44121 Ferrara</td></tr></table>",
    "definition_list": "<dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Codecisione</dt><dd>Sì</dd>"
    "<dt>Indirizzo</dt><dd>Via Roma 3, 44121 Ferrara</dd></dl>",
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_unknown_markup_still_gives_the_fields(variant: str) -> None:
    page = PAGE.format(body=VARIANTS[variant]).encode()
    document = load_html(page, "id", "page.html", RESOURCES.config)
    document.doc_type = "scheda"
    found = {
        (mention.field, mention.value)
        for name in ("title.v1", "label_value.v1", "place.v1")
        for mention in PIPELINE.run_one(name, document)
    }
    assert {("title", "Orti di quartiere"), ("status", "concluso"), ("codecision", True), ("place", "Ferrara")} <= found
    assert ("place", "Bologna") not in found, "the footer's address is noise"
    assert ("status", "in_corso") not in found, "the navigation is noise"
    assert ("codecision", False) not in found, "the cookie banner is noise"
    assert document.source_url == "https://example.org/processo/77"
    for mention in (m for name in ("label_value.v1", "place.v1") for m in PIPELINE.run_one(name, document)):
        assert document.text[mention.start : mention.end] == mention.raw


def test_title_falls_back_to_the_title_tag_without_its_site_suffix() -> None:
    page = b"<html><head><title>Piazze aperte | Osservatorio</title></head><body><p>testo</p></body></html>"
    document = load_html(page, "id", "page.html", RESOURCES.config)
    assert [m.value for m in PIPELINE.run_one("title.v1", document)] == ["Piazze aperte"]


def test_declared_windows_1252_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><h1>Città più verde</h1></body></html>'
    document = load_html(page.encode("cp1252"), "id", "page.html", RESOURCES.config)
    assert "Città più verde" in document.text
