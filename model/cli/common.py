"""What every job of the command line shares: exit codes, the console, output paths,
and how an invalid input is reported.

Exit codes (README): 0 a solution was written; 1 the result cannot be written, or an
unexpected error; 2 command-line usage; 3 invalid input (every problem listed, nothing
written); 4 infeasible; 5 no feasible portfolio within the time limit.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from dataclasses import dataclass

from ..data.validate.table import total
from ..present.translate import translate_sheet
from ..present.words import Texts
from ..workbook.outputs import Output, PathClash, plan, write_problems
from ..workbook.problems import summarise
from ..workbook.write import OutputError, committed

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4, 5
EXIT_INTERRUPTED = 130
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "inputs", "example_park.xlsx")
#: warnings printed on stderr before the rest are counted (the workbook lists them all)
MAX_WARNINGS_SHOWN = 10


def _finite(obj):
    if isinstance(obj, float) and obj != obj or obj in (float("inf"), float("-inf")):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def to_json(obj, **kwargs) -> str:
    """Strict JSON (no NaN / Infinity, which jq and JavaScript reject)."""
    kwargs.pop("default", None)
    return json.dumps(_finite(obj), default=str, allow_nan=False, **kwargs)


@dataclass
class Console:
    """Where a job's words go: progress and results on stdout (stderr with ``--json``,
    whose line alone goes to stdout), problems on stderr.

    A stream that cannot be written (``| head -1`` closed it, the disk behind it is
    full) is silenced, never an error: what the run did decides its exit code, not
    whether anyone is still reading (:meth:`_print`)."""

    json: bool = False
    quiet: bool = False
    problems_file: str | None = None  # --problems: every problem and warning goes there
    input_path: str | None = None
    lang: str = "en"  # --lang: the console speaks the workbook's language

    @property
    def t(self):
        """The words of the console's language (:mod:`model.present.words`)."""
        return Texts(self.lang)

    @property
    def out(self):
        return sys.stderr if self.json else sys.stdout

    def say(self, text: str = "") -> None:
        """Progress and results (left out with --quiet)."""
        if not self.quiet:
            self._print(text, self.out)

    def progress(self, text: str) -> None:
        """A progress line on stderr, at once (left out with --quiet)."""
        if not self.quiet:
            self._print(text, sys.stderr, flush=True)

    def status(self, text: str) -> None:
        """The status line: shown even with --quiet, as its help promises."""
        self._print(text, self.out)

    def warn(self, text: str) -> None:
        self._print(text, sys.stderr)

    def emit(self, summary: dict) -> None:
        """The one-line JSON summary (with --json)."""
        if self.json:
            self._print(to_json(summary, ensure_ascii=False), sys.stdout)

    def fail(self, code: int, text: str, extra: dict | None = None) -> int:
        self._print(text, sys.stderr)
        if self.json:
            self._print(to_json({"status": "error" if code in (EXIT_UNEXPECTED, EXIT_INPUT)
                                 else None, "exit_code": code, **(extra or {})}), sys.stdout)
        return code

    def flush(self) -> None:
        """Flush both streams (a full disk shows here, for block-buffered files)."""
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                try:
                    stream.flush()
                except (OSError, ValueError):
                    _silence(stream)

    @staticmethod
    def _print(text: str, stream, flush: bool = False) -> None:
        if stream is None:  # started with the stream closed
            return
        try:
            print(text, file=stream, flush=flush)
        except (OSError, ValueError):  # EPIPE, ENOSPC, EIO, or closed
            _silence(stream)


def _silence(stream) -> None:
    """Point ``stream``'s file descriptor at the null device: later writes (and the
    interpreter's last flush) succeed, silently, instead of failing the run."""
    try:
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


# --------------------------------------------------------------------------- signals
#: the signal that interrupted the run (SIGINT unless SIGTERM was forwarded)
_LAST_SIGNAL: list[int] = []


@contextlib.contextmanager
def process_guards():
    """What a whole run of the command line lives under (:func:`model.cli.main.main`):

    * SIGTERM is handled like Ctrl-C (SIGINT): it calls whatever SIGINT does at that
      moment, so it stops a search keeping the best plan, or interrupts a write that
      then removes its temporary file (one place: :func:`_like_ctrl_c`);
    * errors of objects cleaned up after a failed write (a zip archive or an XML writer
      whose disk is full) are not printed: the run has already said what failed
      (``PARK_DEBUG=1`` shows them).
    """
    import signal
    import threading

    hook = sys.unraisablehook
    if not os.environ.get("PARK_DEBUG"):
        sys.unraisablehook = lambda _unraisable: None
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _like_ctrl_c) if main_thread else None
    _LAST_SIGNAL.clear()
    try:
        yield
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        gc.collect()  # while the quiet hook is on
        sys.unraisablehook = hook


def _like_ctrl_c(signum, frame):
    import signal

    _LAST_SIGNAL.append(signum)
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)
    else:
        raise KeyboardInterrupt


