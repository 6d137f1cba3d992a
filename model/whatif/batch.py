"""Batches of what-if runs (scenario comparisons and sweeps), serial, in a process pool or on Dask.

A batch is a list of :class:`PointSpec` (scenarios to compose, then changes such as
``--set`` and sweep values), all applied to one workbook read once.  The points are
cut into *chunks* of consecutive points; a chunk is the unit of work a worker gets:

* the worker applies each point's changes to its own copy of the workbook and
  validates it (the client has validated every point before anything is solved);
* points whose parks differ only in bounds share one compiled model, updated in
  place and warm-started (:mod:`model.whatif.reuse`);
* each portfolio is re-checked against its own park with numpy
  (:func:`model.data.portfolio.check`), exactly as a single run is.

The chunk size depends only on the number of points (:func:`default_chunk`), never
on the number of workers, and a chunk is always solved the same way: so a serial
run, ``--workers N`` and a Dask cluster give identical tables (HiGHS runs with a
fixed seed and, in batches, one thread per solve unless ``--threads`` says otherwise).
"""

from __future__ import annotations

import copy
import dataclasses
import math
import os
import sys
import time
from dataclasses import dataclass

from ..data.load import prepare
from ..data.overrides import Change
from ..data.portfolio import empty, resource_use
from ..data.region import ParkView
from ..solve.highs import SolveOptions
from ..solve.result import Result
from ..workbook.messages import msg
from ..workbook.problems import InputError, Problem
from ..workbook.read import RawWorkbook
from .reuse import group_by_family, solve_family

#: a chunk never holds more points than this (keeps tasks short on a cluster)
MAX_CHUNK = 25
#: aim for at least this many chunks, so that workers have something to share
TARGET_CHUNKS = 16


@dataclass(frozen=True)
class PointSpec:
    """One run of a batch: scenarios (composed, bases first), then changes on top."""

    index: int
    label: str  # "baseline", "land_cut_20", "point 12"
    scenarios: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()  # --set, then sweep values
    values: tuple = ()  # sweep parameter values, for the tables
    view: ParkView | None = None  # regional workbooks: one park planning alone


@dataclass(frozen=True)
class PointResult:
    """What a worker sends back for one point: its finished :class:`Result` (plain data,
    no Pyomo objects) and the point's capacities (shown even without a plan)."""

    index: int
    label: str
    result: Result
    capacities: tuple = ()  # resource_use rows of the point's park, without use

    # views used by the batch tables
    @property
    def status(self) -> str:
        return self.result.status.value

    @property
    def message(self) -> str:
        return self.result.outcome.message

    @property
    def objective(self):
        return self.result.outcome.objective

    @property
    def best_bound(self):
        return self.result.outcome.best_bound

    @property
    def mip_gap(self):
        return self.result.outcome.mip_gap

    @property
    def how(self) -> str:
        return self.result.how

    @property
    def seconds(self) -> float:
        return self.result.outcome.seconds

    @property
    def timings(self) -> dict:
        return self.result.timings

    @property
    def has_solution(self) -> bool:
        return self.result.has_solution

    @property
    def units(self):
        pf = self.result.portfolio
        return None if pf is None else pf.units

    @property
    def kpis(self) -> dict:
        m = self.result.measures
        return {} if m is None else m.kpis

    @property
    def counts(self) -> dict:
        m = self.result.measures
        if m is None:
            return {}
        return {**m.counts, "synergy_value": m.synergy_value, "cluster_bonus": m.cluster_bonus}

    @property
    def resources(self) -> list[dict]:
        m = self.result.measures
        if m is None:
            return [dict(row) for row in self.capacities]
        return [dataclasses.asdict(row) for row in m.resources]


def default_chunk(n_points: int) -> int:
    """Points per chunk: about n / 16, between 1 and 25 (a function of n only)."""
    return max(1, min(MAX_CHUNK, math.ceil(n_points / TARGET_CHUNKS)))


def chunks_of(specs: list[PointSpec], size: int) -> list[list[PointSpec]]:
    return [specs[k:k + size] for k in range(0, len(specs), size)]


