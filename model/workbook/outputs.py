"""The files one run will write, checked together before anything is solved.

A run may write a result (or a batch) workbook, a report (and, for a Markdown report,
its folder of images), the model file of ``--write-model``, a template and the list of
problems of ``--problems``.  :func:`plan` takes them all at once and refuses, before a
long solve is wasted:

* an empty path (a usage error, exit 2);
* two outputs that are the same file, or an output that is the input workbook, or a
  folder this run replaces (the report's images) that holds the input or another
  output (usage errors, exit 2): ``-o both.md --report both.md`` would otherwise have
  the report overwrite the result;
* an output that is not a new file or an existing regular file (a folder, a device
  such as ``/dev/null``, a FIFO, a socket), one under a file, or one in a folder that
  cannot be created or written (:func:`~model.workbook.write.check_output`, exit 1).

Paths are compared as the files they name (links followed, ``..`` resolved), so two
spellings of one file are one file.  The writers check again, just before each rename
(:func:`~model.workbook.write.commit`).
"""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass

from .write import (
    FORMULA_START,
    PROBLEM_HEADER,
    OutputError,
    _remove,
    check_output,
    commit,
    current_umask,
    problems_rows,
    resolve,
    write_workbook,
)


class PathClash(Exception):
    """Two paths of one run name the same file (or one holds the other): exit 2."""


@dataclass(frozen=True)
class Output:
    role: str  # what it is, for messages: "the result", "the report", ...
    path: str  # as the planner gave it
    folder: bool = False  # a folder the run replaces as a whole (a Markdown report's images)


def report_images(report: str) -> str | None:
    """The folder of images a Markdown report writes beside itself (None for .docx)."""
    if not report.lower().endswith(".md"):
        return None
    stem = os.path.splitext(os.path.basename(report))[0]
    return os.path.join(os.path.dirname(report), f"{stem}_files")


def result_and_report(output: str, report: str | None) -> list[Output]:
    """The result workbook, and the report with its image folder when one is asked for."""
    outputs = [Output("the result", output)]
    if report:
        outputs.append(Output("the report", report))
        images = report_images(report)
        if images:
            outputs.append(Output("the report's image folder", images, folder=True))
    return outputs


def plan(input_path: str | None, outputs: list[Output]) -> list[Output]:
    """Check every output of one run (see the module docstring); returns them.

    Raises :class:`PathClash` (exit 2) or :class:`OutputError` (exit 1)."""
    for out in outputs:
        if not out.path.strip():
            raise PathClash(f"{out.role} has an empty path; give a file name")
    _distinct(input_path, outputs)
    for out in outputs:
        if out.folder:
            _check_folder(out)
        else:
            check_output(out.path, input_path)
    return outputs


def _distinct(input_path: str | None, outputs: list[Output]) -> None:
    named = [("the input workbook", input_path, False)] if input_path else []
    named += [(o.role, o.path, o.folder) for o in outputs]
    real = [(role, path, resolve(path), folder) for role, path, folder in named]
    for k, (role, path, key, folder) in enumerate(real):
        for role2, path2, key2, _folder2 in real[k + 1:]:
            if key == key2:
                raise PathClash(f"{role2} {path2} is the same file as {role} {path}; every "
                                "file a run writes must be distinct from the others and from "
                                "the input")
        if folder:
            for role2, path2, key2, _f in real[:k] + real[k + 1:]:
                if key2.startswith(key.rstrip(os.sep) + os.sep):
                    raise PathClash(f"{role} {path} would be replaced, and it holds {role2} "
                                    f"{path2}; choose another name")


def _check_folder(out: Output) -> None:
    """A folder the run replaces must be absent or a real folder (not a link, not a file)."""
    if os.path.islink(out.path):
        raise OutputError(f"refusing to replace {out.role} {out.path}: it is a link; only a "
                          "folder the run wrote before is ever replaced")
    if os.path.exists(out.path) and not os.path.isdir(out.path):
        raise OutputError(f"cannot write {out.role} {out.path}: a file of that name is in the "
                          "way")


def problem_kind(path: str) -> str | None:
    """'csv' or 'xlsx' for a ``--problems`` file name, None for anything else."""
    ext = os.path.splitext(path)[1].lower()
    return {".csv": "csv", ".xlsx": "xlsx"}.get(ext)


def write_problems(path: str, problems: list, input_path: str | None = None,
                   translate=None) -> None:
    """Every problem (and warning) in one file, ``.csv`` (UTF-8, opens in Excel) or
    ``.xlsx``, written atomically like a result; ``translate(title, header, rows)``, when
    given, returns them in the reader's language (the command line passes
    :func:`model.present.translate.translate_sheet` for ``--lang zh``).  Raises
    :class:`OutputError`."""
    title, header, rows = "Problems", PROBLEM_HEADER, problems_rows(problems)
    if translate is not None:
        title, header, rows = translate(title, header, rows)[:3]
    if problem_kind(path) == "xlsx":
        write_workbook(path, [(title, header, rows)], input_path=input_path)
        return
    _write_csv(path, [header, *rows], input_path)


def _write_csv(path: str, rows: list[list], input_path: str | None) -> None:
    folder = check_output(path, input_path)
    fd, tmp = tempfile.mkstemp(prefix=".problems-", suffix=".csv.part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            for row in rows:  # text that Excel would run as a formula is kept as text
                writer.writerow(["'" + v if isinstance(v, str) and v.startswith(FORMULA_START)
                                 else v for v in row])
        os.chmod(tmp, 0o666 & ~current_umask())
        commit(tmp, resolve(path), path)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove(tmp)
        raise