def interrupted(console: Console, written_before: int) -> int:
    """The exit code and message of a run stopped by Ctrl-C or SIGTERM: which files it
    had put in place (:func:`model.workbook.write.committed`), never more or less."""
    import signal

    written = committed()[written_before:]
    if written:
        console.warn(console.t("cli.interrupted_after", files=", ".join(written)))
    else:
        console.warn(console.t("cli.interrupted_nothing"))
    code = 128 + (_LAST_SIGNAL[-1] if _LAST_SIGNAL else signal.SIGINT)
    return EXIT_INTERRUPTED if code == 128 + signal.SIGINT else code


def default_output(input_path: str, suffix: str, scenarios=()) -> str:
    """``outputs/<input>[_<scenarios>]_<suffix>.xlsx``; the bundled example's results go to
    the project's own ``outputs/``, any other input's to ``outputs/`` where the command runs."""
    stem = os.path.splitext(os.path.basename(input_path))[0]
    if scenarios:
        stem += "_" + "+".join(scenarios)
    folder = os.path.join(ROOT, "outputs") if os.path.abspath(input_path) == EXAMPLE else "outputs"
    return os.path.join(folder, f"{stem}_{suffix}.xlsx")


def check_plan(console: Console, input_path: str | None, outputs: list) -> int | None:
    """Every file this run will write, checked together before anything is solved
    (:func:`model.workbook.outputs.plan`): None when they can all be written, else the
    exit code after saying why (2: two paths clash or one is the input; 1: a path
    cannot be written)."""
    try:
        plan(input_path, outputs)
    except PathClash as exc:
        return console.fail(EXIT_USAGE, console.t("cli.error", why=exc))
    except OutputError as exc:
        return console.fail(EXIT_UNEXPECTED, console.t("cli.error", why=exc))
    return None


def problems_output(console: Console) -> list:
    """The ``--problems`` file as an output of the run's plan (none when not asked)."""
    return [Output("the problems file", console.problems_file)] if console.problems_file else []


def input_failure(console: Console, problems, warnings, input_path: str, extra: str = "") -> int:
    """Exit 3: the problems (the first of each kind, then counts), a count, then the
    warnings (the first few); every one of them in the ``--problems`` file when asked."""
    lines, hidden = summarise(problems, lang=console.lang)
    n = total(problems)  # (validation lists at most 10,000 and counts the rest)
    t = console.t
    lines.append(t("cli.problems_found", n=f"{n:,}", s="s" if n != 1 else "", path=input_path,
                   extra=extra))
    lines.extend(w.text(console.lang) for w in warnings[:MAX_WARNINGS_SHOWN])
    if len(warnings) > MAX_WARNINGS_SHOWN:
        lines.append(t("cli.more_warnings", n=len(warnings) - MAX_WARNINGS_SHOWN))
    kept = keep_problems(console, list(problems) + list(warnings))
    if kept:
        lines.append(kept)
    elif hidden or len(warnings) > MAX_WARNINGS_SHOWN:
        lines.append(t("cli.problems_hint"))
    printed = set(lines)
    shown = [p for p in problems if p.text(console.lang) in printed] if hidden else list(problems)
    return console.fail(EXIT_INPUT, "\n".join(lines),
                        {"problems": [p.as_dict() for p in shown],
                         "problems_total": n, "problems_file": console.problems_file})


def keep_problems(console: Console, problems) -> str:
    """Write every problem to the ``--problems`` file, if asked; returns what to say."""
    if not console.problems_file:
        return ""
    try:
        write_problems(console.problems_file, list(problems), console.input_path,
                       _translator(console))
    except OutputError as exc:
        return f"Warning: the problems were not written to a file: {exc}"
    n = len(problems)
    return console.t("cli.problems_kept", n=f"{n:,}", s="s" if n != 1 else "",
                     path=console.problems_file)


def _translator(console: Console):
    """How the problems file is put in the console's language (None: as it is)."""
    if not console.t.zh:
        return None
    return lambda *sheet: translate_sheet(console.t, *sheet)


def show_warnings(console: Console, warnings, where: str = "") -> None:
    t = console.t
    for w in warnings[:MAX_WARNINGS_SHOWN]:
        console.warn(w.text(console.lang))
    if len(warnings) > MAX_WARNINGS_SHOWN:
        console.warn(t("cli.more_warnings", n=len(warnings) - MAX_WARNINGS_SHOWN)
                     + (t("cli.more_warnings_where", where=where) if where else ""))
    kept = keep_problems(console, warnings)
    if kept:
        console.warn(kept)


def fairness_refusal(park, what: str) -> str | None:
    """Fairness floors need each park's stand-alone plan, which only a single run makes:
    a batch or a robust plan would otherwise drop them without a word."""
    parks = [p.code for p in getattr(park, "parks", ()) if p.max_sacrifice is not None]
    if not parks or not park.regional:
        return None
    return (f"Error: {what} cannot keep the fairness floors of park(s) {', '.join(parks)} "
            "(max_sacrifice in the Parks sheet): a floor needs the park's plan on its own, "
            "which only a single run makes. Solve the workbook on its own, or blank "
            "max_sacrifice for this run (docs/regional.md).")
