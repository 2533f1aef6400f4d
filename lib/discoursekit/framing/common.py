"""Helpers every framing analysis shares: which columns of a coded table are categories,
a category's kind, and checks of the tables passed in."""
from __future__ import annotations

import pandas as pd

from .lexicon import CATEGORY_IDS, FUNCTION_IDS, GENERIC_FRAMES, ISSUE_FRAMES

__all__ = []


def coded_categories(coded: pd.DataFrame) -> list[str]:
    """The category columns of a coded table: those it records (``attrs``), else the
    built-in ids and any codebook's ids that are columns of it."""
    from .codebook import known_labels

    recorded = coded.attrs.get("categories")
    if recorded:
        return [c for c in recorded if c in coded.columns]
    known = list(CATEGORY_IDS) + [c for c in known_labels() if c not in CATEGORY_IDS]
    return [c for c in known if c in coded.columns]


def categories_of(coded: pd.DataFrame, categories, fn: str) -> list[str]:
    if not isinstance(coded, pd.DataFrame):
        raise TypeError(f"{fn}() takes the DataFrame from code_corpus_frames(corpus).")
    if categories is None:
        categories = coded_categories(coded)
    categories = [categories] if isinstance(categories, str) else list(categories)
    missing = [c for c in categories if c not in coded.columns]
    if missing:
        raise ValueError(f"{fn}(): {missing[0]!r} is not a column of the coded frame; coded "
                         f"categories are: {', '.join(coded_categories(coded))}.")
    if not categories:
        raise ValueError(f"{fn}(): no categories to use; pass categories=FRAME_IDS or similar.")
    return categories


def require_columns(coded: pd.DataFrame, columns, fn: str):
    missing = [c for c in columns if c not in coded.columns]
    if missing:
        raise ValueError(f"{fn}(): the coded frame has no column(s) {missing}; pass the "
                         "DataFrame from code_corpus_frames(corpus).")


def kind_of(cat: str, kinds: dict | None = None) -> str:
    """The kind of a category: from ``kinds`` (a codebook's), else the built-in ids, else
    any codebook loaded in this session, else "other"."""
    if kinds and cat in kinds:
        return kinds[cat]
    if cat in ISSUE_FRAMES:
        return "issue"
    if cat in GENERIC_FRAMES:
        return "generic"
    if cat in FUNCTION_IDS:
        return "function"
    from .codebook import known_kinds

    return known_kinds().get(cat, "other")
