#!/usr/bin/env python3
"""Katalog Inovasi command line. Run ``python build.py --help``."""

import sys

from katalog.cli import main

if __name__ == "__main__":
    sys.exit(main())
