"""Parks that are hard for HiGHS on purpose, for tests of time limits and Ctrl-C.

:func:`knapsack_park` is a multidimensional knapsack written as a park, generated the way
Chu and Beasley (1998) generate their benchmark instances: 100 industries, 10 resources,
uses uniform on 1..1000, capacities half the total use, value added correlated with the
uses (sum of uses / 10 + uniform 0..500).  The empty plan is feasible, so HiGHS has a plan
within milliseconds, but proving optimality takes minutes: after 20 s on a 2-core machine
the gap was still 0.6 %.  :func:`cardinality_park` adds ``min_count = 56``, the most
industries that fit at once (found by solving with value 1 each, 0.2 s): a plan must then
choose exactly 56, and HiGHS needed more than 0.1 s to find the first one (1 s: found).
"""

from __future__ import annotations

import numpy as np


def knapsack_park(n: int = 100, m: int = 10, seed: int = 7) -> dict:
    rng = np.random.default_rng(seed)
    use = rng.integers(1, 1001, size=(n, m))
    capacity = np.floor(0.5 * use.sum(axis=0))
    value = np.floor(use.sum(axis=1) / m + 500 * rng.random(n))
    names = [f"r{k}" for k in range(m)]
    industries = [{"id": f"i{j:03d}", "sector": "manufacturing", "value_added": int(value[j]),
                   **{names[k]: int(use[j, k]) for k in range(m)}} for j in range(n)]
    return {
        "Industries": industries,
        "Resources": [{"resource": names[k], "capacity": int(capacity[k])} for k in range(m)],
        "Objective": [{"kpi": "value_added", "weight": 1}],
    }


def cardinality_park(count: int = 56) -> dict:
    park = knapsack_park()
    park["Targets"] = [{"target": "min_count", "value": count}]
    return park
