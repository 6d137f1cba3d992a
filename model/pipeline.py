"""The whole pipeline, one direction:

read workbook -> apply scenario / --set changes -> validate -> Park ->
build model -> solve -> extract portfolio -> re-check -> result tables -> write.

Each step lives in its own module; this one only wires them and times them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import platform
import time
from dataclasses import dataclass, field

from . import __version__
from .overrides import Change, apply_changes, compose, parse_set
from .park import INDUSTRY, Park
from .portfolio import (
    Portfolio,
    check,
    clusters_earned,
    kpi_totals,
    objective_value,
    resource_use,
    synergy_earned,
    target_achieved,
    target_met,
)
from .problems import InputError, Problem, clip
from .read import RawWorkbook, read_workbook
from .schema import KPIS
from .solver import SolveOptions, SolveOutcome
from .validate import validate


class ModelBug(Exception):
    """The solver's portfolio violates the input: a bug, never shown as a result."""


@dataclass
class Loaded:
    path: str
    book: RawWorkbook
    park: Park
    warnings: list[Problem]
    changes: list[Change]
    scenarios: list[str]
    sha256: str
    timings: dict = field(default_factory=dict)


@dataclass
class Solution:
    outcome: SolveOutcome
    portfolio: Portfolio | None
    timings: dict = field(default_factory=dict)
    model_size: dict = field(default_factory=dict)
    model: object = None  # the solved Pyomo model (its compiled HiGHS copy serves model/insight)


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load(path: str, scenarios: list[str] = (), sets: list[str] = ()) -> Loaded:
    """Read, change and validate. Raises :class:`InputError` with every problem found."""
    timings = {}
    t0 = time.perf_counter()
    sha = file_sha256(path) if _is_file(path) else ""
    book, problems = read_workbook(path)
    timings["read"] = time.perf_counter() - t0
    if book is None:
        raise InputError(problems)
    if any(p.is_error for p in problems):
        # the tables are still usable: check them too, so every problem is listed at once
        _, more = validate(book)
        raise InputError(problems + more)
    return prepare(book, path, sha, scenarios, sets, problems, timings)


def prepare(book: RawWorkbook, path: str, sha: str, scenarios: list[str] = (),
            sets: list = (), problems: list[Problem] | None = None,
            timings: dict | None = None) -> Loaded:
    """Apply scenarios and ``--set`` (texts, or :class:`Change` objects) to a read
    workbook (changed in place), then validate.  Raises :class:`InputError`."""
    problems = list(problems or [])
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    comp = compose(book, list(scenarios))
    problems.extend(comp.problems)
    changes: list[Change] = list(comp.changes)
    origins: list = list(comp.origins)
    for text in sets:
        ch, why = (text, "") if isinstance(text, Change) else parse_set(text)
        if ch is None:
            problems.append(Problem(f"--set {text}: {why}"))
        else:
            changes.append(ch)
            origins.append(None)
    applied, change_problems = apply_changes(book, changes, origins)
    problems.extend(change_problems)
    timings["overrides"] = time.perf_counter() - t0
    if any(p.is_error for p in problems):
        raise InputError(problems)
    t0 = time.perf_counter()
    park, more = validate(book)
    problems.extend(more)
    timings["validate"] = time.perf_counter() - t0
    if park is None:
        raise InputError(problems)
    return Loaded(path, book, park, [p for p in problems if not p.is_error], applied,
                  comp.names or list(scenarios), sha, timings)


def _is_file(path: str) -> bool:
    import os

    return os.path.isfile(path)


def optimise(park: Park, options: SolveOptions = SolveOptions()) -> Solution:
    """Build, solve, extract and re-check. Raises :class:`ModelBug` on a violated rule."""
    from .portfolio import extract
    from .solver import interruptible, solve

    timings = {}
    with interruptible():  # Ctrl-C from here on stops the search, keeping the best plan
        from .formulation import build_model

        t0 = time.perf_counter()
        m = build_model(park)
        timings["build"] = time.perf_counter() - t0
        outcome = solve(m, options)
    timings["solve"] = outcome.seconds
    size = model_size(m)
    portfolio = None
    if outcome.has_solution:
        t0 = time.perf_counter()
        portfolio = extract(m, park)
        outcome = recheck(park, portfolio, outcome)
        timings["extract"] = time.perf_counter() - t0
    from .numerics import review

    outcome = review(park, portfolio, outcome, getattr(m, "_compiled", None))
    return Solution(outcome, portfolio, timings, size, m)


