"""What the solver will be given, checked after validation: the products of valid cells.

Every cell may be within its own limits (1e12 in magnitude) while the numbers the
solver receives, products of several cells, are not: an objective weight of 1e12 on a
value added of 1e12 over phases of 1e12 years is 1e36 per unit.  What the math allows
is scaled where the model is built (the objective by a power of two inside HiGHS,
:func:`model.solve.highs.objective_scale`; a share or average target's row,
:func:`model.formulation.targets.row_factor`); what cannot be solved is refused here,
at the cells that make it, and what the solver will blur is warned about:

* **error** ``max_units`` above :data:`MAX_UNITS` (100,000): a candidate's units enter
  in one phase through ``u <= max_units * e`` with ``e`` binary, and HiGHS's integrality
  tolerance (1e-6) times a larger bound lets units in without ``e`` (on a 1e9 bound
  HiGHS called the empty plan optimal);
* **error** a per-unit use of a resource that is not 0 but below :data:`SMALLEST`
  (1e-9) in magnitude: HiGHS drops matrix entries that small, so the candidate would use
  nothing of it;
* **error** an objective coefficient (weight / normalisation x KPI x years) that is not
  a finite number (a normalisation by a vanishing total);
* **warning** the uses of one resource spanning more than :data:`MAX_SPAN` (1e9): the
  solver's absolute tolerance may let a plan break that limit (the result then says so);
* **warning** an objective term whose largest coefficient is below :data:`MAX_SPAN`
  times that of the largest term: it cannot change the plan.
"""

from __future__ import annotations

import numpy as np

from ...workbook import schema as S
from ...workbook.messages import Choices, msg
from ...workbook.problems import Problem
from ...workbook.read import RawWorkbook
from ..park import INDUSTRY, Park
from .table import Collector

#: the largest max_units the solver keeps to one entry phase (see the module docstring)
MAX_UNITS = 100_000
#: the smallest magnitude of a non-zero per-unit use (HiGHS's small_matrix_value)
SMALLEST = 1e-9
#: the widest ratio of numbers in one resource row, or between objective terms, that is
#: solved without a warning
MAX_SPAN = 1e9
#: MAX_SPAN in orders of magnitude, as the messages write it
_ORDERS = f"{np.log10(MAX_SPAN):.0f}"


def solver_ranges(book: RawWorkbook, park: Park) -> tuple[Problem, ...]:
    """Every problem of the numbers ``park`` hands to the solver (see the module docstring)."""
    out = Collector()
    _units(out, book, park)
    _uses(out, book, park)
    _objective(out, book, park)
    return out.result()


def _candidate_cell(book: RawWorkbook, park: Park, i: int):
    """(table, table row) of candidate ``i`` in the workbook, or (None, None)."""
    table = book.tables.get("industries" if park.kind[i] == INDUSTRY else "projects")
    if table is None or i >= len(park.source_rows):
        return None, None
    try:
        return table, table.excel_rows.index(park.source_rows[i])
    except ValueError:
        return None, None


def _units(out: Collector, book: RawWorkbook, park: Park) -> None:
    for i in np.nonzero(park.max_units > MAX_UNITS)[0]:
        table, r = _candidate_cell(book, park, int(i))
        out.add(msg("solver.max_units", n=f"{int(park.max_units[i]):,}", limit=f"{MAX_UNITS:,}"),
                table, r, "max_units", expected=msg("solver.expect_units", limit=f"{MAX_UNITS:,}"),
                sheet="" if table else "Industries")


def _uses(out: Collector, book: RawWorkbook, park: Park) -> None:
    resources = book.tables.get("resources")
    for j, name in enumerate(park.use_names):  # each column of use once (a regional plan
        a = np.abs(park.use[:, j])            # may have a row of one resource per park)
        tiny = np.nonzero((a > 0) & (a < SMALLEST))[0]
        for i in tiny:  # one per cell; the message volume is grouped when printed
            table, r = _candidate_cell(book, park, int(i))
            out.add(msg("solver.tiny_use", use=f"{park.use[i, j]:.3g}", name=name,
                        smallest=f"{SMALLEST:g}"), table, r, name,
                    expected=msg("solver.expect_use", name=name, smallest=f"{SMALLEST:g}"))
        big = a.max() if len(a) else 0.0
        small = a[a >= SMALLEST].min() if (a >= SMALLEST).any() else 0.0
        if small > 0 and big / small > MAX_SPAN:
            r = _key_row(resources, "resource", name)
            out.warn(msg("solver.wide_span", name=name, small=f"{small:.3g}", big=f"{big:.3g}",
                         span=f"{MAX_SPAN:.0e}"), resources, r, "resource",
                     expected=msg("solver.expect_span", orders=_ORDERS))


def _key_row(table, column: str, key: str) -> int | None:
    if table is None:
        return None
    for r in range(len(table)):
        if S.normalise_name(str(table.get(r, column) or "")) == key:
            return r
    return None


def _objective(out: Collector, book: RawWorkbook, park: Park) -> None:
    table = book.tables.get("objective")
    years = park.years_from()
    tops = []
    with np.errstate(over="ignore", invalid="ignore"):
        for term in park.objective:
            coef = (term.weight / term.scale) * np.abs(park.column(term.kpi))[:, None] \
                * years[None, :]
            r = _key_row(table, "kpi", term.kpi)
            if not np.isfinite(coef).all():
                out.add(msg("solver.overflow", kpi=Choices([term.kpi])), table, r, "weight",
                        value=term.weight, expected=msg("solver.expect_normalise"))
                continue
            tops.append((float(np.abs(coef).max()) if coef.size else 0.0, term.kpi, r))
    extras = [abs(link.value) for link in park.links if link.type == "synergy"] + \
        [chain.cluster_bonus for chain in park.chains]
    largest = max([t for t, _k, _r in tops] + extras + [0.0])
    for top, kpi, r in tops:
        if 0 < top < largest / MAX_SPAN:
            out.warn(msg("solver.weak_term", kpi=Choices([kpi]), top=f"{top:.3g}",
                         span=f"{MAX_SPAN:.0e}", largest=f"{largest:.3g}"), table, r, "weight",
                     expected=msg("solver.expect_weights", orders=_ORDERS))
