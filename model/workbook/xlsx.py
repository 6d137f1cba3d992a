"""Read an ``.xlsx`` package: one streaming parse that produces the cells and enforces the limits.

An ``.xlsx`` file is a zip archive of XML parts.  This module is the only code that reads
an input workbook, and it reads each part it needs exactly once, with the stdlib expat
parser: ``xl/_rels/workbook.xml.rels`` and ``xl/workbook.xml`` (which sheets exist,
where their parts are, their visibility, the 1904 date flag), ``xl/styles.xml`` (which
cell formats are dates), ``xl/sharedStrings.xml`` and each worksheet that will be used.
The same callbacks that turn a worksheet's XML into values count rows, columns, cells
and characters as the values are made, so a limit cannot be checked on one reading of
the file and the table built from another: there is no other reading.  (Before, a
pre-scan and python-calamine each parsed the package their own way; valid XML that the
two read differently passed the scan and made the reader abort the process.)

Refused by construction:

* **Zip bombs**: the archive's directory is checked first (number of parts, declared
  expanded size, a part listed twice); Python's zipfile stops at a part's declared size
  and checks its CRC, so a part lying about its size is reported as damaged.
* **XML attacks**: a document type declaration (where "billion laughs" entity expansion
  and external-entity attacks live) refuses the file the moment expat meets it, before
  any entity is declared; parameter entities are never parsed.  Parts that are not read
  (themes, document properties...) are parsed up to their root element for the same
  check.  A single tag, comment or attribute longer than ``MAX_TOKEN`` is refused too
  (expat holds a whole tag in memory), as is nesting deeper than ``MAX_DEPTH``.
* **Oversized sheets**: rows, columns and cells are counted on the positions the parse
  actually gives the cells, whether written (``r="B7"``, in any quoting or spacing XML
  allows) or implied (a cell or row without ``r`` follows the previous one), so a stray
  value far away stops the parse when it is met.  ``<dimension>`` is never trusted.
* **Memory**: values are kept as rows of Python objects, counted against one budget of
  cells and one of characters for the whole workbook; cells noted for problems are
  capped per sheet.  ``docs/reliability.md`` has the worst case.

Formulas are never evaluated.  A formula's saved value is read; a formula without one and
a cell holding an Excel error value are noted with their cell by the same callbacks that
read values, whatever the XML's spelling (prefixes, quotes, spacing, ``<f/>``).

Values come out as python-calamine gave them before: numbers as ``float``, ``t="b"`` as
``bool``, numbers in a date format as ``datetime.date`` / ``datetime`` / ``time`` (or
``timedelta`` for an elapsed-time format such as ``[h]:mm``), ``t="d"`` ISO dates as
dates, text with Excel's ``_xHHHH_`` escapes decoded and phonetic runs (``<rPh>``)
left out; blank cells are not stored.

This module knows nothing of the workbook contract: the caller says which sheets to
read and turns what is found into located problems.
"""

from __future__ import annotations

import datetime as _dt
import pyexpat
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from .messages import msg
from .problems import column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
SPREADSHEET_NS = (MAIN, STRICT, "")  # "": no namespace at all (read like the main one)
RELATIONSHIP_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships")
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
XML_SUFFIXES = (".xml", ".rels", ".vml")
CHUNK = 1 << 20
#: one tag, comment or attribute value (expat holds a whole tag in memory to parse it)
MAX_TOKEN = 16 << 20
#: elements nested inside one another (a workbook needs about 8)
MAX_DEPTH = 256
#: cell formats in styles.xml (Excel allows 64,000)
MAX_STYLES = 100_000
#: cells listed per sheet and kind of problem (formulas without a value, errors, merges)
MAX_NOTES = 100

_DIGITS = "0123456789"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: control characters XML 1.0 cannot hold (tab, line feed and carriage return it can):
#: replaced by U+FFFD as text is read, since no result or report could be written with them
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)")


