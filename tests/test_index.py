"""Guards of the model index (model/formulation/index.py) and of the park's field roles.

In the style of Calliope's ``test_all_math_registered``: a family that forgets to declare
a row, a park field without a role or with the wrong one, a family whose bounds disagree
with what a rebuild gives, or a family that falls off the compiler's fast path fails here,
before it can make two different parks share one compiled model or slow every run down.
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import numpy as np
import pytest

from model.data import park as park_module
from model.data.load import load, prepare
from model.data.park import Park, fields_with_role, signature
from model.formulation import FAMILIES, MODULES, build_model
from model.solve.highs import SolveOptions, run_highs
from model.solve.run import build
from model.workbook.read import read_workbook
from tests.test_reuse import random_park
from tests.workbooks import write_input

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example_park.xlsx"
OPTIONS = SolveOptions(threads=1)
NESTED = {"resources": park_module.Resource, "phases": park_module.Phase,
          "links": park_module.Link, "chains": park_module.Chain,
          "targets": park_module.Target, "objective": park_module.ObjectiveTerm,
          "measures": park_module.Measure, "thresholds": park_module.Threshold,
          "parks": park_module.ParkInfo, "spreads": park_module.Spread}


@pytest.fixture(scope="module")
def example():
    return load(str(EXAMPLE)).park


@pytest.fixture(scope="module")
def random_parks(tmp_path_factory):
    out = []
    for seed in range(4):
        path = tmp_path_factory.mktemp("idx") / f"p{seed}.xlsx"
        book, _ = read_workbook(str(write_input(path, random_park(np.random.default_rng(seed)))))
        out.append(prepare(copy.deepcopy(book), "", "", [], []).park)
    return out


@pytest.fixture(scope="module")
def regional_parks(tmp_path_factory):
    """Random regions (tests/test_region.py) with a fairness floor on the first park:
    every regional family (placement, spreads, fairness) has rows."""
    from tests.test_region import random_region, to_sheets, unreachable

    out = []
    for seed in range(40):
        reg = random_region(seed)
        if unreachable(reg) or not (reg.max_chain_parks or reg.min_park_chains
                                     or reg.max_industry_parks):
            continue
        path = tmp_path_factory.mktemp("reg") / f"r{seed}.xlsx"
        park = load(str(write_input(path, to_sheets(reg)))).park
        floors = tuple(dataclasses.replace(p, floor=1.0 if k == 0 else None)
                       for k, p in enumerate(park.parks))
        out.append(dataclasses.replace(park, parks=floors))
        if len(out) == 3:
            break
    return out


def parks(example, random_parks, regional_parks=()):
    return [example, *random_parks, *regional_parks]


def arrays(compiled) -> dict:
    """Everything HiGHS receives, as comparable arrays."""
    b = compiled.index.base
    return {"cost": compiled.cost, "offset": np.array([compiled.offset]),
            "col_start": compiled.col_start, "row_index": compiled.row_index,
            "values": compiled.values, "integer": compiled.integer,
            "col_lower": b.col_lower, "col_upper": b.col_upper,
            "row_lower": b.row_lower, "row_upper": b.row_upper}


def same(a: dict, b: dict) -> list[str]:
    return [k for k in a if a[k].shape != b[k].shape or not np.array_equal(a[k], b[k])]


# ------------------------------------------------------------------ every component declared
def test_every_constraint_and_variable_is_declared_by_one_family(example, random_parks,
                                                                 regional_parks):
    from pyomo.core import Constraint, Var

    declared_rows = [name for f in MODULES for name in f.ROWS]
    declared_cols = [name for f in MODULES for name in f.COLUMNS]
    assert len(declared_rows) == len(set(declared_rows)), "a row name declared twice"
    assert len(declared_cols) == len(set(declared_cols)), "a column name declared twice"
    seen_rows, seen_cols = set(), set()
    for park in parks(example, random_parks, regional_parks):
        m = build_model(park)
        for con in m.component_objects(Constraint, active=True):
            assert con.local_name in declared_rows, f"{con.local_name} is in no family's ROWS"
            seen_rows.add(con.local_name)
        for var in m.component_objects(Var, active=True):
            assert var.local_name in declared_cols, f"{var.local_name} is in no family's COLUMNS"
            seen_cols.add(var.local_name)
    # and every declaration is real (these parks have every family's rows)
    assert seen_rows == set(declared_rows)
    assert seen_cols == set(declared_cols)


def test_every_row_and_column_is_named_by_the_index(example):
    compiled = build(example)
    ix = compiled.index
    kinds = {name: spec for f in MODULES for name, spec in {**f.ROWS, **f.COLUMNS}.items()}
    assert ix.n_rows == len(compiled.index.base.row_lower)
    assert ix.n_cols == len(compiled.integer)
    for comp, key in ix.row_names + ix.col_names:
        parts = key if isinstance(key, tuple) else (key,)
        assert len(parts) == len(kinds[comp]), (comp, key, kinds[comp])
    rows, cols = ix.names()
    assert len(set(rows)) == len(rows) and len(set(cols)) == len(cols)
    assert "res_capacity(land_ha,plan)" in rows and "units(IC_FAB,P1)" in cols


# ------------------------------------------------------------------ every field has a role
def test_every_park_field_has_a_role():
    for cls in (Park, *NESTED.values()):
        for f in dataclasses.fields(cls):
            assert f.metadata.get("role") in park_module.ROLES, f"{cls.__name__}.{f.name}"
    roles = {f.name: f.metadata["role"] for f in dataclasses.fields(Park)}
    assert all(roles[name] == "nested" for name in NESTED)


def test_moving_fields_are_moved_by_a_family_that_says_so():
    """Every ``bound`` / ``coefficient`` field is in some family's MOVES, and every MOVES
    entry names such a field: a bound nobody moves would silently not bind on a re-solve."""
    moving = {f"Park.{n}" for n in fields_with_role(Park, "bound", "coefficient")}
    for cls in NESTED.values():
        moving |= {f"{cls.__name__}.{n}" for n in fields_with_role(cls, "bound", "coefficient")}
    declared = {key for f in MODULES for key in f.MOVES}
    assert declared == moving


def test_signature_ignores_exactly_the_bound_fields(example):
    """Two parks share one compiled model when they differ only in bound fields."""
    res = list(example.resources)
    res[0] = dataclasses.replace(res[0], capacity=res[0].capacity + 1)
    bounds_only = dataclasses.replace(example, resources=tuple(res),
                                      max_units=example.max_units + 1,
                                      earliest=np.zeros_like(example.earliest),
                                      decision=("force_out",) * example.n)
    assert signature(bounds_only) == signature(example)
    targets = list(example.targets)
    targets[0] = dataclasses.replace(targets[0], value=targets[0].value / 2)
    for other in (dataclasses.replace(example, targets=tuple(targets)),  # coefficient
                  dataclasses.replace(example, name=("x",) * example.n),  # label
                  dataclasses.replace(example, kpi={**example.kpi, "tax": example.kpi["tax"] + 1})):
        assert signature(other) != signature(example)


# ------------------------------------------------------------------ the index tells the truth
def _perturb_labels(obj):
    """A copy of ``obj`` with every ``label`` field changed (recursively)."""
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        role = f.metadata["role"]
        if role == "nested":
            changes[f.name] = tuple(_perturb_labels(v) for v in value)
        elif role == "label":
            changes[f.name] = _other(value)
    return dataclasses.replace(obj, **changes)


def _other(value):
    if isinstance(value, str):
        return "Z" + value
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1000
    if isinstance(value, float):
        return value + 0.5
    if value is None:  # an optional number left blank
        return 0.5
    if isinstance(value, tuple):
        return tuple(_other(v) for v in value)
    raise AssertionError(f"no perturbation for {value!r}")


def test_label_fields_change_nothing_in_the_compiled_model(example, random_parks,
                                                           regional_parks):
    for park in parks(example, random_parks, regional_parks):
        assert same(arrays(build(park)), arrays(build(_perturb_labels(park)))) == []


def _bound_variants(park: Park, rng) -> list[Park]:
    """Parks differing from ``park`` only in bound fields, with the same rows and columns
    (per-phase capacities stay given or absent; force_in stays where it was)."""
    out = []
    for _ in range(4):
        res = [dataclasses.replace(r, capacity=float(rng.uniform(0, 2) * (r.capacity + 1)),
                                   phase_capacity=tuple(None if c is None else
                                                        float(rng.uniform(0, 2) * (c + 1))
                                                        for c in r.phase_capacity))
               for r in park.resources]
        earliest = rng.integers(0, len(park.phases), park.n)
        decision = tuple(d if d == "force_in" else str(rng.choice(["", "force_out"]))
                         for d in park.decision)
        regional = {}
        if park.regional:  # the firm rows, the spread rules and the fairness floors too
            regional = dict(
                firm_max_parks=rng.integers(1, 3, len(park.firm_ids)),
                firm_max_units=rng.integers(1, 4, len(park.firm_ids)),
                spreads=tuple(dataclasses.replace(s, value=float(rng.integers(0, 3)))
                              for s in park.spreads),
                parks=tuple(dataclasses.replace(p, floor=float(rng.uniform(0, 5)))
                            if p.floor is not None else p for p in park.parks))
        out.append(dataclasses.replace(park, resources=tuple(res), earliest=earliest,
                                       decision=decision, **regional))
    return out


def test_index_bounds_equal_those_of_a_rebuild(example, random_parks, regional_parks):
    """For parks differing only in bound fields, the index's bounds on the first model are
    exactly the bounds a model built from each park has; nothing else differs."""
    rng = np.random.default_rng(7)
    for park in parks(example, random_parks, regional_parks):
        compiled = build(park)
        base = arrays(compiled)
        for variant in _bound_variants(park, rng):
            rebuilt = build(variant)
            b = compiled.index.bounds(variant)
            assert np.array_equal(b.col_lower, rebuilt.index.base.col_lower)
            assert np.array_equal(b.col_upper, rebuilt.index.base.col_upper)
            assert np.array_equal(b.row_lower, rebuilt.index.base.row_lower)
            assert np.array_equal(b.row_upper, rebuilt.index.base.row_upper)
            assert set(same(base, arrays(rebuilt))) <= {"col_lower", "col_upper", "row_lower",
                                                         "row_upper"}


def _matrix(compiled) -> dict:
    cols = np.repeat(np.arange(len(compiled.col_start) - 1), np.diff(compiled.col_start))
    return {(int(r), int(c)): float(v) for r, c, v in
            zip(compiled.row_index, cols, compiled.values) if v != 0}


def test_coefficient_fields_move_only_the_entries_the_index_names(example):
    """Target values: a model built with other values has the first model's matrix with
    exactly the index's coefficients (shares and averages) and bounds (counts)."""
    compiled = build(example)
    targets = [dataclasses.replace(t, value=t.value * 0.9 if not t.kind.is_count else
                                   max(0.0, t.value - 1)) for t in example.targets]
    variant = dataclasses.replace(example, targets=tuple(targets))
    rebuilt = build(variant)
    expected = _matrix(compiled)
    for (r, c), v in compiled.index.coefficients(variant).items():
        if v:
            expected[(r, c)] = v
        else:
            expected.pop((r, c), None)
    assert _matrix(rebuilt) == pytest.approx(expected)
    b = compiled.index.bounds(variant)
    assert np.array_equal(b.row_lower, rebuilt.index.base.row_lower)
    assert np.array_equal(b.row_upper, rebuilt.index.base.row_upper)


