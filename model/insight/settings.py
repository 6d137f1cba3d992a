"""The insight flags of ``python solve.py`` and their checks (no solver libraries here,
so that ``--help`` and usage errors answer at once)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

DEFAULTS_NOTE = """\
Always: the Diagnosis sheet when the input is infeasible; the fixed-plan shadow prices
(one LP) in the Sensitivity sheet.  With --explain: the +/-delta re-solves of every
capacity and target, and the Decisions sheet (one MIP per candidate).  On request:
--frontier and --alternatives."""


@dataclass(frozen=True)
class InsightSettings:
    explain: bool = False
    delta: float = 0.10
    probe_time_limit: float | None = 10.0
    frontier: tuple[str, str] | None = None
    points: int = 5
    alternatives: int = 0
    tolerance: float = 0.01


class UsageError(Exception):
    """A bad insight flag (exit code 2)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The insight flags of ``python solve.py`` (one group, added in one place)."""
    g = parser.add_argument_group(
        "decision insight",
        "Always: a Diagnosis sheet when the input is infeasible, and the fixed-plan shadow "
        "prices in a Sensitivity sheet. The rest re-solves the model once per item, so it "
        "runs on request (see docs/insight.md).")
    g.add_argument("--explain", action="store_true",
                   help="also re-solve with every capacity and target moved by +/-delta "
                   "(Sensitivity) and force every candidate the other way (Decisions sheet)")
    g.add_argument("--delta", type=float, default=0.10, metavar="FRACTION",
                   help="relative change of capacities and targets for --explain (default 0.1)")
    g.add_argument("--probe-time-limit", type=float, default=10.0, metavar="SECONDS",
                   help="time limit of each re-solve of --explain, --frontier, --alternatives "
                   "and the diagnosis (default 10; a probe stopped by it says so)")
    g.add_argument("--frontier", metavar="KPI_A,KPI_B",
                   help="efficient frontier: maximise KPI_A for a grid of KPI_B values, "
                   "e.g. value_added,jobs or tax,service_share (Frontier sheet with a chart)")
    g.add_argument("--points", type=int, default=5, metavar="N",
                   help="points of the frontier (default 5)")
    g.add_argument("--alternatives", type=int, default=0, metavar="K",
                   help="up to K other portfolios within --tolerance of the optimum "
                   "(Alternatives sheet)")
    g.add_argument("--tolerance", type=float, default=0.01, metavar="FRACTION",
                   help="objective tolerance of --alternatives, relative to the optimum "
                   "(default 0.01)")


def settings_from_args(args) -> InsightSettings:
    """Check the insight flags; raises :class:`UsageError` with a plain message."""
    if not (0 < args.delta < 1):
        raise UsageError("--delta must be a fraction between 0 and 1, e.g. 0.1")
    if args.probe_time_limit is not None and args.probe_time_limit <= 0:
        raise UsageError("--probe-time-limit must be a positive number of seconds")
    if args.points < 2:
        raise UsageError("--points must be at least 2")
    if args.alternatives < 0:
        raise UsageError("--alternatives must be 0 or more")
    if not (0 <= args.tolerance < 1):
        raise UsageError("--tolerance must be a fraction from 0 to below 1, e.g. 0.01")
    frontier = None
    if args.frontier:
        parts = [p.strip() for p in args.frontier.split(",")]
        if len(parts) != 2 or not all(parts):
            raise UsageError("--frontier needs two KPIs separated by a comma, "
                             "e.g. --frontier value_added,jobs")
        frontier = (parts[0], parts[1])
    return InsightSettings(explain=args.explain, delta=args.delta,
                           probe_time_limit=args.probe_time_limit, frontier=frontier,
                           points=args.points, alternatives=args.alternatives,
                           tolerance=args.tolerance)
