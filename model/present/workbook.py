"""The presentable result workbook: a cover sheet, charts, formats and flags.

:func:`dress` takes the plain result tables of :func:`model.solve.run.result_sheets`
and returns the sheets :func:`model.workbook.write.write_workbook` writes, each with a
:class:`~model.workbook.write.SheetStyle`:

* ``Overview`` (first, active): what a director reads in a minute: the status in
  words, headline KPIs, land / farmland / capital use against capacity, the policy
  targets and shares against their values, and one chart.
* ``Charts``: small tables (by sector, by chain, resource use per phase, entries per
  phase) with native Excel charts drawn from them (:mod:`model.present.workbook.charts`).
* the contract sheets, unchanged in name, columns and order (with ``--lang en``), with
  number formats (thousands separators, one decimal for hectares, percentages for
  shares), units in header comments, frozen headers, filters, chosen rows highlighted
  in green, binding resources / nearly used limits / tight targets flagged by
  conditional formatting.  Columns are only added at the end (``label`` and ``unit``
  in ``Summary``; ``use_share`` in ``Resources``; ``margin`` and ``label`` in
  ``Targets``).

**Decision (units in headers)**: contract column names must not change, so with
``--lang en`` a header cell holds the name alone and its unit and meaning are in the
header's comment (hover); the Overview, Charts and the report write units in their
labels.  With ``--lang zh`` headers are translated and carry the unit, e.g.
``用地 (公顷)``, since they are not contract names anyway (see :mod:`model.present.words`).
"""

from __future__ import annotations

import functools

from ..workbook import schema as S
from ..workbook.messages import render
from ..workbook.write import RowRule, SheetStyle
from . import charts as C
from .digest import GROUPS, NEAR, NO_CHAIN, OTHER_CHAINS, Digest, digest
from .region import style_parks, style_values
from .words import COLUMN_UNITS, Texts, zh_column

# fills: chosen rows, used-up limits, nearly used / tight, not met, good status
GREEN = "E2EFDA"
AMBER = "FFE699"
LIGHT_AMBER = "FFF2CC"
RED = "F8CBAD"
BLUE = "DDEBF7"

FMT_INT = "#,##0"
FMT_1 = "#,##0.0"
FMT_2 = "#,##0.00"
FMT_PCT = "0.0%"
FMT_GAP = "0.00%"

SUMMARY_FORMATS = {
    "objective": FMT_1, "best_bound": FMT_1, "mip_gap": FMT_GAP, "solve_seconds": "0.00",
    "avg_competitiveness": "0.0", "service_share": FMT_PCT, "international_share": FMT_PCT,
    "industries_chosen": "0", "units_chosen": "0", "projects_built": "0", "warnings": "0",
    "synergy_value": FMT_INT, "cluster_bonus": FMT_INT, "value_added_per_ha": FMT_1,
    "value_added_per_mu": FMT_1, "tax_per_ha": FMT_1, "tax_per_mu": FMT_1,
    "kept_out_by_thresholds": "0",
}
SUMMARY_UNITS = {
    "objective": "objective units", "best_bound": "objective units",
    "total_value_added": "10k CNY / year", "total_tax": "10k CNY / year",
    "total_jobs": "persons", "horizon_value_added": "10k CNY", "horizon_tax": "10k CNY",
    "horizon_jobs": "person-years", "solve_seconds": "s", "synergy_value": "objective units",
    "cluster_bonus": "objective units", "avg_competitiveness": "score 0-100",
    "value_added_per_ha": "10k CNY / ha", "value_added_per_mu": "10k CNY / mu",
    "tax_per_ha": "10k CNY / ha", "tax_per_mu": "10k CNY / mu",
}
STATUS_FILL = {"optimal": GREEN, "feasible": LIGHT_AMBER, "infeasible": RED, "no_solution": RED}

OUTPUT_COLUMNS = {  # meaning of the columns the result adds (en, zh)
    "units": ("units chosen (0 = not chosen)", "入选单元数（0 = 未入选）"),
    "built": ("1 = built, 0 = not built", "1 = 建设，0 = 不建设"),
    "phase": ("phase in which the units enter (blank = not chosen)",
              "入驻期次（空 = 未入选）"),
    "capacity": ("the limit (blank = no limit of its own in this phase)",
                 "上限（空 = 该期次无单独上限）"),
    "used": ("use by the chosen units", "入选单元的用量"),
    "slack": ("limit − used", "有效上限 − 已用"),
    "binding": ("yes when the limit is used up (slack 0)", "余量为 0 时为“是”"),
    "limit": ("the limit this use meets first: the capacity, or a tighter limit over the same "
              "use (e.g. the whole-plan capacity below a phase's)",
              "该用量最先触及的上限：本行容量，或覆盖同一用量的更紧上限（如低于分期容量的全期容量）"),
    "use_share": ("used / limit", "已用 / 有效上限"),
    "achieved": ("value reached by the portfolio", "组合达到的值"),
    "met": ("whether the target is met", "目标是否达成"),
    "margin": ("room left: achieved − value for a minimum, value − achieved for a maximum",
               "富余：下限目标为实际 − 要求，上限目标为要求 − 实际"),
    "metric": ("machine-readable key (stable across languages)", "机器可读的指标代码（各语言相同）"),
    "label": ("what the row means", "含义"),
    "kept_out_by": ("admission thresholds this candidate fails, with its own ratio: it is kept "
                    "out of the plan", "未达到的准入门槛及本候选的比值：不予准入"),
    "numerator": ("ratio targets: the column totalled over the basis",
                  "比值目标：以 basis 为分母的分子列"),
    "in_scope": ("industries the threshold applies to", "门槛适用的产业数"),
    "kept_out": ("candidates below the threshold, kept out", "低于门槛、不予准入的候选数"),
    "kept_out_ids": ("their ids", "其编号"),
}