def test_a_variant_pushed_through_the_index_solves_like_a_rebuild(example):
    """A park variant (what --set would give: a force_in on a candidate without a row, a
    tighter land release, a harder target) pushed into a copy of the solved model reaches
    the optimum of a fresh build of the variant."""
    from model.insight.workbench import with_capacity, with_decision, with_target

    compiled = build(example)
    compiled.solve(OPTIONS)
    chosen = compiled.index.portfolio(compiled.last_values).chosen
    out = next(i for i in range(example.n) if not chosen[i] and example.decision[i] == "")
    k = next(k for k, t in enumerate(example.targets) if t.kind == "min_service_share")
    variants = [with_decision(example, out, "force_in"),
                with_capacity(example, 0, None, example.resources[0].capacity * 0.8),
                with_target(example, k, example.targets[k].value + 0.02)]
    for variant in variants:
        h = compiled.copy()
        compiled.index.update(h, variant)
        pushed = run_highs(h, OPTIONS).outcome
        fresh = build(variant).solve(OPTIONS).outcome
        assert pushed.status == fresh.status
        assert pushed.objective == pytest.approx(fresh.objective, rel=1e-9)


def test_a_solved_plan_becomes_a_feasible_start_through_every_family(example, random_parks,
                                                                     regional_parks):
    """``index.start`` (each family filling its own columns: links, chains, placement,
    spreads ...) turns the optimal plan back into a column vector that meets every row and
    bound and has the optimum's objective: a family that forgets a column of its own makes
    the warm start of every probe and every timed run infeasible."""
    for park in parks(example, random_parks, regional_parks):
        compiled = build(park)
        outcome = compiled.solve(OPTIONS).outcome
        if outcome.status != "optimal":
            continue
        x = compiled.index.start(park, compiled.index.portfolio(compiled.last_values))
        b, act, tol = compiled.index.base, compiled.activity(x), 1e-6
        assert np.all(x >= b.col_lower - tol) and np.all(x <= b.col_upper + tol)
        bad = np.flatnonzero((act < b.row_lower - tol) | (act > b.row_upper + tol))
        assert not len(bad), [compiled.index.row_names[r] for r in bad[:5]]
        assert compiled.objective_of(x) == pytest.approx(outcome.objective, rel=1e-9)


# ------------------------------------------------------------------ the fast path is a contract
def test_every_family_takes_the_compilers_fast_path(example, random_parks, regional_parks):
    """Rows built as flat constant x variable sums are read directly; a family written
    with an expression Pyomo does not flatten would need the walker (3-10x slower per
    row, on every run).  None may."""
    for park in parks(example, random_parks, regional_parks):
        assert build(park).walked == 0


def test_the_fast_path_counter_sees_a_slow_row(example):
    """The guard above can fail: a row Pyomo does not flatten is counted."""
    import pyomo.core as pyo

    from model.solve.compile import compile_linear

    m = build_model(example)
    m.extra = pyo.Constraint(expr=2 * (m.units[0, 0] + m.units[1, 0]) <= 1)
    assert compile_linear(m).walked >= 1


def test_every_family_declares_what_the_index_needs():
    for f in FAMILIES:
        for attr in ("add", "ROWS", "COLUMNS", "MOVES"):
            assert hasattr(f, attr), f"{f.__name__} lacks {attr}"
