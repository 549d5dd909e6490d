"""Issue 5 benchmark: milliseconds per page of the PDF backends, in one run, on the cards, the
printed schede and the third-party PDFs of `../shared/corpus/pdf/`, with the cards' F1 for each backend.

- `pdfium` (the default): the PDF loader a run uses: pypdfium2 characters -> words, our layout
  (reading order, typography, furniture) with the label vocabulary, then the labelled fields;
- `pdfplumber`: the same loader on pdfplumber's words;
- `pdfplumber extract_text`: plain `page.extract_text()`, the peer: what a user would call first
  (it interleaves columns, so it gives no usable card).

Each backend reads in-process here (no child process), so the figures are parsing and layout
alone. Run: `make bench` or `.venv/bin/python -m bench.pdf`.
"""

from __future__ import annotations

import io
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber

from extract.config import load_config
from extract.evaluate import find_gold, load_output, score
from extract.loaders.errors import LoadError
from extract.loaders.pdf import load_pdf
from extract.pipeline import Pipeline
from extract.runner import run

REPO = Path(__file__).resolve().parent.parent
PDF_CORPUS = REPO.parent / "shared" / "corpus" / "pdf"
SETS = {"cards": PDF_CORPUS / "cards", "schede": PDF_CORPUS / "schede", "thirdparty": PDF_CORPUS / "thirdparty"}
MAX_PAGES = 300
CONFIG = load_config()


def _ours(backend: str, data: bytes) -> int:
    """The PDF loader as a run uses it: parse, lay out with the label vocabulary, find the fields."""
    return load_pdf(data, "bench", "bench.pdf", CONFIG, backend).n_pages or 0


def _plain(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:MAX_PAGES]:
            page.extract_text()
        return min(len(pdf.pages), MAX_PAGES)


def _ms_per_page(files: list[Path], read) -> tuple[float, int]:
    pages = 0
    started = time.perf_counter()
    for path in files:
        try:
            pages += read(path.read_bytes())
        except (LoadError, Exception):  # an unreadable file costs its time, reads no page
            continue
    elapsed = time.perf_counter() - started
    return (elapsed * 1000 / pages if pages else float("nan")), pages


def _card_f1(backend: str) -> float:
    config = load_config()
    settings = {**config.pipeline, "pdf": {**config.pipeline["pdf"], "backend": backend}}
    pipeline = Pipeline(replace(config, pipeline=settings))
    with tempfile.TemporaryDirectory() as scratch:
        run([SETS["cards"]], Path(scratch), pipeline=pipeline, progress=False)
        return score(find_gold([SETS["cards"]]), load_output(Path(scratch))).micro().f1


def main() -> None:
    readers = {
        "pdfium + layout (default)": lambda data: _ours("pdfium", data),
        "pdfplumber + layout": lambda data: _ours("pdfplumber", data),
        "pdfplumber extract_text (peer)": _plain,
    }
    for label, folder in SETS.items():
        files = sorted(folder.glob("*.pdf"))
        print(f"{label}: {len(files)} files")
        results = {name: _ms_per_page(files, read) for name, read in readers.items()}
        peer = results["pdfplumber extract_text (peer)"][0]
        for name, (ms, pages) in results.items():
            print(f"  {name:31s} {ms:7.1f} ms/page over {pages} pages  ({ms / peer:.2f}x the peer's time)")
    for backend in ("pdfium", "pdfplumber"):
        print(f"cards micro-F1 with {backend}: {_card_f1(backend):.3f}")


if __name__ == "__main__":
    main()
