"""Every number and path the command line takes, checked in one place (exit 2).

:data:`NUMBERS` gives each numeric flag its rule (whole or real, bounds); :func:`apply`
sets those rules as the ``type=`` of the parser's actions, and refuses to build a
parser in which some numeric flag has no rule, so a new flag cannot skip the check.
NaN, infinities and values outside the bounds are usage errors, said by argparse as
``argument --threads: ...`` with exit code 2.  Paths (the input, ``-o``, ``--template``,
``--report``, ``--write-model``, ``--problems``) must not be empty: ``-o ''`` is a
mistake in a script, not a request for the default.

**Threads and worker processes** are capped at what the machine has
(:func:`machine_cpus`: the CPUs this process may run on): more HiGHS threads or worker
processes than CPUs only slow a run down (``--threads 1000`` was 7x slower, ``--threads
100000`` aborted after minutes).  A larger number is accepted up to
:data:`MAX_PARALLEL`, capped, and the cap is said (:func:`cap_parallel`).
"""

from __future__ import annotations

import argparse
import math
import os
from dataclasses import dataclass

from ..workbook.messages import Message, msg

#: the largest --threads / --workers accepted at all (then capped at the machine's CPUs)
MAX_PARALLEL = 1024
#: the longest time limit accepted, in seconds (about 115 days)
MAX_SECONDS = 1e7
#: the keyed messages of the refusals below, by their English text: argparse keeps only
#: ``str(error)``, and the parser (model/cli/main.py) finds the message again to say it in
#: the run's language
REFUSED: dict[str, Message] = {}


def _refuse(message: Message) -> argparse.ArgumentTypeError:
    REFUSED[str(message)] = message
    return argparse.ArgumentTypeError(message)


@dataclass(frozen=True)
class Rule:
    """What one numeric flag accepts."""

    whole: bool
    low: float
    high: float
    low_open: bool = False  # low itself is refused
    high_open: bool = False  # high itself is refused
    what: str = ""  # e.g. "a number of seconds" (a Message: it reads in Chinese too)

    def _kind(self):
        return msg("option.whole" if self.whole else "option.number")

    def describe(self) -> str:
        lo = ">" if self.low_open else "≥"
        hi = "<" if self.high_open else "≤"
        return msg("option.range", what=self.what or self._kind(), lo=lo,
                   low=_fmt(self.low), hi=hi, high=_fmt(self.high))

    def __call__(self, text: str):
        try:
            value = int(text.strip()) if self.whole else float(text)
        except (ValueError, AttributeError):
            raise _refuse(msg("option.not_number", text=repr(text), kind=self._kind(),
                              expected=self.describe())) from None
        if not math.isfinite(value) or value < self.low or value > self.high or \
                (self.low_open and value == self.low) or (self.high_open and value == self.high):
            raise _refuse(msg("option.out_of_range", text=repr(text), expected=self.describe()))
        return value


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() and abs(x) < 1e15 else f"{x:g}"


SECONDS = Rule(False, 0, MAX_SECONDS, low_open=True, what=msg("option.seconds"))
#: flag destination -> rule; every int / float flag of the parser must be here
NUMBERS: dict[str, Rule] = {
    "time_limit": SECONDS,
    "probe_time_limit": SECONDS,
    "gap": Rule(False, 0, 1, high_open=True, what=msg("option.fraction")),
    "tolerance": Rule(False, 0, 1, high_open=True, what=msg("option.fraction")),
    "delta": Rule(False, 0, 1, low_open=True, high_open=True, what=msg("option.fraction")),
    "threads": Rule(True, 1, MAX_PARALLEL),
    "workers": Rule(True, 1, MAX_PARALLEL),
    "chunk": Rule(True, 1, 1_000_000),
    "points": Rule(True, 2, 1000),
    "alternatives": Rule(True, 0, 1000),
}

#: flags that name a file or folder (never empty)
PATHS = ("input", "output", "template", "report", "write_model", "problems")


def path(text: str) -> str:
    """A path argument: anything but empty (or blank) text."""
    if not text.strip():
        raise _refuse(msg("option.empty_path"))
    if "\0" in text:
        raise _refuse(msg("option.nul_path"))
    return text


def apply(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Give every numeric and path flag of ``parser`` its rule (see the module docstring).

    Raises AssertionError when a flag typed ``int`` or ``float`` has no rule in
    :data:`NUMBERS`: a new numeric flag must say what it accepts."""
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its actions here
        if action.dest in NUMBERS:
            action.type = NUMBERS[action.dest]
        elif action.type in (int, float):
            raise AssertionError(f"--{action.dest.replace('_', '-')} has no rule in "
                                 "model/cli/options.py NUMBERS")
        elif action.dest in PATHS:
            action.type = path
    return parser


def machine_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system says, else all)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def cap_parallel(args) -> list[str]:
    """Cap ``--threads`` and ``--workers`` at the machine's CPUs (in ``args``); returns
    the notes saying so."""
    cpus = machine_cpus()
    notes = []
    for flag in ("threads", "workers"):
        value = getattr(args, flag, None)
        if value is not None and value > cpus:
            setattr(args, flag, cpus)
            notes.append(msg("option.capped", flag=flag, value=value, cpus=cpus,
                             s="s" if cpus > 1 else ""))
    return notes