class Refused(Exception):
    """The file is refused as a whole (the message says why, in a planner's words)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message  # the keyed message (str(self) is its English text)


class SheetRefused(Exception):
    """One sheet cannot be read (too big, or damaged); the others still can."""

    def __init__(self, message: str, row: int | None = None, cell: str = "",
                 limit: bool = False):
        super().__init__(message)
        self.message = message  # the keyed message (str(self) is its English text)
        self.row, self.cell = row, cell
        self.limit = limit  # a limit was crossed (else the sheet is damaged)


class Limits:
    """The limits of one read (the caller's values, so tests can lower them)."""

    def __init__(self, *, members: int, expanded: int, rows: int, columns: int, cells: int,
                 strings: int, text: int):
        self.members, self.expanded, self.rows, self.columns = members, expanded, rows, columns
        self.cells, self.strings, self.text = cells, strings, text


@dataclass
class SheetEntry:
    """A ``<sheet>`` of workbook.xml: its name, visibility and part ('' if unresolved)."""

    name: str
    state: str  # visible / hidden / veryHidden
    part: str
    refusal: SheetRefused | None = None  # why the part cannot be read


@dataclass(frozen=True)
class Cell:
    """A cell noted while reading a sheet: 1-based Excel row, 0-based column."""

    row: int
    col: int
    formula: str = ""
    error: str = ""  # the Excel error value shown in the cell, e.g. '#DIV/0!'


@dataclass
class Notes:
    """The first :data:`MAX_NOTES` cells of one kind, and how many more there were."""

    cells: list = field(default_factory=list)
    more: int = 0

    def add(self, item) -> None:
        if len(self.cells) < MAX_NOTES:
            self.cells.append(item)
        else:
            self.more += 1


@dataclass
class SheetData:
    """The values of one worksheet, as read."""

    #: (Excel row, [values from column A to ``width``]) for each row holding a value, in
    #: order; blank cells are "" (as python-calamine gave them)
    rows: list
    width: int  # columns from A to the rightmost value
    cells: int  # cells from A1 to the farthest cell (what the budget was charged)
    merged: Notes = field(default_factory=Notes)  # (r0, c0, r1, c1), 1-based rows
    formulas_without_value: Notes = field(default_factory=Notes)
    error_values: Notes = field(default_factory=Notes)
    #: cells whose text had control characters (which XML cannot hold) replaced by U+FFFD
    control: Notes = field(default_factory=Notes)


def column_index(letters: str) -> int:
    """Excel column letters -> 0-based index (A -> 0, AA -> 26)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _columns() -> dict[str, int]:
    """Column letters A..ZZ (either case) -> 0-based index; longer ones are computed."""
    out: dict[str, int] = {}
    for k in range(26 + 26 * 26):
        name = column_letter(k)
        out[name] = out[name.lower()] = k
    return out


_COLUMN = _columns()
_LETTERS = re.compile("[A-Za-z]{1,3}")


def _split_ref(ref: str) -> tuple[int, int] | None:
    """'B7' -> (7, 1): row (1-based) and column (0-based); None for anything that is not
    a cell reference (letters A to ZZZ in either case, then a row number)."""
    letters = ref.rstrip(_DIGITS)
    col = _COLUMN.get(letters)
    if col is None and _LETTERS.fullmatch(letters):
        col = column_index(letters)
    digits = ref[len(letters):]
    if col is None or not digits or len(digits) > 9 or digits[0] == "0":
        return None
    return int(digits), col


def _unescape(text: str) -> str:
    """Excel's ``_xHHHH_`` escapes (``_x005F_`` is a literal underscore)."""
    def one(m):
        code = int(m.group(1), 16)
        return m.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)
    return _ESCAPE.sub(one, text)


# ------------------------------------------------------------------------------- dates


DATETIME, DURATION = 1, 2
_BUILTIN_DATES = {**{k: DATETIME for k in range(14, 23)}, 45: DATETIME, 46: DURATION, 47: DATETIME}
_EPOCH_1900 = _dt.datetime(1899, 12, 30)
_EPOCH_1904 = _dt.datetime(1904, 1, 1)
_DAY_MS = 86_400_000


def format_kind(code: str) -> int:
    """0, DATETIME or DURATION for a number format code, e.g. 'yyyy-mm-dd', '[h]:mm'.

    The first section (up to ``;``) decides; quoted text, ``\\x`` and ``_x`` escapes and
    ``[...]`` colours, conditions and locales are not date tokens; ``[h]``, ``[mm]``,
    ``[s]`` are elapsed time.
    """
    k, n = 0, len(code)
    date = False
    while k < n:
        ch = code[k]
        if ch == ";":
            break
        if ch == '"':
            end = code.find('"', k + 1)
            k = n if end < 0 else end + 1
            continue
        if ch in "\\_*":
            k += 2
            continue
        if ch == "[":
            end = code.find("]", k + 1)
            inner = code[k + 1:n if end < 0 else end].lower()
            if inner and inner[0] in "hms" and inner == inner[0] * len(inner):
                return DURATION
            k = n if end < 0 else end + 1
            continue
        if ch in "dmyhsDMYHS":
            date = True
        elif ch in "aA" and (code[k:k + 5].upper() == "AM/PM" or code[k:k + 3].upper() == "A/P"):
            date = True
        k += 1
    return DATETIME if date else 0


def excel_date(x: float, kind: int, date1904: bool):
    """A number in a date format as python-calamine returned it: a ``date`` for whole
    days, a ``time`` below one day, a ``datetime`` otherwise, a ``timedelta`` for
    elapsed time; the number itself when it is no date (negative, or past year 9999)."""
    try:
        if kind == DURATION:
            return _dt.timedelta(milliseconds=round(x * _DAY_MS))
        if x < 0:
            return x
        if x < 1:
            ms = min(round(x * _DAY_MS), _DAY_MS - 1)
            return (_dt.datetime.min + _dt.timedelta(milliseconds=ms)).time()
        if date1904:
            moment = _EPOCH_1904 + _dt.timedelta(milliseconds=round(x * _DAY_MS))
        else:  # 1900 system: Excel's serial 60 is the 29 February 1900 that never was
            moment = _EPOCH_1900 + _dt.timedelta(milliseconds=round((x + 1 if x < 60 else x)
                                                                    * _DAY_MS))
    except (OverflowError, ValueError):
        return x
    return moment.date() if x == int(x) else moment


