"""What the comparisons share: checks of their inputs, square matrices, cosine rows, the
units (groups or documents) a comparison is over."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_choice

__all__ = ["DELTA_MEASURES", "MFW_SWEEP", "FRAME_KINDS"]

#: The two Delta measures: Burrows (2002) and Cosine Delta (Smith & Aldridge 2011).
DELTA_MEASURES = ("burrows", "cosine")
#: The default sweep of most-frequent-word counts.
MFW_SWEEP = (30, 50, 100, 200, 300)
FRAME_KINDS = ("issue", "generic")


# --- helpers ---------------------------------------------------------------------------------
def need_corpus(corpus, fn: str) -> None:
    if not (hasattr(corpus, "tokens") and hasattr(corpus, "docs")):
        raise TypeError(f"{fn}() takes a Corpus (from discoursekit.load_corpus); got "
                        f"{type(corpus).__name__}.")




def positive_int(name: str, value, fn: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{fn}(): {name} must be a positive integer; got {value!r}.")
    return int(value)


def doc_groups(corpus) -> dict:
    return dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))


def square(values: np.ndarray, labels, name: str) -> pd.DataFrame:
    out = pd.DataFrame(values, index=pd.Index(labels, name=name),
                       columns=pd.Index(labels, name=None))
    return out


def unit_rows(X: np.ndarray) -> np.ndarray:
    """The rows of X scaled to length 1 (a zero row stays zero)."""
    norms = np.sqrt((X ** 2).sum(axis=1))
    return X / np.where(norms > 0, norms, 1.0)[:, None]


def cosine_rows(X: np.ndarray) -> np.ndarray:
    """Cosine similarity between the rows of X; a zero row is similar only to itself."""
    U = unit_rows(X)
    S = U @ U.T
    S = np.clip((S + S.T) / 2, -1.0, 1.0)
    np.fill_diagonal(S, 1.0)
    return S


def check_square(sim, fn: str) -> pd.DataFrame:
    if not isinstance(sim, pd.DataFrame) or sim.shape[0] != sim.shape[1] or \
            list(sim.index) != list(sim.columns):
        raise ValueError(f"{fn}(): expected a square similarity matrix with the same labels on "
                         "rows and columns (the output of content_similarity, frame_similarity "
                         "or stance_similarity).")
    return sim


def profile_similarity(wide: pd.DataFrame, *, standardize: bool, basis: str) -> pd.DataFrame:
    wide = wide.sort_index().sort_index(axis=1)
    X = wide.to_numpy(dtype=float)
    dropped: list[str] = []
    if standardize:
        sd = X.std(axis=0, ddof=0)
        keep = sd > 1e-12
        dropped = [str(c) for c, k in zip(wide.columns, keep) if not k]
        X = (X[:, keep] - X[:, keep].mean(axis=0)) / sd[keep]
        used = [str(c) for c, k in zip(wide.columns, keep) if k]
    else:
        used = [str(c) for c in wide.columns]
    out = square(cosine_rows(X), list(wide.index), "group")
    out.attrs.update({"basis": basis, "measure": "cosine" + (" of z-scores" if standardize else ""),
                      "features": used, "dropped": dropped})
    return out



def units_of(corpus, by: str) -> dict:
    """Token lists (normalised) per unit: groups, documents or another metadata column."""
    tokens = corpus.tokens
    if by == "group":
        key = corpus.docs.set_index("doc_id")["group"]
    elif by == "doc_id":
        key = pd.Series(corpus.docs["doc_id"].to_numpy(), index=corpus.docs["doc_id"])
    else:
        from ..corpus import group_label
        if by not in corpus.docs.columns:
            check_choice("by", by, ["group", "doc_id"] + [c for c in corpus.docs.columns
                                                           if c not in ("text", "raw")])
        key = pd.Series([group_label(v, d) for v, d in zip(corpus.docs[by], corpus.docs["doc_id"])],
                        index=corpus.docs["doc_id"])
    unit = tokens["doc_id"].map(key)
    out: dict = {str(u): [] for u in key.unique()}
    for u, part in tokens.groupby(unit, sort=True):
        out[str(u)] = part["norm"].tolist()
    return out
