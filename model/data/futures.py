"""The futures of a robust or adaptive plan (``--robust``), with their probabilities.

A *future* is a scenario of the ``Scenarios`` sheet, a composition of scenarios
(``A + B``, bases expanded as for ``--scenario``), or ``baseline``: the workbook as it
is.  Which futures a run takes:

* ``--robust A,B,C``: exactly these (``+`` composes, as in ``--compare``);
* ``--robust`` alone: the futures listed in the optional ``Futures`` sheet, or, without
  it, every scenario of the ``Scenarios`` sheet (the baseline only when listed).

Probabilities come from the ``Futures`` sheet's ``probability`` column; a future the
sheet does not list, or a sheet whose cells are all blank, makes every future of the run
equally likely (said in a warning when the sheet gave some probabilities).  The
probabilities of the futures of a run are scaled to add up to 1, with a warning when
they did not.  A future named in ``--relax`` does not bind the plan: the plan is chosen
on the other futures and only evaluated in it (docs/robust.md).

Problems are located like every other input problem (sheet, Excel row, column, value).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..workbook import schema as S
from ..workbook.messages import msg
from ..workbook.problems import WARNING, Problem
from ..workbook.read import RawWorkbook
from .overrides import read_scenarios, split_names
from .validate.cells import MISSING, convert

BASELINE = "baseline"


@dataclass(frozen=True)
class Future:
    name: str  # as shown: "baseline", "land_cut_20", "land_cut_20 + no_chip_fab"
    scenarios: tuple[str, ...]  # the composition (empty for the baseline)
    probability: float
    relaxed: bool = False


def _label(names: list[str]) -> str:
    return " + ".join(names) if names else BASELINE


def _parse(text: str) -> list[str] | None:
    """The scenarios a future composes ([] for the baseline; None when blank)."""
    names = split_names(text)
    if not names:
        return None
    return [] if [n.lower() for n in names] == [BASELINE] else names


def select(book: RawWorkbook, requested: list[str] | None, relax: list[str] = ()
           ) -> tuple[list[Future], list[Problem]]:
    """The futures of a run and the problems found (errors stop the run)."""
    sheet, sheet_problems = _futures_sheet(book)
    scenarios, _ = read_scenarios(book)
    problems = list(sheet_problems)
    if requested:
        compositions = [c for c in (_parse(item) for item in requested) if c is not None]
    elif sheet:
        compositions = [names for names, _p, _row in sheet]
    else:
        compositions = [[sc.name] for sc in scenarios.values()]
        if not compositions:
            return [], problems + [Problem(msg("future.no_scenarios"))]
    seen, unique = set(), []
    for names in compositions:
        key = _label(names).lower()
        if key not in seen:
            seen.add(key)
            unique.append(names)
    for names in unique:
        for name in names:
            if name.lower() not in scenarios:
                problems.append(Problem(msg("future.unknown", name=name),
                                        expected=msg("future.what")))
    given = {_label(names).lower(): (p, row) for names, p, row in sheet}
    probs, more = _probabilities(unique, given)
    problems += more
    relaxed = {_label(_parse(r) or []).lower() for r in relax}
    for r in relaxed - {_label(n).lower() for n in unique}:
        problems.append(Problem(msg("future.relax_unknown", name=r),
                                expected=", ".join(_label(n) for n in unique)))
    futures = [Future(_label(names), tuple(names), p, _label(names).lower() in relaxed)
               for names, p in zip(unique, probs)]
    if futures and all(f.relaxed for f in futures):
        problems.append(Problem(msg("future.all_relaxed")))
    return futures, problems


def _probabilities(futures: list[list[str]], given: dict) -> tuple[list[float], list[Problem]]:
    problems = []
    values = [given.get(_label(n).lower(), (None, None))[0] for n in futures]
    if all(v is None for v in values):
        return [1.0 / len(futures)] * len(futures), problems
    if any(v is None for v in values):
        missing = [_label(n) for n, v in zip(futures, values) if v is None]
        problems.append(Problem(msg("future.no_probability", names=", ".join(missing)),
                                sheet="Futures", severity=WARNING))
        return [1.0 / len(futures)] * len(futures), problems
    total = sum(values)
    if total <= 0:
        problems.append(Problem(msg("future.sum_zero"),
                                sheet="Futures", expected=msg("future.one_above_zero")))
        return [1.0 / len(futures)] * len(futures), problems
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        problems.append(Problem(msg("future.scaled", total=f"{total:g}"),
                                sheet="Futures", severity=WARNING))
    return [v / total for v in values], problems


def _futures_sheet(book: RawWorkbook):
    """[(composition, probability or None, Excel row)] of the Futures sheet, and problems."""
    table = book.tables.get("futures")
    if table is None:
        return [], []
    problems = []
    for c in S.FUTURES.columns:
        if c.required and c.name not in table.columns:
            problems.append(Problem(msg("column.missing", column=c.name), sheet=table.sheet,
                                    row=table.header_row, column=c.name,
                                    expected=msg("expect.header_cell", column=c.name)))
    out, seen = [], {}
    for r in range(len(table)):
        row = table.excel_rows[r]
        raw = table.get(r, "future")
        names = _parse(str(raw)) if raw is not None else None
        if names is None:
            problems.append(Problem(msg("future.name_blank"), sheet=table.sheet, row=row,
                                    column="future", cell=table.cell_name(r, "future"),
                                    expected=msg("future.name_what")))
            continue
        key = _label(names).lower()
        if key in seen:
            problems.append(Problem(msg("future.twice", name=_label(names), row=seen[key]),
                                    sheet=table.sheet, row=row, column="future",
                                    cell=table.cell_name(r, "future"), value=raw))
            continue
        seen[key] = row
        p = convert(table.get(r, "probability"), S.FUTURES.column("probability"))
        if p is MISSING:
            problems.append(Problem(msg("cell.not_fit"), sheet=table.sheet, row=row,
                                    column="probability", cell=table.cell_name(r, "probability"),
                                    value=table.get(r, "probability"),
                                    expected=S.FUTURES.column("probability").expected()))
            p = None
        out.append((names, p, row))
    return out, problems