def iso_date(text: str):
    """A ``t="d"`` cell: ISO 8601 date, time or date-time; the text when it is none."""
    try:
        if "T" in text:
            moment = _dt.datetime.fromisoformat(text)
            return text if moment.tzinfo is not None else moment
        if ":" in text:
            return _dt.time.fromisoformat(text)
        return _dt.date.fromisoformat(text)
    except ValueError:
        return text


# -------------------------------------------------------------------------- the parser


def _parser() -> pyexpat.XMLParserType:
    """An expat parser with namespaces resolved and every DTD feature forbidden."""
    p = pyexpat.ParserCreate(namespace_separator=" ")
    p.buffer_text = True
    p.buffer_size = 1 << 16

    def doctype(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, is_parameter, value, base, sysid, pubid, notation):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation)

    def unparsed(name, base, sysid, pubid, notation):
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation)

    def external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    p.StartDoctypeDeclHandler = doctype
    p.EntityDeclHandler = entity
    p.UnparsedEntityDeclHandler = unparsed
    p.ExternalEntityRefHandler = external
    p.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    return p


_NO_MEMORY = pyexpat.errors.codes[pyexpat.errors.XML_ERROR_NO_MEMORY]


class _Stop(Exception):
    """Raised by a handler that has seen enough (the prolog check)."""


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _ns(name: str) -> str:
    return name.rsplit(" ", 1)[0] if " " in name else ""


def _dtd_refusal(member: str) -> Refused:
    return Refused(msg("xlsx.dtd", part=member))


def _check_head(member: str, head: bytes) -> None:
    declared = _ENCODING.match(head)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4] or (
            declared and declared.group(1).lower() not in (b"utf-8", b"utf8")):
        raise Refused(msg("xlsx.not_utf8", part=member))


def _run(zf: zipfile.ZipFile, member: str, p, *, stop_ok: bool = False) -> None:
    """Feed ``member`` to parser ``p`` in chunks; XML errors become :class:`Refused`."""
    with zf.open(member) as fh:
        data = fh.read(CHUNK)
        _check_head(member, data)
        fed = 0
        try:
            while data:
                p.Parse(data, False)
                fed += len(data)
                if fed - max(p.CurrentByteIndex, 0) > MAX_TOKEN:
                    raise Refused(msg("xlsx.token", part=member, size=MAX_TOKEN >> 20))
                data = fh.read(CHUNK)
            p.Parse(b"", True)
        except _Stop:
            if not stop_ok:
                raise
        except pyexpat.ExpatError as exc:
            if exc.code == _NO_MEMORY:
                raise MemoryError(str(exc)) from None
            raise Refused(msg("xlsx.not_xml", part=member, error=_xml_error(exc))) from None
        except DefusedXmlException:  # DTDForbidden comes first: no DTD, no entities
            raise _dtd_refusal(member) from None


def _xml_error(exc: pyexpat.ExpatError) -> str:
    """expat's words for ``exc``, with its line and column as values of a message."""
    text = str(exc)
    words = pyexpat.ErrorString(exc.code)
    if text != f"{words}: line {exc.lineno}, column {exc.offset}":
        return text
    return msg("xlsx.xml_error", error=words, line=exc.lineno, column=exc.offset)


def _too_deep(member: str) -> Refused:
    return Refused(msg("xlsx.too_deep", part=member, depth=MAX_DEPTH))


def _elements(zf, member: str, on_start) -> None:
    """Parse a small part (workbook, relationships, styles) with one callback and a depth
    check: ``on_start(path, name, attrs)`` for every element, ``path`` being the local
    names of the elements it is in."""
    p = _parser()
    path: list[str] = []

    def start(name, attrs):
        if len(path) >= MAX_DEPTH:
            raise _too_deep(member)
        on_start(path, name, attrs)
        path.append(_local(name))

    def end(name):
        path.pop()

    p.StartElementHandler = start
    p.EndElementHandler = end
    _run(zf, member, p)


# ------------------------------------------------------------------------------ package