# --------------------------------------------------------------------------- one point
def prepare_point(book: RawWorkbook, spec: PointSpec, path: str = "", sha: str = ""):
    """The point's :class:`~model.data.load.Loaded` (its own copy of the workbook; for a
    point with a view, the park that view sees)."""
    loaded = prepare(copy.deepcopy(book), path, sha, list(spec.scenarios), list(spec.changes))
    if spec.view is not None:
        loaded = dataclasses.replace(loaded, park=spec.view.apply(loaded.park))
    return loaded


@dataclass(frozen=True)
class Checked:
    """What the client keeps of a validated point (not the park: batches can be large)."""

    scenarios: tuple[str, ...]  # the composition, bases expanded
    changes: tuple[Change, ...]  # every applied change, with old and new value


def validate_points(book: RawWorkbook, specs: list[PointSpec], path: str = "", sha: str = ""
                    ) -> tuple[list[Checked | None], object, list[Problem], list[Problem]]:
    """Prepare every point. Returns (per point: Checked or None when invalid, the first
    valid point's park, errors, warnings).

    Errors name the point they belong to; a problem shared by several points (a bad
    ``--set`` given to all) is listed once, with how many points it affects.
    """
    checked, errors, warnings, park = [], {}, {}, None
    for spec in specs:
        try:
            item = prepare_point(book, spec, path, sha)
        except InputError as exc:
            checked.append(None)
            for p in exc.problems:
                errors.setdefault(_key(p), (p, []))[1].append(spec.label)
            for p in exc.warnings:
                warnings.setdefault(_key(p), (p, []))[1].append(spec.label)
            continue
        checked.append(Checked(tuple(item.scenarios), tuple(item.changes)))
        park = park if park is not None else item.park
        for p in item.warnings:
            warnings.setdefault(_key(p), (p, []))[1].append(spec.label)
    return checked, park, [_named(p, who, len(specs)) for p, who in errors.values()], \
        [_named(p, who, len(specs)) for p, who in warnings.values()]


def _key(p: Problem) -> tuple:
    return (p.message, p.sheet, p.row, p.column, p.cell, str(p.value), p.severity)


def _named(p: Problem, labels: list[str], n_points: int) -> Problem:
    if n_points == 1:
        return p
    if len(labels) == n_points and n_points > 1:
        who = msg("batch.every_point")
    elif len(labels) == 1:
        who = labels[0]
    else:
        who = msg("batch.and_more", label=labels[0], n=len(labels) - 1)
    return Problem(msg("batch.named", who=who, message=p.message), sheet=p.sheet, row=p.row, column=p.column,
                   value=p.value, expected=p.expected, severity=p.severity, cell=p.cell)


def run_chunk(book: RawWorkbook, specs: list[PointSpec], options: SolveOptions,
              reuse: bool = True, shortcuts: bool = True) -> list[PointResult]:
    """Solve one chunk (the unit of work of every executor).

    ``reuse=False`` builds every point from scratch and ``shortcuts=False`` solves every
    point in place without proving any from the others (both for the benchmark)."""
    t0 = time.perf_counter()
    loaded = [prepare_point(book, spec) for spec in specs]
    prep = (time.perf_counter() - t0) / max(1, len(specs))
    parks = [item.park for item in loaded]
    results: list[PointResult | None] = [None] * len(specs)
    for group in group_by_family(parks):
        solved = solve_family([(specs[k].label, parks[k]) for k in group], options, reuse,
                              shortcuts)
        for k, result in zip(group, solved):
            result = dataclasses.replace(result, timings={**result.timings, "prepare": prep})
            results[k] = PointResult(specs[k].index, specs[k].label, result,
                                     _capacities(parks[k]))
    return results


def _capacities(park) -> tuple:
    return tuple({**row, "used": None, "slack": None, "binding": None}
                 for row in resource_use(park, empty(park)))


# --------------------------------------------------------------------------- executors
def _progress(total: int, enabled: bool):
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a comfort, never a reason to fail
        return None
    if not enabled:
        return None
    return tqdm(total=total, unit="point", file=sys.stderr, dynamic_ncols=True,
                mininterval=0.5, leave=False)


_WORKER_SHARED = None


def _init_worker(shared) -> None:
    global _WORKER_SHARED
    _WORKER_SHARED = shared


