"""Ids that look the same but are not: warned about, located, before they confuse a plan.

``a``, ``a`` followed by a zero-width space, a full-width ``ａ`` and a Cyrillic ``а`` are
four different ids to the model, and four identical ones to a planner reading the
result.  Each id is folded (:func:`fold`): Unicode NFKC (full-width and compatibility
forms become plain ones), format characters removed (zero-width spaces and joiners,
byte-order marks, direction marks: Unicode category Cf), case folded, and common
Cyrillic and Greek letters that look Latin replaced by the Latin letter
(:data:`CONFUSABLES`, a small table).  Two ids that fold to the same text are a warning
at the second one's cell, naming the first: the run goes on (they may be meant), but
the planner sees it.  The same holds for resource names and chain names.
"""

from __future__ import annotations

import unicodedata

from ...workbook import schema as S
from ...workbook.messages import msg
from ...workbook.problems import Problem
from ...workbook.read import RawWorkbook
from ..park import INDUSTRY, Park
from .table import Collector

#: Cyrillic and Greek letters (lower case, after case folding) drawn like Latin ones
CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "і": "i", "ї": "i", "ј": "j",
    "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ζ": "z",
})


def fold(text: str) -> str:
    """What an id looks like on screen (see the module docstring)."""
    text = unicodedata.normalize("NFKC", str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text.casefold().translate(CONFUSABLES).strip()


def shown(text: str) -> str:
    """An id with its invisible or unusual characters spelled out: 'a<U+200B>'."""
    return "".join(ch if ch.isascii() and ch.isprintable() else f"<U+{ord(ch):04X}>"
                   for ch in str(text))


def lookalikes(book: RawWorkbook, park: Park) -> tuple[Problem, ...]:
    """A warning for every id, resource or chain that looks like an earlier one."""
    out = Collector()
    sheets = ["industries" if k == INDUSTRY else "projects" for k in park.kind]
    _warn(out, book, list(zip(park.ids, sheets, park.source_rows or [None] * park.n)), "id",
          "id")
    _warn(out, book, [(r.name, "resources", None) for r in park.resources], "resource",
          "resource")
    _warn(out, book, [(c.name, "chains", None) for c in park.chains], "chain", "chain")
    return out.result()


def _warn(out: Collector, book: RawWorkbook, keys: list, column: str, what: str) -> None:
    seen: dict[str, tuple] = {}
    for key, sheet, excel_row in keys:
        folded = fold(key)
        first = seen.get(folded)
        if first is None:
            seen[folded] = (key, sheet, excel_row)
            continue
        if first[0] == key:  # the same name: a regional plan's land_ha of each park
            continue
        table = book.tables.get(sheet)
        r = _row(table, column, key, excel_row)
        where = S.DISPLAY_NAME.get(first[1], first[1])
        word = msg(f"alike.{what}")
        out.warn(msg("alike.looks_like", what=word, name=shown(key), first=shown(first[0]),
                     where=where, row=msg("alike.row", row=first[2]) if first[2] else ""),
                 table, r, column, expected=msg("alike.one_spelling", what=word))


def _row(table, column: str, key: str, excel_row) -> int | None:
    if table is None:
        return None
    if excel_row is not None and excel_row in table.excel_rows:
        return table.excel_rows.index(excel_row)
    for r in range(len(table)):
        if str(table.get(r, column) or "").strip() == key:
            return r
    return None
