"""The package's import graph, read from the source (no import runs): no cycle, and no module
importing a layer above its own. Lazy imports inside functions count; imports only for type
checking (`if TYPE_CHECKING:`) do not."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "extract"

# The layers of ARCHITECTURE.md, lowest first: a module may import its own layer and those below,
# never one above. A name is a module or a package (every module under it).
LAYERS = (
    ("contract", ("extract.catalogue", "extract.settings")),
    ("configuration", ("extract.config", "extract.label_match", "extract.text", "extract.registry", "extract.repair")),
    ("lexicon", ("extract.lexicon", "extract.normalise")),
    ("loaders", ("extract.loaders", "extract.document", "extract.classify", "extract.inputs")),
    ("view", ("extract.view",)),
    ("extractors", ("extract.extractors",)),
    ("resolution", ("extract.resolve", "extract.rows", "extract.writer")),
    ("build check", ("extract.assembly",)),
    ("one document", ("extract.pipeline",)),
    ("many documents", ("extract.runs", "extract.runner", "extract.state", "extract.engines")),
    (
        "users",
        (
            "extract.cli",
            "extract.__main__",
            "extract.evaluate",
            "extract.diff",
            "extract.baseline",
            "extract.review",
            "extract.report",
            "extract.dictionary",
        ),
    ),
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `path` imports (a name imported from a package is its module
    when it is one)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom) and child.level == 0 and (child.module or "").startswith("extract"):
                for alias in child.names:
                    name = f"{child.module}.{alias.name}"
                    found.add(name if name in modules else child.module)
            elif isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names if alias.name.startswith("extract"))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for imported in sorted(graph[name]):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state and (found := walk(imported)):
                return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (found := walk(name)):
            return found
    return None


def _in(name: str, layer: str) -> bool:
    return name == layer or name.startswith(layer + ".")


def test_the_package_has_no_import_cycle() -> None:
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def _layer_of(name: str) -> int | None:
    for index, (_layer, members) in enumerate(LAYERS):
        if any(_in(name, member) for member in members):
            return index
    return None


def test_every_module_is_in_a_layer() -> None:
    unplaced = sorted(name for name in _graph() if name != "extract" and _layer_of(name) is None)
    assert unplaced == [], "add them to LAYERS (and ARCHITECTURE.md)"


def test_no_module_imports_a_layer_above_its_own() -> None:
    wrong = [
        f"{name} ({LAYERS[_layer_of(name)][0]}) imports {imported} ({LAYERS[_layer_of(imported)][0]})"
        for name, imports in sorted(_graph().items())
        if _layer_of(name) is not None
        for imported in sorted(imports)
        if _layer_of(imported) is not None and _layer_of(imported) > _layer_of(name)
    ]
    assert wrong == []


def test_the_cycle_check_finds_a_cycle() -> None:
    """The check itself: a graph with a loop through three modules is reported."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
