"""Look inside an ``.xlsx`` before any sheet is expanded: refuse hostile files, find formulas.

An ``.xlsx`` file is a zip archive of XML parts.  :func:`inspect` runs before
python-calamine reads a single cell, with the limits given by :mod:`model.workbook.read`:

1. **Zip directory.**  More than ``max_members`` parts, or parts whose declared sizes
   add up to more than ``max_uncompressed`` bytes (a *zip bomb*), are refused from the
   directory alone, before anything is decompressed.
2. **XML prolog of every part.**  Each ``.xml`` / ``.rels`` / ``.vml`` part is opened with
   defusedxml (DTDs, entity declarations and external references forbidden) and parsed up
   to its root element.  A document type declaration is where entity-expansion
   ("billion laughs") and external-entity (XXE) attacks live; Excel, LibreOffice and
   openpyxl never write one, so any DTD refuses the whole file.
3. **Worksheets that will be read.**  Each is streamed (decompressed in chunks, never
   held whole): rows are counted and the farthest row and column found, so a sheet too
   big for the reader's dense grid is refused before it is loaded, and formula and error
   cells are located.  Python's zipfile stops at the
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
from collections.abc import Callable
from dataclasses import dataclass, field

import defusedxml
import defusedxml.ElementTree as DET

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_SUFFIXES = (".xml", ".rels", ".vml")
CHUNK = 1 << 20

_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,15}:)?row[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,15}:)?f[\s/>]")
_OVERLAP = 256  # longer than any tag or attribute run the scans look for
# row numbers of 5 digits or more, in rows (r="12345") and cell references (r="B12345"):
# below 10,000 rows the grid cannot exceed 10,000 x 702 cells anyway, and normal sheets
# skip the conversion entirely
_FAR_ROW = re.compile(rb"\sr=\"[A-Za-z]{0,3}(\d{5,10})\"")
_WIDE_CELL_COL = re.compile(rb"\sr=\"([A-Za-z]{2,3})\d")  # cell refs beyond column Z
# the same with the single space Excel writes (a literal start makes them fast)
_FAR_ROW_PLAIN = re.compile(rb" r=\"[A-Za-z]{0,3}(\d{5,10})\"")
_WIDE_CELL_COL_PLAIN = re.compile(rb" r=\"([A-Za-z]{2,3})\d")
_ODD_SPACING = (b"\tr=", b"\nr=", b"\rr=", b" r =", b"r= ", b"r='")
_MARKS = (b"<f>", b"<f ", b"<f/", b't="e"', b"t='e'", b't = "e"')
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
    rows: int = 0  # <row> elements
    last_row: int = 0  # the largest row number of a row or cell (1-based)
    last_col: int = 0  # the largest column index of a cell (0-based)
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


_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)")


def _check_prolog(zf: zipfile.ZipFile, member: str) -> None:
    """Parse ``member`` up to its root element with DTDs and entities forbidden."""
    with zf.open(member) as fh:
        head = fh.read(256)
    declared = _ENCODING.match(head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4] or (
            declared and declared.group(1).lower() not in (b"utf-8", b"utf8")):
        raise Refused(f"its part {member} is not UTF-8 encoded, as every spreadsheet program "
                      "writes it; the reader could misread it")
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
    """Count rows and find the farthest cell by a byte scan; parse cells only when formulas
    or error values occur.

    The farthest cell matters because the reader builds a dense grid from A1 to it: one
    stray value in XFD1048576 would ask for 17 billion cells (python-calamine aborts the
    whole process), one in ZZ100000 for 70 million (3 GB).  Sheets in the default XML
    namespace with single spaces between attributes (Excel, LibreOffice, openpyxl) are
    scanned with plain byte searches; anything else with the general patterns.
    """
    rows = last_row = last_col = 0
    needs_parse = False
    general = False
    buf = b""
    with zf.open(scan.part) as fh:
        while rows <= max_rows and last_row <= max_rows:
            chunk = fh.read(CHUNK)
            if not buf and chunk:
                general = _needs_general_scan(chunk)
            buf += chunk
            if not general and any(buf.find(w) >= 0 for w in _ODD_SPACING):
                general = True
            # a tag may straddle two chunks: the last bytes are scanned again next round
            safe = max(0, len(buf) - _OVERLAP) if chunk else len(buf)
            if general:
                rows += sum(1 for m in _ROW_TAG.finditer(buf) if m.start() < safe)
                numbers = set(_FAR_ROW.findall(buf))
                letters = set(_WIDE_CELL_COL.findall(buf))
                marks = _FORMULA_TAG.search(buf) or _ERROR_TYPE.search(buf)
            else:
                rows += buf.count(b"<row ", 0, safe) + buf.count(b"<row>", 0, safe)
                numbers = set(_FAR_ROW_PLAIN.findall(buf))
                letters = set(_WIDE_CELL_COL_PLAIN.findall(buf))
                marks = any(buf.find(w) >= 0 for w in _MARKS)
            if numbers:
                last_row = max(last_row, max(map(int, numbers)))
            if letters:
                last_col = max(last_col, max(column_index(c.decode()) for c in letters))
            needs_parse = needs_parse or bool(marks)
            if not chunk:
                break
            buf = buf[safe:]
    scan.rows, scan.last_row, scan.last_col = rows, max(last_row, rows), last_col
    if scan.last_row > max_rows:
        return
    if needs_parse:
        _parse_cells(zf, scan)


def _needs_general_scan(head: bytes) -> bool:
    """True unless the sheet's root element is an unprefixed ``<worksheet``."""
    k = head.find(b"<worksheet")
    if k < 0:
        return True
    before = head[:k]
    # only the XML declaration, comments or whitespace may come before the root
    return bool(re.sub(rb"<\?.*?\?>|<!--.*?-->|\s", b"", before, flags=re.S))


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
