"""Sheet Resources: one limited resource per row (needs the phases, for capacity_<phase>)."""

from __future__ import annotations

from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import Resource
from ..portfolio import TOL
from .cells import MISSING, convert
from .parks import Parks, park_code
from .phases import Phases
from .table import Collector, check_columns, check_keys, column_values

#: names a resource may not take: they are standard columns of Industries (in English or
#: in Chinese, as the header of a resource column could not be told from them)
_STANDARD_COLUMNS = frozenset(c.name for c in S.INDUSTRIES.columns) | frozenset(
    S.normalise_name(S.zh_header(c.name)) for c in S.INDUSTRIES.columns)
_PHASE_CAPACITY = S.Column("capacity_<phase>", S.NUMBER, minimum=0)


@dataclass(frozen=True)
class Resources:
    resources: tuple[Resource, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def index(self) -> dict[str, int]:
        """Column of ``use`` by resource name (each name once, in the order first met: in a
        regional plan several parks may each have their own row of one resource)."""
        return {name: j for j, name in enumerate(dict.fromkeys(r.name for r in self.resources))}

    def __len__(self) -> int:
        return len(self.resources)


def _phase_capacities(out: Collector, table: RawTable, phase_cols: dict[str, int],
                      n_phases: int) -> list[list[float | None]]:
    per_phase: list[list[float | None]] = [[None] * n_phases for _ in range(len(table))]
    for col, k in phase_cols.items():
        if col not in table.columns:
            continue
        for r in range(len(table)):
            raw = table.get(r, col)
            typed = convert(raw, _PHASE_CAPACITY)
            if typed is MISSING:
                out.add(msg("cell.not_fit"), table, r, col, value=raw,
                        expected=msg("resources.expect_phase_capacity"))
            elif typed is not None:
                per_phase[r][k] = float(typed)
    return per_phase


def read_resources(table: RawTable, phases: Phases, missing: bool = False,
                   parks: Parks | None = None) -> Resources:
    """``missing``: the sheet is a stand-in for a missing one (already reported);
    ``parks``: the parks a row's ``park`` may name (regional plans)."""
    parks = parks or Parks()
    out = Collector()
    phase_cols = ({f"capacity_{p.name.lower()}": k for k, p in enumerate(phases.phases)}
                  if phases.given else {})
    check_columns(out, table, S.RESOURCES, set(phase_cols))
    names = column_values(out, table, S.RESOURCES.column("resource"))
    for r, name in enumerate(names):
        if name and S.normalise_name(name) in _STANDARD_COLUMNS:
            out.add(msg("resources.standard_name", name=name), table, r,
                    "resource", value=name, expected=msg("resources.expect_name"))
    codes = [park_code(out, table, r, "park", table.get(r, "park"), parks) or ""
             for r in range(len(table))] if "park" in table.columns else [""] * len(table)
    check_keys(out, table, [S.normalise_name(n) + (f" in park {c}" if c else "")
                            for n, c in zip(names, codes)], "resource")
    units = column_values(out, table, S.RESOURCES.column("unit"))
    kinds = column_values(out, table, S.RESOURCES.column("kind"))
    caps = column_values(out, table, S.RESOURCES.column("capacity"))
    per_phase = _phase_capacities(out, table, phase_cols, len(phases))
    resources = tuple(
        Resource(S.normalise_name(n), str(u or ""), k or "stock", float(c or 0.0), tuple(pp),
                 code)
        for n, u, k, c, pp, code in zip(names, units, kinds, caps, per_phase, codes))
    if phases.given:
        _check_limits(out, table, resources, phases)
    if len(table) == 0 and not missing:
        out.warn(msg("resources.no_rows"), sheet=table.sheet)
    return Resources(resources, out.result())


def _check_limits(out: Collector, table: RawTable, resources: tuple[Resource, ...],
                  phases: Phases) -> None:
    """A warning for each capacity_<phase> above a tighter limit over the same use (the
    whole-plan capacity, or for a stock a later phase's): it can never bind, which is
    usually a value left behind when the other limit was changed (``--set``, a scenario
    or a sweep of the whole-plan capacity)."""
    for r, res in enumerate(resources):
        if out.erred(table, r):  # its capacities did not all read: nothing to compare
            continue
        for p, phase in enumerate(phases.phases):
            own = res.phase_capacity[p]
            lim, by = res.limit(p)
            if own is None or by == p or own <= lim + TOL * max(1.0, abs(lim)):
                continue
            col = f"capacity_{phase.name.lower()}"
            tighter = res.limit_name(by, phases.phases)
            out.warn(msg("capacity.above_limit", column=table.header_name(col), own=f"{own:g}",
                         tighter=tighter, limit=f"{lim:g}", resource=res.name, phase=phase.name),
                     table, r, col, value=table.get(r, col),
                     expected=msg("expect.at_most_or_blank", tighter=tighter, limit=f"{lim:g}"))
