"""Shared pieces of the batch workbooks (comparison and sweep): columns, texts, RunInfo."""

from __future__ import annotations

import platform
import pyexpat

import numpy as np

from ..workbook.schema import KPIS


def KPI_COLUMNS(has_phases: bool) -> list[str]:  # noqa: N802 - a constant that depends on phases
    cols = [f"total_{k}" for k in KPIS]
    if has_phases:
        cols += [f"horizon_{k}" for k in KPIS]
    return cols + ["avg_competitiveness", "service_share", "international_share"]


def fmt_units(units: np.ndarray | None, i: int):
    """Units of candidate i over the plan (None when the point has no portfolio)."""
    return None if units is None else int(units[i].sum())


def entry_phase(park, units: np.ndarray, i: int) -> str:
    """Name of the phase candidate i enters in ('' when not chosen)."""
    row = units[i]
    if not row.any():
        return ""
    if not park.has_phases:
        return park.phases[0].name if park.phases else "plan"
    return park.phases[int(np.argmax(row > 0))].name


def chosen_text(park, units: np.ndarray) -> str:
    """``IC-FAB[P1], NEV-BAT x2[P2], ...``: the chosen candidates of one point."""
    parts = []
    for i in range(park.n):
        x = int(units[i].sum())
        if not x:
            continue
        text = park.ids[i] + (f" x{x}" if x > 1 else "")
        if park.has_phases:
            text += f"[{entry_phase(park, units, i)}]"
        parts.append(text)
    return ", ".join(parts)


def run_info_rows(path: str, sha: str, argv: list[str] | None, started, options, meta: dict,
                  results) -> list[list]:
    """RunInfo of a batch: input, command, executor, versions, solver options, outcome counts."""
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__
    from ..solve.highs import RESOLVE_TUNING, highs_version

    def pkg(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    statuses: dict[str, int] = {}
    hows: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
        hows[r.how] = hows.get(r.how, 0) + 1
    rows = [
        ["input_path", path],
        ["input_sha256", sha],
        ["command", " ".join(argv) if argv else ""],
        ["started", started.isoformat(timespec="seconds")],
        *([k, v] for k, v in meta.items()),
        ["points", len(results)],
        *([f"points_{k}", v] for k, v in sorted(statuses.items())),
        *([f"points_{k.replace(' ', '_')}", v] for k, v in sorted(hows.items())),
        ["package_version", __version__],
        ["python", platform.python_version()],
        ["pyomo", pkg("pyomo")],
        ["highspy", pkg("highspy")],
        ["highs", highs_version()],
        ["numpy", pkg("numpy")],
        ["openpyxl", pkg("openpyxl")],
        ["expat", pyexpat.EXPAT_VERSION],
        ["dask", pkg("dask")],
        ["distributed", pkg("distributed")],
        ["platform", platform.platform()],
        ["solver_options", ", ".join(f"{k}={v}" for k, v in options.as_highs().items())],
        ["resolve_settings", f"{options.resolve} (warm re-solves: "
         + ", ".join(f"{k}={v}" for k, v in RESOLVE_TUNING.items())
         + {"auto": " while they pay", "tuned": " always", "defaults": " never"}[options.resolve]
         + ")"],
    ]
    return rows


def timing_rows(specs, results) -> tuple[list[str], list[list]]:
    head = ["point", "label", "how", "solve_seconds", "build_seconds", "prepare_seconds"]
    rows = []
    for spec, r in zip(specs, results):
        t = r.timings
        rows.append([spec.index + 1, r.label, r.how, round(float(t.get("solve", 0.0)), 4),
                     round(float(t.get("build", 0.0) + t.get("compile", 0.0)), 4),
                     round(float(t.get("prepare", 0.0)), 4)])
    return head, rows


def changes_rows(label: str, changes) -> list[list]:
    return [[label, ch.source, ch.sheet, ch.row, ch.column, ch.op, _cell(ch.value),
             _cell(ch.old), _cell(ch.new)] for ch in changes]


CHANGES_HEADER = ["run", "applied_by", "sheet", "row", "column", "op", "value", "old", "new"]


def _cell(v):
    if v is None or isinstance(v, (int, float, str, bool)):
        return v
    return str(v)


# --------------------------------------------------------------------------- looks
#: a change against the baseline, signed: +5.5%, -19.8%
FMT_CHANGE = "+0.0%;-0.0%;0.0%"
SECONDS = ("solve_seconds", "build_seconds", "prepare_seconds", "wall_seconds")


def metric_format(name: str) -> str | None:
    """Excel number format of a batch metric or column (None: leave it General)."""
    from ..present.workbook import FMT_1, FMT_INT, SUMMARY_FORMATS

    if name in SUMMARY_FORMATS:
        return SUMMARY_FORMATS[name]
    if name.startswith(("total_", "horizon_")):
        return FMT_INT
    if name == "objective_vs_baseline":
        return FMT_CHANGE
    if name in SECONDS:
        return "0.000"
    if name.startswith(("capacity [", "used [", "slack [")):
        return FMT_1
    return None


def batch_style(title: str, header: list, rows: list):
    """How a batch sheet looks: number formats by metric, and the status coloured as in
    a single run's Summary (green optimal, amber feasible, red without a plan).

    The KPIs sheet has one metric per row (runs are columns), so its formats go by row;
    every other sheet has one quantity per column."""
    from ..present.workbook import STATUS_FILL
    from ..workbook.write import SheetStyle

    style = SheetStyle(formats={h: f for h in header if (f := metric_format(str(h)))})
    if title == "KPIs":
        for k, row in enumerate(rows):
            fmt = metric_format(str(row[0]))
            for j in range(1, len(row)):
                if fmt:
                    style.cell_formats[(k, j)] = fmt
                if row[0] == "status" and row[j] in STATUS_FILL:
                    style.cell_fills[(k, j)] = STATUS_FILL[row[j]]
        style.widths = {j + 2: 16 for j in range(len(header) - 1)}
    elif title == "KPI index":
        style.formats = {h: "0.0" for h in header[1:]}
    elif title == "Grid":
        style.formats = {h: "#,##0.0" for h in header[1:]}
        style.autofilter = False  # two tables (objective, then status) on one sheet
        for k, row in enumerate(rows):
            for j, v in enumerate(row):
                if j and v in STATUS_FILL:
                    style.cell_fills[(k, j)] = STATUS_FILL[v]
    elif "status" in header:
        j = header.index("status")
        for k, row in enumerate(rows):
            if row[j] in STATUS_FILL:
                style.cell_fills[(k, j)] = STATUS_FILL[row[j]]
    return style
