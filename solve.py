#!/usr/bin/env python3
"""Command line of the park portfolio optimizer. See ``python solve.py --help``."""

import sys

from model.cli import main

if __name__ == "__main__":
    sys.exit(main())
