"""The contract sheets of a result workbook (Summary, Industries, ..., RunInfo) as plain tables."""

from __future__ import annotations

import datetime as _dt
import platform

from .. import __version__
from ..data.load import Loaded
from ..data.park import INDUSTRY, Park
from ..solve.highs import SolveOptions
from ..solve.portfolio import (
    Portfolio,
    clusters_earned,
    kpi_totals,
    resource_use,
    synergy_earned,
    target_achieved,
    target_met,
)
from ..solve.run import Solution
from ..workbook.problems import clip
from ..workbook.schema import KPIS


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
        from ..workbook.write import PROBLEM_HEADER, problems_rows

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