def number_format(unit: str | None) -> str:
    """Excel number format for a quantity in ``unit``: hectares with one decimal, money,
    persons and counts as whole numbers with thousands separators."""
    u = (unit or "").strip().lower()
    if u in ("ha", "hectare", "hectares", "mu", "亩", "公顷"):
        return FMT_1
    if "cny" in u or "yuan" in u or "元" in u or u in ("persons", "units", "person-years"):
        return FMT_INT
    return FMT_1


def _started_from(sheets) -> str:
    for title, _header, rows, *_ in sheets:
        if title == "RunInfo":
            for r in rows:
                if r and r[0] == "started":
                    return str(r[1])
    return ""


def dress(sheets: list, loaded, result, lang: str = "en", d: Digest | None = None) -> list:
    """The presentable workbook: Overview and Charts added, every sheet styled and (for
    ``zh``) translated.  ``sheets`` are the plain tables of ``result_sheets``."""
    t = Texts(lang)
    d = d or digest(loaded, result, _started_from(sheets))
    park = loaded.park
    units = {r.name: r.unit for r in park.resources}
    col_units = dict(COLUMN_UNITS)
    col_units.update(units)
    charts_title = t.sheet("Charts")
    charts_sheet, chart_cells = charts_page(d, t, charts_title)
    diagnosis = t.sheet("Diagnosis") if any(s[0] == "Diagnosis" for s in sheets) else None
    out = [overview(d, t, park, chart_cells, charts_title, diagnosis), charts_sheet]
    for sheet in sheets:
        title, header, rows = sheet[:3]
        style = sheet[3] if len(sheet) > 3 else None
        after = []
        if style is not None and not isinstance(style, SheetStyle):
            after, style = list(style), None  # callables add(ws): charts placed by their module
        if isinstance(style, SheetStyle):
            after, style.after = list(style.after) + after, []
        # a chart's hook takes the reader's language: it draws after the words are translated
        after = [functools.partial(add, lang=t.lang) for add in after]
        if t.zh and title == "RunInfo":  # row labels and sentences; versions stay
            rows = [t.run_info(*r) for r in rows]
        elif t.zh and title == "Warnings":  # severity word, keyed messages in Chinese
            rows = [[t.word(v) if h == "severity" else render(v, t.lang)
                     for h, v in zip(header, r)] for r in rows]
        elif t.zh and title in ("Sensitivity", "Diagnosis", "Decisions", "Frontier",
                                "Alternatives"):  # data words; keys (status, ids) stay
            rows = [[render(v, t.lang) for v in r] for r in rows]  # Phrase: keyed sentences
            rows = [[t.check(v) if h in ("blocked_by", "explanation") else
                     t.word(v) if h in ("unit", "per", "kind", "in_plan", "binding",
                                        "decision") else
                     t.note(v) if h == "note" or (j == 0 and str(v).startswith("Note: "))
                     else v for j, (h, v) in enumerate(zip(header, r))] for r in rows]
        styler = STYLERS.get(title)
        if isinstance(style, SheetStyle) and not style.comments:  # a module's own style
            style.comments = _comments(header, t, col_units, "")
        if style is None and styler is not None:
            header, rows, style = styler(list(header), [list(r) for r in rows], t, col_units, d)
        elif style is None:
            style = SheetStyle(comments=_comments(header, t, col_units, ""),
                               formats=_formats(header, col_units))
        style.after = after
        if t.zh and style.names is None:
            style.names = list(header)
            header = [t.header(h, col_units.get(h) if h in col_units else None) for h in header]
        out.append((t.sheet(title), header, rows, style))
    return out


# ------------------------------------------------------------------------ column helpers
def _formats(header, col_units) -> dict:
    fmts = {}
    for h in header:
        if h in ("value_added", "tax", "jobs", "cluster_bonus", "value"):
            fmts[h] = FMT_INT
        elif h == "competitiveness":
            fmts[h] = "0.0"
        elif h in col_units and h not in ("max_units", "units"):
            fmts[h] = number_format(col_units[h])
    return fmts


