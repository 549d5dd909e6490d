"""PDF documents: positioned words from a backend, laid out in reading order, then the same label
segmentation as text documents, so that one set of extractors reads every format.

The backend runs in a child process under the time and memory limits of `schemas/pipeline.json`
(`pdf`), so that an encrypted, malformed, scanned or pathological file becomes one `errors` row.
"""

from __future__ import annotations

from extract.config import Config
from extract.document import Document
from extract.loaders.errors import LoadError
from extract.loaders.labels import segment_labelled_text
from extract.loaders.limits import run_limited
from extract.loaders.pdf.backends import BACKENDS, Page
from extract.loaders.pdf.layout import Labels, lay_out
from extract.text import fold, normalise_document_text


def read_pages(data: bytes, config: Config, backend: str | None = None) -> list[Page]:
    """The pages of a PDF as positioned words, read by the configured backend within its limits."""
    settings = config.pipeline["pdf"]
    name = backend or settings["backend"]
    if name not in BACKENDS:
        raise ValueError(f"unknown PDF backend {name!r}; valid: {', '.join(sorted(BACKENDS))}")
    return run_limited(
        BACKENDS[name], (data, settings["max_pages"] + 1), settings["time_limit_s"], settings["memory_limit_mb"]
    )


def load_pdf(data: bytes, doc_id: str, source_path: str, config: Config, backend: str | None = None) -> Document:
    pages = read_pages(data, config, backend)
    if not pages:
        raise LoadError("empty_pdf", "the PDF has no pages")
    if not any(page.words for page in pages):
        raise LoadError("no_text_layer", "no text layer — scanned pages are not supported (OCR)")
    warnings = []
    limit = config.pipeline["pdf"]["max_pages"]
    if len(pages) > limit:
        pages = pages[:limit]
        warnings.append(("too_many_pages", f"only the first {limit} pages were read"))
    words = Labels(config.labels, fold, config.values["line_continues_after"]["words"], config.labels.match)
    laid_out = lay_out(pages, words)
    text = normalise_document_text(laid_out.text)
    if len(text) != len(laid_out.text):
        raise AssertionError("text normalisation changed the length of a PDF's text; the boxes would shift")
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        format="pdf",
        text=text,
        fields=segment_labelled_text(
            text, config.labels, styled_labels=set(laid_out.label_starts), hints=set(laid_out.hint_starts)
        ),
        n_pages=len(pages),
        warnings=warnings,
        boxes=laid_out.boxes,
        title_span=laid_out.title,
        source_url=laid_out.source_url,
    )
