"""The workbook of a robust or adaptive plan: views of a :class:`~.robust.RobustResult`.

Sheets: ``Overview`` (the plan in words, a futures table and a chart of each future's
own best value against the plan's), ``Summary``, ``Robustness`` (one row per future:
probability, own optimum, the plan's value, regret, the limits that bind), ``Moves``
(every candidate: no-regret, hedge, scenario-dependent, given up, left out),
``Industries`` and ``Projects`` (the plan: what is decided now and, when adaptive, each
future's later phases), ``Resources`` (per future), ``Diagnosis`` (when no plan exists),
then ``Warnings`` and ``RunInfo`` added by the command line.  ``--lang zh`` translates
titles, headers and words; machine keys stay as they are.
"""

from __future__ import annotations

from ..data.park import Park
from ..data.portfolio import entry_names
from ..present.charts import Cols, bar_chart
from ..present.words import Texts
from ..present.workbook import BLUE, FMT_INT, FMT_PCT, STATUS_FILL, _Page
from ..workbook.messages import render
from ..workbook.write import SheetStyle
from .robust import RobustResult

FMT_OBJ = "#,##0.0"
CATEGORIES = ("no-regret", "hedge", "scenario-dependent", "given up", "left out")


def robust_sheets(r: RobustResult, park: Park, raw: dict, lang: str = "en") -> list:
    """Every sheet of the robust workbook (before Warnings and RunInfo).  ``park`` is the
    first future's (names and kinds, the same in every future); ``raw`` the input
    tables of Industries and Projects as (header, rows)."""
    t = Texts(lang)
    sheets = [overview(r, t), summary(r, t), robustness(r, t)]
    if r.moves:
        sheets.append(moves(r, park, t))
        sheets += candidates(r, park, raw, t)
        sheets.append(resources(r, t))
    if r.diagnosis is not None:
        title, header, rows = r.diagnosis  # keyed sentences and kind words, for reading
        rows = [[t.word(v) if h == "kind" else v for h, v in zip(header, row)]
                for row in ([render(v, t.lang) for v in cells] for cells in rows)]
        sheets.append((t.sheet(title), [t.header(h) for h in header], rows,
                       SheetStyle(widths={"statement": 90}, names=header)))
    return sheets


def _name(f, t: Texts) -> str:
    """A future's name, marked when it was relaxed (--relax)."""
    return f.future.name + (f" ({t.header('relaxed')})" if f.future.relaxed else "")


def headline(r: RobustResult, t: Texts) -> list[str]:
    """The plan in a few sentences (the Overview and the console)."""
    n = len(r.binding)
    lines = []
    if r.adaptive:
        lines.append(t("robust.adaptive", n=n, phase=r.phase_names[r.shared_phases - 1]))
    else:
        lines.append(t("robust.one_plan", n=n))
    lines.append(t(f"robust.criterion.{r.settings.criterion}"))
    if not r.outcome.has_solution:
        return lines + [t.outcome(r.outcome.message)]
    regrets = [(f.regret or 0.0, f) for f in r.binding if f.regret is not None]
    worst = min(r.binding, key=lambda f: f.value if f.value is not None else float("inf"))
    lines.append(t("robust.values", expected=_amount(r.expected), worst=_amount(worst.value),
                   future=worst.future.name))
    if regrets:
        top, f = max(regrets, key=lambda x: x[0])
        lines.append(t("robust.regret", regret=_amount(top), share=f"{f.regret_share or 0:.1%}",
                       future=f.future.name) if top > 0 else t("robust.no_regret"))
    if r.evpi is not None:
        lines.append(t("robust.evpi", evpi=_amount(r.evpi),
                       share=f"{r.evpi / abs(r.expected):.1%}" if r.expected else "n/a"))
    if r.vss is not None:
        lines.append(t("robust.vss", vss=_amount(r.vss)))
    elif r.settings.criterion == "expected" and r.ev_note:
        lines.append(t("robust.vss_none", why=t.outcome(r.ev_note)))
    counts = {c: sum(1 for m in r.moves if m.category == c) for c in CATEGORIES}
    lines.append(t("robust.moves", no_regret=counts["no-regret"], hedge=counts["hedge"],
                   dependent=counts["scenario-dependent"], given_up=counts["given up"]))
    for f in r.futures:
        if f.future.relaxed and f.violations:
            lines.append(t("robust.relaxed_breaks", future=f.future.name,
                           rules=t("sep.semi").join(t.check(v) for v in f.violations[:3])))
        elif f.future.relaxed and f.plan is None:
            lines.append(t("robust.relaxed_impossible", future=f.future.name))
    return lines


def _amount(x) -> str:
    return "n/a" if x is None else f"{x:,.0f}"