def _comments(header, t: Texts, col_units, sheet_key: str) -> dict:
    out = {}
    spec = S.SHEET_BY_NAME.get(sheet_key)
    for h in header:
        text = ""
        col = spec.column(h) if spec else None
        if h in OUTPUT_COLUMNS:
            text = OUTPUT_COLUMNS[h][1 if t.zh else 0]
        elif col is not None:
            text = zh_column(sheet_key, h) if t.zh else col.description
        elif h in col_units and sheet_key in ("industries", "projects"):
            text = "每单元用量" if t.zh else "use per unit"
        unit = col_units.get(h)
        if unit and h not in ("units", "max_units"):
            text = (text + "\n" if text else "") + t("col.unit", unit=t.unit(unit))
        if text:
            out[h] = text
    return out


def _yes(t: Texts) -> str:
    return t.word("yes")


def _word_columns(rows, header, columns, t: Texts):
    if not t.zh:
        return
    idx = [header.index(c) for c in columns if c in header]
    for r in rows:
        for j in idx:
            if j < len(r):
                r[j] = t.word(r[j])


# ------------------------------------------------------------------------ contract sheets
def _style_summary(header, rows, t: Texts, col_units, d: Digest):
    header = header + ["label", "unit"]
    fmts, fills = {}, {}
    for k, r in enumerate(rows):
        key = r[0]
        unit = SUMMARY_UNITS.get(key, "")
        if key.startswith("horizon_jobs"):
            unit = "person-years"
        r += [t.metric(key), t.ratio_unit(unit) if unit != "s" else ("秒" if t.zh else "s")]
        fmt = SUMMARY_FORMATS.get(key) or (FMT_INT if key.startswith(("total_", "horizon_"))
                                           else None)
        if fmt:
            fmts[(k, 1)] = fmt
        if key == "status":
            fills[(k, 1)] = STATUS_FILL.get(r[1], BLUE)
        elif key == "message":  # the solver's words for reading; status stays the key
            r[1] = t.outcome(r[1])
    style = SheetStyle(cell_formats=fmts, cell_fills=fills, autofilter=False,
                       comments=_comments(header, t, {}, ""), widths={"value": 18, "label": 46})
    if t.zh:
        style.names = header
        header = [t.header(h) for h in header]
    return header, rows, style


def _style_candidates(key_col: str, sheet_key: str):
    def styler(header, rows, t: Texts, col_units, d: Digest):
        fmts = _formats(header, col_units)
        fmts.update({h: FMT_2 for h in header if "_per_" in h})  # intensities
        style = SheetStyle(formats=fmts,
                           comments=_comments(header, t, col_units, sheet_key),
                           rules=[RowRule(f"{{{key_col}}}>0", GREEN)],
                           widths={"name": 34} if "name" in header else {})
        return header, rows, style
    return styler


def _style_resources(header, rows, t: Texts, col_units, d: Digest):
    header = header + ["use_share"]
    j_cap, j_used, j_slack, j_unit = (header.index(c) for c in ("capacity", "used", "slack",
                                                               "unit"))
    j_lim = header.index("limit") if "limit" in header else j_cap
    fmts = {}
    for k, r in enumerate(rows):
        cap, used = r[j_lim], r[j_used]
        r.append(used / cap if isinstance(used, (int, float)) and cap else None)
        fmt = number_format(r[j_unit])
        for j in (j_cap, j_used, j_slack, j_lim):
            fmts[(k, j)] = fmt
        fmts[(k, len(header) - 1)] = FMT_PCT
    _word_columns(rows, header, ("binding", "kind"), t)
    yes = _yes(t)
    rules = [RowRule(f'{{binding}}="{yes}"', AMBER, bold=True),
             RowRule(f"AND(ISNUMBER({{capacity}}),{{capacity}}>0,ISNUMBER({{slack}}),"
                     f"{{slack}}<={NEAR}*{{capacity}})", LIGHT_AMBER)]
    style = SheetStyle(cell_formats=fmts, rules=rules,
                       comments=_comments(header, t, {}, "resources"))
    return header, rows, style


def _style_targets(header, rows, t: Texts, col_units, d: Digest):
    header = header + ["margin", "label"]
    fmts = {}
    for k, r in enumerate(rows):
        info = d.targets[k] if k < len(d.targets) else {}
        op = "≤" if r[0].startswith("max") else "≥"
        r += [info.get("margin"), f"{_target_label(t, info, r[0], r[1])} {op}"]
        kind = S.TargetKind(r[0])
        fmt = (FMT_PCT if kind.is_share else "0" if kind.is_count else FMT_2 if kind.is_ratio
               else "0.0")
        for j in (3, 4, header.index("margin")):
            fmts[(k, j)] = fmt
    _word_columns(rows, header, ("met",), t)
    no = t.word("no")
    rules = [RowRule(f'{{met}}="{no}"', RED, bold=True),
             RowRule(f"AND(ISNUMBER({{margin}}),{{margin}}<={NEAR}*ABS({{value}})+1E-9)",
                     LIGHT_AMBER)]
    style = SheetStyle(cell_formats=fmts, rules=rules, comments=_comments(header, t, {}, "targets"),
                       widths={"label": 36})
    return header, rows, style


