"""The package layout is the pipeline: no import points back up, no import cycle, and
RunInfo names each thing once.

Layers, in order (docs/architecture.md): a module may import from its own subpackage
and from those before it, never from one after it.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "model"
LAYERS = ["workbook", "data", "formulation", "solve", "present", "insight", "whatif", "cli"]


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, top_level_only: bool = False) -> set[str]:
    """Absolute names of the project modules ``name`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    here = name.split(".") if is_pkg else name.split(".")[:-1]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("model"):
                out.add(target)
                out.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("model"))
    known = modules()
    return {t for t in out if t in known and t != name}


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_subpackage_is_a_layer():
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert subpackages == set(LAYERS)
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "every module belongs to a layer"


def test_no_import_points_back_up():
    wrong = []
    for name, path in modules().items():
        own = layer(name)
        if own is None:
            continue
        for target in imports_of(name, path):
            other = layer(target)
            if other is not None and other > own:
                wrong.append(f"{name} imports {target} ({LAYERS[other]} comes after "
                             f"{LAYERS[own]})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    """Module-level imports form no cycle (function-level imports are for heavy libraries,
    never for breaking a cycle)."""
    graph = {name: imports_of(name, path, top_level_only=True) for name, path in modules().items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            # importing a package runs its __init__, importing a submodule too
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)


def test_lazy_imports_are_only_for_heavy_libraries():
    """Inside functions, a module may import third-party libraries that are slow to load
    (Pyomo, HiGHS, openpyxl, matplotlib, python-docx, Dask...), and the command line may
    import the jobs that load them; project modules are otherwise imported at the top."""
    allowed = {"model.cli.main"}  # --help and usage errors answer before any solver library
    wrong = []
    for name, path in modules().items():
        if name in allowed:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (
                            inner.level or (inner.module or "").startswith("model")):
                        wrong.append(f"{name}.{node.name} imports "
                                     f"{'.' * inner.level}{inner.module or ''} inside a function")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_runinfo_names_each_thing_once():
    from model.data.load import load
    from model.present.provenance import run_info
    from model.solve.highs import SolveOptions

    loaded = load(str(ROOT / "inputs" / "example_park.xlsx"), ["land_cut_20"],
                  ["Resources.capital.capacity=800000"])
    started = dt.datetime.now().astimezone()
    single = run_info(path=loaded.path, sha256=loaded.sha256, argv=["solve.py"], started=started,
                      options=SolveOptions(), terminations=["convergenceCriteriaSatisfied"],
                      scenarios=loaded.scenarios, changes=loaded.changes,
                      model_size={"variables": 1})
    batch = run_info(path=loaded.path, sha256=loaded.sha256, argv=["solve.py"], started=started,
                     options=SolveOptions(), terminations=["maxTimeLimit"],
                     batch={"batch": "sweep", "points": 3})
    for rows in (single, batch):
        keys = [k for k, _ in rows]
        assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
        assert {"input_sha256", "started", "solver_options", "highs", "reproducible"} <= set(keys)
    assert dict(batch)["reproducible"].startswith("no: the time limit")
    assert dict(single)["changes_applied"] == len(loaded.changes) >= 2