class Package:
    """An open workbook: its sheets, styles and shared strings, read lazily, once each."""

    def __init__(self, path: str, limits: Limits, progress: dict | None = None):
        self.limits = limits
        #: ``progress["part"]``: the part being parsed (to say where memory ran out)
        self.progress = {} if progress is None else progress
        self.zf = zipfile.ZipFile(path)
        try:
            self._check_directory()
            self.date1904 = False
            self.sheets = self._sheets()
        except BaseException:
            self.zf.close()
            raise
        self.cells_left = limits.cells
        self.text_left = limits.text
        self._read: dict[str, str] = {}  # part -> the sheet that read it
        self._strings: list[str] | None = None
        self.odd_strings: set[int] = set()  # shared strings with control characters replaced
        self._styles: tuple[dict, frozenset] | None = None

    def close(self) -> None:
        self.zf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- the archive and the workbook part ----------------------------------------------

    def _check_directory(self) -> None:
        infos = self.zf.infolist()
        lim = self.limits
        if len(infos) > lim.members:
            raise Refused(msg("xlsx.parts", n=len(infos), limit=lim.members))
        total = sum(info.file_size for info in infos)
        if total > lim.expanded:
            raise Refused(msg("xlsx.expands", size=f"{total / 2**20:,.1f}",
                              limit=f"{lim.expanded / 2**20:,.0f}"))
        # part names are compared ignoring case (the package format says so): one name,
        # one part, whatever the spelling
        self.names: dict[str, str] = {}  # lower-case name -> name in the archive
        for info in infos:
            key = info.filename.lower()
            if info.flag_bits & 0x1:
                raise Refused(msg("xlsx.encrypted_part", part=clip_text(info.filename)))
            if key in self.names:
                raise Refused(msg("xlsx.part_twice", part=clip_text(info.filename)))
            self.names[key] = info.filename
        if WORKBOOK not in self.names:
            raise Refused(msg("xlsx.no_workbook", part=WORKBOOK))

    def _sheets(self) -> list[SheetEntry]:
        """The ``<sheet>`` entries of workbook.xml, in order, with their parts resolved."""
        rels: dict[str, tuple[str, str, str]] = {}  # Id -> (Type, Target, TargetMode)
        self.related: dict[str, str] = {}  # relationship type (last word) -> first part
        max_entries = self.limits.members

        count = 0

        def rel(path, name, attrs):
            nonlocal count
            if _local(name) == "Relationship" and len(path) == 1:
                count += 1
                if count > max_entries:
                    raise Refused(msg("xlsx.too_many_rels", part=WORKBOOK_RELS,
                                      limit=f"{max_entries:,}"))
                rels.setdefault(attrs.get("Id", ""), (attrs.get("Type", ""),
                                                      attrs.get("Target", ""),
                                                      attrs.get("TargetMode", "")))

        if WORKBOOK_RELS in self.names:
            self.progress["part"] = self.names[WORKBOOK_RELS]
            _elements(self.zf, self.names[WORKBOOK_RELS], rel)
        for kind, target, mode in rels.values():
            word = kind.rsplit("/", 1)[-1]
            part = self.names.get(_resolve(target).lower())
            if mode != "External" and part and word not in self.related:
                self.related[word] = part

        entries: list[SheetEntry] = []

        def book(path, name, attrs):
            local = _local(name)
            if _ns(name) not in SPREADSHEET_NS:
                return
            if local == "workbookPr" and path == ["workbook"]:
                self.date1904 = attrs.get("date1904", "").strip().lower() in ("1", "true")
            elif local == "sheet" and path == ["workbook", "sheets"]:
                if len(entries) >= max_entries:
                    raise Refused(msg("xlsx.too_many_sheets", part=WORKBOOK,
                                      limit=f"{max_entries:,}"))
                rid = next((v for k, v in attrs.items()
                            if _local(k) == "id" and _ns(k) in RELATIONSHIP_NS), None)
                entries.append(self._entry(attrs.get("name", ""),
                                           attrs.get("state", "visible") or "visible",
                                           rid, rels))

        self.progress["part"] = self.names[WORKBOOK]
        _elements(self.zf, self.names[WORKBOOK], book)
        return entries

    def _entry(self, name: str, state: str, rid, rels) -> SheetEntry:
        if rid is None or rid not in rels:
            return SheetEntry(name, state, "", SheetRefused(msg(
                "xlsx.sheet_no_part", part=WORKBOOK,
                rel=msg("xlsx.sheet_no_rel", rid=repr(clip_text(rid)), rels=WORKBOOK_RELS)
                if rid else "")))
        _kind, target, mode = rels[rid]
        part = _resolve(target)
        if mode == "External" or not part.startswith("xl/"):
            return SheetEntry(name, state, "", SheetRefused(
                msg("xlsx.part_outside", target=clip_text(target), folder="xl/")))
        if part.lower() not in self.names:
            return SheetEntry(name, state, "", SheetRefused(
                msg("xlsx.part_missing", part=clip_text(part))))
        return SheetEntry(name, state, self.names[part.lower()])

    def check_other_parts(self, reading: set[str]) -> None:
        """Parse every XML part that will not be read up to its root element: a DTD
        anywhere, or a part that is not UTF-8 or not XML, refuses the file."""
        read = reading | {self.names.get(WORKBOOK), self.names.get(WORKBOOK_RELS),
                          self._part("styles"), self._part("sharedStrings")}
        for info in self.zf.infolist():
            member = info.filename
            if member in read or not member.lower().endswith(XML_SUFFIXES):
                continue
            p = _parser()

            def root(name, attrs):
                raise _Stop

            p.StartElementHandler = root
            try:
                self.progress["part"] = member
                _run(self.zf, member, p, stop_ok=True)
            except Refused as exc:
                if member.lower().endswith(".vml") and "well-formed" in str(exc):
                    continue  # legacy drawing parts are loose HTML-like XML; never read
                raise

    # ---- styles and shared strings --------------------------------------------------------

    def _part(self, kind: str) -> str | None:
        """The part of the workbook's styles or shared strings: the first the workbook's
        relationships name, else the usual name (as before)."""
        return self.related.get(kind) or self.names.get(f"xl/{kind.lower()}.xml")

    def _date_styles(self) -> tuple[dict, frozenset]:
        """({cell format index as written: DATETIME or DURATION}, {other indices})."""
        if self._styles is not None:
            return self._styles
        part = self._part("styles")
        codes: dict[str, str] = {}
        xfs: list[str] = []
        member = part or ""
        n_formats = 0

        def style(path, name, attrs):
            nonlocal n_formats
            if _ns(name) not in SPREADSHEET_NS:
                return
            local = _local(name)
            if local == "numFmt" and path == ["styleSheet", "numFmts"]:
                n_formats += 1
                if n_formats > MAX_STYLES:
                    raise Refused(msg("xlsx.number_formats", part=member,
                                      limit=f"{MAX_STYLES:,}"))
                codes[attrs.get("numFmtId", "").strip()] = attrs.get("formatCode", "")
            elif local == "xf" and path == ["styleSheet", "cellXfs"]:
                if len(xfs) >= MAX_STYLES:
                    raise Refused(msg("xlsx.cell_formats", part=member,
                                      limit=f"{MAX_STYLES:,}"))
                xfs.append(attrs.get("numFmtId", "0").strip())

        if part:
            self.progress["part"] = part
            _elements(self.zf, part, style)
        dates: dict[str, int] = {}
        for k, fid in enumerate(xfs):
            kind = format_kind(codes[fid]) if fid in codes else (
                _BUILTIN_DATES.get(int(fid), 0) if fid.isdigit() and len(fid) < 6 else 0)
            if kind:
                dates[str(k)] = kind
        self._styles = dates, frozenset(str(k) for k in range(len(xfs))) - set(dates)
        return self._styles

    def prepare(self) -> None:
        """Read the shared strings and the styles (once; sheets need them)."""
        self._shared_strings()
        self._date_styles()

    def _shared_strings(self) -> list[str]:
        if self._strings is not None:
            return self._strings
        part = self._part("sharedStrings")
        strings: list[str] = []
        if part:
            self.progress["part"] = part
            strings = _read_strings(self, part)
        self._strings = strings
        return strings

    # ---- worksheets ---------------------------------------------------------------------

    def read_sheet(self, entry: SheetEntry) -> SheetData:
        """Read one worksheet; :class:`SheetRefused` when this sheet cannot be used."""
        if entry.refusal is not None:
            raise entry.refusal
        first = self._read.get(entry.part)
        if first is not None:
            raise SheetRefused(msg("xlsx.part_shared", part=entry.part, sheet=first))
        self._read[entry.part] = entry.name
        strings = self._shared_strings()
        dates, plain = self._date_styles()
        self.progress["part"] = entry.part
        data = _read_worksheet(self, entry.part, strings, dates, plain)
        self.cells_left -= data.cells
        return data


