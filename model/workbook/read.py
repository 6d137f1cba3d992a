"""Step 1 of the pipeline: read the input workbook into raw tables.

Knows nothing of the model.  Values are kept as the file holds them (text, numbers,
booleans, dates); typing and checking happen in :mod:`model.data.validate`, so that every
problem can be reported at once with its sheet, Excel row and column.

The file is read by :mod:`model.workbook.xlsx`, our own streaming reader of the
``.xlsx`` package: the one parse that produces the tables also enforces every limit
below (zip bombs, XML DTD / entity attacks, oversized sheets, too much text) and notes
formula cells without a saved value and Excel error values, which would otherwise read
as blanks.  ``docs/reliability.md`` lists the limits and the memory they bound.
"""

from __future__ import annotations

import os
import sys
import threading
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import xlsx
from .contract_zh import ZH_SHEETS
from .messages import Pair, msg
from .problems import WARNING, Problem, clip, column_letter
from .schema import (
    DISPLAY_NAME,
    IGNORED_SHEETS,
    SHEET_BY_NAME,
    SHEETS,
    normalise_name,
    sheet_key,
)

#: a workbook larger than this (bytes on disk) is refused before it is opened
MAX_FILE_BYTES = 50 * 1024 * 1024
#: and one whose XML expands beyond this (guards against zip bombs)
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
#: rows per sheet (the row number of any row or cell, and the number of rows)
MAX_ROWS = 200_000
#: parts in the zip archive beyond which the workbook is refused (a real one has dozens)
MAX_ZIP_MEMBERS = 10_000
#: columns per sheet (A..ZZ): a park sheet has 20 or so plus one per resource
MAX_COLUMNS = 702
#: cells read, all contract sheets together, each counted from A1 to its farthest cell
MAX_CELLS = 10_000_000
#: strings in the shared-string table (a 20,000-candidate park has about 60,000)
MAX_SHARED_STRINGS = 1_000_000
#: characters of text kept: the shared-string table and the text cells of contract sheets
MAX_TEXT_CHARS = 50_000_000
#: the most the address space may grow while a workbook is read (Linux, see
#: ``_memory_ceiling``): twice the worst case of a workbook within the limits above
READ_MEMORY_BYTES = 2 * 1024**3


@dataclass
class RawTable:
    """One sheet as read: header texts and data rows, with their Excel row numbers.

    ``columns`` maps the normalised header (trimmed, lower case) to the column
    position.  Fully blank rows are dropped (planners leave gaps).
    """

    sheet: str  # the sheet name as written in the file
    header: list[str]
    columns: dict[str, int]
    rows: list[list]
    excel_rows: list[int]
    header_row: int = 1

    def get(self, r: int, col: str, default=None):
        j = self.columns.get(col)
        if j is None:
            return default
        row = self.rows[r]
        return row[j] if j < len(row) else default

    def cell_name(self, r: int, col: str) -> str:
        j = self.columns.get(col)
        return f"{column_letter(j)}{self.excel_rows[r]}" if j is not None else ""

    def header_name(self, col: str) -> str:
        j = self.columns.get(col)
        return self.header[j].strip() if j is not None else col

    def set(self, r: int, col: str, value) -> None:
        j = self.columns[col]
        row = self.rows[r]
        if j >= len(row):
            row.extend([""] * (j + 1 - len(row)))
        row[j] = value

    def add_column(self, col: str) -> None:
        if col not in self.columns:
            self.columns[col] = len(self.header)
            self.header.append(col)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class RawWorkbook:
    path: str
    tables: dict[str, RawTable]  # keyed by the normalised sheet name
    ignored_sheets: list[str] = field(default_factory=list)
    #: contract sheets present but not usable (already reported), by normalised name
    unreadable: set[str] = field(default_factory=set)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def read_workbook(path: str) -> tuple[RawWorkbook | None, list[Problem]]:
    """Read every sheet.  Returns (workbook, problems); workbook is None when unreadable."""
    where = os.path.basename(path)
    if not os.path.exists(path):
        return None, [Problem(msg("file.missing", path=path))]
    if os.path.isdir(path):
        return None, [Problem(msg("file.folder", path=path))]
    size = os.path.getsize(path)
    if size == 0:
        return None, [Problem(msg("file.empty", file=where))]
    if size > MAX_FILE_BYTES:
        return None, [Problem(msg("file.too_big", file=where, size=_size(size),
                                  limit=_size(MAX_FILE_BYTES)))]
    kind = _sniff(path)
    if kind != "xlsx":
        return None, [Problem(msg("file.not_xlsx", file=where, kind=kind))]
    ceiling = None
    progress: dict[str, str] = {}  # where the read is: the part, and the sheet
    try:
        with _memory_ceiling() as ceiling:
            return _read(path, progress)
    except xlsx.Refused as exc:
        return None, [Problem(msg("file.refused", file=where, reason=exc.message))]
    except MemoryError:
        pass  # (out of the except clause, so the memory of the traceback is freed first)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            NotImplementedError, ValueError) as exc:
        if isinstance(exc, zlib.error) and "memory" in str(exc).lower():
            pass
        else:  # the archive (or a part in it) is unusable
            return None, [Problem(msg("file.damaged", file=where,
                                      error=f"{type(exc).__name__}: {clip(exc, 200)}"))]
    limit = (msg("file.memory_allowed", size=_size(ceiling)) if ceiling
             else msg("file.memory_computer"))
    part = msg("file.memory_part", part=progress["part"]) if progress.get("part") else ""
    return None, [Problem(msg("file.memory", file=where, limit=limit, part=part,
                              doc="docs/reliability.md"),
                          sheet=progress.get("sheet", ""))]


