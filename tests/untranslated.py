"""Find planner-facing English in a ``--lang zh`` output (used by tests/test_zh_complete.py).

A cell (or line) is flagged when it holds two or more consecutive English words of three
letters or more that are not known keys.  Known keys, and why they may stay English:

* every text of the input workbook (ids, names, resource / chain / phase / scenario
  names: the planner's own data, shown as written), removed from a cell before it is
  read, so an English name is allowed only as the whole name the input holds;
* :data:`KEYS`: the machine keys the contract fixes (metric and status codes, column
  keys of the ``metric`` / ``key`` columns, HiGHS's own option and status names), which
  scripts match on in every language;
* units written the contract's way (``ha``, ``CNY``, ``tce``) and file paths, versions
  and command lines (RunInfo echoes the command as it was typed).

One English word alone in a cell (``optimal`` as the machine ``status``, an id such as
``SVC-HQ``) is not flagged: only runs of two or more, which is what a sentence or label
looks like.  Sheet titles and the first row (column headers, a cover's title) are held
to more: a single English word there is flagged.
"""

from __future__ import annotations

import re

#: machine words that may appear together (status and metric codes, solver names)
KEYS = {
    "optimal", "feasible", "infeasible", "no_solution", "highs", "highspy", "pyomo",
    "python", "pandas", "openpyxl", "numpy", "scipy", "excel", "mip", "sha", "utc", "cny",
    "tce", "baseline",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'-]*")
_SEP = re.compile(r"^[\s,;:()\[\]/+&=.\"'-]*$")
_PATHLIKE = re.compile(r"(?:[A-Za-z]:)?[\w.-]*[/\\][\w./\\-]+|\S+\.(?:xlsx|csv|md|docx|py|png)\b|"
                       r"--[a-z][\w-]*|\b[\w-]+=\S+|\bv?\d+(?:\.\d+)+\S*|https?://\S+")


def input_words(paths):
    """A pattern matching every text cell of the input workbooks, as whole words."""
    from openpyxl import load_workbook

    words: set[str] = set()
    for path in paths:
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(min_row=2, values_only=True):  # data, not headers
                for v in row:
                    if isinstance(v, str) and _WORD.search(v):
                        words.add(v.strip().lower())
        wb.close()
    names = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9])",
                      re.IGNORECASE) if names else None


def english_runs(text: str, known=None, least: int = 2) -> list[str]:
    """The runs of two or more consecutive English words (3+ letters) in ``text`` once the
    input's own texts (``known``, from :func:`input_words`) and paths are taken out."""
    text = _PATHLIKE.sub(" | ", text)
    if known is not None:
        text = known.sub(" | ", text)
    found, run, last_end = [], [], 0
    for m in _WORD.finditer(text):
        word = m.group(0).strip("'-")
        between = text[last_end:m.start()]
        # a snake_case word is a column or metric key (valid_from) in a sentence; in a
        # title or header (least == 1) it is a header left untranslated
        plain = len(word) >= 3 and word.lower() not in KEYS and ("_" not in word or least == 1)
        if run and (not _SEP.match(between) or not plain):
            if len(run) >= least:
                found.append(" ".join(run))
            run = []
        if plain:
            run.append(word)
        last_end = m.end()
    if run and len(run) >= least:
        found.append(" ".join(run))
    return found


def workbook_english(path, known=None) -> list[str]:
    """``sheet!cell: text`` of every cell (and sheet title) of ``path`` with English runs."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        if english_runs(ws.title, known, 1):
            out.append(f"{ws.title}: sheet title")
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and not c.value.startswith("="):
                    runs = english_runs(c.value, known, 1 if c.row == 1 else 2)
                    if runs:
                        out.append(f"{ws.title}!{c.coordinate}: {c.value[:120]!r} {runs}")
    return out


def text_english(text: str, known=None) -> list[str]:
    """Lines of ``text`` (console, Markdown) with English runs."""
    return [f"{line[:120]!r} {runs}" for line in text.splitlines()
            if (runs := english_runs(line, known))]
