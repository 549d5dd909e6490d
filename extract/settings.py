"""The shape of every rule and vocabulary file in `schemas/`, as typed dictionaries, and the check
that reads each file against its shape.

A file is read strictly: a key the shape does not know, a key it needs that is missing, or a
value of the wrong type is a `Problem` naming the file and the key, and `load_config` raises one
`ConfigError` listing them all before anything is extracted (spaCy validates a component's
settings against its signature the same way). Documentation keys (`about`, `_doc`, `*_about`,
`about_*`) are free text wherever they stand.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NotRequired

from pydantic import ConfigDict, TypeAdapter, ValidationError, with_config
from typing_extensions import TypedDict

STRICT = ConfigDict(extra="forbid", strict=True)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the configuration: the file, the key within it, and what is wrong."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}" if self.key else f"{self.file}: {self.message}"


class ConfigError(ValueError):
    """The configuration in `schemas/` cannot build a pipeline; lists every problem found."""

    def __init__(self, problems: list[Problem], schemas_dir: Path | None = None) -> None:
        self.problems = problems
        where = f" in {schemas_dir}" if schemas_dir else ""
        lines = [f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the configuration{where}:"]
        super().__init__("\n".join([*lines, *(f"  {problem}" for problem in problems)]))


@with_config(STRICT)
class Area(TypedDict):
    name: str
    aliases: list[str]
    province: str
    comuni: list[str]


@with_config(STRICT)
class AreasRules(TypedDict):
    about: NotRequired[str]
    unioni: list[Area]
    distretti: list[Area]


@with_config(STRICT)
class DocTypeRule(TypedDict):
    """A rule of one of four kinds: a heading in the first `lines`, or at least `min_labels` of a
    card's `labels`, of the label table's (`labels_from`, with `min_coverage`), or of `header_labels`."""

    doc_type: str
    heading: NotRequired[str]
    lines: NotRequired[int]
    min_labels: NotRequired[int]
    labels: NotRequired[list[str]]
    labels_from: NotRequired[str]
    min_coverage: NotRequired[float]
    header_labels: NotRequired[list[str]]


@with_config(STRICT)
class DocTypesRules(TypedDict):
    about: NotRequired[str]
    rules: list[DocTypeRule]


@with_config(STRICT)
class FieldMarkup(TypedDict):
    container: str
    label: str
    item: str


@with_config(STRICT)
class HtmlRules(TypedDict):
    about: NotRequired[str]
    noise: list[str]
    content_roots: list[str]
    title: list[str]
    title_suffix_separators: list[str]
    url: list[list[str]]
    field_markup: list[FieldMarkup]
    block_tags: list[str]
    charset_meta: str
    label_like: list[str]


@with_config(STRICT)
class LabelMatchingFormMarks(TypedDict):
    _doc: NotRequired[str]
    outline_number: str
    required_mark: str


@with_config(STRICT)
class LabelMatchingRules(TypedDict):
    _doc: NotRequired[str]
    function_words: list[str]
    signs: dict[str, str]
    synonyms: dict[str, str]
    optional_heads: list[str]
    min_stem_length: int
    min_shared_words: int
    max_unshared_words: int
    max_missing_words: int
    max_label_words: int
    min_reordered_words: int
    min_shared_prefix: int
    form_marks: LabelMatchingFormMarks


@with_config(STRICT)
class PipelineMethodSources(TypedDict):
    about: NotRequired[str]
    tags: list[str]
    full_text_for: list[str]


@with_config(STRICT)
class PipelinePdf(TypedDict):
    about: NotRequired[str]
    backend: str
    time_limit_s: int
    memory_limit_mb: int
    max_pages: int


@with_config(STRICT)
class PipelineLimits(TypedDict):
    about: NotRequired[str]
    document_seconds: int
    worker_memory_mb: int
    chunk_size: int
    batch_documents: int
    min_documents_per_worker: int
    max_text_chars: int


@with_config(STRICT)
class PipelineSettings(TypedDict):
    about: NotRequired[str]
    extractors: dict[str, list[str]]
    method_sources: PipelineMethodSources
    pdf: PipelinePdf
    limits: PipelineLimits


@with_config(STRICT)
class MergedComune(TypedDict):
    name: str
    province: str
    merged_into: str


@with_config(STRICT)
class PlacesMergedComuni(TypedDict):
    about: NotRequired[str]
    comuni: list[MergedComune]


@with_config(STRICT)
class PlacesRules(TypedDict):
    about: NotRequired[str]
    regions: dict[str, list[str]]
    comune_aliases: dict[str, str]
    merged_comuni: PlacesMergedComuni
    region_line: str
    postcode_locality: str
    comune_of: str
    union_name: str
    about_names: NotRequired[str]
    territory_list_opener: str
    territory_list_apposition: str
    territory_partner_cues: list[str]
    sigla_suffix: str
    territory_list_not_after: str
    territory_list_connectors: list[str]


@with_config(STRICT)
class ValuesBoolean(TypedDict):
    true: list[str]
    false: list[str]


@with_config(STRICT)
class ValuesParticipationLevel(TypedDict):
    about: NotRequired[str]
    informazione: list[str]
    consultazione: list[str]
    coinvolgimento: list[str]
    collaborazione: list[str]
    empowerment: list[str]


@with_config(STRICT)
class ValuesTitle(TypedDict):
    about: NotRequired[str]
    anchor: str
    skip_lines: list[str]
    strip_prefixes: list[str]


@with_config(STRICT)
class ValuesYearContextWords(TypedDict):
    about: NotRequired[str]
    words: list[str]


@with_config(STRICT)
class ValuesLineContinuesAfter(TypedDict):
    about: NotRequired[str]
    words: list[str]


@with_config(STRICT)
class ValuesRules(TypedDict):
    about: NotRequired[str]
    null_prefixes: list[str]
    null_exact: list[str]
    boolean: ValuesBoolean
    status: dict[str, list[str]]
    participation_level: ValuesParticipationLevel
    gender: dict[str, list[str]]
    months: dict[str, list[str]]
    title: ValuesTitle
    year_context_words: ValuesYearContextWords
    boilerplate_lines: list[str]
    line_continues_after: ValuesLineContinuesAfter


@with_config(STRICT)
class LabelRow(TypedDict):
    label: str
    kind: NotRequired[Literal["field", "section"]]
    field: NotRequired[str]
    normaliser: NotRequired[str]
    tags: NotRequired[list[str]]
    doc_types: NotRequired[list[str]]


@with_config(STRICT)
class VocabularyRow(TypedDict):
    """One shape for every vocabulary of `vocab/` (methods, organisations, roles, counted groups
    and the counted heads): an `id` (for counts, the unit), the `forms` that name it (for the
    heads, lemmas), and where a vocabulary needs them, phrases to `exclude`, a `max_count`, and
    for the heads the `suffixes` and `noun_suffixes` that make a word one."""

    id: str
    forms: list[str]
    exclude: NotRequired[list[str]]
    max_count: NotRequired[int]
    suffixes: NotRequired[list[str]]
    noun_suffixes: NotRequired[list[str]]
    about: NotRequired[str]


# The files of `schemas/` the whole run shares and the shape of their content (a `.jsonl` file:
# the shape of one line). A component's own file (`counts.json` …) is declared, with its shape,
# by the component (`Extractor.settings_file`, `Extractor.Settings`).
RULE_FILES: dict[str, Any] = {
    "areas.json": AreasRules,
    "doc_types.json": DocTypesRules,
    "html.json": HtmlRules,
    "label_matching.json": LabelMatchingRules,
    "pipeline.json": PipelineSettings,
    "places.json": PlacesRules,
    "values.json": ValuesRules,
    "labels.jsonl": LabelRow,
    "vocab/count_groups.jsonl": VocabularyRow,
    "vocab/count_heads.jsonl": VocabularyRow,
    "vocab/methods.jsonl": VocabularyRow,
    "vocab/organisations.jsonl": VocabularyRow,
    "vocab/roles.jsonl": VocabularyRow,
}
CATALOGUE_FILE = "tables.json"  # checked by its own model (`extract.catalogue`)
# The components' example corpora (`tests/test_component_examples.py` runs them): data for the
# tests, read by no part of the pipeline, so no part of what decides the rows.
EXAMPLES_DIR = "examples"


@functools.cache
def adapter_for(shape: Any) -> TypeAdapter[Any]:
    """The validator of one shape, built once (the build check and each pipeline read the same files)."""
    return TypeAdapter(shape)


def _is_documentation(key: object) -> bool:
    return isinstance(key, str) and (key in ("about", "_doc") or key.endswith("_about") or key.startswith("about_"))


def _without_documentation(value: Any) -> Any:
    """The value with its free-text documentation keys left out, at every depth."""
    if isinstance(value, dict):
        return {key: _without_documentation(item) for key, item in value.items() if not _is_documentation(key)}
    if isinstance(value, list):
        return [_without_documentation(item) for item in value]
    return value


def _key_path(location: tuple[int | str, ...]) -> str:
    """`('cues', 'start', 3)` -> `cues.start[3]`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validation_problems(file: str, error: ValidationError, prefix: str = "") -> list[Problem]:
    """pydantic's errors as problems: `unknown key`, `missing key`, or pydantic's own message."""
    problems = []
    for item in error.errors():
        key = prefix + _key_path(tuple(item["loc"]))
        if item["type"] == "extra_forbidden":
            message = "unknown key (a typo, or a setting this version does not have)"
        elif item["type"] == "missing":
            message = "missing key"
        else:
            message = f"{item['msg'].lower()} (found {json.dumps(item['input'], ensure_ascii=False)[:60]})"
        problems.append(Problem(file, key, message))
    return problems