def _style_chains(header, rows, t: Texts, col_units, d: Digest):
    _word_columns(rows, header, ("bonus_earned",), t)
    style = SheetStyle(formats={"cluster_bonus": FMT_INT},
                       rules=[RowRule(f'{{bonus_earned}}="{_yes(t)}"', GREEN)],
                       comments=_comments(header, t, {}, "chains"))
    return header, rows, style


def _style_plain(sheet_key: str = ""):
    def styler(header, rows, t: Texts, col_units, d: Digest):
        return header, rows, SheetStyle(comments=_comments(header, t, col_units, sheet_key),
                                        widths={"value": 60, "message": 70})
    return styler


def _target_label(t: Texts, info: dict, kind: str, scope) -> str:
    return t.target(kind, scope or "", info.get("numerator", ""), info.get("basis", ""),
                    info.get("land", ""))


def _style_thresholds(header, rows, t: Texts, col_units, d: Digest):
    _word_columns(rows, header, ("met", "bound"), t)
    j_unit = header.index("unit")
    for r in rows:
        r[j_unit] = t.ratio_unit(r[j_unit])
    style = SheetStyle(formats={"value": FMT_2, "in_scope": "0", "kept_out": "0"},
                       rules=[RowRule(f'{{met}}="{t.word("no")}"', RED, bold=True)],
                       comments=_comments(header, t, {}, "thresholds"),
                       widths={"kept_out_ids": 60})
    return header, rows, style


STYLERS = {
    "Summary": _style_summary,
    "Thresholds": _style_thresholds,
    "Industries": _style_candidates("units", "industries"),
    "Projects": _style_candidates("built", "projects"),
    "Resources": _style_resources,
    "Targets": _style_targets,
    "Chains": _style_chains,
    "Warnings": _style_plain(),
    "RunInfo": _style_plain(),
    # regional plans (model.present.region)
    "Parks": style_parks,
    "Placement": style_values({"name": 30}),
    "Specialisation": style_values({}),
    "Coordination": style_values({"alone_plan": 40, "coordinated_plan": 40, "notes": 50,
                                  "lost_in_contests": 24}),
    "Contested": style_values({"name": 30, "chased_by": 36}),
}


# ------------------------------------------------------------------------ the Charts sheet
#: charts sit right of their table (the widest has 9 columns, A-I), from the row below
#: its title, 14 x 7.5 cm, so that a table and its chart print side by side on a
#: landscape page at about 67 %, two of them a page
CHART_COL, CHART_W, CHART_H = "J", 14, 7.5
class _Page:
    """Rows of a free-form sheet (no header row), with kinds, formats and fills."""

    def __init__(self):
        self.rows: list[list] = []
        self.kinds: dict = {}
        self.formats: dict = {}
        self.fills: dict = {}
        self.align: dict = {}

    def add(self, row=(), kind=None, formats=None, fills=None, right=(), indent=()) -> int:
        """Add a row; ``right``: columns to right-align (headings over numbers);
        ``indent``: text columns that follow a number column."""
        k = len(self.rows)
        self.rows.append(list(row))
        if kind:
            self.kinds[k] = kind
        if kind == "head" and not right:
            right = range(1, len(row))
        for j in right:
            self.align[(k, j)] = "right"
        for j in indent:
            self.align[(k, j)] = "indent"
        for j, f in (formats or {}).items():
            if f:
                self.formats[(k, j)] = f
        for j, f in (fills or {}).items():
            if f:
                self.fills[(k, j)] = f
        return k + 1  # Excel row number

    def pad_to(self, n_rows: int):
        while len(self.rows) < n_rows:
            self.rows.append([])


def group_label(t: Texts, g: str) -> str:
    if g == "project":
        return t.word("projects") if t.zh else "projects"
    return t.word(g)


