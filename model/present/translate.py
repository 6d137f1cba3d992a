"""Translate a finished table sheet for ``--lang zh``: its title, headers and data words.

The batch workbooks (comparison, sweep) and the plain sheets every run adds (Warnings,
RunInfo, Changes, Timing) are built with the contract's English names, then passed
through :func:`translate_sheets` once, just before they are written.  Only what a
planner reads changes:

* the title (:data:`~model.present.words.SHEETS`) and each header
  (:data:`~model.present.words.HEADERS`; ``used [A]`` reads ``已用 [A]``: the run's
  label in brackets is a name and stays);
* the cells of the columns in :data:`WORD_COLUMNS` (kind, change, severity, ...) through
  :meth:`~model.present.words.Texts.word`;
* RunInfo's row labels and sentence values (:meth:`~model.present.words.Texts.run_info`;
  versions, paths and the command stay).

Keys stay as they are: the ``metric`` and ``key`` codes of column A, ids, the ``status``
code, numbers.  Number formats, comments and widths keep their column keys
(``SheetStyle.names``), so a translated header never loses its format.  With ``--lang
en`` the sheets come back unchanged (the same objects).
"""

from __future__ import annotations

import copy
import re

from ..workbook.messages import render
from ..workbook.write import SheetStyle
from .words import Texts

#: columns whose text cells are data words a planner reads (never keys scripts match on;
#: not ``value``: a problem's value is shown as the workbook holds it)
WORD_COLUMNS = {"kind", "change", "severity", "applied_by", "op", "how", "unit", "effect",
                "message", "criterion", "decided"}

_BRACKET = re.compile(r"^(?P<name>[^\[]+?) \[(?P<label>.*)\]$")


def header(t: Texts, name) -> str:
    """One header in the reader's language: ``used [A]`` -> ``已用 [A]``."""
    if not isinstance(name, str) or not t.zh:
        return name
    m = _BRACKET.match(name)
    if m:
        return f"{t.header(m['name'])} [{m['label']}]"
    return t.header(name)


def translate_sheets(sheets: list, t: Texts, skip: tuple = ()) -> list:
    """``sheets`` ([(title, header, rows[, style])]) in ``t``'s language; ``skip``: titles
    of sheets already written in it (left as they are)."""
    if not t.zh:
        return sheets
    return [sheet if sheet[0] in skip else translate_sheet(t, *sheet) for sheet in sheets]


def translate_sheet(t: Texts, title: str, head: list, rows: list, style=None) -> tuple:
    style = copy.copy(style) if isinstance(style, SheetStyle) else SheetStyle()
    if style.names is None and style.header:
        style.names = list(head)
    keys = list(head)
    words = [j for j, h in enumerate(keys) if isinstance(h, str) and h in WORD_COLUMNS]
    if title == "RunInfo":
        return t.sheet(title), [header(t, h) for h in head], \
            [t.run_info(*row) for row in rows], style
    out_rows = []
    for row in rows:
        row = [render(v, t.lang) for v in row]  # keyed input messages (Warnings, Problems)
        for j in words:
            if j < len(row):
                row[j] = t.unit(row[j]) if keys[j] == "unit" and isinstance(row[j], str) \
                    else word_text(t, row[j])
                if keys[j] == "message" and title not in ("Warnings", "Problems"):
                    row[j] = t.outcome(row[j])  # a run's solver message
        out_rows.append(row)
    new_head = [header(t, h) for h in head] if style.header else list(head)
    return t.sheet(title), new_head, out_rows, style


def word_text(t: Texts, value):
    """A data word in ``t``'s language (:data:`~model.present.words.WORDS`), or as it is."""
    return t.word(value)
