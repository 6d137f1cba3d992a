"""What every job of the command line shares: exit codes, the console, output paths,
and how an invalid input is reported.

Exit codes (README): 0 a solution was written; 1 the result cannot be written, or an
unexpected error; 2 command-line usage; 3 invalid input (every problem listed, nothing
written); 4 infeasible; 5 no feasible portfolio within the time limit.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass

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
    whose line alone goes to stdout), problems on stderr."""

    json: bool = False
    quiet: bool = False

    @property
    def out(self):
        return sys.stderr if self.json else sys.stdout

    def say(self, text: str = "") -> None:
        """Progress and results (left out with --quiet)."""
        if not self.quiet:
            print(text, file=self.out)

    def status(self, text: str) -> None:
        """The status line: shown even with --quiet, as its help promises."""
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(text, file=sys.stderr)

    def emit(self, summary: dict) -> None:
        """The one-line JSON summary (with --json)."""
        if self.json:
            print(to_json(summary, ensure_ascii=False))

    def fail(self, code: int, text: str, extra: dict | None = None) -> int:
        print(text, file=sys.stderr)
        if self.json:
            print(to_json({"status": "error" if code in (EXIT_UNEXPECTED, EXIT_INPUT) else None,
                           "exit_code": code, **(extra or {})}))
        return code


def default_output(input_path: str, suffix: str, scenarios=()) -> str:
    """``outputs/<input>[_<scenarios>]_<suffix>.xlsx``; the bundled example's results go to
    the project's own ``outputs/``, any other input's to ``outputs/`` where the command runs."""
    stem = os.path.splitext(os.path.basename(input_path))[0]
    if scenarios:
        stem += "_" + "+".join(scenarios)
    folder = os.path.join(ROOT, "outputs") if os.path.abspath(input_path) == EXAMPLE else "outputs"
    return os.path.join(folder, f"{stem}_{suffix}.xlsx")


def over_input(output: str, input_path: str) -> str | None:
    """The refusal when ``output`` is the input workbook itself (else None)."""
    if os.path.exists(output) and os.path.exists(input_path) and \
            os.path.samefile(output, input_path):
        return (f"Error: refusing to write the result over the input workbook {input_path}; "
                "choose another -o")
    return None


def input_failure(console: Console, problems, warnings, input_path: str, extra: str = "") -> int:
    """Exit 3: every problem, then a count, then the warnings (the first few)."""
    lines = [str(p) for p in problems]
    n = len(problems)
    lines.append(f"{n} problem{'s' if n != 1 else ''} found in {input_path}{extra}; nothing "
                 "was written.")
    lines.extend(str(w) for w in warnings[:MAX_WARNINGS_SHOWN])
    if len(warnings) > MAX_WARNINGS_SHOWN:
        lines.append(f"... and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings")
    return console.fail(EXIT_INPUT, "\n".join(lines),
                        {"problems": [p.as_dict() for p in problems]})


def show_warnings(console: Console, warnings, where: str = "") -> None:
    for w in warnings[:MAX_WARNINGS_SHOWN]:
        console.warn(str(w))
    if len(warnings) > MAX_WARNINGS_SHOWN:
        console.warn(f"... and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings"
                     + (f" (all are listed in the Warnings sheet of {where})" if where else ""))


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
