"""The contract sheets of a result workbook, the ``--json`` summary and the console
lines: views of one run's :class:`~model.solve.result.Result`, nothing recomputed.

Sheets are plain tables ``(title, header, rows)``; :mod:`model.present.workbook` dresses
them (formats, Overview, Charts, ``--lang``) and :mod:`model.workbook.write` writes them.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np

from ..data.load import Loaded
from ..data.park import INDUSTRY, Park
from ..data.portfolio import (
    below_threshold,
    candidate_ratio,
    clusters_earned,
    empty,
    entry_names,
    items,
    kept_out,
    resource_use,
)
from ..solve.highs import SolveOptions
from ..solve.result import Result
from ..workbook import schema as S
from ..workbook.problems import clip
from ..workbook.schema import KPIS
from ..workbook.write import PROBLEM_HEADER, problems_rows
from .digest import candidate_intensities
from .provenance import run_info
from .region import (
    PARKS_HEADER,
    PLACEMENT_HEADER,
    SPREAD_HEADER,
    firm_columns,
    parks_rows,
    placement_rows,
    spread_rows,
)
from .words import Texts

SHARES = ("avg_competitiveness", "service_share", "international_share")
COUNTS = ("industries_chosen", "units_chosen", "projects_built")


def raw_rows(book, sheet_key: str):
    """An input sheet as written (blank header cells dropped), its headers written in
    Chinese (``增加值``) under their contract names (``value_added``), so the result's
    columns are the contract's in every input language; other headers as written."""
    table = book.tables.get(sheet_key)
    if table is None:
        return [], []
    header = [h.strip() for h in table.header]
    for key, j in table.columns.items():
        if key != S.normalise_name(header[j]):
            header[j] = key
    keep = [j for j, h in enumerate(header) if h]
    rows = [[(row[j] if j < len(row) else None) for j in keep] for row in table.rows]
    return [header[j] for j in keep], rows


def kpi_keys(park: Park) -> list[str]:
    """The KPI measures of a plan, in table order."""
    keys = [f"total_{k}" for k in KPIS]
    if park.has_phases:
        keys += [f"horizon_{k}" for k in KPIS]
    return keys + list(SHARES)


def summary_rows(park: Park, result: Result, warnings: int) -> list[list]:
    out, m = result.outcome, result.measures
    rows = [["status", out.status.value], ["message", out.message], ["objective", out.objective],
            ["best_bound", out.best_bound], ["mip_gap", out.mip_gap],
            ["solve_seconds", round(out.seconds, 3)]]
    rows += [[k, None if m is None else m.kpis.get(k)] for k in kpi_keys(park)]
    rows += [[k, None if m is None else m.counts[k]] for k in COUNTS]
    rows += [["synergy_value", None if m is None else m.synergy_value],
             ["cluster_bonus", None if m is None else m.cluster_bonus],
             ["warnings", warnings]]
    # per land (with a land resource) and thresholds, after every earlier row
    rows += [[k, None if m is None else m.kpis.get(k)] for k in LAND_KEYS if park.land]
    if park.thresholds:
        rows.append(["kept_out_by_thresholds", int(kept_out(park).sum())])
    return rows


LAND_KEYS = ("value_added_per_ha", "value_added_per_mu", "tax_per_ha", "tax_per_mu")


def _admission(park: Park) -> list[str]:
    """Each candidate's ``kept_out_by``: the thresholds it fails, with its own ratio."""
    out = [[] for _ in range(park.n)]
    for h in park.thresholds:
        r = candidate_ratio(park, h.numerator, h.basis)
        for i in np.flatnonzero(below_threshold(park, h)):
            own = f"{r[i]:,.4g}" if np.isfinite(r[i]) else "no " + h.basis
            out[i].append(f"{h.name} ({own} {'>' if h.upper else '<'} {h.value:g})")
    return ["; ".join(x) for x in out]


def candidate_sheets(loaded: Loaded, result: Result) -> list:
    """Industries and Projects as read, with ``units`` / ``built`` and ``phase`` last.  In
    Industries, before those two: ``kept_out_by`` (with thresholds) and each industry's own
    intensities (value added and tax per ha and per mu, every ratio a target or threshold
    names; per unit, so independent of the units chosen)."""
    park = loaded.park
    if park.regional:
        return _firm_sheets(loaded, result)
    pf = result.portfolio if result.portfolio is not None else empty(park)
    phase = entry_names(park, pf)
    n_ind = int(park.industries.sum())
    header, rows = raw_rows(loaded.book, "industries")
    extra_header, extra = [], [[] for _ in range(park.n)]
    if park.thresholds:
        extra_header.append("kept_out_by")
        for i, text in enumerate(_admission(park)):
            extra[i].append(text)
    for key, values in candidate_intensities(park).items():
        extra_header.append(key)
        for i, v in enumerate(values):
            extra[i].append(v)
    sheets = [("Industries", header + extra_header + ["units", "phase"],
               [r + extra[i] + [int(pf.total[i]), phase[i]]
                for i, r in enumerate(rows[:n_ind])])]
    header, rows = raw_rows(loaded.book, "projects")
    if "projects" in loaded.book.tables:
        sheets.append(("Projects", header + ["built", "phase"],
                       [r + [int(pf.total[n_ind + k]), phase[n_ind + k]]
                        for k, r in enumerate(rows)]))
    else:
        sheets.append(("Projects", ["id", "built", "phase"], []))
    return sheets