def charts_page(d: Digest, t: Texts, sheet: str):
    """The ``Charts`` sheet and where its chart tables are (for the Overview's chart)."""
    page = _Page()
    charts = []
    cells = {}
    page.add([t("chart.data")], "title")
    page.add([t("chart.note")], "note")
    page.add()
    BLOCK = 18  # rows per chart (a chart is 7.5 cm high, rows are 0.5 cm)
    if not d.has_solution:
        page.add([t(f"status.{d.status}", gap="")], "status")
        return (sheet, None, page.rows, SheetStyle(header=False, row_kinds=page.kinds,
                                                    widths={1: 28}, freeze=None)), cells
    land = d.land
    land_unit = t.unit(d.resource_units.get(land, "")) if land else ""
    cap = d.capital
    cap_unit = t.unit(d.resource_units.get(cap, "")) if cap else ""

    starts = []  # where each table and its chart begin: each is kept on one page

    def block_start():
        starts.append(len(page.rows))
        return len(page.rows)

    # 1. by sector: land (and capital, KPIs) -----------------------------------------
    start = block_start()
    page.add([t("chart.land_by_sector")], "section")
    head = [t.header("group") if t.zh else "group", t.header("candidates") if t.zh else "chosen",
            t.header("units")]
    keys = []
    if land:
        head.append(_with_unit(t, land, land_unit))
        keys.append(land)
    if cap:
        head.append(_with_unit(t, cap, cap_unit))
        keys.append(cap)
    for k in ("value_added", "tax", "jobs"):
        head.append(_with_unit(t, k, t.unit(COLUMN_UNITS[k])))
        keys.append(k)
    head_row = page.add(head, "head")
    for g in d.by_sector:
        fm = {j + 3: (number_format(d.resource_units.get(k)) if k in (land, cap) else FMT_INT)
              for j, k in enumerate(keys)}
        page.add([group_label(t, g["group"]), g["chosen"], g["units"]] + [g[k] for k in keys],
                 formats=fm)
    last = len(page.rows)
    if land:
        charts.append((f"{CHART_COL}{start + 2}", C.bar_chart(
            sheet, C.Cols(1, head_row + 1, last), [C.Cols(4, head_row, last)],
            title=t("chart.land_by_sector"), y_title=land_unit, y_format="#,##0",
            colours=[C.GROUP_COLOURS.get(g["group"], C.PALETTE[0]) for g in d.by_sector][:1],
            width=CHART_W, height=CHART_H)))
        _vary_colours(charts[-1][1], [C.GROUP_COLOURS.get(g["group"]) for g in d.by_sector])
    page.pad_to(start + BLOCK)

    # 2. by chain: land, and each KPI's share -----------------------------------------
    start = block_start()
    page.add([t("chart.land_by_chain")], "section")
    head = [t.header("chain") if t.zh else "chain", t.header("candidates") if t.zh else "chosen"]
    if land:
        head.append(_with_unit(t, land, land_unit))
    kpis = ("value_added", "tax", "jobs")
    head += [_with_unit(t, k, t.unit(COLUMN_UNITS[k])) for k in kpis]
    share_word = t("chart.share_of_total")
    head += [f"{t.header(k, '')}{share_word}" if t.zh else f"{k} share" for k in kpis]
    head_row = page.add(head, "head")
    for g in d.by_chain:
        name = (t.word(g["group"]) if g["group"] in (NO_CHAIN, OTHER_CHAINS, "project")
                else g["group"])
        if g["group"] == "project":
            name = group_label(t, "project")
        vals = [name, g["chosen"]] + ([g[land]] if land else []) + [g[k] for k in kpis]
        vals += [g[f"{k}_share"] for k in kpis]
        n0 = 3 if land else 2
        fm = {2: FMT_1} if land else {}
        fm.update({n0 + j: FMT_INT for j in range(3)})
        fm.update({n0 + 3 + j: FMT_PCT for j in range(3)})
        page.add(vals, formats=fm)
    last = len(page.rows)
    n0 = 3 if land else 2
    if land:
        charts.append((f"{CHART_COL}{start + 2}", C.bar_chart(
            sheet, C.Cols(1, head_row + 1, last), [C.Cols(3, head_row, last)],
            title=t("chart.land_by_chain"), y_title=land_unit, horizontal=True,
            y_format="#,##0", colours=[C.PALETTE[4]], width=CHART_W, height=CHART_H)))
    page.pad_to(start + BLOCK)
    start = block_start()
    page.add([t("chart.kpi_by_chain")], "section")
    page.add([t("chart.same_table")], "note")
    charts.append((f"{CHART_COL}{start + 2}", C.bar_chart(
        sheet, C.Cols(1, head_row + 1, last),
        [C.Cols(n0 + 4 + j, head_row, last) for j in range(3)],
        title=t("chart.kpi_by_chain"), y_title=share_word, y_format="0%",
        width=CHART_W, height=CHART_H)))
    page.pad_to(start + BLOCK)

    # 3. resource use against capacity per phase --------------------------------------
    start = block_start()
    page.add([t("chart.resource_use")], "section")
    periods = [""] + (list(d.phases) if d.has_phases else [])
    names = list(dict.fromkeys(r["resource"] for r in d.resources))
    head = [t.header("resource")] + [t("phase.all") if p == "" else p for p in periods]
    head_row = page.add(head, "head")
    for name in names:
        vals = [name]
        for p in periods:
            row = next((r for r in d.resources if r["resource"] == name and r["phase"] == p),
                       None)
            vals.append(row["use_share"] if row else None)
        page.add(vals, formats={j + 1: FMT_PCT for j in range(len(periods))},
                 fills={j + 1: _state_fill(next((r["state"] for r in d.resources
                                                 if r["resource"] == name and r["phase"] == p),
                                                None)) for j, p in enumerate(periods)})
    last = len(page.rows)
    use_chart_args = dict(categories=C.Cols(1, head_row + 1, last),
                          series=[C.Cols(2 + j, head_row, last) for j in range(len(periods))])
    cells["resource_use"] = use_chart_args
    charts.append((f"{CHART_COL}{start + 2}", C.bar_chart(
        sheet, use_chart_args["categories"], use_chart_args["series"],
        title=t("chart.resource_use"), y_title=t("chart.use_of_capacity"), y_format="0%",
        colours=[C.PALETTE[6], C.PALETTE[4], C.PALETTE[5], C.PALETTE[3]], width=CHART_W,
        height=CHART_H, y_max=1)))
    page.pad_to(start + BLOCK)

    # 4. timeline: what enters in each phase, by sector ---------------------------------
    if d.has_phases:
        start = block_start()
        title = t("chart.timeline") if d.timeline_measure != "units" else t("chart.timeline_units")
        page.add([title], "section")
        groups = [g for g in GROUPS if g in d.timeline]
        unit = (land_unit if d.timeline_measure != "units" else t.unit("units"))
        head = [t.header("phase") if t.zh else "phase"] + [
            f"{group_label(t, g)} ({unit})" for g in groups]
        head_row = page.add(head, "head")
        fmt = FMT_1 if d.timeline_measure != "units" else "0"
        for p, name in enumerate(d.phases):
            page.add([name] + [d.timeline[g][p] for g in groups],
                     formats={j + 1: fmt for j in range(len(groups))})
        last = len(page.rows)
        charts.append((f"{CHART_COL}{start + 2}", C.bar_chart(
            sheet, C.Cols(1, head_row + 1, last),
            [C.Cols(2 + j, head_row, last) for j in range(len(groups))],
            title=title, y_title=unit, stacked=True, y_format="#,##0",
            colours=[C.GROUP_COLOURS[g] for g in groups], width=CHART_W, height=CHART_H)))
        page.pad_to(start + BLOCK)
    # 5. each admission threshold: every industry's own ratio against it ---------------
    for h in d.thresholds[:MAX_THRESHOLD_CHARTS]:
        start = block_start()
        head_row, last, title = _threshold_table(page, d, t, h)
        charts.append((f"{CHART_COL}{start + 2}", C.bar_line_chart(
            sheet, C.Cols(1, head_row + 1, last),
            [C.Cols(2, head_row, last), C.Cols(3, head_row, last)], C.Cols(4, head_row, last),
            title=title, y_title=t.ratio_unit(h["unit"]), y_format="#,##0.##",
            colours=[C.PALETTE[5], C.PALETTE[2]], width=CHART_W, height=CHART_H)))
        page.pad_to(max(start + BLOCK, len(page.rows) + 1))
    ends = starts[1:] + [len(page.rows)]
    style = SheetStyle(header=False, row_kinds=page.kinds, cell_formats=page.formats,
                       cell_fills=page.fills, cell_align=page.align, charts=charts, freeze=None,
                       autofilter=False,
                       widths={1: 26, **{j: 11 for j in range(2, 10)}}, tab_color="70AD47",
                       min_scale=60,
                       keep_together=[(a + 1, b) for a, b in zip(starts, ends)])
    return (sheet, None, page.rows, style), cells


