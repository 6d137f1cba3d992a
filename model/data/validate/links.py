"""Sheet Links: requires / excludes / synergy between two candidates (needs their ids)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import Link
from .cells import blank
from .table import Collector, check_columns, sheet_values


@dataclass(frozen=True)
class Links:
    links: tuple[Link, ...]
    problems: tuple[Problem, ...] = ()


def _end(out: Collector, table: RawTable, r: int, col: str, v, id_index: Mapping[str, int],
         ids_known: bool = True):
    """Candidate index of one end of a link, or None (blank or unknown, then reported
    unless the ids are not all known: Industries is missing, already reported)."""
    if not v:
        return None
    if str(v).lower() not in id_index and ids_known:
        out.add(msg("link.unknown_id"), table, r, col, value=v, expected=msg("expect.known_id"))
    return id_index.get(str(v).lower())


def _link(out: Collector, table: RawTable, r: int, vals: dict[str, list],
          id_index: Mapping[str, int], ids_known: bool = True) -> Link | None:
    a = _end(out, table, r, "from", vals["from"][r], id_index, ids_known)
    b = _end(out, table, r, "to", vals["to"][r], id_index, ids_known)
    if a is not None and a == b:
        out.add(msg("link.to_itself"), table, r, "to", value=vals["to"][r],
                expected=msg("link.two_ids"))
        return None
    kind = vals["type"][r]
    if a is None or b is None or not kind:
        return None
    if kind == "synergy" and blank(table.get(r, "value")):
        out.warn(msg("link.synergy_no_value"), table, r, "value")
    return Link(a, b, kind, float(vals["value"][r] or 0.0), table.excel_rows[r])


def read_links(table: RawTable | None, id_index: Mapping[str, int],
               ids_known: bool = True) -> Links:
    """``id_index``: candidate index by lower-case id (:attr:`Candidates.id_index`);
    ``ids_known`` False: Industries is missing (reported), so an unknown id is not."""
    if table is None:
        return Links(())
    out = Collector()
    check_columns(out, table, S.LINKS, set())
    vals = sheet_values(out, table, S.LINKS)
    links = [_link(out, table, r, vals, id_index, ids_known) for r in range(len(table))]
    return Links(tuple(link for link in links if link is not None), out.result())