def _firm_sheets(loaded: Loaded, result: Result) -> list:
    """A regional plan's Industries and Projects: one row per firm as read, with
    ``placed`` (where: ``A x2 (P1), B``), then ``units`` / ``built`` over every park and
    the first entry ``phase``; each site is a row of Placement."""
    park = loaded.park
    units, first, where = firm_columns(park, result)
    n_ind = int(sum(1 for f in range(len(park.firm_ids))
                    if park.kind[int(np.flatnonzero(park.site_of == f)[0])] == INDUSTRY))
    header, rows = raw_rows(loaded.book, "industries")
    sheets = [("Industries", header + ["placed", "units", "phase"],
               [r + [where[f], units[f], first[f]] for f, r in enumerate(rows[:n_ind])])]
    header, rows = raw_rows(loaded.book, "projects")
    if "projects" in loaded.book.tables:
        sheets.append(("Projects", header + ["placed", "built", "phase"],
                       [r + [where[n_ind + k], units[n_ind + k], first[n_ind + k]]
                        for k, r in enumerate(rows)]))
    else:
        sheets.append(("Projects", ["id", "built", "phase"], []))
    return sheets


#: ``limit`` (added after the contract's columns): the limit the row's use meets first,
#: its own capacity or a tighter one over the same use; ``slack`` = limit − used
RESOURCE_HEADER = ["resource", "phase", "kind", "unit", "capacity", "used", "slack", "binding",
                   "limit"]
TARGET_HEADER = ["target", "scope", "basis", "value", "achieved", "met"]


def resource_rows(park: Park, result: Result) -> list[list]:
    """One row per resource limit (``park`` last in a regional plan: '' = region-wide)."""
    m = result.measures
    if m is None:
        rows = [[r["resource"], r["phase"], r["kind"], r["unit"], r["capacity"], None, None,
                 None, r["limit"]] + ([r["park"]] if park.regional else [])
                for r in resource_use(park, empty(park))]
        return rows
    return [[r.resource, r.phase, r.kind, r.unit, r.capacity, r.used, r.slack,
             "yes" if r.binding else "no", r.limit] + ([r.park] if park.regional else [])
            for r in m.resources]


def target_rows(park: Park, result: Result) -> list[list]:
    """One row per target (``numerator`` last, only when the park has a ratio target)."""
    m = result.measures
    ratios = any(t.kind.is_ratio for t in park.targets)
    if m is None:
        rows = [[t.kind, t.scope, "count of industries" if t.kind.is_count else t.basis,
                 t.value, None, None] for t in park.targets]
    else:
        rows = [[t.kind, t.scope, t.basis, t.value, t.achieved, "yes" if t.met else "no"]
                for t in m.targets]
    if ratios:
        rows = [r + [t.numerator] for r, t in zip(rows, park.targets)]
    if park.regional:
        rows = [r + [t.park] for r, t in zip(rows, park.targets)]
    return rows


THRESHOLD_HEADER = ["threshold", "numerator", "basis", "bound", "value", "unit", "scope",
                    "in_scope", "kept_out", "kept_out_ids", "met"]


def threshold_rows(park: Park, result: Result) -> list[list]:
    """One row per admission threshold: what it keeps out, and whether the plan keeps it."""
    chosen = result.portfolio.chosen if result.portfolio is not None else None
    rows = []
    for h in park.thresholds:
        below = below_threshold(park, h)
        rows.append([h.name, h.numerator, h.basis, h.bound, h.value,
                     park.ratio_unit(h.numerator, h.basis), h.scope, len(h.members),
                     int(below.sum()), ", ".join(park.ids[i] for i in np.flatnonzero(below)),
                     None if chosen is None else "no" if (below & chosen).any() else "yes"])
    return rows


def chain_rows(park: Park, result: Result) -> list[list]:
    pf = result.portfolio
    chosen = pf.chosen if pf is not None else empty(park).chosen
    earned = set(clusters_earned(park, pf)) if pf is not None else set()
    return [[ch.label, len(ch.core), int(sum(chosen[k] for k in ch.core)), len(ch.supplementary),
             int(sum(chosen[s] for s in ch.supplementary)), ch.min_supplementary,
             ch.cluster_bonus, "yes" if c in earned else "no"]
            for c, ch in enumerate(park.chains)]