def overview(r: RobustResult, t: Texts):
    page = _Page()
    page.add([t("robust.title")], "title")
    page.add([t.outcome(r.outcome.message)], "status", fills={0: STATUS_FILL.get(r.outcome.status.value)})
    page.add()
    for line in headline(r, t):
        page.add([line])
    page.add()
    page.add([t("robust.futures")], "section")
    head = ["future", "probability", "own_objective", "plan_objective", "regret",
            "regret_share"]
    head_row = page.add([t.header(h) for h in head], "head", right=range(1, 6))
    for f in r.futures:
        page.add([_name(f, t), f.future.probability, f.best, f.value, f.regret, f.regret_share],
                 formats={1: FMT_PCT, 2: FMT_OBJ, 3: FMT_OBJ, 4: FMT_OBJ, 5: FMT_PCT})
    last = len(page.rows)
    charts = []
    if r.outcome.has_solution:
        charts.append((f"A{last + 3}", bar_chart(
            t.sheet("Overview"), Cols(1, head_row + 1, last), [Cols(3, head_row, last),
                                                              Cols(4, head_row, last)],
            title=t("robust.chart"), y_format="#,##0", width=18, height=8)))
    return (t.sheet("Overview"), None, page.rows,
            SheetStyle(header=False, row_kinds=page.kinds, cell_formats=page.formats,
                       cell_fills=page.fills, cell_align=page.align, charts=charts,
                       widths={1: 34, 2: 12, 3: 16, 4: 16, 5: 14, 6: 12}, freeze=None))


SUMMARY_KEYS = ("status", "message", "criterion", "decided_now", "objective", "best_bound",
                "mip_gap", "solve_seconds", "futures", "expected_objective", "worst_objective",
                "max_regret", "wait_and_see", "evpi", "eev", "vss")


def summary(r: RobustResult, t: Texts):
    o = r.outcome
    worst = [f.value for f in r.binding if f.value is not None]
    regrets = [f.regret for f in r.binding if f.regret is not None]
    values = {"status": o.status.value, "message": t.outcome(o.message),
              "criterion": r.settings.criterion,
              "decided_now": ", ".join(r.phase_names[:r.shared_phases]),
              "objective": o.objective, "best_bound": o.best_bound, "mip_gap": o.mip_gap,
              "solve_seconds": round(o.seconds, 3), "futures": len(r.futures),
              "expected_objective": r.expected, "worst_objective": min(worst) if worst else None,
              "max_regret": max(regrets) if regrets else None, "wait_and_see": r.wait_and_see,
              "evpi": r.evpi, "eev": r.eev, "vss": r.vss}
    rows = [[k, values[k]] for k in SUMMARY_KEYS]
    rows += [[f"moves_{c.replace(' ', '_').replace('-', '_')}",
              sum(1 for m in r.moves if m.category == c)] for c in CATEGORIES]
    fmts = {(k, 1): FMT_OBJ for k, key in enumerate(SUMMARY_KEYS)
            if key in ("objective", "best_bound", "expected_objective", "worst_objective",
                       "max_regret", "wait_and_see", "evpi", "eev", "vss")}
    fmts[(SUMMARY_KEYS.index("mip_gap"), 1)] = "0.00%"
    return (t.sheet("Summary"), [t.header("metric"), t.header("value")], rows,
            SheetStyle(cell_formats=fmts, autofilter=False, widths={"value": 24},
                       names=["metric", "value"],
                       cell_fills={(0, 1): STATUS_FILL.get(o.status.value, BLUE)}))


ROBUST_HEADER = ["future", "probability", "relaxed", "own_objective", "own_status",
                 "plan_objective", "regret", "regret_share", "plan_status", "binding",
                 "breaks", "total_value_added", "total_tax", "total_jobs", "chosen_alone",
                 "chosen_in_plan"]


def robustness(r: RobustResult, t: Texts):
    rows = []
    for f in r.futures:
        m = f.plan.measures if f.plan is not None else None
        binding = [(x.resource + (f" {x.phase}" if x.phase else "")) for x in m.resources
                   if x.binding] if m else []
        binding += [x.kind + (f"[{x.scope}]" if x.scope else "") for x in m.targets
                    if x.met and x.achieved is not None and abs(x.achieved - x.value)
                    <= 1e-6 * max(1.0, abs(x.value))] if m else []
        rows.append([f.future.name, f.future.probability, "yes" if f.future.relaxed else "no",
                     f.best, f.own.status.value, f.value, f.regret, f.regret_share,
                     f.plan.status.value if f.plan is not None else "no plan",
                     ", ".join(binding), t("sep.semi").join(t.check(v) for v in f.violations),
                     *(m.kpis[f"total_{k}"] if m else None for k in ("value_added", "tax", "jobs")),
                     int(f.own.portfolio.chosen.sum()) if f.own.has_solution else None,
                     int(f.plan.portfolio.chosen.sum()) if f.plan is not None else None])
    fmts = {"probability": FMT_PCT, "own_objective": FMT_OBJ, "plan_objective": FMT_OBJ,
            "regret": FMT_OBJ, "regret_share": FMT_PCT, "total_value_added": FMT_INT,
            "total_tax": FMT_INT, "total_jobs": FMT_INT}
    return (t.sheet("Robustness"), [t.header(h) for h in ROBUST_HEADER],
            [[t.word(v) for v in row] for row in rows],
            SheetStyle(formats=fmts, names=ROBUST_HEADER, widths={"binding": 40, "breaks": 40}))