MAX_THRESHOLD_CHARTS = 3
"""Thresholds charted one by one on the Charts sheet (every one is in the Thresholds sheet)."""


def _threshold_table(page: _Page, d: Digest, t: Texts, h: dict) -> tuple[int, int, str]:
    """The rows of one threshold's chart: each industry in scope (highest ratio first),
    its ratio in the chosen or the not-chosen column, and the threshold beside it."""
    label = t.ratio(h["numerator"], h["basis"], d.land or "")
    title = t("chart.threshold", label=label, unit=t.ratio_unit(h["unit"]))
    page.add([title], "section")
    head_row = page.add([t.header("id"), t("chart.chosen"), t("chart.not_chosen"),
                         t("chart.threshold_line")], "head")
    ranked = sorted(h["candidates"], key=lambda c: (c[1] is None, -(c[1] or 0.0)))
    for ident, value, chosen in ranked:
        page.add([ident, value if chosen else None, None if chosen else value, h["value"]],
                 formats={1: FMT_2, 2: FMT_2, 3: FMT_2})
    return head_row, len(page.rows), title


def _with_unit(t: Texts, key: str, unit: str) -> str:
    name = t.header(key, "") if t.zh else key
    return f"{name} ({unit})" if unit else name


def _vary_colours(chart, colours):
    """One colour per bar of a single-series chart (sectors keep their colours)."""
    from openpyxl.chart.marker import DataPoint

    s = chart.series[0]
    for k, colour in enumerate(colours):
        if colour:
            pt = DataPoint(idx=k)
            pt.graphicalProperties.solidFill = colour
            pt.graphicalProperties.line.solidFill = colour
            s.dPt.append(pt)


def _state_fill(state):
    return {"binding": AMBER, "near": LIGHT_AMBER, "unmet": RED, "tight": LIGHT_AMBER}.get(state)


# ------------------------------------------------------------------------ the Overview sheet
def _fmt_num(value, fmt: str) -> str:
    """Python text of a number as the Excel format shows it (for words in sentences)."""
    if value is None:
        return "–"
    if fmt in (FMT_PCT, FMT_GAP):
        return f"{value:.1%}" if fmt == FMT_PCT else f"{value:.2%}"
    if fmt == FMT_1:
        return f"{value:,.1f}"
    if fmt == FMT_2:
        return f"{value:,.2f}"
    if fmt == "0.0":
        return f"{value:.1f}"
    return f"{value:,.0f}"


