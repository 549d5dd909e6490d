"""Saved HTML pages: a real parser (selectolax/lexbor), noise dropped, field markup read.

The page is serialised to text block by block; every label/value pair found in known
field markup is recorded with offsets into that text. Markup we do not know falls back
to the text loader's label lines over the same serialised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract.config import Config
from extract.document import Document, LabelledField
from extract.loaders.decode import decode_bytes
from extract.loaders.labels import segment_labelled_text
from extract.text import collapse_whitespace, fold, normalise_document_text

_CLOSING_HTML = re.compile(rb"</html\s*>\s*(?:<!--.*?-->\s*)*$", re.IGNORECASE | re.DOTALL)
_STARTS_AS_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
SNIFF_BYTES = 2048


def _end_before_blanks(text: str) -> int:
    """Where `text` ends without its trailing spaces and newlines (no copy of the text)."""
    end = len(text)
    while end and text[end - 1] in " \n":
        end -= 1
    return end


@dataclass
class _TextBuilder:
    """Accumulates serialised text and knows where each piece starts."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    pending_space: bool = False

    def _append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def _last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else "\n"

    def inline(self, raw: str) -> tuple[int, int] | None:
        """Add inline text with HTML whitespace rules; return the span of the visible part."""
        collapsed = collapse_whitespace(raw)
        if not collapsed:
            self.pending_space = self.pending_space or bool(raw)
            return None
        if (self.pending_space or raw[:1].isspace()) and self._last_char() not in "\n ":
            self._append(" ")
        start = self.length
        self._append(collapsed)
        self.pending_space = raw[-1:].isspace()
        return start, self.length

    def newline(self) -> None:
        self.pending_space = False
        if self._last_char() != "\n":
            self._append("\n")

    def blank_line(self) -> None:
        self.newline()
        if not "".join(self.parts[-2:]).endswith("\n\n"):
            self._append("\n")

    def text(self) -> str:
        """The text so far; parts are merged as they are read, so repeated calls stay linear."""
        joined = "".join(self.parts)
        self.parts = [joined] if joined else []
        return joined


@dataclass
class _Serialiser:
    """Walks the content root once, writing text and recording fields and the title."""

    config: Config
    builder: _TextBuilder = field(default_factory=_TextBuilder)
    fields: list[LabelledField] = field(default_factory=list)
    title_span: tuple[int, int] | None = None

    root: LexborNode | None = None

    def __post_init__(self) -> None:
        self.block_tags = set(self.config.html["block_tags"])
        self.markups = self.config.html["field_markup"]
        # selectolax's css_matches looks at the whole subtree, so "this node matches" is
        # answered from the set of matching nodes, computed once per page.
        self._containers: list[set[int]] = []
        self._items: list[set[int]] = []
        for markup in self.markups:
            found = self.root.css(markup["container"]) if self.root is not None else []
            self._containers.append({node.mem_id for node in found})
            items = self.root.css(markup["item"]) if self.root is not None else []
            self._items.append({node.mem_id for node in items})
        self._label_like = {
            node.mem_id
            for selector in self.config.html["label_like"]
            for node in (self.root.css(selector) if self.root is not None else [])
        }

    def _markup_for(self, node: LexborNode) -> int | None:
        for index, markup in enumerate(self.markups):
            if node.mem_id in self._containers[index] and node.css_first(markup["label"]) is not None:
                return index
        return None

    def _walk_children(self, node: LexborNode) -> tuple[int, int] | None:
        """Write a node's content; return the span of what it wrote, without surrounding blanks."""
        start = self.builder.length
        for child in node.iter(include_text=True):
            self.walk(child)
        text = self.builder.text()
        while start < len(text) and text[start] in " \n":
            start += 1
        end = _end_before_blanks(text)
        return (start, end) if end > start else None

    def _label(self, node: LexborNode) -> tuple[str, tuple[int, int] | None]:
        """Write a label on a line of its own; return its text and span."""
        label = collapse_whitespace(node.text(deep=True)).rstrip(":").strip()
        self.builder.blank_line()
        span = self.builder.inline(label)
        self.builder.newline()
        return label, span

    def _record(self, label: str, label_span: tuple[int, int], value_start: int) -> None:
        """Record the field whose value was written from `value_start` on, then end its block."""
        text = self.builder.text()
        value_end = max(value_start, _end_before_blanks(text))
        while value_start < value_end and text[value_start] in " \n":
            value_start += 1
        self.fields.append(
            LabelledField(
                label=label,
                key=spec.key if (spec := self.config.labels.match(label)) else fold(label),
                label_start=label_span[0],
                label_end=label_span[1],
                value=text[value_start:value_end],
                value_start=value_start,
                value_end=value_end,
            )
        )
        self.builder.blank_line()

    def _field(self, node: LexborNode, index: int) -> None:
        """A field of known markup: its label element and every item element of the field."""
        markup = self.markups[index]
        label, label_span = self._label(node.css_first(markup["label"]))
        value_start = self.builder.length
        for item in node.css(markup["item"]):
            if not self._inside_other_item(item, node, self._items[index]):
                self.builder.newline()
                self._walk_children(item)
        if label_span is not None:
            self._record(label, label_span, value_start)

    @staticmethod
    def _inside_other_item(item: LexborNode, container: LexborNode, item_ids: set[int]) -> bool:
        """True for an item nested in another item of the same field (counted once, by its parent)."""
        parent = item.parent
        while parent is not None and parent.mem_id != container.mem_id:
            if parent.mem_id in item_ids:
                return True
            parent = parent.parent
        return False

    def _pair(self, label_node: LexborNode, value_node: LexborNode) -> None:
        """A label element and the element holding its value (`dt`/`dd`, `th`/`td`)."""
        label, label_span = self._label(label_node)
        value_start = self.builder.length
        self._walk_children(value_node)
        if label_span is not None:
            self._record(label, label_span, value_start)

    def _definition_list(self, node: LexborNode) -> None:
        """`<dt>label</dt><dd>value</dd>` pairs."""
        label_node: LexborNode | None = None
        for child in node.iter():
            if child.tag == "dt":
                label_node = child
            elif child.tag == "dd" and label_node is not None:
                self._pair(label_node, child)
                label_node = None
            else:
                self.walk(child)
        self.builder.blank_line()

    def _table_row(self, row: LexborNode) -> bool:
        """A two-cell row (`th`+`td` or `td`+`td`) with a label in its first cell is a label/value pair."""
        cells = [cell for cell in row.iter() if cell.tag in ("th", "td")]
        if len(cells) != 2 or not collapse_whitespace(cells[0].text(deep=True)).strip(" :"):
            return False
        self._pair(cells[0], cells[1])
        return True

    def walk(self, node: LexborNode) -> None:
        tag = node.tag
        if tag == "-text":
            self.builder.inline(node.text(deep=False) or "")
            return
        if tag in ("-comment", None) or not node.is_element_node:
            return
        markup_index = self._markup_for(node)
        if markup_index is not None:
            self._field(node, markup_index)
            return
        if tag == "dl":
            self._definition_list(node)
            return
        if tag == "tr" and self._table_row(node):
            return
        block = tag in self.block_tags
        if block:
            self.builder.newline()
        if tag == "h1" and self.title_span is None:
            self.title_span = self._walk_children(node)
        else:
            for child in node.iter(include_text=True):
                self.walk(child)
        if block or node.mem_id in self._label_like:
            self.builder.newline()


