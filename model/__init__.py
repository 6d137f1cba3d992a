"""Park portfolio optimizer: which industries and supplementary projects a park should attract.

The pipeline runs one way (each step a module):

``read`` -> ``overrides`` -> ``validate`` -> ``park`` (frozen data) -> ``formulation``
-> ``solver`` -> ``portfolio`` (extract + independent re-check) -> ``write``.

``pipeline`` wires the steps; ``cli`` is the command line behind ``solve.py``.
Imports are lazy so that ``--help`` and input errors come back quickly.
"""

__version__ = "0.1.0"
