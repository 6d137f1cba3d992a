"""Step 8 of the pipeline: write the result workbook (knows nothing of Pyomo).

The workbook is written to a temporary file in the destination folder and renamed
over the destination only when complete, so a failed run never leaves a
half-written result and the previous result stays intact.  Text that could be read
as a formula (starting with ``=``, ``+``, ``-``, ``@``) is stored as text.
"""

from __future__ import annotations

import os
import tempfile

from .problems import Problem

FORMULA_START = ("=", "+", "-", "@")


class OutputError(Exception):
    """The result cannot be written where asked (message says why)."""


def safe_value(value):
    """A value openpyxl will store literally (never a formula)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar -> Python
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def _text_cell(ws, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
    return cell


def write_workbook(path: str, sheets: list[tuple[str, list[str], list[list]]],
                   input_path: str | None = None) -> None:
    """Write ``sheets`` = [(title, header, rows)] to ``path`` atomically.

    A sheet may carry a fourth item: callables ``add(ws)`` run after its rows are
    written, e.g. to place a native chart over them.

    Refuses to write over ``input_path``.  Raises :class:`OutputError` with a plain
    message when the destination cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.cell import WriteOnlyCell

    target = os.path.abspath(path)
    if input_path and os.path.exists(target) and os.path.samefile(target, input_path):
        raise OutputError(f"refusing to write the result over the input workbook {path}; "
                          "choose another -o")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder {folder}: {exc.strerror}") from None
    if os.path.isdir(target):
        raise OutputError(f"the output {path} is a folder; give a file name ending in .xlsx")
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows, *extras in sheets:
        ws = wb.create_sheet(title)
        ws.freeze_panes = "A2"
        widths = [max(10, min(40, len(str(h)) + 2)) for h in header]
        for r in rows[:200]:
            for j, v in enumerate(r[: len(widths)]):
                if isinstance(v, str):
                    widths[j] = max(widths[j], min(50, len(v) + 2))
        from openpyxl.utils import get_column_letter

        for j, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(j + 1)].width = w
        head = []
        for h in header:
            c = WriteOnlyCell(ws, value=h)
            c.font = bold
            head.append(c)
        ws.append(head)
        for r in rows:
            ws.append([_text_cell(ws, v) if isinstance(v, str) and v.startswith(FORMULA_START)
                       else (v if v is None or type(v) in (str, int, float, bool) else safe_value(v))
                       for v in r])
        for add in (extras[0] if extras else ()):
            add(ws)
    fd, tmp = tempfile.mkstemp(prefix=".result-", suffix=".xlsx.part", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except PermissionError:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: permission denied (is it open in Excel?); "
                          "the previous result, if any, is unchanged") from None
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise


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
