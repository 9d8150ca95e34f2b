"""The shape of the code: the pipeline's layers import one way only, and no module sprawls.

- No import cycle among the project's modules (every import counts, at the top of a module or
  inside a function, except those under `if TYPE_CHECKING:`).
- `ctwg.data` and `ctwg.site` never import MkDocs; `ctwg.data` never imports `ctwg.site`;
  the product (`ctwg`) never imports the benchmark (`ctwg_bench`).
- No module of more than MAX_LINES lines unless its docstring says why ("longer than").
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

SCRIPTS = ROOT / "scripts"
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SCRIPTS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in ("ctwg", "ctwg_bench") for p in (SCRIPTS / pkg).rglob("*.py")}


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                lines.update(range(sub.lineno, (sub.end_lineno or sub.lineno) + 1))
    return lines


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports (a package import counts as its __init__)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_blocks(tree)
    is_pkg = path.name == "__init__.py"
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base[: len(base) - (node.level - 1)]
                mod = ".".join(parent + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(g.get(n, ())):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(g):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_import_cycle():
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_are_found_relative_and_inside_functions(tmp_path):
    g = graph()
    assert "ctwg.data.catalog" in g["ctwg.cli"]  # imported inside cmd_validate
    assert "ctwg.data.fields" in g["ctwg.data.linker"]  # relative import


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize("layer", ["ctwg.data", "ctwg.site"])
def test_data_and_site_do_not_import_mkdocs(layer):
    for name, path in modules().items():
        if name == layer or name.startswith(layer + "."):
            assert not _third_party(path) & {"mkdocs", "material", "mkdocs_macros"}, name


def test_layers_point_one_way():
    g = graph()
    for name, deps in g.items():
        if name.startswith("ctwg.data"):
            assert not any(d.startswith(("ctwg.site", "ctwg.mkdocs_plugin", "ctwg.perf", "ctwg.authoring"))
                           for d in deps), (name, deps)
        if name.startswith("ctwg.site"):
            assert not any(d.startswith(("ctwg.mkdocs_plugin", "ctwg.perf", "ctwg.authoring")) for d in deps), (name, deps)
        if name == "ctwg" or name.startswith("ctwg."):
            assert not any(d.startswith("ctwg_bench") for d in deps), (name, deps)


def test_no_module_sprawls():
    long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        n = text.count("\n")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if n > MAX_LINES and "longer than" not in doc:
            long.append(f"{name}: {n} lines")
    assert not long, long
