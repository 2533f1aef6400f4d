"""Which few items a figure shows, when its notebook names the ones it was written about.

A notebook written about the seeds names its actors and nodes ("Russia", "Kosovo"); on
another corpus some may never occur, and the figure shows that corpus's most frequent
items instead (:func:`discoursekit.actors.actors_to_show`,
:func:`discoursekit.collocation.nodes_to_show`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def preferred_then_most(totals: pd.Series, preferred, k: int, *, key=None,
                        fn: str) -> list:
    """Up to ``k`` items: those of ``preferred`` whose ``key`` is in ``totals`` (in the
    order given, each key once, returned as given), then the other labels of ``totals``
    by total, largest first, ties by label."""
    if not (isinstance(k, (int, np.integer)) and k >= 0):
        raise ValueError(f"{fn}(): k must be a non-negative integer; got {k!r}.")
    key = key or (lambda item: item)
    chosen, taken = [], set()
    for item in preferred:
        label = key(item)
        if label in totals.index and label not in taken and len(chosen) < k:
            chosen.append(item)
            taken.add(label)
    rest = sorted(totals.drop(index=list(taken)).items(), key=lambda kv: (-kv[1], kv[0]))
    return chosen + [label for label, _ in rest][:k - len(chosen)]
