"""The pipeline's build check: everything `schemas/` names must exist before any input is read.

Each rule file is first read against its shape (`extract.settings`); then the names one file
gives another are checked: every extractor of `pipeline.json` is registered and runs on a known
document type; every label of `labels.jsonl` fills a field of the catalogue, with a known
normaliser, tags some component reads and known document types; every column of the catalogue
has a known resolver, a known derivation from a known field, an Arrow type the writer knows and
the sources that may really emit it. All problems are collected and raised as one
`ConfigError`, which `extract run` prints before exiting with code 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.catalogue import Catalogue
from extract.config import Config, load_config, read_schemas, schemas_root
from extract.extractors import load_all
from extract.extractors.base import LABELLED
from extract.loaders.labels import HEADER_TAG
from extract.normalise import DATE_NORMALISERS, NORMALISER_NAMES
from extract.registry import Registry
from extract.resolve import DERIVATIONS, RESOLVERS
from extract.settings import (
    CATALOGUE_FILE,
    ConfigError,
    Problem,
    adapter_for,
    read_rule_file,
    shape_problems,
    unknown_files,
)
from extract.view import VIEW_TAGS
from extract.writer import arrow_type

LABELS_FILE = "labels.jsonl"
PIPELINE_FILE = "pipeline.json"
FALLBACK_DOC_TYPE = "other"  # what a document no rule of doc_types.json claims is
LABEL_VALUE = "label_value.v1"


def _doc_types(contents: dict[str, Any]) -> set[str]:
    rules = (contents.get("doc_types.json") or {}).get("rules", [])
    return {FALLBACK_DOC_TYPE} | {rule.get("doc_type") for rule in rules if isinstance(rule, dict)}


def _declared_tags(registry: Registry, contents: dict[str, Any]) -> set[str]:
    """Tags some part of the pipeline reads: an extractor's `consumes`, the label loader's header
    tag, the document view's tags and the tags `pipeline.json` gives the methods extractor."""
    tags = {HEADER_TAG, *VIEW_TAGS}
    for name in registry.names():
        tags.update(getattr(registry.get(name), "consumes", ()))
    method_sources = (contents.get(PIPELINE_FILE) or {}).get("method_sources", {})
    return tags | set(method_sources.get("tags", []))


def _pipeline_problems(contents: dict[str, Any], registry: Registry, doc_types: set[str]) -> list[Problem]:
    pipeline = contents.get(PIPELINE_FILE) or {}
    problems = []
    for doc_type, names in (pipeline.get("extractors") or {}).items():
        if doc_type not in doc_types:
            known = ", ".join(sorted(doc_types))
            message = f"no rule of doc_types.json gives this document type (known: {known})"
            problems.append(Problem(PIPELINE_FILE, f"extractors.{doc_type}", message))
        for index, name in enumerate(names):
            if name not in registry:
                message = f"unknown extractor {name!r}; registered: {', '.join(registry.names())}"
                problems.append(Problem(PIPELINE_FILE, f"extractors.{doc_type}[{index}]", message))
    full_text_for = (pipeline.get("method_sources") or {}).get("full_text_for", [])
    for index, doc_type in enumerate(full_text_for):
        if doc_type not in doc_types:
            problems.append(Problem(PIPELINE_FILE, f"method_sources.full_text_for[{index}]", "unknown document type"))
    return problems


def label_targets(row: dict[str, Any], catalogue: Catalogue) -> set[str]:
    """The fields one label fills: its field (or what a mention-only field fills), with the
    precision of a date."""
    field = row.get("field")
    if not field:
        return set()
    known = catalogue.mention_fields.get(field)
    targets = set(known.fills) if known is not None and known.fills else {field}
    if row.get("normaliser") in DATE_NORMALISERS:
        targets |= {f"{target}_precision" for target in targets}
    return targets


def _label_problems(
    rows: list[dict[str, Any]], catalogue: Catalogue | None, tags: set[str], doc_types: set[str]
) -> list[Problem]:
    problems = []
    for number, row in enumerate(rows, start=1):
        where = f"line {number}"
        field, normaliser = row.get("field"), row.get("normaliser")
        if catalogue is not None and field and field not in catalogue.mention_targets:
            message = f"field {field!r} is no column of the catalogue ({CATALOGUE_FILE})"
            problems.append(Problem(LABELS_FILE, f"{where}: field", message))
        if field and not normaliser:
            problems.append(
                Problem(LABELS_FILE, f"{where}: normaliser", "a label that fills a field needs a normaliser")
            )
        if normaliser and normaliser not in NORMALISER_NAMES:
            message = f"unknown normaliser {normaliser!r}; known: {', '.join(NORMALISER_NAMES)}"
            problems.append(Problem(LABELS_FILE, f"{where}: normaliser", message))
        if row.get("kind") == "section" and field:
            problems.append(Problem(LABELS_FILE, f"{where}: field", "a section heading fills no field"))
        for index, tag in enumerate(row.get("tags", [])):
            if tag not in tags:
                message = f"tag {tag!r} is read by no component; declared: {', '.join(sorted(tags))}"
                problems.append(Problem(LABELS_FILE, f"{where}: tags[{index}]", message))
        for index, doc_type in enumerate(row.get("doc_types", [])):
            if doc_type not in doc_types:
                problems.append(
                    Problem(LABELS_FILE, f"{where}: doc_types[{index}]", f"unknown document type {doc_type!r}")
                )
    return problems