def read_rule_file(root: Path, name: str) -> tuple[Any, list[Problem]]:
    """A rule file's content (a list of rows for `.jsonl`) and its problems; the content is None
    when the file is missing or is not JSON."""
    path = root / name
    if not path.is_file():
        return None, [Problem(name, "", "missing file")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, f"byte {exc.start}", "not UTF-8 text")]
    if name.endswith(".jsonl"):
        rows, problems = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(Problem(name, f"line {number}", f"not JSON: {exc.msg} (column {exc.colno})"))
        return rows, problems
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [Problem(name, f"line {exc.lineno}", f"not JSON: {exc.msg} (column {exc.colno})")]


def check_rule_file(root: Path, name: str) -> tuple[Any, list[Problem]]:
    """Read one rule file and check it against its shape; (content, problems)."""
    content, problems = read_rule_file(root, name)
    if content is None:
        return None, problems
    return content, problems + shape_problems(name, content, adapter_for(RULE_FILES[name]))


def shape_problems(name: str, content: Any, adapter: TypeAdapter[Any]) -> list[Problem]:
    """What in a file's content does not have its shape (for `.jsonl`, line by line)."""
    problems = []
    rows = content if name.endswith(".jsonl") else [content]
    for number, row in enumerate(rows, start=1):
        try:
            adapter.validate_json(json.dumps(_without_documentation(row)), strict=True)
        except ValidationError as exc:
            prefix = f"line {number}: " if name.endswith(".jsonl") else ""
            problems += validation_problems(name, exc, prefix)
    return problems


def unknown_files(root: Path, owned: set[str]) -> list[Problem]:
    """Rule files neither the run nor a component (`owned`) reads: a misspelt name would otherwise
    leave its rules unread."""
    known = {*RULE_FILES, CATALOGUE_FILE, *owned}
    found = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.json*")
        if path.is_file() and path.relative_to(root).parts[0] != EXAMPLES_DIR
    }
    return [Problem(name, "", "no part of the pipeline reads this file") for name in sorted(found - known)]


def read_settings(root: Path, name: str | None, shape: Any) -> Any:
    """A component's own settings file, checked against its shape (None when it has none); a
    problem raises `ConfigError` (the build check has listed it already)."""
    if name is None:
        return None
    content, problems = read_rule_file(root, name)
    if content is not None:
        problems += shape_problems(name, content, adapter_for(shape))
    if problems:
        raise ConfigError(problems, root)
    return content
