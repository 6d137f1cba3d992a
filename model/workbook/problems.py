"""Located problems in an input workbook.

Validation never raises or prints: it returns a list of :class:`Problem`.  The
caller decides how to show them (the command line prints them and exits 3).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

#: text from the workbook (names, headers, values) is shortened to this in messages
SHOWN_CHARS = 60
_QUOTED = re.compile(r"(?<!\w)'([^'\n]{%d,})'(?!\w)" % (SHOWN_CHARS + 1))  # noqa: UP031


def clip(text: object, limit: int = SHOWN_CHARS) -> str:
    """``text`` shortened for a message: a 10,000-character cell stays readable."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_quoted(message: str) -> str:
    return _QUOTED.sub(lambda m: "'" + clip(m.group(1)) + "'", message)


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in the input, with its place."""

    message: str
    sheet: str = ""
    row: int | None = None  # Excel row number (header = 1)
    column: str = ""
    value: object = None
    expected: str = ""
    severity: str = ERROR
    cell: str = ""  # e.g. "F7", when the column position is known

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"sheet {clip(self.sheet)}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {clip(self.column)}")
        where = ", ".join(parts)
        if self.cell and self.sheet:
            where += f" (cell {self.sheet}!{self.cell})"
        return where

    def __str__(self) -> str:
        text = _clip_quoted(self.message)
        if self.value is not None and self.value != "":
            shown = repr(self.value) if isinstance(self.value, str) else str(self.value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            text += f"; found {shown}"
        if self.expected:
            text += f"; expected {self.expected}"
        where = self.location()
        label = "Error" if self.is_error else "Warning"
        return f"{label}: {where}: {text}" if where else f"{label}: {text}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity, "sheet": clip(self.sheet, 200), "row": self.row,
            "column": clip(self.column, 200), "cell": self.cell, "value": _plain(self.value),
            "message": _clip_quoted(self.message), "expected": self.expected,
        }


def _plain(value):
    """A JSON-safe value (non-finite numbers become their text)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return clip(value, 200)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return str(value)


class InputError(Exception):
    """The workbook cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.is_error] or list(problems)
        self.warnings = [p for p in problems if not p.is_error]
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