def _read(path: str, progress: dict) -> tuple[RawWorkbook, list[Problem]]:
    limits = xlsx.Limits(members=MAX_ZIP_MEMBERS, expanded=MAX_UNCOMPRESSED_BYTES,
                         rows=MAX_ROWS, columns=MAX_COLUMNS, cells=MAX_CELLS,
                         strings=MAX_SHARED_STRINGS, text=MAX_TEXT_CHARS)
    problems: list[Problem] = []
    tables: dict[str, RawTable] = {}
    ignored: list[str] = []
    unreadable: set[str] = set()
    with xlsx.Package(path, limits, progress) as pkg:
        wanted: list = []  # (entry, key): the contract sheets to read, in workbook order
        seen: dict[str, str] = {}
        for entry in pkg.sheets:
            name = entry.name
            key = sheet_key(name)  # English or Chinese (contract_zh)
            hidden = entry.state in ("hidden", "veryHidden")
            if key in seen:
                problems.append(Problem(msg(
                    "read.sheet_twice", name=name,
                    first=msg("read.sheet_twice_first") if key in SHEET_BY_NAME else ""),
                    sheet=name))
                continue
            seen[key] = name
            if key not in SHEET_BY_NAME:
                if key in IGNORED_SHEETS or key.startswith("_"):
                    ignored.append(name)
                else:
                    problems.append(Problem(
                        msg("read.unknown_sheet", name=name, hint=_did_you_mean(key),
                            hidden=msg("read.sheet_hidden") if hidden else ""), sheet=name,
                        expected=msg("read.expect_sheet",
                                     sheets=Pair(", ".join(DISPLAY_NAME[s.name] for s in SHEETS),
                                                 "、".join(f"{ZH_SHEETS[s.name]} ({DISPLAY_NAME[s.name]})"
                                                          for s in SHEETS)),
                                     examples=Pair("产业, 资源", "产业、资源"),
                                     ignored="README / Notes")))
                continue
            if hidden:
                problems.append(Problem(msg("read.hidden_sheet"), sheet=name, severity=WARNING))
            wanted.append((entry, key))
        pkg.check_other_parts({e.part for e, _ in wanted if e.part})
        if wanted:
            pkg.prepare()
        for entry, key in wanted:
            name = entry.name
            progress["sheet"] = name
            try:
                data = pkg.read_sheet(entry)
            except xlsx.SheetRefused as exc:
                problems.append(Problem(
                    msg("read.refused_early", reason=exc.message) if exc.limit else exc.message,
                    sheet=name, row=exc.row, cell=exc.cell))
                unreadable.add(key)
                continue
            table, sheet_problems = _table(name, data)
            problems.extend(sheet_problems)
            problems.extend(_cell_problems(name, data, table))
            if table is not None:
                tables[key] = table
            else:
                unreadable.add(key)
        progress.pop("sheet", None)
    return RawWorkbook(path, tables, ignored, unreadable), problems


