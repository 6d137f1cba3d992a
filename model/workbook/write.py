"""Step 8 of the pipeline: write the result workbook (knows nothing of Pyomo).

The workbook is written to a temporary file in the destination folder and renamed
over the destination only when complete, so a failed run never leaves a
half-written result and the previous result stays intact.  Text that could be read
as a formula (starting with ``=``, ``+``, ``-``, ``@``) is stored as text, headers
included; control characters XML cannot hold become U+FFFD.

A sheet is ``(title, header, rows)``, optionally with a fourth element: either a list of
callables ``add(ws)`` run after the rows are written (e.g. to place a chart), or a
:class:`SheetStyle`: number formats per column (or per cell), header comments (units),
conditional formats over the rows (:class:`RowRule`), native charts and, for a cover
sheet without a header, the kind of each row (title, section, table head, note).
Sheets stay in openpyxl's write-only (streaming) mode: a format is one shared style
array per column, and row highlighting is one conditional-format rule per sheet, so
styling costs little on 20,000-row results (``bench/bench_outputs.py``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass, field

from .problems import Problem

FORMULA_START = ("=", "+", "-", "@")
_PLAIN = (str, int, float, bool)


class OutputError(Exception):
    """The result cannot be written where asked (message says why)."""


#: Excel's limit for the text of one cell
MAX_CELL_CHARS = 32_767


def safe_value(value):
    """A value openpyxl will store literally (never a formula, never invalid XML)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str) and (not value.isprintable() or len(value) > MAX_CELL_CHARS):
        return clean_text(value)
    return value


def clean_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold (they become U+FFFD, where
    openpyxl would refuse the whole workbook), cut at Excel's cell limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


@dataclass
class RowRule:
    """A conditional format over a sheet's data rows.

    ``formula`` is an Excel condition written with ``{column}`` placeholders that stand
    for that column's cell in the row, e.g. ``"{units}>0"`` or
    ``'{binding}="yes"'``.  The format applies to the whole row, or to ``columns`` only.
    Rules are tried in order and the first true one wins.
    """

    formula: str
    fill: str  # hex colour, e.g. "FFF2CC"
    font: str | None = None  # hex colour of the text
    bold: bool = False
    columns: tuple[str, ...] = ()


@dataclass
class SheetStyle:
    """How a sheet looks; every field is optional (a plain 3-tuple sheet gets the defaults)."""

    formats: dict = field(default_factory=dict)  # column name -> Excel number format
    cell_formats: dict = field(default_factory=dict)  # (row index, column index) -> format
    cell_fills: dict = field(default_factory=dict)  # (row index, column index) -> hex colour
    cell_align: dict = field(default_factory=dict)  # (row index, column index) -> left|right|center
    comments: dict = field(default_factory=dict)  # column name -> header comment
    rules: list = field(default_factory=list)  # RowRule, tried in order
    charts: list = field(default_factory=list)  # (anchor cell, openpyxl chart)
    widths: dict = field(default_factory=dict)  # column name or 1-based index -> width
    header: bool = True  # False: ``rows`` only, laid out by ``row_kinds`` (a cover sheet)
    row_kinds: dict = field(default_factory=dict)  # row index -> title|subtitle|section|head|note
    freeze: str | None = "A2"
    autofilter: bool = True
    tab_color: str | None = None
    landscape: bool = False  # print landscape, one page wide
    one_page: bool = False  # print on a single page
    print_area: str | None = None  # e.g. "A1:R80" (charts beside the cells are included)
    names: list | None = None  # column keys for formats/comments/rules/widths (default: header)
    after: list = field(default_factory=list)  # callables add(ws), run after the rows


HEADER_FILL = "DDEBF7"
KIND_FONTS = {  # row kind -> (size, bold, italic, colour)
    "title": (16, True, False, "1F3864"),
    "subtitle": (10, False, True, "595959"),
    "section": (12, True, False, "1F3864"),
    "head": (None, True, False, None),
    "note": (9, False, True, "595959"),
    "status": (12, True, False, None),
}


def write_workbook(path: str, sheets: list, input_path: str | None = None) -> None:
    """Write ``sheets`` = [(title, header, rows[, SheetStyle])] to ``path`` atomically.

    A sheet may carry a fourth item: callables ``add(ws)`` run after its rows are
    written, e.g. to place a native chart over them.

    Refuses to write over ``input_path``.  Raises :class:`OutputError` with a plain
    message when the destination cannot be written.
    """
    from openpyxl import Workbook

    target = resolve(path)
    folder = check_output(path, input_path)
    wb = Workbook(write_only=True)
    try:  # write-only sheets stream their rows to temporary files as they are added
        for sheet in sheets:
            title, header, rows = sheet[:3]
            extra = sheet[3] if len(sheet) > 3 else None
            style = extra if isinstance(extra, SheetStyle) else SheetStyle()
            ws = _write_sheet(wb, title, header, rows, style)
            for add in (style.after if isinstance(extra, SheetStyle) else (extra or ())):
                add(ws)  # e.g. place a native chart over the rows
    except OSError as exc:  # a full disk, a file-size limit
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; the previous result, "
                          "if any, is unchanged") from None
    save_atomically(wb, target, folder, path)


