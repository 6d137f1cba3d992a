"""Which contract sheets the workbook has: the first reader, run before any other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...workbook import schema as S
from ...workbook.problems import Problem
from ...workbook.read import RawTable, RawWorkbook
from .table import Collector


@dataclass(frozen=True)
class Sheets:
    """The tables validation reads, by normalised sheet name.

    A required sheet is always there: when the workbook lacks it, an empty stand-in (its
    contract header, no rows) takes its place, so that the other sheets are still checked,
    and its name is in ``missing``.  An optional sheet left completely empty (no header,
    no rows) counts as absent."""

    tables: Mapping[str, RawTable]
    missing: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()

    def table(self, name: str) -> RawTable | None:
        return self.tables.get(name)


def _stand_in(sheet: S.Sheet) -> RawTable:
    header = [c.name for c in sheet.columns]
    return RawTable(S.DISPLAY_NAME[sheet.name], header, {h: j for j, h in enumerate(header)},
                    [], [])


def _present(name: str, table: RawTable) -> bool:
    return S.SHEET_BY_NAME[name].required or any(h.strip() for h in table.header) or len(table) > 0


def read_sheets(book: RawWorkbook) -> Sheets:
    """Report each missing required sheet (unless it is there but unreadable, which the
    reader has reported already)."""
    out = Collector()
    tables = {k: v for k, v in book.tables.items() if _present(k, v)}
    missing = set()
    for sheet in S.SHEETS:
        if not sheet.required or sheet.name in tables:
            continue
        if sheet.name not in book.unreadable:
            out.add(f"required sheet '{S.DISPLAY_NAME[sheet.name]}' is missing",
                    expected="sheets " + ", ".join(
                        S.DISPLAY_NAME[s.name] for s in S.SHEETS if s.required))
        missing.add(sheet.name)
        tables[sheet.name] = _stand_in(sheet)
    return Sheets(MappingProxyType(tables), frozenset(missing), out.result())
