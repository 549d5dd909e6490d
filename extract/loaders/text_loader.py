"""Plain-text documents (scheda pages converted to text, cards and articles as text)."""

from __future__ import annotations

from extract.config import Config
from extract.document import Document
from extract.loaders.decode import decode_bytes
from extract.loaders.labels import segment_labelled_text
from extract.text import normalise_document_text


def load_text(data: bytes, doc_id: str, source_path: str, config: Config) -> Document:
    """Decode, normalise and find the labelled fields of a text file."""
    decoded, _encoding = decode_bytes(data)
    text = normalise_document_text(decoded)
    return Document(
        doc_id=doc_id,
        source_path=source_path,
        format="text",
        text=text,
        fields=segment_labelled_text(text, config.labels),
    )