MOVES_HEADER = ["id", "name", "kind", "category", "in_plan", "phase", "futures_choosing",
                "chosen_in"]


def moves(r: RobustResult, park: Park, t: Texts):
    plan = next(f.plan for f in r.binding if f.plan is not None)
    phase = entry_names(park, plan.portfolio)
    order = {c: k for k, c in enumerate(CATEGORIES)}
    rows = []
    for m in sorted(r.moves, key=lambda m: (order[m.category], m.index)):
        i = m.index
        rows.append([park.ids[i], park.name[i], t.word(park.kind[i]), t.word(m.category),
                     t.word("yes" if m.in_plan else "no"), phase[i] if m.in_plan else "",
                     len(m.chosen_in), ", ".join(m.chosen_in)])
    return (t.sheet("Moves"), [t.header(h) for h in MOVES_HEADER], rows,
            SheetStyle(names=MOVES_HEADER, widths={"name": 34, "chosen_in": 50}))


def candidates(r: RobustResult, park: Park, raw: dict, t: Texts) -> list:
    """Industries and Projects: the input rows with what the plan decides now (``units``
    / ``built`` and ``phase``) and, when adaptive, what each future then does."""
    plans = [(f.future.name, f.plan) for f in r.futures if f.plan is not None]
    if not plans:
        return []
    first = plans[0][1].portfolio
    now = first.units[:, :r.shared_phases].sum(axis=1)
    names = entry_names(park, first)
    per_future = [(name, p.portfolio.units.sum(axis=1), entry_names(park, p.portfolio))
                  for name, p in plans] if r.adaptive else []
    n_ind = int(park.industries.sum())
    sheets = []
    for title, key, lo, hi, word in (("Industries", "industries", 0, n_ind, "units"),
                                     ("Projects", "projects", n_ind, park.n, "built")):
        header, rows = raw.get(key) or (["id"], [[park.ids[i]] for i in range(lo, hi)])
        head = list(header) + [word, "phase"]
        for name, _x, _ph in per_future:
            head += [f"{word} [{name}]", f"phase [{name}]"]
        out = []
        for k, row in enumerate(rows[: hi - lo]):
            i = lo + k
            line = list(row) + [int(now[i]), names[i] if now[i] else ""]
            for _future, x, ph in per_future:
                line += [int(x[i]), ph[i]]
            out.append(line)
        sheets.append((t.sheet(title), [t.header(h) for h in head], out,
                       SheetStyle(names=head, widths={"name": 34})))
    return sheets


RESOURCE_HEADER = ["future", "resource", "phase", "kind", "unit", "capacity", "used", "slack",
                   "binding"]


def resources(r: RobustResult, t: Texts):
    rows = []
    for f in r.futures:
        if f.plan is None or f.plan.measures is None:
            continue
        for x in f.plan.measures.resources:
            rows.append([f.future.name, x.resource, x.phase, t.word(x.kind), x.unit, x.capacity,
                         x.used, x.slack, t.word("yes" if x.binding else "no")])
    return (t.sheet("Resources"), [t.header(h) for h in RESOURCE_HEADER], rows,
            SheetStyle(names=RESOURCE_HEADER,
                       formats={"capacity": FMT_OBJ, "used": FMT_OBJ, "slack": FMT_OBJ}))


def console(r: RobustResult, lang: str = "en") -> list[str]:
    """What the console says of a robust plan (after the status line)."""
    t = Texts(lang)
    lines = headline(r, t)[2:] if r.outcome.has_solution else []
    for f in r.futures:
        if f.value is not None:
            lines.append(t("robust.console_future", name=_name(f, t), value=f"{f.value:,.2f}",
                           best=_amount(f.best), regret=_amount(f.regret)))
    return lines


def report_blocks(r: RobustResult, park: Park, t: Texts) -> list[tuple]:
    """The report of a robust plan as outline blocks (rendered to Word or Markdown by
    :func:`model.present.report.write_outline`)."""
    blocks = [("h1", t("robust.title")), ("status", t.outcome(r.outcome.message), r.outcome.status.value),
              ("bullets", headline(r, t))]
    rows = [[_name(f, t), f"{f.future.probability:.0%}", _amount(f.best), _amount(f.value),
             _amount(f.regret), "" if f.regret_share is None else f"{f.regret_share:.1%}"]
            for f in r.futures]
    blocks.append(("table", t("robust.futures"),
                   [t.header(h) for h in ("future", "probability", "own_objective",
                                          "plan_objective", "regret", "regret_share")],
                   rows, [False, True, True, True, True, True]))
    for category in ("no-regret", "hedge", "scenario-dependent", "given up"):
        chosen = [m for m in r.moves if m.category == category]
        if chosen:
            blocks.append(("h2", f"{t.word(category)} ({len(chosen)})"))
            blocks.append(("p", ", ".join(f"{park.ids[m.index]} {park.name[m.index]}".strip()
                                          for m in chosen)))
    return blocks
