"""The shape of the engine, checked: no import cycle, stages that import only earlier
stages, small modules, one module that spells URLs, no module-level mutable state.

Each rule reads the source of ``katalog/`` (with ``ast``, so comments never count) and
names every offender with its file and line.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from katalog import urls

PACKAGE = Path(__file__).resolve().parent.parent / "katalog"
MAX_LINES = 400

# The pipeline of the README ("files -> entries -> catalogue -> page plan -> rendered
# files and search index"), then the commands that drive it. A module of a stage may
# import modules of its own or an earlier stage only; modules in no stage (diagnostics,
# schema, config, regions, i18n, the build cache, ...) are shared helpers, whose imports
# show up under the stage that imports them. A package name covers its submodules.
STAGES = (
    ("shared data", ("katalog.models", "katalog.urls", "katalog.diagnostics")),
    ("files", ("katalog.discover",)),
    ("entries", ("katalog.parse",)),
    ("catalogue", ("katalog.catalogue",)),
    ("page plan", ("katalog.plan",)),
    ("rendered files and search index", ("katalog.markup", "katalog.render", "katalog.parallel", "katalog.write",
                                          "katalog.searchindex", "katalog.searchfiles", "katalog.indexing",
                                          "katalog.trees", "katalog.publish")),
    ("commands", ("katalog.site", "katalog.builder", "katalog.bodies", "katalog.check", "katalog.cli", "katalog.serve")),
)

# Module-level state allowed: only what a forked worker's own initialiser sets (the issue's
# one exception); the parent process never writes it.
STATE_ALLOWED = frozenset({("parallel.py", "_WORKER")})
SIZE_ALLOWED: set[str] = set()  # modules allowed over the limit: none


def modules() -> dict[str, Path]:
    """Module name ('katalog.plan.views', 'katalog.plan' for its __init__) -> file."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every import statement, function-local ones included, except under ``if TYPE_CHECKING:``
    (annotations only: they never run, so they cannot make a cycle at run time)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_graph() -> dict[str, dict[str, int]]:
    """Module -> {katalog module it imports: line of the import}."""
    mods = modules()
    graph: dict[str, dict[str, int]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: dict[str, int] = {}
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
                # 'from . import urls' imports a module; 'from .plan import plan_site' the package
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for target in targets:
                if target in mods and target != name:
                    edges.setdefault(target, node.lineno)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_no_import_cycle():
    graph = import_graph()
    cycle = find_cycle(graph)
    if cycle:
        steps = [f"  {a} imports {b} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:])]
        pytest.fail("import cycle:\n" + "\n".join(steps))


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": 1}, "b": {}}) is None


def _stage_of(module: str) -> int | None:
    for i, (_, names) in enumerate(STAGES):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    return None


@pytest.mark.parametrize("module", [m for _, names in STAGES for m in names])
def test_stage_imports_no_later_stage(module):
    """``python -c 'import katalog.<stage>'`` loads no module of a later stage."""
    code = f"import json, sys, {module}; print(json.dumps(sorted(m for m in sys.modules if m.startswith('katalog'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=True)
    loaded = json.loads(done.stdout)
    own = _stage_of(module)
    later = [f"{m} ({STAGES[_stage_of(m)][0]})" for m in loaded if (_stage_of(m) or 0) > own]
    assert not later, f"import {module} ({STAGES[own][0]}) loads later stages: {', '.join(later)}"


def test_no_module_over_400_lines():
    long = [f"{path.relative_to(PACKAGE.parent)}: {n} lines" for path in modules().values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES and path.name not in SIZE_ALLOWED]
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(long)


# -- URL segments --------------------------------------------------------------------------

# Every word the site's addresses are made of (taken from urls.py, so a new one is covered).
SEGMENTS = frozenset({*urls.KIND_FOLDERS.values(), urls.REGIONS, urls.SEARCH, urls.PAGE, urls.STATIC, urls.MEDIA,
                      urls.SEARCH_INDEX, *urls.TAXONOMY_FOLDERS.values(), *urls.REGION_SECTIONS.values()})


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def segment_literals(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """String constants (f-string pieces included) that spell a path with one of the
    site's URL words as a segment: 'inovasi/', '/wilayah/', f"media/{name}". Prose is
    not a path: docstrings and any string holding whitespace (a message telling staff
    about a folder) are left alone. Each hit is named by its path under ``root``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if "/" in text and not re.search(r"\s", text) and SEGMENTS & set(text.split("/")):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {text!r}")
    return found


def test_url_segments_are_spelled_in_urls_only():
    found = [hit for path in modules().values() if path.name != "urls.py" for hit in segment_literals(path)]
    assert not found, "URL segments spelled outside katalog/urls.py (use its functions):\n" + "\n".join(found)


def test_segment_rule_sees_fstrings_and_leaves_prose(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Pages under \'inovasi/\'."""\nA = f"media/{x}"\nB = "lihat folder media/ anda"\n'
                      'C = "/wilayah/" + y\nD = "inovasi"\n', encoding="utf-8")
    assert segment_literals(sample, tmp_path) == ["sample.py:2: 'media/'", "sample.py:4: '/wilayah/'"]


# -- module-level state --------------------------------------------------------------------

MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque", "bytearray"}
IMMUTABLE_CALLS = {"frozenset", "tuple", "MappingProxyType", "compile", "Path", "namedtuple", "TypeVar", "getLogger",
                   "float", "int", "str", "bool"}


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        f = node.func
        return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
    return ""


def module_state(path: Path) -> list[str]:
    """Module-level names that hold state: a dict, list or set (literal, comprehension or
    constructor) under any name; a lowercase name bound to a call's result; any name a
    function rebinds with ``global``. An ALL_CAPS constant may hold a frozenset, tuple,
    MappingProxyType, compiled pattern or other immutable value; a capitalised name a
    class ('_Base = getattr(yaml, "CSafeLoader", ...)')."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PACKAGE)
    found = []

    def flag(name: str, line: int, why: str) -> None:
        if (str(rel), name) not in STATE_ALLOWED:
            found.append(f"katalog/{rel}:{line}: {name}: {why}")

    body = list(tree.body)
    while body:
        node = body.pop(0)
        if isinstance(node, (ast.If, ast.Try)):  # module-level blocks
            body += node.body + node.orelse + getattr(node, "finalbody", []) + [
                s for h in getattr(node, "handlers", []) for s in h.body]
            continue
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name) or target.id.startswith("__"):
                continue
            name = target.id
            call = _call_name(value)
            if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or call in MUTABLE_CALLS:
                flag(name, node.lineno, "a mutable container (make it a tuple, frozenset or MappingProxyType)")
            elif call and call not in IMMUTABLE_CALLS and name.lstrip("_")[:1].islower():
                flag(name, node.lineno, f"module-level object made by {call}()")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            for name in node.names:
                flag(name, node.lineno, "rebound with 'global'")
    return found


def test_no_module_level_mutable_state():
    found = [hit for path in modules().values() for hit in module_state(path)]
    assert not found, "module-level mutable state:\n" + "\n".join(found)
