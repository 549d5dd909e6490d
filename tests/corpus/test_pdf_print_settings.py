"""The dev schede's saved HTML pages printed by headless Chromium with settings users pick
(landscape, a smaller scale on US Letter, a larger type in serif), read as well as the prints of
`pdf/schede/`. Each setting moves every box and changes the type's size and the number of pages,
and the site's cookie banner, fixed on the screen, prints over the text of every page: nothing
may depend on the template's coordinates or on one print's page breaks.

The PDFs are printed at test time into a temporary folder (the corpus's text is never copied
into the repo), from the pages in `../shared/corpus/dev/html/`, and scored against the gold of
the same schede printed in `pdf/schede/` (that of `dev/html/` where no print exists)."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from extract.evaluate import find_gold, score
from extract.pipeline import Pipeline
from extract.runner import run
from tests.conftest import CORPUS, read_tables

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HTML = CORPUS / "dev" / "html"
PRINTED = CORPUS / "pdf" / "schede"
PRINT_SETTINGS = {  # a user stylesheet added to the page before it is printed
    "landscape": "@page { size: A4 landscape }",
    "letter_at_70": "@page { size: letter } html { zoom: 0.7 }",
    "serif_at_130": "@page { size: A4 } html { zoom: 1.3 } body { font-family: serif }",
}
BAR = 0.98
PRINT_TIMEOUT_S = 120


def _print(page: Path, css: str, folder: Path) -> None:
    source = folder / f"{page.stem}.src.html"
    styled = page.read_bytes().replace(b"</head>", f"<style>{css}</style></head>".encode("ascii"), 1)
    source.write_bytes(styled)  # as bytes: some pages are in windows-1252
    flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={folder / ('profile-' + page.stem)}"]
    subprocess.run(
        [CHROMIUM, *flags, f"--print-to-pdf={folder / (page.stem + '.pdf')}", source.as_uri()],
        capture_output=True,
        timeout=PRINT_TIMEOUT_S,
        check=True,
    )
    source.unlink()
    shutil.rmtree(folder / f"profile-{page.stem}", ignore_errors=True)
    gold = PRINTED / f"{page.stem}.pdf.gold.json"
    shutil.copy(gold if gold.exists() else HTML / f"{page.name}.gold.json", folder / f"{page.stem}.pdf.gold.json")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    assert CHROMIUM, "Chromium is not installed (.ci/run installs the Debian package `chromium`)"
    folders = {name: tmp_path_factory.mktemp(name) for name in PRINT_SETTINGS}
    jobs = [(page, PRINT_SETTINGS[name], folder) for name, folder in folders.items() for page in HTML.glob("*.html")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda job: _print(*job), jobs))
    return folders


@pytest.mark.parametrize("setting", sorted(PRINT_SETTINGS))
def test_schede_printed_with_other_settings_reach_the_bar(
    printed: dict[str, Path], pipeline: Pipeline, tmp_path: Path, setting: str
) -> None:
    folder = printed[setting]
    run([folder], tmp_path, pipeline=pipeline, progress=False)
    gold = find_gold([folder])
    assert len(gold) == len(list(HTML.glob("*.html")))
    scores = score(gold, {name: frame.to_dict("records") for name, frame in read_tables(tmp_path).items()})
    assert scores.micro().f1 >= BAR, scores.micro()
