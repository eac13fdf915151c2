"""The shipped data files (found relative to this package, never the working directory)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