def _declared_charset(data: bytes, config: Config) -> str | None:
    match = re.search(config.html["charset_meta"].encode(), data[:SNIFF_BYTES], re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


def looks_truncated(data: bytes) -> bool:
    """A page that starts as an HTML document but never closes `</html>` was cut short."""
    return bool(_STARTS_AS_HTML.match(data)) and not _CLOSING_HTML.search(data[-SNIFF_BYTES:].rstrip())


def _first_attribute(tree: LexborHTMLParser, selectors: list[list[str]]) -> str | None:
    for selector, attribute in selectors:
        node = tree.css_first(selector)
        value = (node.attributes.get(attribute) or "").strip() if node is not None else ""
        if value.startswith(("http://", "https://")):
            return value
    return None


def _fallback_title(tree: LexborHTMLParser, config: Config) -> str | None:
    """og:title, then <title> without its site suffix, when the page has no <h1>."""
    og = tree.css_first("meta[property='og:title']")
    if og is not None and (og.attributes.get("content") or "").strip():
        return collapse_whitespace(og.attributes["content"])
    node = tree.css_first("title")
    if node is None:
        return None
    title = collapse_whitespace(node.text())
    for separator in config.html["title_suffix_separators"]:
        if separator in title:
            title = title.rsplit(separator, 1)[0]
            break
    return title or None


def load_html(data: bytes, doc_id: str, source_path: str, config: Config) -> Document:
    """Parse, drop noise, serialise the content root and collect its label/value fields."""
    decoded, _encoding = decode_bytes(data, declared=_declared_charset(data, config))
    tree = LexborHTMLParser(normalise_document_text(decoded))
    source_url = _first_attribute(tree, config.html["url"])
    fallback_title = _fallback_title(tree, config)
    for selector in config.html["noise"]:
        for node in tree.css(selector):
            node.decompose()
    root = next((node for sel in config.html["content_roots"] if (node := tree.css_first(sel))), None)
    serialiser = _Serialiser(config, root=root)
    if root is not None:
        serialiser.walk(root)
    title_span = serialiser.title_span
    text = serialiser.builder.text()
    if title_span is None and fallback_title:
        prefix = fallback_title + "\n\n"
        shift = len(prefix)
        text = prefix + text
        title_span = (0, len(fallback_title))
        serialiser.fields = [_shifted(item, shift) for item in serialiser.fields]
    fields = _with_label_lines(text, serialiser.fields, config)
    document = Document(
        doc_id=doc_id,
        source_path=source_path,
        format="html",
        text=text,
        fields=fields,
        title_span=title_span,
        source_url=source_url,
    )
    if looks_truncated(data):
        document.warnings.append(("truncated_html", "the page ends before </html>: it was cut short"))
    return document


def _shifted(item: LabelledField, shift: int) -> LabelledField:
    return LabelledField(
        label=item.label,
        key=item.key,
        label_start=item.label_start + shift,
        label_end=item.label_end + shift,
        value=item.value,
        value_start=item.value_start + shift,
        value_end=item.value_end + shift,
    )


def _with_label_lines(text: str, markup_fields: list[LabelledField], config: Config) -> list[LabelledField]:
    """Markup fields, plus known label lines found in the text outside them (inline `Label: value`)."""
    covered = [(item.label_start, max(item.value_end, item.label_end)) for item in markup_fields]
    extra = [
        item
        for item in segment_labelled_text(text, config.labels)
        if not any(start <= item.label_start <= end for start, end in covered)
    ]
    if not markup_fields:
        return extra
    if not extra:
        return markup_fields
    return sorted(markup_fields + _outside_markup(extra, markup_fields), key=lambda item: item.label_start)


def _outside_markup(extra: list[LabelledField], markup_fields: list[LabelledField]) -> list[LabelledField]:
    """Text-found fields whose value stops before the next markup field (the markup is trusted more)."""
    starts = sorted(item.label_start for item in markup_fields)
    kept = []
    for item in extra:
        limit = next((start for start in starts if start > item.label_start), None)
        if limit is None or item.value_end <= limit:
            kept.append(item)
    return kept