def _pool_task(task, chunk):
    return task(_WORKER_SHARED, chunk)


def _batch_task(shared, chunk: list[PointSpec]) -> list[PointResult]:
    book, options, reuse = shared
    return run_chunk(book, chunk, options, reuse)


class DaskUnavailable(Exception):
    """``--dask`` was asked for but the optional packages are not installed."""


class ClusterError(Exception):
    """The Dask scheduler cannot be reached (message says where)."""


def run_batch(book: RawWorkbook, specs: list[PointSpec], options: SolveOptions,
              workers: int = 1, dask: str | None = None, chunk: int | None = None,
              progress: bool = False, reuse: bool = True) -> list[PointResult]:
    """Solve every point; results in the order of ``specs``."""
    size = chunk or default_chunk(len(specs))
    chunks = chunks_of(specs, size)
    bar = _progress(len(specs), progress)
    try:
        parts = execute(_batch_task, (book, options, reuse), chunks, workers, dask,
                        on_done=None if bar is None else lambda c, _part: bar.update(len(c)))
    finally:
        if bar is not None:
            bar.close()
    results = [r for part in parts for r in part]
    results.sort(key=lambda r: r.index)
    return results


def execute(task, shared, chunks: list, workers: int = 1, dask: str | None = None,
            on_done=None) -> list:
    """``task(shared, chunk)`` for every chunk, here, in ``workers`` local processes or on
    the Dask cluster at ``dask``; the results in the order of ``chunks``.

    The executors of every batch: what-if points (:func:`run_batch`) and, handed in by the
    command line, the probes of ``--explain`` (:mod:`model.insight.probes`).  ``task`` is a
    module-level function (processes and Dask workers import it by name) and ``shared``
    what every chunk needs (sent once per worker); ``on_done(chunk, result)`` is called as
    each chunk finishes (progress)."""
    if dask:
        return _run_dask(task, shared, chunks, dask, on_done)
    if workers and workers > 1 and len(chunks) > 1:
        return _run_pool(task, shared, chunks, workers, on_done)
    out = []
    for c in chunks:
        out.append(task(shared, c))
        if on_done is not None:
            on_done(c, out[-1])
    return out


def _run_pool(task, shared, chunks, workers, on_done) -> list:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn: the same on Linux, macOS and Windows, and no inherited solver state
    ctx = multiprocessing.get_context("spawn")
    out: list = [None] * len(chunks)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)) or 1, mp_context=ctx,
                             initializer=_init_worker, initargs=(shared,)) as pool:
        futures = {pool.submit(_pool_task, task, c): k for k, c in enumerate(chunks)}
        try:
            for fut in as_completed(futures):
                k = futures[fut]
                out[k] = fut.result()
                if on_done is not None:
                    on_done(chunks[k], out[k])
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
    return out


def _run_dask(task, shared, chunks, address, on_done) -> list:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise DaskUnavailable(
            "--dask needs the optional packages dask and distributed: "
            "pip install 'park-portfolio[dask]' (or pip install dask distributed)") from None
    try:
        client = Client(address, timeout=float(os.environ.get("PARK_DASK_TIMEOUT", "20")),
                        set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        try:
            # every worker must import this package (installed, or on its PYTHONPATH)
            client.run(exec, f"import {task.__module__}")
        except Exception as exc:  # noqa: BLE001 - the worker's own error, shown to the user
            raise ClusterError(
                f"the Dask workers at {address} cannot import this package ({exc}); install it "
                "on every worker (pip install 'park-portfolio[dask]' from this project) or "
                "start the workers with PYTHONPATH pointing at it") from None
        [shared_future] = client.scatter([shared], broadcast=True, hash=False)
        stamp = f"{os.getpid()}-{time.time_ns()}"
        futures = {client.submit(task, shared_future, c, pure=False,
                                 key=f"park-{task.__name__.strip('_')}-{k}-{stamp}"): k
                   for k, c in enumerate(chunks)}
        out: list = [None] * len(chunks)
        for fut in as_completed(list(futures), loop=client.loop):
            k = futures[fut]
            out[k] = fut.result()
            if on_done is not None:
                on_done(chunks[k], out[k])
        return out
    finally:
        client.close()
