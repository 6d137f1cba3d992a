"""Look inside an ``.xlsx`` before any sheet is expanded: refuse hostile files, find formulas.

An ``.xlsx`` file is a zip archive of XML parts.  :func:`inspect` runs before
python-calamine reads a single cell, with the limits given by :mod:`model.read`:

1. **Zip directory.**  More than ``max_members`` parts, or parts whose declared sizes
   add up to more than ``max_uncompressed`` bytes (a *zip bomb*), are refused from the
   directory alone, before anything is decompressed.
2. **XML prolog of every part.**  Each ``.xml`` / ``.rels`` / ``.vml`` part is opened with
   defusedxml (DTDs, entity declarations and external references forbidden) and parsed up
   to its root element.  A document type declaration is where entity-expansion
   ("billion laughs") and external-entity (XXE) attacks live; Excel, LibreOffice and
   openpyxl never write one, so any DTD refuses the whole file.
3. **Worksheets that will be read.**  Each is streamed (decompressed in chunks, never
   held whole): rows are counted, so a sheet above ``max_rows`` is refused before it is
   loaded, and formula and error cells are located.  Python's zipfile stops at the
   declared size and checks the CRC, so a part that lies about its size is reported as
   damaged rather than expanded.

Formulas are never evaluated.  A formula saved by Excel carries its last computed value,
which is what the reader sees; a formula written by a program that does not calculate
(openpyxl, many scripts) has no saved value and would silently read as blank, so
:func:`inspect` reports those cells, and cells holding Excel error values (``#DIV/0!``,
``#REF!``...), which the reader would also see as blank.

This module knows nothing of the workbook contract: the caller says which sheets
matter and turns what is found into located problems.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import Callable

import defusedxml
import defusedxml.ElementTree as DET

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_SUFFIXES = (".xml", ".rels", ".vml")
CHUNK = 1 << 20

_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,15}:)?row[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,15}:)?f[\s/>]")
_OVERLAP = 32  # longer than any tag the scans look for
_ERROR_TYPE = re.compile(rb"\st\s*=\s*[\"']e[\"']")
_CELL_REF = re.compile(r"^([A-Za-z]{1,3})([0-9]{1,7})$")


class Refused(Exception):
    """The file is refused as a whole (message says why, in a planner's words)."""


@dataclass(frozen=True)
class Cell:
    """A cell found while streaming a sheet: 1-based Excel row, 0-based column."""

    row: int
    col: int
    formula: str = ""
    error: str = ""  # the Excel error value shown in the cell, e.g. '#DIV/0!'


@dataclass
class SheetScan:
    name: str
    part: str
    state: str = "visible"  # visible / hidden / veryHidden
    rows: int = 0
    formulas_without_value: list[Cell] = field(default_factory=list)
    error_values: list[Cell] = field(default_factory=list)


@dataclass
class Inspection:
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # by the name as written


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def column_index(letters: str) -> int:
    """Excel column letters -> 0-based index (A -> 0, AA -> 26)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def inspect(path: str, *, max_members: int, max_uncompressed: int, max_rows: int,
            wanted: Callable[[str], bool] = lambda name: True) -> Inspection:
    """Check ``path`` and scan the worksheets whose names satisfy ``wanted``.

    Raises :class:`Refused` for a file that must not be read at all, and
    :class:`zipfile.BadZipFile` for a damaged archive.
    """
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if len(infos) > max_members:
            raise Refused(f"it holds {len(infos)} parts, above the limit of {max_members} "
                          "(refused before expanding)")
        total = sum(info.file_size for info in infos)
        if total > max_uncompressed:
            raise Refused(f"it expands to {total / 2**20:,.1f} MiB, above the "
                          f"{max_uncompressed / 2**20:,.0f} MiB limit (refused before expanding)")
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            raise Refused("it is a zip file but not an Excel workbook (no xl/workbook.xml)")
        for info in infos:
            if info.filename.lower().endswith(XML_SUFFIXES):
                _check_prolog(zf, info.filename)
        result = Inspection()
        for scan in _sheet_parts(zf, names):
            result.sheets[scan.name] = scan
            if wanted(scan.name):
                _scan_sheet(zf, scan, max_rows)
        return result


def _check_prolog(zf: zipfile.ZipFile, member: str) -> None:
    """Parse ``member`` up to its root element with DTDs and entities forbidden."""
    try:
        with zf.open(member) as fh:
            for _event, _elem in DET.iterparse(fh, events=("start",), forbid_dtd=True,
                                               forbid_entities=True, forbid_external=True):
                break
    except defusedxml.DefusedXmlException:  # DTDForbidden comes first: no DTD, no entities
        raise Refused(f"its part {member} declares a DTD (document type declaration); "
                      "Excel never writes one, and DTDs carry entity-expansion ('billion "
                      "laughs') and external-entity attacks, so the file is not read") from None
    except DET.ParseError as exc:
        if member.lower().endswith(".vml"):
            return  # legacy drawing parts are loose HTML-like XML; never read as data
        raise Refused(f"its part {member} is not well-formed XML ({exc}); the file is damaged "
                      "or was not written by a spreadsheet program") from None


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> list[SheetScan]:
    """Worksheet names, visibility and their XML parts, from workbook.xml and its rels."""
    targets: dict[str, str] = {}
    rels = "xl/_rels/workbook.xml.rels"
    if rels in names:
        with zf.open(rels) as fh:
            for _event, elem in DET.iterparse(fh, forbid_dtd=True):
                if _local(elem.tag) == "Relationship":
                    target = elem.get("Target", "")
                    part = target.lstrip("/") if target.startswith("/") else "xl/" + target
                    targets[elem.get("Id", "")] = _normpath(part)
    sheets: list[SheetScan] = []
    with zf.open("xl/workbook.xml") as fh:
        for _event, elem in DET.iterparse(fh, forbid_dtd=True):
            if _local(elem.tag) != "sheet":
                continue
            rid = next((v for k, v in elem.attrib.items() if _local(k) == "id"), "")
            part = targets.get(rid, "")
            sheets.append(SheetScan(elem.get("name", ""), part,
                                    elem.get("state", "visible") or "visible"))
    return [s for s in sheets if s.part in names]


def _normpath(part: str) -> str:
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def _scan_sheet(zf: zipfile.ZipFile, scan: SheetScan, max_rows: int) -> None:
    """Count rows by a byte scan; parse cells only when formulas or error values occur."""
    rows = 0
    needs_parse = False
    buf = b""
    with zf.open(scan.part) as fh:
        while rows <= max_rows:
            chunk = fh.read(CHUNK)
            buf += chunk
            # a tag may straddle two chunks: the last bytes are scanned again next round
            safe = max(0, len(buf) - _OVERLAP) if chunk else len(buf)
            rows += sum(1 for m in _ROW_TAG.finditer(buf) if m.start() < safe)
            if not needs_parse and (_FORMULA_TAG.search(buf) or _ERROR_TYPE.search(buf)):
                needs_parse = True
            if not chunk:
                break
            buf = buf[safe:]
    scan.rows = rows
    if rows > max_rows:
        return
    if needs_parse:
        _parse_cells(zf, scan)


def _parse_cells(zf: zipfile.ZipFile, scan: SheetScan) -> None:
    row = 0
    col = -1
    cell: dict | None = None
    with zf.open(scan.part) as fh:
        for event, elem in DET.iterparse(fh, events=("start", "end"), forbid_dtd=True):
            tag = _local(elem.tag)
            if event == "start":
                if tag == "row":
                    r = elem.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = -1
                elif tag == "c":
                    ref = _CELL_REF.match(elem.get("r", "") or "")
                    if ref:
                        col = column_index(ref.group(1))
                        row = int(ref.group(2))
                    else:
                        col += 1
                    cell = {"t": elem.get("t", "n"), "f": None, "v": None}
                continue
            if tag == "f" and cell is not None:
                cell["f"] = elem.text or ""
            elif tag == "v" and cell is not None:
                cell["v"] = elem.text or ""
            elif tag == "c" and cell is not None:
                _judge_cell(scan, row, col, cell)
                cell = None
                elem.clear()
            elif tag == "row":
                elem.clear()


def _judge_cell(scan: SheetScan, row: int, col: int, cell: dict) -> None:
    formula, value, kind = cell["f"], cell["v"], cell["t"]
    if kind == "e":
        scan.error_values.append(Cell(row, col, formula or "", value or "#ERROR"))
    elif formula is not None:
        # no saved result: no <v>, or an empty one for anything but a text result
        if value is None or (value == "" and kind != "str"):
            scan.formulas_without_value.append(Cell(row, col, formula))