def recheck(park: Park, portfolio: Portfolio, outcome: SolveOutcome, label: str = ""):
    """Re-check a plan against the input and value it from the input data.

    Every rule is re-evaluated with numpy (:func:`~model.portfolio.check`) and the
    objective is recomputed from its definition; the outcome carries that value
    (:func:`~model.numerics.settle_objective`).  Raises :class:`ModelBug` when the plan
    breaks a rule or its value disagrees with the solver's: never shown as a result.
    """
    from .numerics import settle_objective

    violations = check(park, portfolio)
    recomputed = objective_value(park, portfolio)
    outcome = settle_objective(outcome, recomputed)
    if abs(recomputed - outcome.objective) > 1e-6 * max(1.0, abs(recomputed)):
        violations.append(f"objective recomputed from the input is {recomputed:.6f}, "
                          f"the solver reported {outcome.objective:.6f}")
    if violations:
        where = f"{label}: " if label else ""
        raise ModelBug(f"{where}the solver's portfolio violates the input (a bug; please report "
                       "it with the workbook):\n  " + "\n  ".join(violations))
    return outcome


def model_size(m) -> dict:
    from pyomo.core import Constraint, Var

    n_vars = sum(len(v) for v in m.component_objects(Var, active=True))
    n_int = sum(1 for v in m.component_data_objects(Var, active=True) if v.is_integer()
                or v.is_binary())
    n_cons = sum(len(c) for c in m.component_objects(Constraint, active=True))
    return {"variables": n_vars, "integer_variables": n_int, "constraints": n_cons}


# --------------------------------------------------------------------------- result tables
def _raw_rows(loaded: Loaded, sheet_key: str):
    table = loaded.book.tables.get(sheet_key)
    if table is None:
        return [], []
    header = [h.strip() for h in table.header]
    keep = [j for j, h in enumerate(header) if h]
    rows = [[(row[j] if j < len(row) else None) for j in keep] for row in table.rows]
    return [header[j] for j in keep], rows


def result_sheets(loaded: Loaded, solution: Solution, options: SolveOptions,
                  started: _dt.datetime, argv: list[str] | None = None) -> list:
    park = loaded.park
    out = solution.outcome
    pf = solution.portfolio
    n_ph = len(park.phases)
    import numpy as np

    if pf is None:
        pf_units = np.zeros((park.n, n_ph), dtype=int)
        pf = Portfolio(pf_units)
        has = False
    else:
        has = True
    totals = kpi_totals(park, pf) if has else {}
    entry = pf.entry_phase()

    def phase_name(i):
        return park.phases[entry[i]].name if entry[i] >= 0 and park.has_phases else (
            "" if entry[i] < 0 else park.phases[0].name if park.has_phases else "plan")

    summary = [
        ["status", out.status],
        ["message", out.message],
        ["objective", out.objective],
        ["best_bound", out.best_bound],
        ["mip_gap", out.mip_gap],
        ["solve_seconds", round(out.seconds, 3)],
    ]
    for k in KPIS:
        summary.append([f"total_{k}", totals.get(f"total_{k}")])
    if park.has_phases:
        for k in KPIS:
            summary.append([f"horizon_{k}", totals.get(f"horizon_{k}")])
    for k in ("avg_competitiveness", "service_share", "international_share"):
        summary.append([k, totals.get(k)])
    is_ind = park.industries
    summary += [
        ["industries_chosen", int((pf.chosen & is_ind).sum()) if has else None],
        ["units_chosen", int(pf.total[is_ind].sum()) if has else None],
        ["projects_built", int((pf.chosen & ~is_ind).sum()) if has else None],
        ["synergy_value", sum(v for _, v in synergy_earned(park, pf)) if has else None],
        ["cluster_bonus", sum(park.chains[c].cluster_bonus for c in clusters_earned(park, pf))
         if has else None],
        ["warnings", len(loaded.warnings)],
    ]
    sheets = [("Summary", ["metric", "value"], summary)]

    header, rows = _raw_rows(loaded, "industries")
    n_ind = int(is_ind.sum())
    ind_rows = [r + [int(pf.total[i]), phase_name(i)] for i, r in enumerate(rows[:n_ind])]
    sheets.append(("Industries", header + ["units", "phase"], ind_rows))
    header, rows = _raw_rows(loaded, "projects")
    if "projects" in loaded.book.tables:
        prj_rows = [r + [int(pf.total[n_ind + k]), phase_name(n_ind + k)]
                    for k, r in enumerate(rows)]
        sheets.append(("Projects", header + ["built", "phase"], prj_rows))
    else:
        sheets.append(("Projects", ["id", "built", "phase"], []))

    res_rows = []
    for row in resource_use(park, pf):
        res_rows.append([row["resource"], row["phase"], row["kind"], row["unit"], row["capacity"],
                         row["used"] if has else None, row["slack"] if has else None,
                         ("yes" if row["binding"] else "no") if has else None])
    sheets.append(("Resources", ["resource", "phase", "kind", "unit", "capacity", "used", "slack",
                                 "binding"], res_rows))

    tgt_rows = []
    for k, t in enumerate(park.targets):
        achieved = target_achieved(park, pf, k) if has else None
        tgt_rows.append([t.kind, t.scope, t.basis if t.kind not in ("min_count", "max_count")
                         else "count of industries", t.value, achieved,
                         ("yes" if target_met(t, achieved) else "no") if has else None])
    sheets.append(("Targets", ["target", "scope", "basis", "value", "achieved", "met"], tgt_rows))

    if park.chains:
        ch_rows = []
        earned = set(clusters_earned(park, pf)) if has else set()
        for c, ch in enumerate(park.chains):
            ch_rows.append([ch.name, len(ch.core), int(sum(pf.chosen[k] for k in ch.core)),
                            len(ch.supplementary),
                            int(sum(pf.chosen[s] for s in ch.supplementary)),
                            ch.min_supplementary, ch.cluster_bonus,
                            "yes" if c in earned else "no"])
        sheets.append(("Chains", ["chain", "core_members", "core_chosen", "supplementary_members",
                                  "supplementary_chosen", "min_supplementary", "cluster_bonus",
                                  "bonus_earned"], ch_rows))

    if loaded.warnings:
        from .write import PROBLEM_HEADER, problems_rows

        sheets.append(("Warnings", PROBLEM_HEADER, problems_rows(loaded.warnings)))
    sheets.append(("RunInfo", ["key", "value"], run_info(loaded, solution, options, started, argv)))
    return sheets


