"""The ``parks`` / ``max_parks`` columns of Industries and Projects and the Sites sheet:
where each candidate may settle in a regional plan, and its data where it differs in a
park (docs/regional.md).  Read after the candidates (it names them)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ...workbook import schema as S
from ...workbook.messages import Choices, Headers, msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from .candidates import Candidates
from .cells import MISSING, blank, convert
from .parks import Parks, park_code
from .phases import Phases
from .table import Collector, check_columns, column_values

#: what separates the parks of a ``parks`` cell: commas (also the Chinese ones), semicolons,
#: slashes, the Chinese enumeration comma and spaces
_SEPARATORS = re.compile(r"[,，;；、/\s]+")

#: the Sites columns that override a candidate's own value, besides resource use
SITE_FIELDS = ("international", "competitiveness", *S.KPIS, "max_units", "earliest_phase",
               "decision")
#: the fields only industries have (a project's cell is an error)
_INDUSTRY_ONLY = ("international", "competitiveness", "max_units")


@dataclass(frozen=True, eq=False)
class Places:
    """Where each candidate may settle, and its data where it differs in a park."""

    allowed: tuple[tuple[int, ...], ...] = ()  # park indices, per candidate
    max_parks: tuple[int, ...] = ()
    #: (candidate, park) -> {field of SITE_FIELDS or resource / measure name: value}
    overrides: Mapping[tuple[int, int], Mapping[str, object]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def _allowed(out: Collector, candidates: Candidates, parks: Parks) -> list[tuple[int, ...]]:
    """The parks of each candidate's ``parks`` cell (every park when blank)."""
    every = tuple(range(len(parks.parks)))
    allowed = []
    for i, written in enumerate(candidates.parks):
        if not written:
            allowed.append(every)
            continue
        table, r = candidates.locate(i)
        if not parks.given:
            park_code(out, table, r, "parks", written, parks, "parks")
            allowed.append(every)
            continue
        ks = []
        for part in _SEPARATORS.split(str(written).strip()):
            k = parks.index.get(part.lower()) if part else None
            if part and k is None:
                out.add(msg("park.unknown", park=part), table, r, "parks", value=written,
                        expected=msg("region.parks_commas", parks=parks.expected()))
            elif k is not None and k not in ks:
                ks.append(k)
        allowed.append(tuple(sorted(ks)) or every)
    return allowed


def _max_parks(out: Collector, candidates: Candidates, parks: Parks) -> list[int]:
    values = []
    for i, v in enumerate(candidates.max_parks):
        if v > 1 and not parks.given:
            table, r = candidates.locate(i)
            out.add(msg("region.max_parks_no_sheet"), table, r,
                    "max_parks", value=v, expected=msg("region.one_or_add_parks"))
        values.append(int(v))
    return values


def read_places(table: RawTable | None, candidates: Candidates, parks: Parks, phases: Phases,
                use_columns: tuple[str, ...] = ()) -> Places:
    """The ``parks`` and ``max_parks`` of every candidate and the Sites sheet (``None``:
    the workbook has none); ``use_columns``: the resource and measure columns a site may
    override."""
    out = Collector()
    allowed = _allowed(out, candidates, parks)
    max_parks = _max_parks(out, candidates, parks)
    overrides: dict[tuple[int, int], dict[str, object]] = {}
    if table is not None and len(table):
        if not parks.given:
            out.add(msg("region.sites_need_parks"),
                    sheet=table.sheet, expected=msg("region.add_parks_or_drop_sites"))
        else:
            overrides = _sites(out, table, candidates, parks, phases, use_columns, allowed)
    return Places(tuple(allowed), tuple(max_parks), overrides, out.result())


_USE = S.Column("use per unit", S.NUMBER, minimum=0)


def _sites(out: Collector, table: RawTable, candidates: Candidates, parks: Parks,
           phases: Phases, use_columns: tuple[str, ...],
           allowed: list[tuple[int, ...]]) -> dict[tuple[int, int], dict[str, object]]:
    check_columns(out, table, S.SITES, set(use_columns))
    ids = column_values(out, table, S.SITES.column("id"))
    codes = column_values(out, table, S.SITES.column("park"))
    typed = {f: column_values(out, table, S.SITES.column(f)) for f in SITE_FIELDS}
    seen: dict[tuple[int, int], int] = {}
    overrides: dict[tuple[int, int], dict[str, object]] = {}
    for r, (cid, code) in enumerate(zip(ids, codes)):
        site = _site(out, table, r, cid, code, candidates, parks, allowed)
        if site is None:
            continue
        if site in seen:
            out.add(msg("region.site_twice", id=cid, park=parks.parks[site[1]].code,
                        row=seen[site]), table, r, "park", value=code,
                    expected=msg("region.one_row_per_site"))
            continue
        seen[site] = table.excel_rows[r]
        own = _fields(out, table, r, {f: typed[f][r] for f in SITE_FIELDS}, phases,
                      site[0] >= candidates.n_industries, cid)
        own.update(_use(out, table, r, use_columns))
        overrides[site] = own
    return overrides


def _site(out: Collector, table: RawTable, r: int, cid, code, candidates: Candidates,
          parks: Parks, allowed: list[tuple[int, ...]]) -> tuple[int, int] | None:
    """(candidate, park) a row of Sites is about, or None with a located problem."""
    if not cid or not code:
        return None
    i = candidates.id_index.get(str(cid).lower())
    if i is None:
        out.add(msg("region.unknown_id", id=cid), table, r, "id", value=cid,
                expected=msg("region.an_id"))
        return None
    written = park_code(out, table, r, "park", code, parks)
    if not written:
        return None
    k = parks.index[written.lower()]
    if k not in allowed[i]:
        out.add(msg("region.not_allowed", id=cid, park=parks.parks[k].code), table, r, "park",
                value=code, expected=msg("expect.one_of", values=", ".join(
                    parks.parks[q].code for q in allowed[i]), blank=""))
        return None
    return i, k


def _fields(out: Collector, table: RawTable, r: int, values: dict, phases: Phases,
            project: bool, cid) -> dict[str, object]:
    """The candidate fields a row of Sites overrides (blank cells keep the candidate's)."""
    own: dict[str, object] = {}
    for f, v in values.items():
        if v is None or v == "" or (f == "decision" and not table.get(r, f)):
            continue
        if f in _INDUSTRY_ONLY and project:
            out.add(msg("region.industry_only", field=Headers((f,)), id=cid), table, r, f,
                    value=v, expected=msg("region.blank"))
            continue
        if f == "earliest_phase":
            ph = phases.index.get(str(v).lower()) if phases.given else None
            if ph is None:
                out.add(msg("phase.unknown"), table, r, f, value=v,
                        expected=msg("expect.one_of", values=Choices(p.name for p in phases.phases),
                                     blank="")
                        if phases.given else msg("region.blank_no_phases"))
                continue
            v = ph
        own[f] = v
    return own


def _use(out: Collector, table: RawTable, r: int, use_columns: tuple[str, ...]
         ) -> dict[str, float]:
    """The resource and measure columns a row of Sites overrides."""
    own = {}
    for name in use_columns:
        raw = table.get(r, name) if name in table.columns else None
        if blank(raw):
            continue
        v = convert(raw, _USE)
        if v is MISSING:
            out.add(msg("region.use_not_number"), table, r, name, value=raw,
                    expected=msg("region.number_or_keep"))
            continue
        own[name] = float(v)
    return own