def _emitters(registry: Registry, labelled: set[str]) -> dict[str, set[str]]:
    """Field -> the extractors that may emit it (label_value.v1 for every field a label fills)."""
    found: dict[str, set[str]] = {}
    for name in registry.names():
        for field in getattr(registry.get(name), "emits", ()):
            if field == LABELLED:
                for target in labelled:
                    found.setdefault(target, set()).add(name)
            else:
                found.setdefault(field, set()).add(name)
    return found


def _catalogue_problems(catalogue: Catalogue, registry: Registry, labels: list[dict[str, Any]]) -> list[Problem]:
    problems = []
    labelled = set().union(*(label_targets(row, catalogue) for row in labels)) if labels else set()
    emitters = _emitters(registry, labelled)
    for table_name, table in catalogue.tables.items():
        at = f"tables.{table_name}"
        if table.kind == "rows":
            problems += _source_problems(f"{at}.sources", table.sources, emitters.get(table_name, set()), registry)
            if table.resolver and table.resolver not in RESOLVERS:
                problems.append(Problem(CATALOGUE_FILE, f"{at}.resolver", f"unknown resolver {table.resolver!r}"))
        for column in table.columns:
            where = f"{at}.columns.{column.name}"
            try:
                arrow_type(column.type)
            except ValueError:
                problems.append(Problem(CATALOGUE_FILE, f"{where}.type", f"unknown Arrow type {column.type!r}"))
            if column.resolver and column.resolver not in RESOLVERS:
                message = f"unknown resolver {column.resolver!r}; known: {', '.join(RESOLVERS.names())}"
                problems.append(Problem(CATALOGUE_FILE, f"{where}.resolver", message))
            if column.origin == "mention" and table.kind in ("document", "process"):
                found = emitters.get(column.name, set())
                problems += _source_problems(f"{where}.sources", column.sources, found, registry)
            rule = column.derivation
            if rule is not None:
                if rule.name not in DERIVATIONS:
                    message = f"unknown derivation {rule.name!r}; known: {', '.join(DERIVATIONS.names())}"
                    problems.append(Problem(CATALOGUE_FILE, f"{where}.derivation.name", message))
                if rule.source not in catalogue.resolved:
                    message = f"derived from {rule.source!r}, which is no resolved column"
                    problems.append(Problem(CATALOGUE_FILE, f"{where}.derivation.from", message))
    for name, field in catalogue.mention_fields.items():
        for target in field.fills:
            if target not in catalogue.resolved:
                message = f"fills {target!r}, which is no resolved column"
                problems.append(Problem(CATALOGUE_FILE, f"mention_fields.{name}.fills", message))
    for name in registry.names():
        for field in getattr(registry.get(name), "emits", ()):
            if field != LABELLED and field not in catalogue.mention_targets:
                message = f"extractor {name} emits {field!r}, which the catalogue does not list"
                problems.append(Problem(CATALOGUE_FILE, "tables", message))
    return problems


def _source_problems(where: str, listed: tuple[str, ...], emitting: set[str], registry: Registry) -> list[Problem]:
    """A column's `sources` must be exactly the registered extractors that may emit it."""
    problems = [
        Problem(CATALOGUE_FILE, where, f"unknown extractor {name!r}") for name in listed if name not in registry
    ]
    missing, extra = emitting - set(listed), set(listed) & set(registry.names()) - emitting
    if missing:
        problems.append(Problem(CATALOGUE_FILE, where, f"does not list {', '.join(sorted(missing))}, which emit it"))
    if extra:
        problems.append(Problem(CATALOGUE_FILE, where, f"lists {', '.join(sorted(extra))}, which never emit it"))
    return problems


def component_settings_problems(root: Path, registry: Registry) -> list[Problem]:
    """Each component's own settings file against the shape the component declares (a file two
    components read is checked once per shape)."""
    problems: list[Problem] = []
    checked: set[tuple[str, int]] = set()
    for name in registry.names():
        kind = registry.get(name)
        if kind.settings_file is None or (kind.settings_file, id(kind.Settings)) in checked:
            continue
        checked.add((kind.settings_file, id(kind.Settings)))
        content, found = read_rule_file(root, kind.settings_file)
        if content is not None:
            found += shape_problems(kind.settings_file, content, adapter_for(kind.Settings))
        problems += [problem for problem in found if problem not in problems]
    return problems


def check_schemas(schemas_dir: str | Path | None = None) -> list[Problem]:
    """Every problem of the configuration: each file against its shape, then the names the files
    give each other (extractors, tags, fields, normalisers, resolvers, derivations, types)."""
    root = schemas_root(schemas_dir)
    if not root.is_dir():
        return [Problem(str(root), "", "schemas directory not found")]
    contents, catalogue, problems = read_schemas(root)
    registry = load_all()
    problems += component_settings_problems(root, registry)
    owned = {kind.settings_file for name in registry.names() if (kind := registry.get(name)).settings_file}
    problems += unknown_files(root, owned)
    doc_types = _doc_types(contents)
    labels = [row for row in contents.get(LABELS_FILE) or [] if isinstance(row, dict)]
    problems += _pipeline_problems(contents, registry, doc_types)
    problems += _label_problems(labels, catalogue, _declared_tags(registry, contents), doc_types)
    if catalogue is not None:
        problems += _catalogue_problems(catalogue, registry, labels)
    return problems


def checked_config(schemas_dir: str | Path | None = None) -> Config:
    """The run's configuration, once `check_schemas` finds nothing wrong; else one `ConfigError`
    listing every problem."""
    root = schemas_root(schemas_dir)
    problems = check_schemas(root)
    if problems:
        raise ConfigError(problems, root)
    return load_config(str(root))