def run_info(loaded: Loaded, solution: Solution, options: SolveOptions, started: _dt.datetime,
             argv: list[str] | None) -> list[list]:
    from importlib.metadata import PackageNotFoundError, version

    def pkg(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    rows = [
        ["input_path", loaded.path],
        ["input_sha256", loaded.sha256],
        ["scenario", " + ".join(loaded.scenarios)],
        ["changes_applied", len(loaded.changes)],
    ]
    for k, ch in enumerate(loaded.changes, start=1):
        rows.append([f"change_{k}", ch.describe()])
    rows += [
        ["command", " ".join(argv) if argv else ""],
        ["started", started.isoformat(timespec="seconds")],
        ["package_version", __version__],
        ["python", platform.python_version()],
        ["pyomo", pkg("pyomo")],
        ["highspy", pkg("highspy")],
        ["highs", solution.outcome.solver_version],
        ["numpy", pkg("numpy")],
        ["openpyxl", pkg("openpyxl")],
        ["python-calamine", pkg("python-calamine")],
        ["platform", platform.platform()],
        ["solver_options", ", ".join(f"{k}={v}" for k, v in options.as_highs().items())],
        ["termination", solution.outcome.termination],
    ]
    from .provenance import rows as provenance_rows

    rows += provenance_rows(loaded.path, options, solution.outcome)
    for k, v in solution.model_size.items():
        rows.append([f"model_{k}", v])
    return rows


def summary_dict(loaded: Loaded, solution: Solution, output: str | None) -> dict:
    out = solution.outcome
    d = {"status": out.status, "objective": out.objective, "best_bound": out.best_bound,
         "mip_gap": out.mip_gap, "solve_seconds": round(out.seconds, 3), "message": out.message}
    if solution.portfolio is not None:
        d.update(kpi_totals(loaded.park, solution.portfolio))
        park, pf = loaded.park, solution.portfolio
        d["chosen"] = [park.ids[i] for i in range(park.n) if pf.chosen[i]]
    d["output"] = output
    d["warnings"] = len(loaded.warnings)
    return d


def chosen_text(park: Park, pf: Portfolio) -> list[str]:
    lines = []
    entry = pf.entry_phase()
    for i in range(park.n):
        if pf.chosen[i]:
            kind = "industry" if park.kind[i] == INDUSTRY else "project"
            units = f" x{pf.total[i]}" if pf.total[i] > 1 else ""
            ph = entry[i]
            when = f" ({park.phases[ph].name})" if park.has_phases else ""
            lines.append(f"{park.ids[i]}{units}{when} [{kind}] {clip(park.name[i], 80)}")
    return lines
