"""The configuration is checked when the pipeline is built: a fault in any file of a copy of
`schemas/` ends in one clear error naming the file and the key, before any input is read."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.assembly import check_schemas, checked_config
from extract.cli import main
from extract.config import DEFAULT_SCHEMAS_DIR, load_config
from extract.normalise import NORMALISER_NAMES, build_normalisers
from extract.pipeline import Pipeline
from extract.runner import run_files
from extract.settings import ConfigError


@pytest.fixture
def schemas(tmp_path: Path) -> Path:
    copy = tmp_path / "schemas"
    shutil.copytree(DEFAULT_SCHEMAS_DIR, copy)
    return copy


def _edit_json(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _edit_lines(path: Path, number: int, change: Callable[[dict], None]) -> None:
    """Change line `number` (1-based) of a .jsonl file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[number - 1])
    change(row)
    lines[number - 1] = json.dumps(row, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _first_line_with(path: Path, test: Callable[[dict], bool]) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and test(json.loads(line)):
            return number
    raise AssertionError(f"no such line in {path}")


def _rename_counts_key(root: Path) -> None:
    _edit_json(root / "counts.json", lambda data: data.update(not_after_words=data.pop("not_after")))


def _misspell_a_tag(root: Path) -> None:
    path = root / "labels.jsonl"
    number = _first_line_with(path, lambda row: "territory" in row.get("tags", []))
    _edit_lines(path, number, lambda row: row.update(tags=["teritory"]))


def _unknown_extractor(root: Path) -> None:
    _edit_json(root / "pipeline.json", lambda data: data["extractors"]["scheda"].append("counts.v2"))


def _wrong_type(root: Path) -> None:
    _edit_json(root / "counts.json", lambda data: data.update(max_count="5000"))


def _unknown_normaliser(root: Path) -> None:
    path = root / "labels.jsonl"
    number = _first_line_with(path, lambda row: row.get("normaliser") == "eur")
    _edit_lines(path, number, lambda row: row.update(normaliser="euro"))


def _field_outside_catalogue(root: Path) -> None:
    path = root / "labels.jsonl"
    number = _first_line_with(path, lambda row: row.get("field") == "participants_count")
    _edit_lines(path, number, lambda row: row.update(field="participant_count"))


def _unknown_resolver(root: Path) -> None:
    def change(data: dict) -> None:
        next(c for c in data["tables"]["processes"]["columns"] if c["name"] == "methods")["resolver"] = "unoin"

    _edit_json(root / "tables.json", change)


def _unknown_arrow_type(root: Path) -> None:
    def change(data: dict) -> None:
        next(c for c in data["tables"]["processes"]["columns"] if c["name"] == "duration_months")["type"] = "int61"

    _edit_json(root / "tables.json", change)


def _malformed_vocabulary_entry(root: Path) -> None:
    _edit_lines(root / "vocab" / "methods.jsonl", 1, lambda row: row.pop("forms"))


def _not_json(root: Path) -> None:
    path = root / "dates.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"window_chars":', '"window_chars"', 1), encoding="utf-8")


def _unknown_document_type(root: Path) -> None:
    _edit_json(root / "pipeline.json", lambda data: data["extractors"].update(delibera=["title.v1"]))


def _derivation_from_unknown_field(root: Path) -> None:
    def change(data: dict) -> None:
        column = next(c for c in data["tables"]["processes"]["columns"] if c["name"] == "start_year")
        column["derivation"]["from"] = "start_day"

    _edit_json(root / "tables.json", change)


def _not_utf8(root: Path) -> None:
    path = root / "html.json"
    data = path.read_bytes()
    assert b'"about": "' in data
    path.write_bytes(data.replace(b'"about": "', '"about": "è'.encode("latin-1"), 1))  # a cp1252 editor


def _missing_file(root: Path) -> None:
    (root / "money.json").unlink()


def _misnamed_vocabulary_file(root: Path) -> None:
    (root / "vocab" / "roles.jsonl").rename(root / "vocab" / "role.jsonl")


def _sources_out_of_date(root: Path) -> None:
    def change(data: dict) -> None:
        column = next(c for c in data["tables"]["processes"]["columns"] if c["name"] == "amount_funded_eur")
        column["sources"] = ["label_value.v1"]

    _edit_json(root / "tables.json", change)


# (fault, file named, key named, words of the message)
FAULTS = [
    (_rename_counts_key, "counts.json", "not_after_words", "unknown key"),
    (_misspell_a_tag, "labels.jsonl", "tags[0]", "tag 'teritory' is read by no component"),
    (_unknown_extractor, "pipeline.json", "extractors.scheda[", "unknown extractor 'counts.v2'"),
    (_wrong_type, "counts.json", "max_count", "valid integer"),
    (_unknown_normaliser, "labels.jsonl", "normaliser", "unknown normaliser 'euro'"),
    (_field_outside_catalogue, "labels.jsonl", "field", "'participant_count' is no column"),
    (_unknown_resolver, "tables.json", "columns.methods.resolver", "unknown resolver 'unoin'"),
    (_unknown_arrow_type, "tables.json", "columns.duration_months.type", "unknown Arrow type 'int61'"),
    (_malformed_vocabulary_entry, "vocab/methods.jsonl", "line 1: forms", "missing key"),
    (_not_json, "dates.json", "line ", "not JSON"),
    (_unknown_document_type, "pipeline.json", "extractors.delibera", "no rule of doc_types.json"),
    (_derivation_from_unknown_field, "tables.json", "derivation.from", "'start_day', which is no resolved column"),
    (_missing_file, "money.json", "", "missing file"),
    (_not_utf8, "html.json", "byte ", "not UTF-8 text"),
    (_misnamed_vocabulary_file, "vocab/role.jsonl", "", "no part of the pipeline reads this file"),
    (_sources_out_of_date, "tables.json", "columns.amount_funded_eur.sources", "does not list money_prose.v1"),
]


def test_the_shipped_configuration_has_no_problem() -> None:
    assert check_schemas(DEFAULT_SCHEMAS_DIR) == []


@pytest.mark.parametrize(("fault", "file", "key", "words"), FAULTS, ids=[fault[0].__name__ for fault in FAULTS])
def test_a_fault_in_a_copy_of_schemas_is_one_clear_build_error(
    schemas: Path, fault: Callable[[Path], None], file: str, key: str, words: str
) -> None:
    fault(schemas)
    problems = check_schemas(schemas)
    assert problems, "the fault went unnoticed"
    assert any(p.file == file and key in p.key and words in p.message for p in problems), problems
    with pytest.raises(ConfigError) as raised:
        checked_config(schemas)
    assert file in str(raised.value) and words in str(raised.value)


def test_every_problem_is_listed_in_one_error(schemas: Path) -> None:
    for fault, *_ in FAULTS[:8]:
        fault(schemas)
    with pytest.raises(ConfigError) as raised:
        checked_config(schemas)
    message = str(raised.value)
    assert message.startswith(f"{len(raised.value.problems)} problems in the configuration")
    for _fault, file, _key, words in FAULTS[:8]:
        assert re.search(rf"^  {re.escape(file)}: .*{re.escape(words)}", message, re.MULTILINE), words


def test_building_a_pipeline_over_a_faulty_configuration_fails(schemas: Path) -> None:
    _misspell_a_tag(schemas)
    with pytest.raises(ConfigError, match="teritory"):
        Pipeline(load_config(str(schemas)))


@pytest.mark.parametrize("fault", [_rename_counts_key, _misspell_a_tag])
def test_extract_run_prints_the_problems_and_exits_2_before_reading_input(
    schemas: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: Callable[[Path], None]
) -> None:
    fault(schemas)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Titolo\n\nComune di Cervia\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--quiet", "--schemas", str(schemas)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("extract run: ") and "problem" in error
    assert not out.exists()
    assert main(["check", "--schemas", str(schemas)]) == 2


def test_the_normaliser_names_are_those_built() -> None:
    assert tuple(build_normalisers(load_config())) == NORMALISER_NAMES


def test_a_field_read_from_a_label_needs_only_data_files(schemas: Path, tmp_path: Path) -> None:
    """`meetings_count` from `Numero incontri`: one column in the catalogue and one label line."""

    def add_column(data: dict) -> None:
        data["tables"]["processes"]["columns"].append(
            {
                "name": "meetings_count",
                "type": "int32",
                "resolver": "max_confidence",
                "sources": ["label_value.v1"],
                "description": "number of meetings held",
            }
        )

    _edit_json(schemas / "tables.json", add_column)
    with (schemas / "labels.jsonl").open("a", encoding="utf-8") as labels:
        labels.write('{"label": "Numero incontri", "field": "meetings_count", "normaliser": "count"}\n')
    assert check_schemas(schemas) == []
    document = tmp_path / "in" / "scheda.txt"
    document.parent.mkdir()
    document.write_text(
        "Un percorso di prova\n\nSoggetto promotore\nComune di Cervia\n\nNumero incontri\n12\n", encoding="utf-8"
    )
    run_files(
        [(document.parent, document)], tmp_path / "out", pipeline=Pipeline(checked_config(schemas)), progress=False
    )
    processes = pd.read_parquet(tmp_path / "out" / "processes.parquet", dtype_backend="pyarrow")
    assert processes["meetings_count"].tolist() == [12]
    assert str(processes["meetings_count"].dtype) == "int32[pyarrow]"
