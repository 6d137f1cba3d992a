"""The comparison workbook: several scenarios side by side, against the baseline.

Sheets (each run is a column, the baseline first):

* ``KPIs``: status, objective (and its change against the baseline), gap, KPI totals,
  shares, counts;
* ``KPI index``: the main KPIs as a percentage of the baseline (baseline = 100), with
  a native Excel bar chart, one group of bars per scenario;
* ``Resources``: capacity, use and slack of every resource (and phase) per run;
* ``Portfolio``: units (and entry phase) of every candidate per run;
* ``Differences``: what changes against the baseline: which industries and projects
  enter, leave, change units or change phase;
* ``Changes``: every change each run applied, with the old and new value;
* ``RunInfo`` and ``Timing``.

A run without a portfolio (infeasible) keeps its column, with its status and blanks.
"""

from __future__ import annotations

from ..data.portfolio import Portfolio, entry_names, moves
from ..present.charts import Cols, bar_chart
from ..present.tables import kpi_keys
from ..present.words import Texts

MAIN_KPIS = ("objective", "total_value_added", "total_tax", "total_jobs")


def _value(res, metric: str):
    if metric == "objective":
        return res.objective
    return res.kpis.get(metric)


def comparison_sheets(park, specs, results, t: Texts | None = None) -> tuple[list, dict]:
    """The sheets (English names: :func:`model.present.translate.translate_sheets` turns
    them into ``t``'s language) and their charts, already in ``t``'s language."""
    t = t or Texts("en")

    labels = [s.label for s in specs]
    base = results[0]
    kpi_cols = kpi_keys(park)
    rows = [["status", *(r.status for r in results)],
            ["objective", *(r.objective for r in results)],
            ["objective_vs_baseline", *(_change(r.objective, base.objective) for r in results)],
            ["best_bound", *(r.best_bound for r in results)],
            ["mip_gap", *(r.mip_gap for r in results)]]
    rows += [[k, *(r.kpis.get(k) for r in results)] for k in kpi_cols]
    rows += [[k, *(r.counts.get(k) for r in results)]
             for k in ("industries_chosen", "units_chosen", "projects_built", "synergy_value",
                       "cluster_bonus")]
    rows += [["how", *(r.how for r in results)], ["message", *(r.message for r in results)]]
    sheets = [("KPIs", ["metric", *labels], rows)]

    idx_rows = []
    for r in results:
        idx_rows.append([r.label, *(_index(_value(r, m), _value(base, m)) for m in MAIN_KPIS)])
    sheets.append(("KPI index", ["scenario", *MAIN_KPIS], idx_rows))
    n = len(results)
    # below the table, as wide as a landscape page at most: it prints with the table
    charts = {"KPI index": [(f"A{n + 3}", bar_chart(
        t.sheet("KPI index"), Cols(1, 2, n + 1),
        [Cols(j + 2, 1, n + 1) for j in range(len(MAIN_KPIS))],
        title=t("compare.chart"), x_title=t.header("scenario"),
        y_title=t("compare.chart_axis"), width=min(25.0, max(16.0, 3.0 * n))))]}

    # resources side by side
    res_head = ["resource", "phase", "unit", "kind"]
    for label in labels:
        res_head += [f"capacity [{label}]", f"used [{label}]", f"slack [{label}]"]
    res_rows = []
    for k, row in enumerate(base.resources):
        line = [row["resource"], row["phase"], row["unit"], row["kind"]]
        for r in results:
            other = r.resources[k]
            line += [other["capacity"], other["used"], other["slack"]]
        res_rows.append(line)
    sheets.append(("Resources", res_head, res_rows))

    # portfolio side by side
    pf_head = ["id", "name", "kind"]
    for label in labels:
        pf_head.append(f"units [{label}]")
        if park.has_phases:
            pf_head.append(f"phase [{label}]")
    pf_rows = []
    phases = [None if r.units is None else entry_names(park, Portfolio(r.units)) for r in results]
    for i in range(park.n):
        line = [park.ids[i], park.name[i], park.kind[i]]
        for r, names in zip(results, phases):
            line.append(None if r.units is None else int(r.units[i].sum()))
            if park.has_phases:
                line.append(None if names is None else names[i])
        pf_rows.append(line)
    sheets.append(("Portfolio", pf_head, pf_rows))
    sheets.append(("Differences", DIFF_HEADER, differences(park, specs, results, t)))
    return sheets, charts


DIFF_HEADER = ["scenario", "id", "name", "kind", "change", "baseline_units", "units",
               "baseline_phase", "phase"]


def differences(park, specs, results, t: Texts | None = None) -> list[list]:
    """Per scenario, the candidates that enter, leave, change units or change phase."""
    t = t or Texts("en")
    base = results[0]
    out = []
    for spec, r in zip(specs[1:], results[1:]):
        if base.units is None or r.units is None:
            key = "compare.no_base" if base.units is None else "compare.no_plan"
            status = base.status if base.units is None else r.status
            out.append([spec.label, "", "", "", t(key, status=t.word(status)),
                        None, None, None, None])
            continue
        def phase_name(k):
            return park.phases[k].name if park.has_phases and k >= 0 else ""

        for mv in moves(Portfolio(base.units), Portfolio(r.units)):
            b_phase, phase = phase_name(mv.base_phase), phase_name(mv.phase)
            if mv.what == "changes":
                parts = []
                if mv.units != mv.base_units:
                    parts.append(t("compare.units", old=mv.base_units, new=mv.units))
                if phase != b_phase:
                    parts.append(t("compare.phase", old=b_phase, new=phase))
                what = t("list.sep").join(parts)
            else:
                what = t.word(mv.what)
            i = mv.index
            out.append([spec.label, park.ids[i], park.name[i], t.word(park.kind[i]), what,
                        mv.base_units, mv.units, b_phase or None, phase or None])
    return out


def _change(value, base):
    if value is None or base is None or base == 0:
        return None
    return (value - base) / abs(base)


def _index(value, base):
    if value is None or base is None or base == 0:
        return None
    return round(100.0 * value / base, 6)