def _resolve(target: str) -> str:
    """A relationship target of workbook.xml -> the part's name in the archive ('' when it
    leaves the archive)."""
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    out: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if not out:
                return ""
            out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


# ------------------------------------------------------------------ shared strings part


def _read_strings(pkg: Package, member: str) -> list[str]:
    """Every ``<si>`` of the shared-string table: its ``<t>`` text and its runs' (``<r>``),
    never the phonetic runs (``<rPh>``); counted and charged to the text budget."""
    limit = pkg.limits.strings
    strings: list[str] = []
    add = strings.append
    # states: 0 document, 1 in sst, 2 in si, 3 in si/r, 4 in si/t, 5 in si/r/t, 6 skipping
    state = 0
    skip = 0
    skip_return = 0
    text: list[str] = []  # the pieces of the current string's text
    size = 0
    collecting = False
    si = r = t = ""  # tag names in the table's namespace, set from the root element

    def start(name, attrs):
        nonlocal state, skip, skip_return, size, collecting, si, r, t
        if state == 2:
            if name == t:
                state, collecting = 4, True
                return
            if name == r:
                state = 3
                return
        elif state == 1:
            if name == si:
                if len(strings) >= limit:
                    raise Refused(msg("xlsx.strings", part=member, limit=f"{limit:,}"))
                state, size = 2, 0
                text.clear()
                return
        elif state == 3:
            if name == t:
                state, collecting = 5, True
                return
        elif state == 6:
            skip += 1
            if skip > MAX_DEPTH:
                raise _too_deep(member)
            return
        elif state == 0:
            ns = _ns(name)
            if _local(name) == "sst" and ns in SPREADSHEET_NS:
                pre = ns + " " if ns else ""
                si, r, t = pre + "si", pre + "r", pre + "t"
                state = 1
                return
            raise Refused(msg("xlsx.not_sst", part=member))
        if state in (4, 5):
            raise Refused(msg("xlsx.element_in_text", part=member))
        state, skip, skip_return = 6, 0, state  # phonetic runs, formatting, extensions

    def end(name):
        nonlocal state, skip, collecting
        if state == 4:
            state, collecting = 2, False
        elif state == 2:
            s = text[0] if len(text) == 1 else "".join(text)
            if "_x" in s:
                s = _unescape(s)
            pkg.text_left -= len(s)
            if pkg.text_left < 0:
                raise _text_refusal(member, pkg.limits.text)
            if not s.isprintable() and _CONTROL.search(s):
                pkg.odd_strings.add(len(strings))
                s = _CONTROL.sub("\ufffd", s)
            add(s)
            state = 1
        elif state == 5:
            state, collecting = 3, False
        elif state == 3:
            state = 2
        elif state == 6:
            if skip:
                skip -= 1
            else:
                state = skip_return
        else:
            state = 0

    def chars(data):
        nonlocal size
        if collecting:
            text.append(data)
            size += len(data)
            if size > pkg.text_left:
                raise _text_refusal(member, pkg.limits.text)

    p = _parser()
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    _run(pkg.zf, member, p)
    return strings


