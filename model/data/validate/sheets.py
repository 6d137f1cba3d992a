"""Which contract sheets the workbook has: the first reader, run before any other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...workbook import schema as S
from ...workbook.messages import Choices, msg
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


def contract_columns(book: RawWorkbook) -> RawWorkbook:
    """Key the headers written in Chinese by their contract names, in place (``增加值`` is
    looked up as ``value_added``; the header text, shown in messages, is kept).

    Idempotent and cheap: run by every step that looks up columns (validation, scenarios,
    ``--set`` and sweeps) so that none depends on another having run.  A Chinese header
    whose column is also there in English is left as it is, for :func:`.table.check_columns`
    to report."""
    for key, table in book.tables.items():
        if key not in S.SHEET_BY_NAME:
            continue
        keys = {h: S.column_key(key, h) for h in table.columns}
        if all(k == h for h, k in keys.items()):
            continue
        taken = {h for h, k in keys.items() if k == h}
        columns = {}
        for h, j in table.columns.items():
            k = keys[h]
            if k != h and k in taken:
                k = h
            taken.add(k)
            columns[k] = j
        table.columns = columns
    return book


def _stand_in(sheet: S.Sheet) -> RawTable:
    header = [c.name for c in sheet.columns]
    return RawTable(S.DISPLAY_NAME[sheet.name], header, {h: j for j, h in enumerate(header)},
                    [], [])


def _present(name: str, table: RawTable) -> bool:
    return S.SHEET_BY_NAME[name].required or any(h.strip() for h in table.header) or len(table) > 0


def read_sheets(book: RawWorkbook) -> Sheets:
    """Report each missing required sheet (unless it is there but unreadable, which the
    reader has reported already) once: the readers after this one do not report what
    follows only from its absence (an id of Links, a member of a chain, a resource named
    as a basis), see :func:`model.data.validate.validate`."""
    out = Collector()
    contract_columns(book)
    tables = {k: v for k, v in book.tables.items() if _present(k, v)}
    missing = set()
    for sheet in S.SHEETS:
        if not sheet.required or sheet.name in tables:
            continue
        if sheet.name not in book.unreadable:
            out.add(msg("sheet.missing", sheet=S.DISPLAY_NAME[sheet.name]),
                    expected=msg("sheet.required", sheets=Choices(
                        S.DISPLAY_NAME[s.name] for s in S.SHEETS if s.required)))
        missing.add(sheet.name)
        tables[sheet.name] = _stand_in(sheet)
    return Sheets(MappingProxyType(tables), frozenset(missing), out.result())
