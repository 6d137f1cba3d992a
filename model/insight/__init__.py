"""Decision insight: why this portfolio, why not that one, and what to change when nothing fits.

Each answer is its own module, all working on private copies of the model that the
main solve compiled (:mod:`.workbench`):

* :mod:`.diagnose`: when the input is infeasible, the smallest change to the workbook
  (sheet ``Diagnosis``);
* :mod:`.sensitivity`: shadow prices of the fixed plan and true marginal values by
  re-solving with each capacity and target moved by ±Δ (sheet ``Sensitivity``);
* :mod:`.decisions`: every candidate forced the other way, what it costs and what
  blocks it (sheet ``Decisions``);
* :mod:`.frontier`: the efficient frontier of two KPIs (sheet ``Frontier`` with a chart);
* :mod:`.alternatives`: other portfolios within a tolerance of the optimum
  (sheet ``Alternatives``).

:mod:`.runner` runs every answer that applies to a run; :mod:`.settings` holds the flags
(imported by the command line before any solver library).  What runs by default and what
needs a flag is decided in :data:`.settings.DEFAULTS_NOTE` (and in ``docs/insight.md``):
cheap answers always, re-solve-per-item answers on request.
"""