@contextmanager
def _memory_ceiling():
    """Lower the soft address-space limit (RLIMIT_AS) while a workbook is read, so that
    a workbook needing far more memory than any within the limits makes the read fail
    with MemoryError (reported as an input problem) instead of the system running out.

    Linux only, and only when this process runs no other Python thread (another
    thread's allocations would fail too); the soft limit is restored afterwards.
    Yields the bytes allowed, or None when no ceiling was set.
    """
    if not sys.platform.startswith("linux") or READ_MEMORY_BYTES <= 0 or \
            threading.active_count() != 1:
        yield None
        return
    import resource

    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            vm = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (OSError, StopIteration, ValueError):
        yield None
        return
    ceiling = vm + READ_MEMORY_BYTES
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield None  # already at least as tight
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield READ_MEMORY_BYTES
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _table(name: str, data) -> tuple[RawTable | None, list[Problem]]:
    problems: list[Problem] = []
    for r in data.merged.cells:
        if isinstance(r, tuple):
            r0, c0, r1, c1 = r
            cell = f"{column_letter(c0)}{r0}:{column_letter(c1)}{r1}"
        else:
            r0, cell = None, clip(r, 40)
        problems.append(Problem(msg("read.merged"), sheet=name, row=r0, column="", cell=cell))
    problems.extend(_more(name, data.merged, msg("read.more_merged")))
    grid = data.rows
    if not grid:
        return RawTable(name, [], {}, [], []), problems
    if grid[0][0] != 1 or all(_blank(v) for v in grid[0][1]):
        if all(all(_blank(v) for v in row) for _, row in grid):
            return RawTable(name, [], {}, [], []), problems
        problems.append(Problem(msg("read.header_row"), sheet=name, row=1))
        return None, problems
    header: list[str] = []
    columns: dict[str, int] = {}
    for j, h in enumerate(grid[0][1]):
        text = "" if _blank(h) else (str(int(h)) if isinstance(h, float) and h.is_integer()
                                     else str(h))
        header.append(text)
        key = normalise_name(text)
        if not key:
            continue
        if key in columns:
            problems.append(Problem(
                msg("read.column_twice", column=text.strip()), sheet=name, row=1,
                column=text.strip(), cell=f"{column_letter(j)}1"))
            continue
        columns[key] = j
    rows: list[list] = []
    excel_rows: list[int] = []
    n_header = len(header)
    headless = [j for j in range(data.width) if j >= n_header or not header[j].strip()]
    for i, row in grid[1:]:
        for v in row:  # (blank cells are not stored: a row of padding and spaces is blank)
            if v.__class__ is not str or v.strip():
                break
        else:
            continue
        for j in headless:
            v = row[j]
            if not _blank(v):
                problems.append(Problem(
                    msg("read.no_header"), sheet=name, row=i,
                    cell=f"{column_letter(j)}{i}", value=v,
                    expected=msg("read.expect_header")))
                break
        rows.append(row)
        excel_rows.append(i)
    control = data.control
    if control.cells:
        (first_row, first_col), n = control.cells[0], len(control.cells) + control.more
        first_cell = f"{column_letter(first_col)}{first_row}"
        problems.append(Problem(
            msg("read.control_chars", n=n, s="s" if n > 1 else "", cell=first_cell), sheet=name,
            row=first_row, cell=first_cell, severity=WARNING))
    return RawTable(name, header, columns, rows, excel_rows), problems


def _cell_problems(name: str, data, table: RawTable | None) -> list[Problem]:
    """Formula cells without a saved value and Excel error values, each located."""
    def header(col: int) -> str:
        if table is not None and col < len(table.header):
            return table.header[col].strip()
        return ""

    out: list[Problem] = []
    for c in data.formulas_without_value.cells:
        out.append(Problem(
            msg("cell.formula_no_value"),
            sheet=name, row=c.row, column=header(c.col), cell=f"{column_letter(c.col)}{c.row}",
            value=clip("=" + c.formula, 80),
            expected=msg("expect.typed_value")))
    out.extend(_more(name, data.formulas_without_value, msg("read.more_formulas")))
    for c in data.error_values.cells:
        out.append(Problem(
            msg("cell.excel_error", error=c.error), sheet=name, row=c.row,
            column=header(c.col), cell=f"{column_letter(c.col)}{c.row}",
            value=clip("=" + c.formula, 80) if c.formula else c.error,
            expected=msg("expect.fix_formula")))
    out.extend(_more(name, data.error_values, msg("read.more_errors")))
    return out


def _more(name: str, notes, what: str) -> list[Problem]:
    if not notes.more:
        return []
    return [Problem(msg("read.more", n=f"{notes.more:,}", what=what, shown=len(notes.cells)),
                    sheet=name)]


def _sniff(path: str) -> str:
    """"xlsx", or what the file is instead (a message)."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return msg("file.kind_xls")
    if head[:5].lower().startswith(b"<?xml") or head[:5].lower().startswith(b"<html"):
        return msg("file.kind_xml")
    try:
        head.decode("utf-8")
        return msg("file.kind_text")
    except UnicodeDecodeError:
        return msg("file.kind_binary")


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return msg("file.bytes", n=n)


def _did_you_mean(key: str) -> str:
    import difflib

    names = {**DISPLAY_NAME, **{v: v for v in ZH_SHEETS.values()}}
    hits = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
    return msg("read.sheet_hint", sheet=names[hits[0]]) if hits else ""


