"""Sheets Industries and Projects: the candidates, one index for both (industries first).

Needs the resources (their names are the use columns) and the phases (earliest_phase).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ...workbook import schema as S
from ...workbook.messages import Choices, msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import INDUSTRY, PROJECT
from .cells import MISSING, convert
from .measures import MeasureColumns
from .phases import Phases
from .resources import Resources
from .table import Collector, check_columns, check_keys, sheet_values

_USE = S.Column("resource use", S.NUMBER, default=0.0, minimum=0)

#: per-candidate attributes that only industries carry, and what projects get instead
_INDUSTRY_ONLY = {"sector": "", "chain": "", "role": "", "international": False,
                  "competitiveness": 0.0, "max_units": 1}
#: every per-candidate attribute of :class:`Candidates` read from a sheet column
_ATTRIBUTES = ("ids", "kind", "name", "sector", "category", "chain", "role", "international",
               "competitiveness", "max_units", "earliest", "decision", "rows", "parks",
               "max_parks")


@dataclass(frozen=True, eq=False)
class Candidates:
    """Industries, then projects: attributes by candidate index (as in the Park)."""

    ids: tuple  # as read (None where an id is blank, an error already reported)
    kind: tuple[str, ...]  # INDUSTRY | PROJECT
    name: tuple[str, ...]
    sector: tuple[str, ...]
    category: tuple[str, ...]  # industries: category; projects: type
    chain: tuple[str, ...]
    role: tuple[str, ...]
    international: tuple[bool, ...]
    competitiveness: tuple[float, ...]
    max_units: tuple[int, ...]
    earliest: tuple[int, ...]  # phase index
    decision: tuple[str, ...]
    rows: tuple[int, ...]  # Excel row in its sheet
    parks: tuple[str, ...]  # the parks cell as written (regional plans; '' = any park)
    max_parks: tuple[int, ...]  # in how many parks it may open units (regional plans)
    kpi: Mapping[str, np.ndarray]
    use: np.ndarray  # (n, number of resources)
    industries: RawTable  # the sheets they were read from, to locate later problems
    projects: RawTable | None = None
    problems: tuple[Problem, ...] = ()
    measure: np.ndarray | None = None  # (n, number of declared measures); None: none declared

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def n_industries(self) -> int:
        return len(self.industries)

    @property
    def id_index(self) -> dict[str, int]:
        """Candidate index by lower-case id (the first, when an id is repeated)."""
        index: dict[str, int] = {}
        for i, v in enumerate(self.ids):
            index.setdefault(str(v).lower(), i)
        return index

    def locate(self, i: int) -> tuple[RawTable, int]:
        """The table and row (0-based data row) candidate ``i`` was read from."""
        if i < self.n_industries:
            return self.industries, i
        return self.projects, i - self.n_industries


@dataclass(frozen=True, eq=False)
class _Block:
    """The candidates of one sheet."""

    attributes: dict[str, list]  # each of _ATTRIBUTES
    kpi: dict[str, list]
    use: np.ndarray
    measure: np.ndarray


def _attributes(vals: dict[str, list], kind: str, table: RawTable) -> dict[str, list]:
    n = len(table)
    if kind == INDUSTRY:
        own = {k: vals[k] for k in _INDUSTRY_ONLY} | {"category": vals["category"]}
    else:
        own = {k: [v] * n for k, v in _INDUSTRY_ONLY.items()} | {"category": vals["type"]}
    return own | {"ids": vals["id"], "kind": [kind] * n, "name": vals["name"],
                  "decision": vals["decision"], "rows": list(table.excel_rows),
                  "parks": vals["parks"], "max_parks": vals["max_parks"]}


def _earliest(out: Collector, table: RawTable, names: list, phases: Phases) -> list[int]:
    """Phase index of each earliest_phase (0 where blank or wrong)."""
    index = phases.index
    earliest = []
    for r, ph in enumerate(names):
        if not ph:
            earliest.append(0)
        elif not phases.given:
            out.add(msg("phase.no_sheet"), table, r,
                    "earliest_phase", value=ph, expected=msg("expect.blank_or_phases"))
            earliest.append(0)
        elif ph.lower() not in index:
            out.add(msg("phase.unknown"), table, r, "earliest_phase", value=ph,
                    expected=msg("expect.one_of", values=Choices(p.name for p in phases.phases),
                                 blank=""))
            earliest.append(0)
        else:
            earliest.append(index[ph.lower()])
    return earliest


def _use(out: Collector, table: RawTable, columns: dict[str, int], width: int,
         what: str = "resource use", misspelt: set[str] | None = None) -> np.ndarray:
    """Per-unit values: one row per candidate, ``width`` columns (blank cells = 0);
    ``columns``: resource (or declared measure) name -> its column of the block.

    With ``misspelt`` given (resources), a column missing from a sheet that has rows is an
    error, not a silent 0: a deleted ``land_ha`` column would otherwise make every
    candidate free of land (unless a misspelt header was already reported as meaning it).
    A declared measure may be left out of a sheet (``misspelt`` None): it limits nothing."""
    block = np.zeros((len(table), width))
    for name, j in columns.items():
        if name not in table.columns:
            if misspelt is not None and len(table) and name not in misspelt:
                out.append(Problem(
                    msg("resource.no_column", name=name, sheet=table.sheet), sheet=table.sheet,
                    row=table.header_row, column=name,
                    expected=msg("expect.header_cell", column=name)))
            continue
        for r in range(len(table)):
            raw = table.get(r, name)
            typed = convert(raw, _USE)
            if typed is MISSING:
                out.add(msg("use.not_number", what=msg("word.resource_use") if what == "resource use"
                                else what), table, r, name, value=raw,
                        expected=msg("expect.number_blank_zero"))
            else:
                block[r, j] = typed
    return block


def _read_sheet(out: Collector, table: RawTable, sheet: S.Sheet, kind: str,
                resources: Resources, phases: Phases, resources_missing: bool,
                seen: dict[str, tuple[str, int]],
                measures: MeasureColumns) -> tuple[_Block, dict[str, tuple[str, int]]]:
    """One sheet's candidates, and the ids seen so far (``seen`` and this sheet's)."""
    # without a Resources sheet any extra column may be a resource: not reported twice
    declared = {name: j for j, name in enumerate(measures.names)}
    misspelt = check_columns(out, table, sheet,
                             set(table.columns) if resources_missing else set(resources.index)
                             | set(declared))
    vals = sheet_values(out, table, sheet)
    seen = check_keys(out, table, vals["id"], "id", seen)
    attributes = _attributes(vals, kind, table)
    attributes["earliest"] = _earliest(out, table, vals["earliest_phase"], phases)
    block = _Block(attributes, {k: vals[k] for k in S.KPIS},
                   _use(out, table, resources.index, len(resources.index), misspelt=misspelt),
                   _use(out, table, declared, len(declared), msg("cand.a_measure")))
    return block, seen


def read_candidates(industries: RawTable, projects: RawTable | None, resources: Resources,
                    phases: Phases, industries_missing: bool = False,
                    resources_missing: bool = False,
                    measures: MeasureColumns | None = None) -> Candidates:
    """``*_missing``: that sheet is a stand-in for a missing one (already reported);
    ``measures``: the declared extra columns (Measures), read like resource use."""
    out = Collector()
    measures = measures or MeasureColumns()
    block, seen = _read_sheet(out, industries, S.INDUSTRIES, INDUSTRY, resources, phases,
                              resources_missing, {}, measures)
    blocks = [block]
    if projects is not None:
        blocks.append(_read_sheet(out, projects, S.PROJECTS, PROJECT, resources, phases,
                                  resources_missing, seen, measures)[0])
    attributes = {a: tuple(v for b in blocks for v in b.attributes[a]) for a in _ATTRIBUTES}
    if not attributes["ids"] and not industries_missing:
        out.add(msg("candidates.none"),
                sheet=industries.sheet, expected=msg("expect.one_industry"))
    kpi = {k: np.asarray([v for b in blocks for v in b.kpi[k]], dtype=float) for k in S.KPIS}
    use = np.vstack([b.use for b in blocks])
    measure = np.vstack([b.measure for b in blocks]) if measures.names else None
    return Candidates(**attributes, kpi=kpi, use=use, industries=industries,
                      projects=projects, problems=out.result(), measure=measure)


def check_fit(candidates: Candidates, resources: Resources) -> tuple[Problem, ...]:
    """Warnings for candidates of which one unit needs more than a resource's capacity:
    they can never be chosen.  (Run last, only on an otherwise valid workbook.)"""
    out = Collector()
    index = resources.index
    for i in range(candidates.n):
        for res in resources.resources:
            if res.park:  # a park's own resource: the candidate may settle elsewhere
                continue
            need = candidates.use[i, index[res.name]]
            if need > res.capacity + 1e-9:
                table, r = candidates.locate(i)
                out.warn(msg("candidate.never_fits", id=candidates.ids[i], need=f"{need:g}",
                             unit=res.unit or res.name, capacity=f"{res.capacity:g}"),
                         table, r, res.name, value=need)
    return out.result()