def _text_refusal(member: str, limit: int) -> Refused:
    return Refused(msg("xlsx.text", limit=f"{limit:,}", part=member))


# -------------------------------------------------------------------------- worksheets

# parser states of a worksheet (the element the parse is in)
(_DOC, _TOP, _DATA, _ROW, _CELL, _V, _F, _IS, _RUN, _T_IS, _T_RUN, _SKIP,
 _MERGES) = range(13)


def _read_worksheet(pkg: Package, member: str, strings: list[str], dates: dict,
                    plain: frozenset) -> SheetData:
    """Stream one worksheet part into rows of values, enforcing every limit as it goes.

    One expat pass with three callbacks.  The state says which element the parse is in;
    an element the state does not expect is skipped (another namespace, or a part of the
    sheet that holds no values) or refuses the sheet as damaged.  The callbacks are long
    and flat on purpose: they run for every cell, and a Python call costs as much as
    the work.
    """
    lim = pkg.limits
    max_rows, max_cols = lim.rows, lim.columns
    cells_left, date1904 = pkg.cells_left, pkg.date1904
    text_left = pkg.text_left
    n_strings = len(strings)
    odd_strings = pkg.odd_strings  # shared strings that had control characters replaced
    rows: dict[int, list] = {}
    merged, formulas, errors, control = Notes(), Notes(), Notes(), Notes()
    state = _DOC
    skip = 0
    skip_return = _DOC
    ns_prefix = ""
    ROW = C = V = F = IS = T = R = MERGE = ""  # tag names in the sheet's namespace
    rownum = 0  # the current <row>'s number
    rowtext, cut = "0", -1  # and as written; cut: where a cell reference's row begins
    n_rows = 0  # <row> elements
    n_cells = 0  # <c> elements
    col = -1  # the current cell's column (0-based)
    crow = 0  # the current cell's row
    cur: list = []  # values of row ``rownum``
    maxrow = maxcol = 0  # farthest row (1-based) and column (0-based) of any cell
    area = 0
    width = 0
    ordered = True  # rows came in order (else they are sorted at the end)
    last_row = 0  # the row number of the last row list made
    ctype = cstyle = None  # the current cell's t and s
    vtext = ftext = istext = None
    has_f = False
    text = None  # text being collected: its first piece,
    more: list[str] = []  # and the others when expat gives it in several (long text)
    collecting = False
    text_used = 0

    def where(row: int | None = None, c: int | None = None) -> dict:
        row = crow if row is None else row
        return {"row": row or None,
                "cell": f"{column_letter(c)}{row}" if c is not None and row else ""}

    def grow(row: int, c: int) -> None:
        """The farthest cell moved to (row, c): check rows, columns and cells."""
        nonlocal maxrow, maxcol, area
        if row > max_rows:
            raise SheetRefused(msg("xlsx.row_far", row=f"{row:,}", limit=f"{max_rows:,}"),
                               row=row, limit=True)
        if c >= max_cols:
            raise SheetRefused(msg("xlsx.column_far", column=column_letter(c), limit=max_cols,
                                   last=column_letter(max_cols - 1)), limit=True, **where(row, c))
        maxrow, maxcol = max(maxrow, row), max(maxcol, c)
        area = maxrow * (maxcol + 1)
        if area > cells_left:
            last = f"{column_letter(maxcol)}{maxrow}"
            if cells_left == lim.cells:
                raise SheetRefused(msg("xlsx.spans", last=last, area=f"{area:,}",
                                       limit=f"{lim.cells:,}"), limit=True, **where(row, c))
            raise SheetRefused(msg("xlsx.spans_book", last=last, area=f"{area:,}",
                                   before=f"{lim.cells - cells_left:,}", limit=f"{lim.cells:,}"),
                               limit=True, **where(row, c))

    def damaged(what: str) -> SheetRefused:
        in_cell = state in (_CELL, _V, _F, _IS, _RUN, _T_IS, _T_RUN) and col >= 0
        return SheetRefused(msg("xlsx.damaged", what=what),
                            **where(crow or rownum or None, col if in_cell else None))

    def row_list(row: int) -> list:
        nonlocal ordered, last_row
        lst = rows.get(row)
        if lst is None:
            if row < last_row:
                ordered = False
            lst = rows[row] = []
            last_row = row
        return lst

    def begin_row(attrs) -> None:
        nonlocal rownum, rowtext, cut, n_rows, col, cur
        n_rows += 1
        if n_rows > max_rows:
            raise SheetRefused(msg("xlsx.rows", limit=f"{max_rows:,}"), limit=True)
        r = attrs.get("r")
        if r is None:
            rownum += 1
            rowtext = str(rownum)
        elif r.isascii() and r.isdigit() and len(r) < 10 and r[0] != "0":
            rownum, rowtext = int(r), r
        else:
            raise damaged(msg("xlsx.row_number", row=repr(clip_text(r))))
        cut = -len(rowtext)
        if rownum > maxrow:
            grow(rownum, maxcol)
        col = -1
        cur = row_list(rownum)

    def cell_place(ref: str) -> tuple[int, int]:
        """(row, column) of a cell reference that is not simply in the current row."""
        place = _split_ref(ref)
        if place is None:
            raise damaged(msg("xlsx.bad_ref", ref=repr(clip_text(ref))))
        return place

    def check_cell() -> None:
        """The cell is past the farthest one so far, or one too many: check the limits."""
        if n_cells > cells_left:
            raise SheetRefused(msg("xlsx.cells", limit=f"{cells_left:,}"), row=rownum, limit=True)
        grow(crow, col)

    def text_value(value: str) -> str:
        """Text kept: charged to the budget; control characters replaced."""
        nonlocal text_used
        text_used += len(value)
        if text_used > text_left:
            raise _text_refusal(member, lim.text)
        if not value.isprintable() and _CONTROL.search(value):
            control.add((crow, col))
            value = _CONTROL.sub("\ufffd", value)
        return value

    def store(value) -> None:
        nonlocal width
        lst = cur if crow == rownum else row_list(crow)
        n = len(lst)
        if col == n:
            lst.append(value)
        elif col > n:
            lst.extend([""] * (col - n))
            lst.append(value)
        else:
            lst[col] = value
        if col >= width:
            width = col + 1

    def finish_cell() -> None:
        """The cell has ended (any cell but a plain number): its value from its type."""
        t = ctype
        if has_f and t != "e" and (vtext is None and istext is None or vtext == "" and t != "str"):
            formulas.add(Cell(crow, col, ftext or ""))  # no saved result: it would read blank
            return
        if t is None or t == "n":
            if vtext:
                try:
                    value = float(vtext)
                except ValueError:  # kept as the text it is, as before
                    value = text_value(vtext)
                else:
                    kind = cstyle is not None and (dates.get(cstyle) or
                                                   _odd_style(cstyle, dates, plain))
                    if kind:
                        value = excel_date(value, kind, date1904)
            elif istext is not None:
                value = text_value(istext)
            else:
                return
        elif t == "s":
            if vtext is None or not (vtext.isascii() and vtext.isdigit()) or \
                    int(vtext) >= n_strings:
                raise damaged(msg("xlsx.bad_string", index=repr(clip_text(vtext)),
                                  n=f"{n_strings:,}"))
            k = int(vtext)
            value = strings[k]
            if odd_strings and k in odd_strings:
                control.add((crow, col))
        elif t == "inlineStr" or t == "str":
            value = istext if t == "inlineStr" else vtext
            if value is None:
                return
            value = text_value(_unescape(value) if "_x" in value else value)
        elif t == "b":
            if vtext in ("1", "true"):
                value = True
            elif vtext in ("0", "false"):
                value = False
            elif vtext is None:
                return
            else:
                raise damaged(msg("xlsx.bad_bool", value=repr(clip_text(vtext))))
        elif t == "e":
            errors.add(Cell(crow, col, ftext or "", vtext or "#ERROR"))
            return
        elif t == "d":
            if not vtext:
                return
            value = iso_date(vtext)
            if type(value) is str:
                value = text_value(value)
        else:
            raise damaged(msg("xlsx.bad_type", type=repr(clip_text(t))))
        store(value)

    def start(name, attrs):
        nonlocal state, collecting, text, has_f, skip, col, crow, ctype, cstyle, vtext, \
            ftext, istext, n_cells
        if state == _ROW:
            if name == C:  # a cell: its place, written or implied, checked at once
                n_cells += 1
                ref = attrs.get("r")
                if ref is None:
                    col += 1
                    crow = rownum
                elif ref.endswith(rowtext) and ref[:cut] in _COLUMN:
                    col = _COLUMN[ref[:cut]]
                    crow = rownum
                else:
                    crow = rownum
                    crow, col = cell_place(ref)
                if col > maxcol or crow > maxrow or n_cells > cells_left:
                    check_cell()
                ctype = attrs.get("t")
                cstyle = attrs.get("s")
                vtext = ftext = istext = None
                has_f = False
                state = _CELL
                return
        elif state == _CELL:
            if name == V:
                state = _V
                collecting = True
                text = None
                return
            if name == IS:
                state = _IS
                text = None
                return
            if name == F:
                state = _F
                collecting = has_f = True
                text = None
                return
        elif state == _IS:
            if name == T:
                state = _T_IS
                collecting = True
                return
            if name == R:
                state = _RUN
                return
        elif state == _RUN:
            if name == T:
                state = _T_RUN
                collecting = True
                return
        elif state == _DATA:
            if name == ROW:
                begin_row(attrs)
                state = _ROW
                return
        elif state == _SKIP:
            skip += 1
            if skip > MAX_DEPTH:
                raise _too_deep(member)
            return
        elif state == _MERGES:
            if name == MERGE:
                merged.add(_merge_range(attrs.get("ref", "")))
        elif state == _DOC:
            root(name)
            return
        other(name)

    def root(name) -> None:
        nonlocal state, ns_prefix, ROW, C, V, F, IS, T, R, MERGE
        ns = _ns(name)
        if ns not in SPREADSHEET_NS or _local(name) != "worksheet":
            raise SheetRefused(msg("xlsx.not_worksheet", part=member,
                                   element=clip_text(_local(name))))
        ns_prefix = ns + " " if ns else ""
        ROW, C, V, F, IS, T, R, MERGE = (ns_prefix + x for x in
                                         ("row", "c", "v", "f", "is", "t", "r", "mergeCell"))
        state = _TOP

    def other(name) -> None:
        """An element the fast paths above did not take: skip it or refuse the sheet."""
        nonlocal state, skip, skip_return
        ns = _ns(name)
        local = _local(name)
        ours = ns in SPREADSHEET_NS
        if ours and ns_prefix != (ns + " " if ns else ""):
            raise damaged(msg("xlsx.mixed_ns", element=clip_text(local)))
        if state in (_V, _F, _T_IS, _T_RUN):  # text only: a child would be read as the value
            raise damaged(msg("xlsx.in_value", element=clip_text(local)))
        if ours and state == _TOP and local in ("sheetData", "mergeCells"):
            state = _DATA if local == "sheetData" else _MERGES
            return
        if not ours or local == "extLst" or state in (_TOP, _MERGES) or (
                state == _IS and local in ("rPh", "phoneticPr")) or (
                state == _RUN and local == "rPr"):
            state, skip, skip_return = _SKIP, 0, state
            return
        raise damaged(msg("xlsx.misplaced", element=clip_text(local)))

    def end(name):
        nonlocal state, collecting, vtext, ftext, istext, skip, width, text_used
        s = state
        if s == _V:
            vtext = text if not more else whole()
            if vtext is None:
                vtext = ""
            collecting = False
            state = _CELL
        elif s == _CELL:
            state = _ROW
            # the two commonest cells inline (a Python call costs as much as the work):
            # a plain number, and an inline or shared text without control characters
            t = ctype
            if has_f or not (vtext or istext):
                finish_cell()
                return
            if t is None or t == "n":
                if cstyle is not None and cstyle not in plain:
                    finish_cell()
                    return
                try:
                    value = float(vtext)
                except (ValueError, TypeError):
                    finish_cell()
                    return
            elif t == "s":
                if not (vtext and vtext.isascii() and vtext.isdigit()) or odd_strings:
                    finish_cell()
                    return
                k = int(vtext)
                if k >= n_strings:
                    finish_cell()
                    return
                value = strings[k]
            elif t == "inlineStr":
                value = istext
                if value is None or "_x" in value or not value.isprintable():
                    finish_cell()
                    return
                text_used += len(value)
                if text_used > text_left:
                    raise _text_refusal(member, lim.text)
            else:
                finish_cell()
                return
            lst = cur if crow == rownum else row_list(crow)
            n = len(lst)
            if col == n:
                lst.append(value)
            elif col > n:
                lst.extend([""] * (col - n))
                lst.append(value)
            else:
                lst[col] = value
            if col >= width:
                width = col + 1
        elif s == _T_IS:
            collecting = False
            state = _IS
        elif s == _IS:
            istext = text if not more else whole()
            if istext is None:
                istext = ""
            state = _CELL
        elif s == _ROW:
            state = _DATA
        elif s == _T_RUN:
            collecting = False
            state = _RUN
        elif s == _RUN:
            state = _IS
        elif s == _F:
            if more:
                whole()
            ftext = text[:200] if text else ""
            collecting = False
            state = _CELL
        elif s == _SKIP:
            if skip:
                skip -= 1
            else:
                state = skip_return
        elif s == _DATA or s == _MERGES:
            state = _TOP
        else:
            state = _DOC

    def chars(data):
        nonlocal text
        if collecting:
            if text is None:
                text = data
            else:
                more.append(data)
                if len(more) & 63 == 0 and len(text) + sum(map(len, more)) > text_left:
                    raise _text_refusal(member, lim.text)

    def whole() -> str:
        """The text collected, when it came in several pieces."""
        nonlocal text
        text = "".join([text or "", *more])
        more.clear()
        if len(text) > text_left:
            raise _text_refusal(member, lim.text)
        return text

    p = _parser()
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    _run(pkg.zf, member, p)
    pkg.text_left -= text_used
    keys = list(rows) if ordered else sorted(rows)
    out = [(k, rows[k]) for k in keys if rows[k]]
    if width:
        for _k, lst in out:
            if len(lst) < width:
                lst.extend([""] * (width - len(lst)))
    return SheetData(out, width, area, merged, formulas, errors, control)


def _odd_style(s: str, dates: dict, plain: frozenset) -> int:
    """The date kind of a style index written unusually ('03', ' 3'); 0 if none."""
    if s in plain:
        return 0
    text = s.strip()
    if text.isascii() and text.isdigit() and len(text) < 7:
        return dates.get(str(int(text)), 0)
    return 0


def _merge_range(ref: str):
    """'C3:C4' -> (3, 2, 4, 2); the text itself when it is no range."""
    a, _, b = ref.partition(":")
    first, last = _split_ref(a), _split_ref(b or a)
    if first is None or last is None:
        return ref
    return first[0], first[1], last[0], last[1]


def clip_text(value, limit: int = 40) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
