"""The command line behind ``solve.py``: :func:`main` parses the flags and runs one job."""

from .main import main

__all__ = ["main"]
