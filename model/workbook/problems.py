"""Located problems in an input workbook.

Validation never raises or prints: it returns a list of :class:`Problem`.  The
caller decides how to show them (the command line prints them and exits 3).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .messages import render, say

ERROR = "error"
WARNING = "warning"

#: text from the workbook (names, headers, values) is shortened to this in messages
SHOWN_CHARS = 60
#: no part of a printed problem (message, expected) is longer than this, whatever the
#: workbook holds; the whole line stays under about 2 x this plus the location
MAX_MESSAGE_CHARS = 400
#: what may follow the quote that closes a quoted piece of workbook text
_CLOSERS = " \t\n;:,.)]"
#: a run of characters without a space, longer than any word or number
_LONG_RUN = re.compile(r"\S{%d,}" % (SHOWN_CHARS + 1))  # noqa: UP031


def clip(text: object, limit: int = SHOWN_CHARS) -> str:
    """``text`` shortened for a message: a 10,000-character cell stays readable."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_quoted(message: str) -> str:
    """``message`` with every quoted piece of workbook text and every unbroken run of
    characters cut to :data:`SHOWN_CHARS`, and the whole cut to :data:`MAX_MESSAGE_CHARS`:
    the promise holds whatever quotes or spaces the text contains."""
    message = _LONG_RUN.sub(lambda m: clip(m.group(0)), _clip_quotes(message))
    return clip(message, MAX_MESSAGE_CHARS)


def _clip_quotes(message: str) -> str:
    """Each quoted piece cut to :data:`SHOWN_CHARS`, in one pass: a piece opens with a
    quote that does not follow a letter (an apostrophe inside a word such as Tom's does
    not open one) and closes with a quote followed by the end, a space or punctuation."""
    out, i, n = [], 0, len(message)
    while i < n:
        j = message.find("'", i)
        if j < 0:
            break
        if j > 0 and (message[j - 1].isalnum() or message[j - 1] == "_"):
            out.append(message[i:j + 1])
            i = j + 1
            continue
        k = j + 1
        while True:
            k = message.find("'", k)
            if k < 0 or k + 1 == n or message[k + 1] in _CLOSERS:
                break
            k += 1
        if k < 0:
            break
        out.append(message[i:j] + "'" + clip(message[j + 1:k]) + "'")
        i = k + 1
    out.append(message[i:])
    return "".join(out)


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
            where += f" (cell {clip(self.sheet)}!{self.cell})"
        return where

    def __str__(self) -> str:
        text = _clip_quoted(self.message)
        if self.value is not None and self.value != "":
            shown = repr(self.value) if isinstance(self.value, str) else str(self.value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            text += f"; found {shown}"
        if self.expected:
            text += f"; expected {_clip_quoted(self.expected)}"
        where = self.location()
        label = "Error" if self.is_error else "Warning"
        return f"{label}: {where}: {text}" if where else f"{label}: {text}"

    def text(self, lang: str = "en") -> str:
        """The problem line in ``lang``: exactly ``str(self)`` in English; in Chinese the
        keyed message and location words of :mod:`model.workbook.messages`."""
        if lang != "zh":
            return str(self)
        text = _clip_quoted(render(self.message, lang))
        if self.value is not None and self.value != "":
            shown = repr(self.value) if isinstance(self.value, str) else str(self.value)
            if len(shown) > 80:
                shown = shown[:77] + "..."
            text += say("line.found", lang, value=shown)
        if self.expected:
            text += say("line.expected", lang, expected=_clip_quoted(render(self.expected, lang)))
        parts = []
        if self.sheet:
            parts.append(say("where.sheet", lang, sheet=clip(self.sheet)))
        if self.row is not None:
            parts.append(say("where.row", lang, row=self.row))
        if self.column:
            parts.append(say("where.column", lang, column=clip(self.column)))
        where = say("where.sep", lang).join(parts)
        if self.cell and self.sheet:
            where += say("where.cell", lang, cell=f"{clip(self.sheet)}!{self.cell}")
        kind = "line.error" if self.is_error else "line.warning"
        return say(kind, lang, where=where, text=text) if where else \
            say(kind + "_nowhere", lang, text=text)

    def as_dict(self) -> dict:
        return {
            "severity": self.severity, "sheet": clip(self.sheet, 200), "row": self.row,
            "column": clip(self.column, 200), "cell": self.cell, "value": _plain(self.value),
            "message": _clip_quoted(self.message), "expected": _clip_quoted(self.expected),
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


#: problems of one kind printed before the rest are counted (every one is in the
#: --problems file and in the result's Warnings sheet)
SHOWN_PER_KIND = 10
#: kinds of problem printed before the rest are counted
SHOWN_KINDS = 30
_NUMBER = re.compile(r"[-+]?\d[\d,.]*(?:e[-+]?\d+)?", re.IGNORECASE)


def kind_of(p: Problem) -> tuple:
    """What makes two problems "the same kind": severity, sheet, column and the message
    with its quoted texts and numbers elided ('value 12 does not fit' ~ 'value 7 ...')."""
    text = _NUMBER.sub("#", _elide_quotes(p.message))
    return (p.severity, p.sheet.strip().lower(), p.column.strip().lower(), text)


def _elide_quotes(message: str) -> str:
    return re.sub(r"'[^']*'", "'…'", message)


def summarise(problems: list[Problem], per_kind: int = SHOWN_PER_KIND,
              kinds: int = SHOWN_KINDS, lang: str = "en") -> tuple[list[str], int]:
    """The lines to print for ``problems``: the first ``per_kind`` of each kind, then
    "… and K more like this", for the first ``kinds`` kinds (first seen first), then a
    count of the rest.  Returns (lines, number of problems not printed)."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault(kind_of(p), []).append(p)
    lines: list[str] = []
    hidden = 0
    for k, members in enumerate(groups.values()):
        if k >= kinds:
            hidden += len(members)
            continue
        lines.extend(p.text(lang) for p in members[:per_kind])
        more = len(members) - per_kind
        if more > 0:
            hidden += more
            first = members[0]
            where = ", ".join(part for part in (
                f"sheet {clip(first.sheet)}" if first.sheet else "",
                f"column {clip(first.column)}" if first.column else "") if part)
            if lang == "zh":
                where = "，".join(part for part in (
                    f"工作表 {clip(first.sheet)}" if first.sheet else "",
                    f"列 {clip(first.column)}" if first.column else "") if part)
            lines.append(say("summary.more_like", lang, n=f"{more:,}",
                             where=f" ({where})" if where else ""))
    rest = len(groups) - kinds
    if rest > 0:
        lines.append(say("summary.more_kinds", lang, kinds=f"{rest:,}",
                         n=f"{sum(len(m) for m in list(groups.values())[kinds:]):,}"))
    return lines, hidden
