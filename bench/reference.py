"""A minimal reference model: the same MIP as :mod:`model.formulation`, built as arrays.

:func:`solve_reference` takes a validated :class:`~model.data.park.Park`, assembles the
MIP of ``model/formulation`` directly as a sparse matrix (COO triplets -> CSC with
scipy) and hands it to HiGHS in one ``passModel`` call (column-wise, with
integrality), then solves.  It exists to (a) measure how much of the production
pipeline's time is Pyomo overhead rather than HiGHS, and (b) cross-check the Pyomo
formulation's optimum on synthetic parks.

Independence: nothing is imported from :mod:`model.formulation`.  Target
coefficients and objective coefficients are recomputed here with numpy from the
park's data (only the data accessors ``Park.column`` and ``Park.years_from`` are
shared, since they *are* the input data).

Columns (variables), in this order
----------------------------------
* ``u[i,p]``, ``i*P + p``: integer ``0..U_i`` (0 for ``p < earliest_i``, for
  ``force_out`` and for an industry below an admission threshold: ``n_i - tau b_i < 0``
  for a minimum, ``> 0`` for a maximum);
* ``e[m,p]`` for candidates with ``U_i > 1`` only: binary (0 for ``p < earliest_i``);
  for ``U_i = 1`` the entry indicator ``E[i,p]`` is ``u[i,p]`` itself;
* ``s[l]`` for synergy links with a non-zero value: continuous ``[0, 1]``;
* ``w[c]`` for chains that can earn a cluster bonus (bonus > 0, a core member,
  at least ``min_supplementary`` supplementary members): binary.

With ``z_i = sum_p E[i,p]``, ``Z[i,p] = sum_{q<=p} E[i,q]`` and ``x_i = sum_p u[i,p]``,
rows (all as in the docstrings of ``model/formulation``):

* ``u[i,p] - U_i e[i,p] <= 0`` and ``e[i,p] - u[i,p] <= 0`` (``U_i > 1``);
* ``z_i <= 1`` (only with more than one phase), ``z_i >= 1`` for ``force_in``;
* resources: ``sum_i a_ir x_i <= C_r``; per phase with a capacity: stock
  ``sum_i a_ir sum_{q<=p} u[i,q] <= C_rp``, flow ``sum_i a_ir u[i,p] <= C_rp``
  (rows of resources nobody uses are skipped);
* requires ``Z[a,p] - Z[b,p] <= 0``; excludes ``z_a + z_b <= 1``;
* synergy ``v > 0``: ``s - z_a <= 0``, ``s - z_b <= 0``; ``v < 0``: ``s - z_a - z_b >= -1``;
* chains: ``Z[s,p] - sum_{k in core} Z[k,p] <= 0``; cluster ``w - sum_core z <= 0``,
  ``m_c w - sum_supp z <= 0`` (when ``m_c > 0``);
* targets: count ``sum_{members} z`` ``>=`` / ``<=`` value; shares and averages
  ``sum_i (flag_i - tau) b_i x_i >= 0`` (``<= 0`` for ``max_share``, whose sum runs
  over all industries with ``flag = [i in scope]``); ratios ``sum_i (n_i - tau b_i) x_i``
  ``>= 0`` (``<= 0`` for ``max_ratio``);
* objective (maximise): ``sum_k w_k / sigma_k * kpi_ik * Y_p`` on ``u[i,p]``, synergy
  values on ``s``, cluster bonuses on ``w``.
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

INF = np.inf


class _Rows:
    """Collects constraint rows as COO triplets plus row bounds."""

    def __init__(self):
        self.r: list[np.ndarray] = []
        self.c: list[np.ndarray] = []
        self.v: list[np.ndarray] = []
        self.lo: list[np.ndarray] = []
        self.hi: list[np.ndarray] = []
        self.n = 0

    def block(self, n_rows: int, lo, hi) -> int:
        """Reserve ``n_rows`` rows with bounds; returns the offset of the first one."""
        off = self.n
        self.n += n_rows
        self.lo.append(np.broadcast_to(np.asarray(lo, dtype=float), (n_rows,)))
        self.hi.append(np.broadcast_to(np.asarray(hi, dtype=float), (n_rows,)))
        return off

    def add(self, rows, cols, vals) -> None:
        rows = np.asarray(rows, dtype=np.int64).ravel()
        cols = np.asarray(cols, dtype=np.int64).ravel()
        vals = np.broadcast_to(np.asarray(vals, dtype=float), rows.shape)
        self.r.append(rows)
        self.c.append(cols)
        self.v.append(np.array(vals, dtype=float))


def _flatten(groups) -> tuple[np.ndarray, np.ndarray]:
    """Groups of ints -> (flat members, group index of each member)."""
    lens = np.fromiter((len(g) for g in groups), dtype=np.int64, count=len(groups))
    flat = np.fromiter((i for g in groups for i in g), dtype=np.int64, count=int(lens.sum()))
    return flat, np.repeat(np.arange(len(groups)), lens)


def build_arrays(park) -> dict:  # noqa: C901 - one function on purpose: the whole MIP,
    # read top to bottom against docs/formulation.md, independent of the product's families
    """The MIP of ``park`` as arrays (CSC matrix, bounds, costs, integrality)."""
    n = park.n
    P = len(park.phases)
    U = np.asarray(park.max_units, dtype=np.int64)
    earliest = np.asarray(park.earliest, dtype=np.int64)
    decision = np.array(park.decision, dtype=object)
    force_out = decision == "force_out"
    for h in getattr(park, "thresholds", ()):  # admission thresholds keep candidates out
        a, b = park.column(h.numerator), h.value * park.column(h.basis)
        slack = 1e-9 * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
        fails = (a - b > slack) if h.upper else (a - b < -slack)
        members = np.asarray(h.members, dtype=np.int64)
        force_out[members] |= fails[members]
    force_in = np.nonzero(decision == "force_in")[0]
    phase_idx = np.arange(P)
    before = phase_idx[None, :] < earliest[:, None]  # (n, P)

    # ---- columns -----------------------------------------------------------------------
    n_u = n * P
    u_col = np.arange(n_u, dtype=np.int64).reshape(n, P)
    multi = np.nonzero(U > 1)[0]
    n_e = len(multi) * P
    e_col = n_u + np.arange(n_e, dtype=np.int64).reshape(len(multi), P)
    entry = u_col.copy()
    entry[multi] = e_col

    links = park.links
    l_type = np.array([lk.type for lk in links], dtype=object)
    l_src = np.fromiter((lk.source for lk in links), dtype=np.int64, count=len(links))
    l_dst = np.fromiter((lk.target for lk in links), dtype=np.int64, count=len(links))
    l_val = np.fromiter((lk.value for lk in links), dtype=float, count=len(links))
    syn = np.nonzero((l_type == "synergy") & (l_val != 0))[0]
    s_col = n_u + n_e + np.arange(len(syn), dtype=np.int64)

    chains = park.chains
    bonus = np.array([c.cluster_bonus for c in chains], dtype=float)
    min_supp = np.array([c.min_supplementary for c in chains], dtype=np.int64)
    n_core = np.array([len(c.core) for c in chains], dtype=np.int64)
    n_supp = np.array([len(c.supplementary) for c in chains], dtype=np.int64)
    cluster = np.nonzero((bonus > 0) & (n_core > 0) & (n_supp >= min_supp))[0]
    w_col = n_u + n_e + len(syn) + np.arange(len(cluster), dtype=np.int64)
    n_col = n_u + n_e + len(syn) + len(cluster)

    lower = np.zeros(n_col)
    upper = np.empty(n_col)
    ub_u = np.where(before | force_out[:, None], 0, U[:, None]).astype(float)
    upper[:n_u] = ub_u.ravel()
    upper[n_u:n_u + n_e] = np.where(before[multi], 0.0, 1.0).ravel()
    upper[n_u + n_e:] = 1.0
    integrality = np.ones(n_col, dtype=np.int32)
    integrality[s_col] = 0

    # ---- objective ----------------------------------------------------------------------
    years = park.years_from()
    kpi = np.zeros(n)
    for term in park.objective:
        kpi = kpi + (term.weight / term.scale) * park.column(term.kpi)
    cost = np.zeros(n_col)
    cost[:n_u] = (kpi[:, None] * years[None, :]).ravel()
    cost[s_col] = l_val[syn]
    cost[w_col] = bonus[cluster]

    R = _Rows()

    def presence(rows, cand, p, sign):
        """sign * Z[cand, p] added to ``rows`` (vectorised over candidates)."""
        for q in range(p + 1):
            R.add(rows, entry[cand, q], sign)

    def chosen(rows, cand, sign):
        presence(rows, cand, P - 1, sign)

    # ---- units and entry ------------------------------------------------------------------
    if len(multi):
        off = R.block(n_e, -INF, 0.0)  # u - U e <= 0
        rows = off + np.arange(n_e)
        R.add(rows, u_col[multi].ravel(), 1.0)
        R.add(rows, e_col.ravel(), -np.repeat(U[multi], P).astype(float))
        off = R.block(n_e, -INF, 0.0)  # e - u <= 0
        rows = off + np.arange(n_e)
        R.add(rows, e_col.ravel(), 1.0)
        R.add(rows, u_col[multi].ravel(), -1.0)
    if P > 1:
        off = R.block(n, -INF, 1.0)
        chosen(off + np.arange(n), np.arange(n), 1.0)
    if len(force_in):
        off = R.block(len(force_in), 1.0, INF)
        chosen(off + np.arange(len(force_in)), force_in, 1.0)

    # ---- resources ------------------------------------------------------------------------
    for j, res in enumerate(park.resources):
        a = park.use[:, j]
        users = np.nonzero(a)[0]
        if not len(users):
            continue
        off = R.block(1, -INF, res.capacity)
        R.add(np.full(len(users) * P, off), u_col[users].ravel(), np.repeat(a[users], P))
        if park.has_phases:
            for p in range(P):
                cap = res.phase_capacity[p]
                if cap is None:
                    continue
                off = R.block(1, -INF, cap)
                qs = range(p + 1) if res.kind == "stock" else (p,)
                for q in qs:
                    R.add(np.full(len(users), off), u_col[users, q], a[users])

    # ---- links ------------------------------------------------------------------------------
    req = np.nonzero(l_type == "requires")[0]
    if len(req):
        off = R.block(len(req) * P, -INF, 0.0)
        base = off + np.arange(len(req)) * P
        for p in range(P):
            presence(base + p, l_src[req], p, 1.0)
            presence(base + p, l_dst[req], p, -1.0)
    exc = np.nonzero(l_type == "excludes")[0]
    if len(exc):
        off = R.block(len(exc), -INF, 1.0)
        rows = off + np.arange(len(exc))
        chosen(rows, l_src[exc], 1.0)
        chosen(rows, l_dst[exc], 1.0)
    pos = np.nonzero(l_val[syn] > 0)[0]
    if len(pos):
        for ends in (l_src, l_dst):
            off = R.block(len(pos), -INF, 0.0)
            rows = off + np.arange(len(pos))
            R.add(rows, s_col[pos], 1.0)
            chosen(rows, ends[syn[pos]], -1.0)
    neg = np.nonzero(l_val[syn] < 0)[0]
    if len(neg):
        off = R.block(len(neg), -1.0, INF)
        rows = off + np.arange(len(neg))
        R.add(rows, s_col[neg], 1.0)
        chosen(rows, l_src[syn[neg]], -1.0)
        chosen(rows, l_dst[syn[neg]], -1.0)

    # ---- chains -----------------------------------------------------------------------------
    if chains:
        core_flat, core_chain = _flatten([c.core for c in chains])
        supp_flat, supp_chain = _flatten([c.supplementary for c in chains])
        core_start = np.concatenate([[0], np.cumsum(n_core)])
        if len(supp_flat):
            n_pairs = len(supp_flat)
            off = R.block(n_pairs * P, -INF, 0.0)
            base = off + np.arange(n_pairs) * P
            # every (pair, core member of the pair's chain)
            cnt = n_core[supp_chain]
            rep = np.repeat(np.arange(n_pairs), cnt)
            within = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            core_of_pair = core_flat[core_start[supp_chain][rep] + within]
            for p in range(P):
                presence(base + p, supp_flat, p, 1.0)
                presence(base[rep] + p, core_of_pair, p, -1.0)
        if len(cluster):
            pos_in = -np.ones(len(chains), dtype=np.int64)
            pos_in[cluster] = np.arange(len(cluster))
            off = R.block(len(cluster), -INF, 0.0)  # w - sum_core z <= 0
            R.add(off + np.arange(len(cluster)), w_col, 1.0)
            sel = pos_in[core_chain] >= 0
            chosen(off + pos_in[core_chain[sel]], core_flat[sel], -1.0)
            need = cluster[min_supp[cluster] > 0]
            if len(need):
                pos_need = -np.ones(len(chains), dtype=np.int64)
                pos_need[need] = np.arange(len(need))
                off = R.block(len(need), -INF, 0.0)  # m w - sum_supp z <= 0
                R.add(off + np.arange(len(need)), w_col[pos_in[need]],
                      min_supp[need].astype(float))
                sel = pos_need[supp_chain] >= 0
                chosen(off + pos_need[supp_chain[sel]], supp_flat[sel], -1.0)

    # ---- targets ------------------------------------------------------------------------------
    industries = np.asarray(park.industries, dtype=bool)
    service = np.array([s == "service" for s in park.sector], dtype=float)
    for t in park.targets:
        members = np.asarray(t.members, dtype=np.int64)
        if t.kind in ("min_count", "max_count"):
            lo, hi = (t.value, INF) if t.kind == "min_count" else (-INF, t.value)
            off = R.block(1, lo, hi)
            chosen(np.full(len(members), off), members, 1.0)
            continue
        b = park.column(t.basis)
        if t.kind in ("min_ratio", "max_ratio"):
            coef = (park.column(t.numerator) - t.value * b)[members]
            keep = coef != 0
            lo, hi = (-INF, 0.0) if t.kind == "max_ratio" else (0.0, INF)
            off = R.block(1, lo, hi)
            R.add(np.full(int(keep.sum()) * P, off), u_col[members[keep]].ravel(),
                  np.repeat(coef[keep], P))
            continue
        if t.kind == "max_share":
            flag = np.zeros(n)
            flag[members] = 1.0
            members = np.nonzero(industries)[0]
        elif t.kind == "min_avg_competitiveness":
            flag = np.asarray(park.competitiveness, dtype=float)
        elif t.kind == "min_service_share":
            flag = service
        else:
            flag = np.asarray(park.international, dtype=float)
        coef = ((flag - t.value) * b)[members]
        keep = coef != 0
        members, coef = members[keep], coef[keep]
        lo, hi = (-INF, 0.0) if t.kind == "max_share" else (0.0, INF)
        off = R.block(1, lo, hi)  # an empty row is checked by HiGHS against its bounds
        R.add(np.full(len(members) * P, off), u_col[members].ravel(), np.repeat(coef, P))

    rows = np.concatenate(R.r) if R.r else np.zeros(0, dtype=np.int64)
    cols = np.concatenate(R.c) if R.c else np.zeros(0, dtype=np.int64)
    vals = np.concatenate(R.v) if R.v else np.zeros(0)
    A = sp.csc_matrix((vals, (rows, cols)), shape=(R.n, n_col))  # duplicates summed
    A.eliminate_zeros()
    A.sort_indices()
    return {
        "n_col": n_col, "n_row": R.n, "A": A, "cost": cost, "lower": lower, "upper": upper,
        "row_lower": np.concatenate(R.lo) if R.lo else np.zeros(0),
        "row_upper": np.concatenate(R.hi) if R.hi else np.zeros(0),
        "integrality": integrality, "n": n, "P": P,
    }


def solve_reference(park, time_limit=None, gap=0.0, threads=None, seed=20260101,
                    lp_relaxation=False) -> dict:
    """Build the MIP with numpy/scipy, pass it to HiGHS in one call, solve (maximise).

    ``lp_relaxation=True`` drops integrality: its optimum is exact and quick at every
    size, so it compares the two models' polytopes where the MIP cannot be proven.
    """
    import highspy

    t0 = time.perf_counter()
    d = build_arrays(park)
    t1 = time.perf_counter()

    A = d["A"]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", int(seed))
    h.setOptionValue("mip_rel_gap", float(gap))
    h.setOptionValue("mip_abs_gap", 1e-6)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    status = h.passModel(
        int(d["n_col"]), int(d["n_row"]), int(A.nnz),
        1,  # column-wise matrix
        -1,  # maximise
        0.0,
        d["cost"], d["lower"], d["upper"], d["row_lower"], d["row_upper"],
        A.indptr[:-1].astype(np.int32), A.indices.astype(np.int32), A.data.astype(float),
        np.zeros_like(d["integrality"]) if lp_relaxation else d["integrality"],
    )
    if status == highspy.HighsStatus.kError:
        raise RuntimeError("HiGHS refused the reference model")
    t2 = time.perf_counter()
    h.run()
    t3 = time.perf_counter()

    ms = h.getModelStatus()
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    obj = float(info.objective_function_value) if has_solution else None
    if lp_relaxation:
        bound = obj if ms == highspy.HighsModelStatus.kOptimal else None
    else:
        bound = (float(info.mip_dual_bound)
                 if has_solution or ms == highspy.HighsModelStatus.kOptimal else None)
    MS = highspy.HighsModelStatus
    if ms in (MS.kInfeasible, MS.kUnboundedOrInfeasible):
        state = "infeasible"
    elif has_solution:
        proven = ms == MS.kOptimal and (
            bound is None or abs(bound - obj) <= max(1e-6, 1e-6 * max(1.0, abs(obj))))
        state = "optimal" if proven else "feasible"
    else:
        state = "no_solution"
    units = None
    if has_solution:
        x = np.asarray(h.getSolution().col_value)[: d["n"] * d["P"]]
        units = np.rint(x).astype(int).reshape(d["n"], d["P"])
    return {
        "status": state,
        "objective": obj,
        "bound": bound,
        "units": units,
        "build_seconds": t1 - t0,
        "handoff_seconds": t2 - t1,
        "solve_seconds": t3 - t2,
        "n_col": int(d["n_col"]),
        "n_row": int(d["n_row"]),
        "nnz": int(A.nnz),
        "highs_status": str(ms),
    }


if __name__ == "__main__":  # python bench/reference.py WORKBOOK [--time-limit S]
    import argparse
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from model.data.validate import validate
    from model.workbook.read import read_workbook

    ap = argparse.ArgumentParser()
    ap.add_argument("workbook")
    ap.add_argument("--time-limit", type=float)
    ap.add_argument("--gap", type=float, default=0.0)
    args = ap.parse_args()
    t = time.perf_counter()
    book, _ = read_workbook(args.workbook)
    park, problems = validate(book)
    t_read = time.perf_counter() - t
    out = solve_reference(park, time_limit=args.time_limit, gap=args.gap)
    print({k: v for k, v in out.items() if k != "units"}, f"read+validate {t_read:.2f}s")
