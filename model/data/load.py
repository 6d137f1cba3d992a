"""Steps 1-3 of the pipeline: read the workbook, apply scenarios and ``--set``, validate.

:func:`load` is the one way from a workbook path to a :class:`Loaded` (the raw tables,
the validated park, its warnings and the changes applied); :func:`prepare` does the
same from tables already read (what-if batches read the workbook once).  Both raise
:class:`~model.workbook.problems.InputError` with every problem found.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field

from ..workbook.filetype import input_problem, unreadable
from ..workbook.messages import msg
from ..workbook.problems import InputError, Problem
from ..workbook.read import RawWorkbook, read_workbook
from .overrides import Change, apply_changes, compose, parse_set
from .park import Park
from .validate import validate


@dataclass
class Loaded:
    path: str
    book: RawWorkbook
    park: Park
    warnings: list[Problem]
    changes: list[Change]
    scenarios: list[str]
    sha256: str
    timings: dict = field(default_factory=dict)


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_input(path: str) -> tuple[RawWorkbook | None, list[Problem]]:
    """The input workbook's tables and the reader's problems; a path that is not a
    readable regular file, or a file that is not an ``.xlsx``, is refused first, named
    for what it is (:func:`model.workbook.filetype.input_problem`)."""
    problem = input_problem(path)
    if problem is not None:
        return None, [problem]
    return read_workbook(path)


def load(path: str, scenarios: list[str] = (), sets: list[str] = ()) -> Loaded:
    """Read, change and validate. Raises :class:`InputError` with every problem found."""
    timings = {}
    t0 = time.perf_counter()
    book, problems = read_input(path)
    if book is None:
        raise InputError(problems)
    try:
        sha = file_sha256(path) if _is_file(path) else ""
    except OSError as exc:
        raise InputError([unreadable(path, exc)]) from None
    timings["read"] = time.perf_counter() - t0
    if book is None:
        raise InputError(problems)
    if any(p.is_error for p in problems):
        # the tables are still usable: check them too, so every problem is listed at once
        _, more = validate(book)
        raise InputError(problems + more)
    return prepare(book, path, sha, scenarios, sets, problems, timings)


def prepare(book: RawWorkbook, path: str, sha: str, scenarios: list[str] = (),
            sets: list = (), problems: list[Problem] | None = None,
            timings: dict | None = None) -> Loaded:
    """Apply scenarios and ``--set`` (texts, or :class:`Change` objects) to a read
    workbook (changed in place), then validate.  Raises :class:`InputError`."""
    problems = list(problems or [])
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    comp = compose(book, list(scenarios))
    problems.extend(comp.problems)
    changes: list[Change] = list(comp.changes)
    origins: list = list(comp.origins)
    for text in sets:
        ch, why = (text, "") if isinstance(text, Change) else parse_set(text)
        if ch is None:
            problems.append(Problem(msg("set.argument", arg=text, message=why)))
        else:
            changes.append(ch)
            origins.append(None)
    applied, change_problems = apply_changes(book, changes, origins)
    problems.extend(change_problems)
    timings["overrides"] = time.perf_counter() - t0
    if any(p.is_error for p in problems):
        raise InputError(problems)
    t0 = time.perf_counter()
    park, more = validate(book)
    problems.extend(more)
    timings["validate"] = time.perf_counter() - t0
    if park is None:
        raise InputError(problems)
    return Loaded(path, book, park, [p for p in problems if not p.is_error], applied,
                  comp.names or list(scenarios), sha, timings)


def _is_file(path: str) -> bool:
    return os.path.isfile(path)