def status_words(d: Digest, t: Texts) -> str:
    gap = _fmt_num(d.mip_gap, FMT_GAP) if d.mip_gap is not None else "?"
    return t(f"status.{d.status}", gap=gap)


def headline_rows(d: Digest, t: Texts) -> list[tuple[str, float | None, str, str]]:
    """(label, value, unit, number format) of the headline indicators."""
    rows = []
    if not d.has_solution:
        return rows
    for k in ("value_added", "tax", "jobs"):
        unit = COLUMN_UNITS[k]
        rows.append((t.metric(f"total_{k}"), d.kpis.get(f"total_{k}"), t.unit(unit), FMT_INT))
    if d.has_phases:
        for k, unit in (("value_added", "10k CNY"), ("tax", "10k CNY")):
            rows.append((t.metric(f"horizon_{k}"), d.kpis.get(f"horizon_{k}"), t.unit(unit),
                         FMT_INT))
    rows.append((t.metric("objective"), d.objective, t.unit("objective units"), FMT_1))
    if d.status == "feasible" and d.mip_gap is not None:
        rows.append((t.metric("mip_gap"), d.mip_gap, "", FMT_GAP))
    rows.append((t.metric("industries_chosen"), d.counts["industries_chosen"],
                 f"/ {d.counts['industries']}", "0"))
    rows.append((t.metric("units_chosen"), d.counts["units_chosen"], t.unit("units"), "0"))
    rows.append((t.metric("projects_built"), d.counts["projects_built"],
                 f"/ {d.counts['projects']}", "0"))
    return rows


def efficiency_rows(d: Digest, t: Texts) -> list[tuple[str, float | None, str, str]]:
    """(label, value, unit, number format) of the plan's land efficiency and intensities:
    value added and tax per ha and per mu, then every ratio a target or threshold names."""
    return [(t.ratio(e["numerator"], e["basis"], d.land or ""), e["value"],
             t.ratio_unit(e["unit"]), FMT_2 if e["value"] is not None and abs(e["value"]) < 10
             else FMT_1) for e in d.efficiency]


def threshold_sentences(d: Digest, t: Texts, ids: int = 12) -> list[str]:
    """One sentence per admission threshold: how many candidates it keeps out, which."""
    out = []
    for h in d.thresholds:
        label = t.ratio(h["numerator"], h["basis"], d.land or "")
        if not t.zh:
            label = label[:1].lower() + label[1:]
        unit = t.ratio_unit(h["unit"])
        value = f"{h['value']:,.4g}"
        if not h["below"]:
            out.append(t("threshold.none", label=label, value=value, unit=unit))
            continue
        shown = ", ".join(h["below"][:ids]) + (", …" if len(h["below"]) > ids else "")
        key = "threshold.above" if h["bound"] == "max" else "threshold.below"
        scope = f" [{t.word(h['scope'].split(':', 1)[-1].strip())}]" if h["scope"] else ""
        out.append(t(key, n=len(h["below"]), m=h["in_scope"], label=label + scope, value=value,
                     unit=unit, ids=("：" if t.zh else ": ") + shown))
    return out


def target_rows(d: Digest, t: Texts) -> list[dict]:
    """Targets and the three headline shares (with or without a target), for reading."""
    out = []
    seen = set()
    for tg in d.targets:
        kind = tg["target"]
        fmt = FMT_PCT if S.TargetKind(kind).is_share else "0" if S.TargetKind(kind).is_count \
            else "0.0"
        basis = "" if tg["basis"] in ("value_added", "count of industries") or tg.get(
            "numerator") else f" ({t.word(tg['basis'])})"
        if S.TargetKind(kind).is_ratio:
            fmt = FMT_2
            basis = f" ({t.ratio_unit(tg['unit'])})" if tg.get("unit") else ""
        op = "≥" if kind.startswith("min") else "≤"
        out.append({"label": _target_label(t, tg, kind, tg["scope"]) + basis, "op": op,
                    "required": tg["value"], "achieved": tg["achieved"], "fmt": fmt,
                    "state": tg["state"] or ("unmet" if tg["met"] is False else None),
                    "margin": tg["margin"]})
        if not tg["scope"] and tg["basis"] == "value_added":
            seen.add(kind)
    for metric, value, _target, _state in d.shares:
        kind = {"avg_competitiveness": "min_avg_competitiveness",
                "service_share": "min_service_share",
                "international_share": "min_international_share"}[metric]
        if kind in seen or not d.has_solution:
            continue
        out.append({"label": t.metric(metric), "op": "", "required": None, "achieved": value,
                    "fmt": FMT_PCT if "share" in metric else "0.0", "state": "no_target",
                    "margin": None})
    return out


