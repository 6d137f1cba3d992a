"""Sheet Parks: the parks of a regional plan (read before Resources, Targets and Sites,
which name them).  Without it the workbook plans one park, and a regional column that
says something is an error naming its cell (see :func:`park_code`)."""

from __future__ import annotations

from dataclasses import dataclass

from ...workbook import schema as S
from ...workbook.messages import Headers, msg
from ...workbook.problems import Problem
from ...workbook.read import RawTable
from ..park import ParkInfo
from .cells import blank
from .table import Collector, check_columns, check_keys, column_values


@dataclass(frozen=True)
class Parks:
    parks: tuple[ParkInfo, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.parks)

    @property
    def index(self) -> dict[str, int]:
        """Park position by lower-case code."""
        return {p.code.lower(): k for k, p in enumerate(self.parks)}

    def expected(self) -> str:
        return (msg("expect.one_of", values=", ".join(p.code for p in self.parks), blank="")
                if self.parks else msg("region.blank_one_park"))


def read_parks(table: RawTable | None) -> Parks:
    """The parks of a Parks sheet with rows; none (one park) otherwise."""
    if table is None or len(table) == 0:
        return Parks()
    out = Collector()
    check_columns(out, table, S.PARKS, set())
    values = {c.name: column_values(out, table, c) for c in S.PARKS.columns}
    check_keys(out, table, values["park"], "park")
    rows = [r for r, code in enumerate(values["park"]) if code]
    shares = [values["alone_share"][r] for r in rows]
    given = [s for s in shares if s is not None]
    if sum(given) > 1 + 1e-9:
        out.add(msg("region.alone_share_sum", total=f"{sum(given):g}"), table, None,
                "alone_share", value=round(sum(given), 6),
                expected=msg("region.shares_at_most_1"))
    rest = (max(0.0, 1 - sum(given)) / (len(shares) - len(given))
            if len(given) < len(shares) else 0.0)
    parks = tuple(ParkInfo(str(values["park"][r]), values["name"][r] or "",
                           values["level"][r] or "", values["district"][r] or "",
                           values["max_sacrifice"][r], None, table.excel_rows[r],
                           rest if share is None else float(share))
                  for r, share in zip(rows, shares))
    return Parks(parks, out.result())


def park_code(out: Collector, table: RawTable, r: int, col: str, written, parks: Parks,
              what: str = "park") -> str | None:
    """The code of the park a cell names ('' when blank), or None with a located problem:
    an unknown park, or any park at all when the workbook has no Parks sheet."""
    if blank(written):
        return ""
    text = str(written).strip()
    if not parks.given:
        out.add(msg("region.no_parks_sheet", what=Headers((what,)), text=text), table, r,
                col, value=written, expected=msg("region.blank_add_parks"))
        return None
    k = parks.index.get(text.lower())
    if k is None:
        out.add(msg("park.unknown", park=text), table, r, col, value=written,
                expected=parks.expected())
        return None
    return parks.parks[k].code
