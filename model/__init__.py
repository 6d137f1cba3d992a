"""Park portfolio optimizer: which industries and supplementary projects a park should attract.

The subpackages are the pipeline, in order (each imports only from those before it):

``workbook`` (read the Excel input, write results) -> ``data`` (scenarios, ``--set``,
validation, the frozen park) -> ``formulation`` (the MIP, one module per constraint
family) -> ``solve`` (HiGHS, the honest status, the re-checked plan) -> ``present``
(result tables, cover sheet, charts, words, report) -> ``insight`` and ``whatif``
(re-solves that explain one run, batches of runs) -> ``cli`` (``solve.py``).
"""

__version__ = "0.1.0"