def save_atomically(wb, target: str, folder: str, shown: str, prefix: str = ".result-") -> None:
    """Save ``wb`` to a temporary file in ``folder``, then rename it over ``target``.

    A failure leaves no partial file and the previous ``target`` untouched; it raises
    :class:`OutputError` naming ``shown`` (the path as the planner gave it).  The rename
    is :func:`commit`: only a regular file is ever replaced, and a signal cannot fall
    between the rename and the record of it.
    """
    path = shown
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".xlsx.part", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    try:
        wb.save(tmp)
        commit(tmp, target, shown)
    except PermissionError:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: permission denied (is it open in Excel?); "
                          "the previous result, if any, is unchanged") from None
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; the previous result, "
                          "if any, is unchanged") from None
    except BaseException:
        _remove(tmp)
        raise


#: every file this process has put in place (absolute paths, in order): what an
#: interrupted run says it wrote (model/cli/main.py)
_COMMITTED: list[str] = []


def committed() -> list[str]:
    """The files put in place so far by :func:`commit` in this process."""
    return list(_COMMITTED)


def commit(tmp: str, target: str, shown: str) -> None:
    """Rename the finished temporary file ``tmp`` over ``target``: the one place a
    result, a report or a model file is put in place.

    ``target`` must be absent or a regular file (checked again here, just before the
    rename): a device, a FIFO or a folder is never replaced.  SIGINT and SIGTERM are held
    back during the rename and its record in :func:`committed`, so an interrupted run
    can say exactly which files it wrote.
    """
    refusal = not_replaceable(target, shown)
    if refusal:
        raise OutputError(refusal)
    with _signals_held():
        os.replace(tmp, target)
        _COMMITTED.append(target)


@contextlib.contextmanager
def _signals_held():
    """SIGINT and SIGTERM wait until the block is done, then arrive as they would have.

    Held by Python handlers, not by the signal mask: a process-directed signal goes to
    any thread that does not block it (HiGHS keeps worker threads), while Python runs
    every handler in the main thread.  Outside the main thread this does nothing."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum)) for s in held}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)  # now handled as the run handles it


def not_replaceable(target: str, shown: str) -> str | None:
    """Why ``target`` must not be replaced by a file (None: it is absent or a regular file)."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None  # absent (a file in the way of a folder is said when it is made)
    except OSError as exc:
        return f"cannot write {shown}: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    return (f"refusing to write {shown}: it is {_kind_of(mode)}, not a regular file; only a "
            "new file or an existing regular file is ever replaced (choose a file name)")


def _kind_of(mode: int) -> str:
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "not a regular file"


def resolve(path: str) -> str:
    """The file a path names, links followed: what is written (atomically, in its own
    folder), so that a link to a result stays a link and its target is updated."""
    return os.path.realpath(os.path.abspath(path))