def resource_label(t: Texts, name: str) -> str:
    if t.zh and name in ("land_ha", "farmland_ha", "capital"):
        return f"{t.header(name, '')} {name}"
    return name


def readable_time(iso: str) -> str:
    """``2026-11-27T14:30:23+08:00`` -> ``2026-11-27 14:30``."""
    import datetime as _dt

    try:
        return _dt.datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or "–"


def overview(d: Digest, t: Texts, park, chart_cells: dict, charts_title: str,
             diagnosis: str | None = None):
    page = _Page()
    page.add([t("overview.title")], "title")
    import os

    page.add([t("overview.input", path=os.path.basename(d.input_path) or d.input_path)],
             "subtitle")
    bits = []
    if d.scenarios:
        bits.append(t("overview.scenario", name=" + ".join(d.scenarios)))
    if d.changes:
        bits.append(t("overview.changes", n=d.changes))
    bits.append(t("overview.run", started=readable_time(d.started), seconds=f"{d.seconds:.1f}"))
    page.add([" · ".join(bits)], "subtitle")
    page.add()
    page.add([status_words(d, t)] + [None] * 5, "status",
             fills={j: STATUS_FILL.get(d.status) for j in range(6)})
    if diagnosis and not d.has_solution:  # infeasible: what to change is on its own sheet
        page.add([t("overview.diagnosis", sheet=diagnosis)], "section")
    if d.has_solution:
        c = d.counts
        page.add([t("overview.chosen", ind=c["industries_chosen"], n_ind=c["industries"],
                    units=c["units_chosen"], prj=c["projects_built"], n_prj=c["projects"])])
    page.add()
    # headline
    if d.has_solution:
        page.add([t("overview.headline")], "section")
        page.add([t("overview.indicator"), t("overview.value"), t("overview.unit")], "head",
                 right=(1,), indent=(2,))
        for label, value, unit, fmt in headline_rows(d, t):
            page.add([label, value, unit], formats={1: fmt}, indent=(2,))
        page.add()
    if d.has_solution and d.efficiency:
        page.add([t("overview.efficiency")], "section")
        page.add([t("overview.indicator"), t("overview.value"), t("overview.unit")], "head",
                 right=(1,), indent=(2,))
        for label, value, unit, fmt in efficiency_rows(d, t):
            page.add([label, value, unit], formats={1: fmt}, indent=(2,))
        page.add()
    # resources
    page.add([t("overview.resources")], "section")
    page.add([t("overview.resource"), t("overview.period"), t("overview.used"),
              t("overview.capacity"), t("overview.use"), t("overview.state")], "head",
             right=(2, 3, 4), indent=(5,))
    for r in d.resources:
        fmt = number_format(r["unit"])
        unit = t.unit(r["unit"])
        state = r["state"]
        page.add([resource_label(t, r["resource"]) + (f" ({unit})" if unit else ""),
                  r["phase"] or t("phase.all"), r["used"], r["capacity"], r["use_share"],
                  t(f"state.{state}") if state else None],
                 formats={2: fmt, 3: fmt, 4: FMT_PCT}, fills={5: _state_fill(state)},
                 indent=(5,))
    page.add()
    # targets
    page.add([t("overview.targets")], "section")
    rows = target_rows(d, t)
    if rows:
        page.add([t("overview.target"), t("overview.required"), t("overview.achieved"),
                  t("overview.state")], "head", right=(1, 2), indent=(3,))
        for r in rows:
            page.add([r["label"], (f"{r['op']} {_fmt_num(r['required'], r['fmt'])}"
                                   if r["required"] is not None else "–"),
                      r["achieved"], t(f"state.{r['state']}") if r["state"] else None],
                     formats={2: r["fmt"]}, fills={3: _state_fill(r["state"])}, right=(1,),
                     indent=(3,))
    else:
        page.add([t("overview.no_targets")])
    page.add()
    if d.thresholds:
        page.add([t("overview.thresholds")], "section")
        for text in threshold_sentences(d, t):
            page.add([text])
        page.add()
    page.add([t("overview.note", charts=charts_title)], "note")
    page.add()
    charts = []
    if d.has_solution and "resource_use" in chart_cells:
        a = chart_cells["resource_use"]
        charts.append((f"A{len(page.rows) + 1}", C.bar_chart(
            charts_title, a["categories"], a["series"], title=t("chart.resource_use"),
            y_title=t("chart.use_of_capacity"), y_format="0%",
            colours=[C.PALETTE[6], C.PALETTE[4], C.PALETTE[5], C.PALETTE[3]],
            width=18, height=7, y_max=1)))
        page.pad_to(len(page.rows) + 15)
    style = SheetStyle(header=False, row_kinds=page.kinds, cell_formats=page.formats,
                       cell_fills=page.fills, cell_align=page.align, charts=charts, freeze=None,
                       autofilter=False,
                       widths={1: 44, 2: 16, 3: 16, 4: 14, 5: 10, 6: 16},
                       tab_color="1F3864", one_page=True)
    return (t.sheet("Overview"), None, page.rows, style)
