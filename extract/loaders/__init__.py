"""Loaders: one input file to one `Document`, chosen by what the bytes are, not by file name."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from extract.config import Config
from extract.document import Document
from extract.loaders.errors import LoadError
from extract.loaders.html_loader import load_html
from extract.loaders.pdf import load_pdf
from extract.loaders.text_loader import load_text
from extract.registry import Registry

LOADERS = Registry("loader")
LOADERS.register("text.v1")(load_text)
LOADERS.register("html.v1")(load_html)
LOADERS.register("pdf.v1")(load_pdf)

FORMAT_LOADERS = {"text": "text.v1", "html": "html.v1", "pdf": "pdf.v1"}
_HTML_SIGNATURE = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
SNIFF_BYTES = 4096
PDF_HEADER_WINDOW = 1024

__all__ = ["LOADERS", "LoadError", "load_file", "sniff_format"]


def sniff_format(data: bytes) -> str:
    """`pdf`, `html` or `text`, from the file's first bytes."""
    head = data[:SNIFF_BYTES].lstrip()
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:  # the PDF header may follow some junk bytes
        return "pdf"
    if _HTML_SIGNATURE.search(head):
        return "html"
    return "text"


def doc_id_of(data: bytes) -> str:
    """SPEC: sha256 hex of the file's bytes."""
    return hashlib.sha256(data).hexdigest()


def load_file(path: Path, source_path: str, config: Config) -> tuple[Document | None, str, str, LoadError | None]:
    """(document, doc_id, format, error): a document, or the error that kept it from loading."""
    data = path.read_bytes()
    doc_id = doc_id_of(data)
    fmt = sniff_format(data)
    loader_name = FORMAT_LOADERS.get(fmt)
    if loader_name is None:
        return None, doc_id, fmt, LoadError("unsupported_format", f"no loader for {fmt} files yet")
    try:
        return LOADERS.get(loader_name)(data, doc_id, source_path, config), doc_id, fmt, None
    except LoadError as exc:
        return None, doc_id, fmt, exc