CHAIN_HEADER = ["chain", "core_members", "core_chosen", "supplementary_members",
                "supplementary_chosen", "min_supplementary", "cluster_bonus", "bonus_earned"]


def result_sheets(loaded: Loaded, result: Result, options: SolveOptions,
                  started: _dt.datetime, argv: list[str] | None = None) -> list:
    """The contract sheets of a single run, as plain tables."""
    park = loaded.park
    sheets = [("Summary", ["metric", "value"], summary_rows(park, result, len(loaded.warnings)))]
    sheets += candidate_sheets(loaded, result)
    regional = ["park"] if park.regional else []
    sheets.append(("Resources", RESOURCE_HEADER + regional, resource_rows(park, result)))
    ratios = any(t.kind.is_ratio for t in park.targets)
    sheets.append(("Targets", TARGET_HEADER + (["numerator"] if ratios else []) + regional,
                   target_rows(park, result)))
    if park.thresholds:
        sheets.append(("Thresholds", THRESHOLD_HEADER, threshold_rows(park, result)))
    if park.chains:
        sheets.append(("Chains", CHAIN_HEADER, chain_rows(park, result)))
    if park.regional:
        sheets.append(("Parks", PARKS_HEADER, parks_rows(park, result)))
        sheets.append(("Placement", PLACEMENT_HEADER, placement_rows(park, result)))
        if park.spreads:
            sheets.append(("Specialisation", SPREAD_HEADER, spread_rows(park, result)))
    if loaded.warnings:
        sheets.append(("Warnings", PROBLEM_HEADER, problems_rows(loaded.warnings)))
    sheets.append(("RunInfo", ["key", "value"], run_info(
        path=loaded.path, sha256=loaded.sha256, argv=argv, started=started, options=options,
        terminations=[result.outcome.termination], scenarios=loaded.scenarios,
        changes=loaded.changes, model_size=result.model_size)))
    return sheets


def summary_dict(loaded: Loaded, result: Result, output: str | None) -> dict:
    """The ``--json`` line."""
    out, park = result.outcome, loaded.park
    d = {"status": out.status.value, "objective": out.objective, "best_bound": out.best_bound,
         "mip_gap": out.mip_gap, "solve_seconds": round(out.seconds, 3), "message": out.message}
    if result.measures is not None:
        d.update(result.measures.kpis)
        d["chosen"] = [park.ids[i] for i in range(park.n) if result.portfolio.chosen[i]]
    if park.thresholds:
        d["kept_out"] = {h.name: [park.ids[i] for i in np.flatnonzero(below_threshold(park, h))]
                         for h in park.thresholds}
    d["output"] = output
    d["warnings"] = len(loaded.warnings)
    return d


def console_lines(park: Park, result: Result, t=None) -> list[str]:
    """What the console shows of a plan: objective, headline KPIs, the chosen candidates
    (``t``: :class:`~model.present.words.Texts` of the console's language; the KPI keys
    stay keys, as in the Summary's ``metric`` column)."""
    t = t or Texts("en")
    m, pf = result.measures, result.portfolio
    if m is None:
        return []
    lines = [t("cli.objective", value=f"{result.outcome.objective:,.2f}")]
    lines += [f"  total_{k}: {m.kpis[f'total_{k}']:,.1f}" for k in KPIS]
    for k in SHARES:
        v = m.kpis.get(k)
        lines.append(f"  {k}: " + ("n/a" if v is None else f"{v:.1%}" if "share" in k
                                   else f"{v:.1f}"))
    for k in ("value_added_per_mu", "tax_per_mu"):
        if k in m.kpis:
            v = m.kpis[k]
            lines.append(f"  {k}: " + ("n/a" if v is None else f"{v:,.1f}") + " (10k CNY / mu)")
    for h in park.thresholds:
        n = int(below_threshold(park, h).sum())
        lines.append(t("cli.threshold", name=h.name, ratio=h.ratio, bound=t.word(h.bound),
                       value=f"{h.value:g}", unit=t.ratio_unit(park.ratio_unit(h.numerator,
                                                                               h.basis)),
                       n=n, m=len(h.members)))
    lines.append(t("cli.chosen", n=int(pf.chosen.sum()), m=park.n))
    chosen = [i for i in range(park.n) if pf.chosen[i]]
    for i, text in zip(chosen, items(park, pf)):
        kind = "industry" if park.kind[i] == INDUSTRY else "project"
        lines.append(t("cli.chosen_item", text=text, kind=t.word(kind),
                       name=clip(park.name[i], 80)))
    return lines