def _write_sheet(wb, title: str, header: list, rows: list, style: SheetStyle):
    global _StyledCell
    from openpyxl.cell import Cell, WriteOnlyCell

    if not hasattr(_StyledCell, "style_id"):
        _StyledCell = _make_styled_cell()
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    _fast_rows(ws)
    if style.tab_color:
        ws.sheet_properties.tabColor = style.tab_color
    if style.landscape or style.one_page:
        ws.page_setup.orientation = "landscape" if style.landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if style.one_page else 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    if style.print_area:
        ws.print_area = style.print_area
    has_header = style.header and header is not None
    names = list(style.names) if style.names and has_header else list(header or [])
    n_cols = max([len(header) if has_header else 0] + [len(r) for r in rows[:200]] + [1])
    if has_header and style.freeze:
        ws.freeze_panes = style.freeze
    widths = [10] * n_cols
    if has_header:
        for j, h in enumerate(header):
            widths[j] = max(10, min(40, _text_width(str(h)) + (4 if style.autofilter else 2)))
    for k, r in enumerate(rows[:200]):
        if not has_header and style.row_kinds.get(k) in ("title", "subtitle", "status", "note",
                                                         "section"):
            continue  # a long heading overflows into empty cells; it should not widen column A
        for j, v in enumerate(r[:n_cols]):
            if isinstance(v, str):
                widths[j] = max(widths[j], min(50, _text_width(v) + 2))
            elif isinstance(v, (int, float)) and v == v:
                widths[j] = max(widths[j], min(20, len(f"{v:,.1f}") + 2))
    for key, w in style.widths.items():
        j = key - 1 if isinstance(key, int) else (names.index(key) if has_header
                                                   and key in names else None)
        if j is not None and j < n_cols:
            widths[j] = w
    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = w

    def lines(texts) -> int:
        """Text lines a wrapped row needs, so that its height can be set (write-only
        rows cannot be auto-fitted later)."""
        n = 1
        for j, v in enumerate(texts):
            if isinstance(v, str) and j < len(widths):
                n = max(n, -(-_text_width(v) // max(1, int(widths[j] * 0.8))))
        return min(n, 4)

    def style_array(fmt=None, bold=False, italic=False, size=None, colour=None, fill=None,
                    wrap=False, align=None):
        proto = WriteOnlyCell(ws)
        if fmt:
            proto.number_format = fmt
        if bold or italic or size or colour:
            proto.font = Font(bold=bold, italic=italic, size=size, color=colour)
        if fill:
            proto.fill = PatternFill("solid", fgColor=fill)
        if wrap or align:
            indent = align == "indent"  # left, one step in: text right after a number column
            proto.alignment = Alignment(wrap_text=wrap or None, vertical="top" if wrap else None,
                                        horizontal="left" if indent else align,
                                        indent=1 if indent else 0)
        return proto._style

    def cell(value, sa=None):
        c = Cell(ws, row=1, column=1, value=value, style_array=sa)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            c.data_type = "s"
        return c

    start = 1
    if has_header:
        head_border = Border(bottom=Side(style="thin", color="8EA9DB"))
        head = []
        for h, key in zip(header, names):
            h = safe_value(h)
            c = WriteOnlyCell(ws, value=h)
            if isinstance(h, str) and h.startswith(FORMULA_START):
                c.data_type = "s"  # a header too is text, never a formula
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor=HEADER_FILL)
            c.border = head_border
            c.alignment = Alignment(vertical="top", wrap_text=True)
            note = style.comments.get(key)
            if note:
                c.comment = Comment(note, "park optimizer", width=260, height=90)
            head.append(c)
        n_lines = lines(header)
        if n_lines > 1:
            ws.row_dimensions[1].height = 15 * n_lines
        ws.append(head)
        start = 2
    col_formats = {}
    if has_header:
        for j, key in enumerate(names):
            if key in style.formats:
                # one cell per formatted column, reused row after row: a streamed row is
                # serialised as soon as it is appended, so reuse is safe and saves building
                # (and style-hashing) a cell per number on 20,000-row sheets
                col_formats[j] = _StyledCell(ws, style_array(style.formats[key]))
    cache: dict = {}

    def cached(*key, **kw):
        if key not in cache:
            cache[key] = style_array(**kw)
        return cache[key]

    for k, r in enumerate(rows):
        kind = style.row_kinds.get(k)
        if kind == "head":
            n_lines = lines(r)
            if n_lines > 1:
                ws.row_dimensions[start + k].height = 15 * n_lines
        out = []
        for j, v in enumerate(r):
            if v is not None and type(v) not in _PLAIN:
                v = safe_value(v)  # numpy scalars, NaN; plain values skip the call
            elif type(v) is str and (not v.isprintable() or len(v) > MAX_CELL_CHARS):
                v = clean_text(v)  # rare: one C-level check per text cell
            fmt = style.cell_formats.get((k, j)) if style.cell_formats else None
            fill = style.cell_fills.get((k, j)) if style.cell_fills else None
            align = style.cell_align.get((k, j)) if style.cell_align else None
            if kind:
                size, bold, italic, colour = KIND_FONTS.get(kind, (None, False, False, None))
                fill = fill or (HEADER_FILL if kind == "head" else None)
                out.append(cell(v, cached(kind, fmt, fill, align, fmt=fmt, bold=bold,
                                          italic=italic, size=size, colour=colour, fill=fill,
                                          wrap=kind == "head", align=align))
                           if v is not None or fill else None)
            elif fmt or fill or align:
                out.append(cell(v, cached(fmt, fill, align, fmt=fmt, fill=fill, align=align)))
            elif j in col_formats and isinstance(v, (int, float)) and not isinstance(v, bool):
                c = col_formats[j]
                c.value = v
                out.append(c)
            elif isinstance(v, str) and v.startswith(FORMULA_START):
                out.append(cell(v))
            else:
                out.append(v)
        ws.append(out)
    last_row = start + len(rows) - 1
    last_col = get_column_letter(n_cols)
    if has_header and rows:
        if style.autofilter:
            ws.auto_filter.ref = f"A1:{last_col}{last_row}"
        where = {key: f"${get_column_letter(j + 1)}{start}" for j, key in enumerate(names)}
        for rule in style.rules:
            try:
                formula = rule.formula.format(**where)
            except KeyError:
                continue  # the column is not in this sheet
            font = (Font(color=rule.font, bold=rule.bold) if rule.font or rule.bold else None)
            fr = FormulaRule(formula=[formula], fill=PatternFill("solid", fgColor=rule.fill,
                                                                  bgColor=rule.fill),
                             font=font, stopIfTrue=True)
            if rule.columns:
                cols = [get_column_letter(names.index(c) + 1) for c in rule.columns
                        if c in names]
                ranges = " ".join(f"{c}{start}:{c}{last_row}" for c in cols)
            else:
                ranges = f"A{start}:{last_col}{last_row}"
            if ranges:
                ws.conditional_formatting.add(ranges, fr)
    for anchor, chart in style.charts:
        ws.add_chart(chart, anchor)
    return ws


def _fast_rows(ws) -> None:
    """Stream rows without openpyxl's per-cell exception for ready-made cells.

    openpyxl's write-only sheet first tries ``cell.value = value`` and, for a value that
    is already a Cell (our formatted numbers), falls back in an ``except`` clause, then
    builds a fresh cell.  This generator does the same work without the exception.  It
    replaces a private method, so it is used only where that method exists as expected.
    """
    from openpyxl.cell import Cell, WriteOnlyCell

    if not callable(getattr(ws, "_values_to_row", None)):
        return

    def values_to_row(values, row_idx):
        plain = WriteOnlyCell(ws)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                if plain.has_style or plain.hyperlink:
                    plain = WriteOnlyCell(ws)
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell

    ws._values_to_row = values_to_row


class _StyledCell:
    """Placeholder, replaced below by a Cell subclass once openpyxl is imported."""


def _make_styled_cell():
    from openpyxl.cell import Cell

    class StyledCell(Cell):
        """A cell whose style id is looked up once, not on every write."""

        __slots__ = ("_sid",)

        def __init__(self, ws, style_array):
            super().__init__(ws, row=1, column=1, style_array=style_array)
            self._sid = ws.parent._cell_styles.add(self._style)

        @property
        def style_id(self):
            return self._sid

    return StyledCell


def _text_width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def check_output(path: str, input_path: str | None = None) -> str:
    """Check that a result can be written at ``path``; returns its folder (created if needed).

    Raises :class:`OutputError` with a plain message when it cannot: the path is the
    input workbook, a folder, a device, a FIFO or anything else that is not a regular
    file, under a file, in a folder that cannot be created or written, or (on Windows)
    a file held open by Excel.  Called before solving (for every output of a run at once,
    :mod:`model.workbook.outputs`), so a long solve is not wasted, and again when writing.
    """
    target = resolve(path)
    if input_path and os.path.exists(target) and os.path.exists(input_path) \
            and os.path.samefile(target, input_path):
        raise OutputError(f"refusing to write the result over the input workbook {path}; "
                          "choose another -o")
    if os.path.isdir(target):
        raise OutputError(f"the output {path} is a folder; give a file name ending in .xlsx")
    refusal = not_replaceable(target, path)
    if refusal:
        raise OutputError(refusal)
    folder = os.path.dirname(target) or "."
    _make_folder(folder, path)
    _probe_folder(folder)
    _not_held_open(target, path)
    return folder


def _make_folder(folder: str, path: str) -> None:
    if os.path.isdir(folder):
        return
    blocker = folder
    while blocker and not os.path.exists(blocker):
        blocker = os.path.dirname(blocker)
    if blocker and not os.path.isdir(blocker):
        raise OutputError(f"cannot write {path}: {blocker} is a file, not a folder")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {folder}: "
                          f"{exc.strerror or exc}") from None


def _probe_folder(folder: str) -> None:
    try:
        fd, probe = tempfile.mkstemp(prefix=".result-", suffix=".probe", dir=folder)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {folder}: {exc.strerror or exc} "
                          "(choose another -o)") from None


def _not_held_open(target: str, path: str) -> None:
    if os.name == "nt" and os.path.isfile(target):
        try:
            with open(target, "r+b"):
                pass  # opened and closed unchanged: Excel is not holding it
        except PermissionError:
            raise OutputError(f"cannot write {path}: it is open in another program (Excel?); "
                              "close it and run again") from None


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def problems_rows(problems: list[Problem]) -> list[list]:
    return [[p.severity, p.sheet, p.row, p.column, p.cell, p.value if p.value is None else str(p.value),
             p.message, p.expected] for p in problems]


PROBLEM_HEADER = ["severity", "sheet", "row", "column", "cell", "value", "message", "expected"]
