"""Where things live: the project folders, in one place (no paths in notebooks).

``DISCOURSEKIT_CORPUS``, ``DISCOURSEKIT_FIGURES`` and ``DISCOURSEKIT_BY`` override the
defaults, which is how ``python -m discoursekit build --corpus DIR --out DIR`` points the
notebooks at another corpus without editing them.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT", "SEEDS", "FIGURES", "NOTEBOOKS", "corpus_dir", "figures_dir", "group_by"]

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"


def corpus_dir() -> Path:
    """The corpus the notebooks analyse: ``$DISCOURSEKIT_CORPUS`` or ``seeds/``."""
    return Path(os.environ.get("DISCOURSEKIT_CORPUS") or SEEDS)


def figures_dir() -> Path:
    """Where figures are written: ``$DISCOURSEKIT_FIGURES`` or ``figures/``."""
    return Path(os.environ.get("DISCOURSEKIT_FIGURES") or FIGURES)


def group_by() -> str:
    """The metadata column that defines the groups: ``$DISCOURSEKIT_BY`` or ``author``."""
    return os.environ.get("DISCOURSEKIT_BY") or "author"
