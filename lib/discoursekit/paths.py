"""Where things live: the project folders, in one place (no paths in notebooks).

``DISCOURSEKIT_CORPUS``, ``DISCOURSEKIT_FIGURES`` and ``DISCOURSEKIT_BY`` override the
defaults, which is how ``python -m discoursekit build --corpus DIR --out DIR`` points the
notebooks at another corpus without editing them.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT", "SEEDS", "FIGURES", "NOTEBOOKS", "corpus_dir", "figures_dir", "group_by",
           "codebook_path", "codes_dir", "coding_dir", "actors_path", "actors_suggested",
           "actor_table_in_use"]

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


def codebook_path(corpus: str | Path | None = None) -> Path | None:
    """The corpus's codebook: ``$DISCOURSEKIT_CODEBOOK``, else ``codebook.yaml`` in the
    corpus folder if it exists, else None (the built-in codebook)."""
    if os.environ.get("DISCOURSEKIT_CODEBOOK"):
        return Path(os.environ["DISCOURSEKIT_CODEBOOK"])
    folder = Path(corpus) if corpus is not None else corpus_dir()
    path = folder / "codebook.yaml"
    return path if path.is_file() else None


def codes_dir(corpus: str | Path | None = None) -> Path:
    """Where the filled coding sheets of a corpus live: ``codes/`` in the corpus folder."""
    return (Path(corpus) if corpus is not None else corpus_dir()) / "codes"


def coding_dir() -> Path:
    """Where blank coding sheets are written: ``coding/`` beside the figures folder (with
    ``build --corpus DIR --out OUT``: ``OUT/coding``); never inside the corpus folder."""
    return figures_dir().parent / "coding"


def actors_path(corpus: str | Path | None = None) -> Path | None:
    """The corpus's actor table: ``$DISCOURSEKIT_ACTORS``, else ``actors.csv`` in the
    corpus folder if it exists, else None (the bundled table, which names the seeds'
    actors)."""
    if os.environ.get("DISCOURSEKIT_ACTORS"):
        return Path(os.environ["DISCOURSEKIT_ACTORS"])
    folder = Path(corpus) if corpus is not None else corpus_dir()
    path = folder / "actors.csv"
    return path if path.is_file() else None


def actor_table_in_use(path: str | Path | None = None) -> str | None:
    """The actor table a function uses: ``path``, else the corpus's
    (:func:`actors_path`), else None for the bundled table."""
    if path is None:
        path = actors_path()
    return None if path is None else str(path)


def actors_suggested() -> bool:
    """Whether the actor table in use was suggested from the corpus and not reviewed
    (``build --corpus`` on a folder without ``actors.csv`` sets
    ``$DISCOURSEKIT_ACTORS_SUGGESTED``)."""
    return bool(os.environ.get("DISCOURSEKIT_ACTORS_SUGGESTED"))
