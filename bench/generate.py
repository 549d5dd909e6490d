"""Generate N scheda pages as text by varying the project's own fictitious samples.

Templates are the text schede of `data/raw/schede` and `tests/fixtures/unseen_schede`
(written for this project, never the shared corpus). Each generated page keeps a
template's labels and values, gets its free-text fields refilled with sentences drawn
from all our own fictitious documents until it reaches about `--size` bytes (seed 001, the
reference scheda of the issue, is about 8 KB), and numbers in prose are redrawn so that
no two pages are the same file.

Run: `.venv/bin/python bench/generate.py OUT_DIR -n 1000 [--size 8000] [--seed 0]`.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from extract.loaders.decode import decode_bytes
from extract.text import normalise_document_text

REPO = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [REPO / "data" / "raw" / "schede", REPO / "tests" / "fixtures" / "unseen_schede"]
SENTENCE_DIRS = [*TEMPLATE_DIRS, REPO / "tests" / "fixtures" / "unseen_prose"]
PROSE_LABELS = ("Risultati conseguiti", "Obiettivi", "Descrizione", "Risultati Attesi")
_SENTENCE = re.compile(r"[A-ZÀ-Ý][^.!?\n]{40,300}[.!?]")
_COUNT = re.compile(r"\b\d{1,3}\b(?=\s+[a-zà-ÿ])")


def _texts(folders: list[Path]) -> list[str]:
    """Our samples as text (some are cp1252, as old pages are), with the pipeline's own decoder."""
    return [
        normalise_document_text(decode_bytes(path.read_bytes())[0])
        for folder in folders
        for path in sorted(folder.glob("*.txt"))
    ]


def generate(out_dir: Path, count: int, size: int = 8000, seed: int = 0) -> list[Path]:
    """Write `count` pages into `out_dir`; returns their paths."""
    rng = random.Random(seed)
    templates = [text for text in _texts(TEMPLATE_DIRS) if any(label in text for label in PROSE_LABELS)]
    sentences = sorted({match.group(0) for text in _texts(SENTENCE_DIRS) for match in _SENTENCE.finditer(text)})
    if not templates or not sentences:
        raise SystemExit("no templates found: run from a checkout with data/raw and tests/fixtures")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        page = templates[number % len(templates)]
        label = next(label for label in PROSE_LABELS if label in page)
        head, tail = page.split(label + "\n", 1)
        prose = []
        while len(head) + len(tail) + sum(len(item) + 1 for item in prose) < size:
            prose.append(_COUNT.sub(lambda _match: str(rng.randint(2, 400)), rng.choice(sentences)))
        path = out_dir / f"generated_{number:06d}.txt"
        path.write_text(f"{head}{label}\n{' '.join(prose)}\n{tail}", encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--size", type=int, default=8000, help="approximate bytes per page")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate(args.out, args.n, args.size, args.seed)
    print(f"{len(paths)} pages in {args.out}")


if __name__ == "__main__":
    main()
