"""Frame shares corrected for coding error: the design-based estimator of Egami, Hinck,
Stewart & Wei (2023, "Using imperfect surrogates for downstream inference:
design-based supervised learning", NeurIPS).

Shares counted from automatic codes are biased wherever the coder errs (a lexicon that
over-fires inflates a share), and intervals that resample only the corpus ignore that
error.  With a random hand-coded sample whose inclusion probabilities π are known, the
pseudo-outcome of sentence i is

    Ỹ_i = ĝ_i + (R_i / π_i) · (Y_i − ĝ_i)

with ĝ_i the automatic code, Y_i the hand code and R_i = 1 if i was hand coded.  Its
mean over a group's sentences is unbiased for the group's true share however bad ĝ is
(a good ĝ only makes it more precise), and its variance, estimated from the spread of
Ỹ, carries the uncertainty of both the corpus and the coded sample.  Where the
automatic coder was trained on the same hand codes (a classifier), ĝ for the coded
sentences must come from models that did not see them (cross-fitting).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["corrected_profile", "pseudo_outcomes", "largest_corrections", "interval_coverage"]


def _keys(frame: pd.DataFrame, what: str) -> pd.Series:
    if "sentence_id" in frame.columns:
        return frame["sentence_id"].astype(str)
    if {"doc_id", "sent_id"} <= set(frame.columns):
        from .sheets import sentence_ids

        return sentence_ids(frame)
    raise ValueError(f"corrected_profile(): {what} needs 'sentence_id' or 'doc_id' and "
                     "'sent_id' columns to find the coded sentences.")


def pseudo_outcomes(auto, hand, coded_mask, prob) -> np.ndarray:
    """``ĝ + R/π · (Y − ĝ)`` (arrays of one length; ``hand`` and ``prob`` are read only
    where ``coded_mask`` is true)."""
    auto = np.asarray(auto, dtype=float)
    out = auto.copy()
    r = np.asarray(coded_mask, dtype=bool)
    out[r] += (np.asarray(hand, dtype=float)[r] - auto[r]) / np.asarray(prob, dtype=float)[r]
    return out


def corrected_profile(coded: pd.DataFrame, codes: pd.DataFrame, categories=None, *,
                      by: str = "group", crossfit: pd.DataFrame | None = None,
                      level: float = 0.95) -> pd.DataFrame:
    """Each group's share of sentences carrying each category, corrected for coding error.

    Parameters
    ----------
    coded : DataFrame
        Every sentence with its automatic codes: ``doc_id, sent_id``, the ``by`` column
        and one boolean column per category (from :func:`code_corpus_frames`, or a
        classifier's predictions joined to the sentences).
    codes : DataFrame
        The hand codes of a random sample (:func:`adjudicate`, or :func:`take_sample`):
        ``sentence_id`` (or ``doc_id, sent_id``), ``inclusion_prob`` and the categories.
    categories : list of str, optional
        Default: the categories present in both.
    by : str, default "group"
    crossfit : DataFrame, optional
        Out-of-fold automatic codes of the hand-coded sentences (same key and category
        columns), used for them in place of ``coded``'s: needed when the automatic coder
        was trained on these hand codes.
    level : float, default 0.95

    Returns
    -------
    DataFrame
        ``group, category, kind, n_sentences, n_coded``, the uncorrected share of
        automatic codes ``share_auto`` with its interval ``auto_low, auto_high``
        (sentences resampled, coder taken as right), the share among the hand-coded
        sentences ``share_hand`` (inclusion-weighted), and the corrected ``share`` with
        ``se, ci_low, ci_high`` (normal interval from the pseudo-outcomes, clipped to
        0–1; the point estimate itself is not clipped and can fall just outside 0–1 on a
        small sample), and ``note``: where every hand-coded sentence of the group agrees
        with its automatic code the correction's own spread is zero, and the interval
        cannot show the errors that so few coded sentences could miss (up to about
        3 / n_coded of the sentences, the "rule of three"); the note says so.

    Notes
    -----
    Egami, Hinck, Stewart & Wei (2023).  Sentences are treated as independent draws
    within a group; an interval over articles would be wider where articles differ.
    """
    if not isinstance(coded, pd.DataFrame) or not isinstance(codes, pd.DataFrame):
        raise TypeError("corrected_profile(coded, codes): pass the coded sentences and the "
                        "hand codes as DataFrames.")
    if by not in coded.columns:
        raise ValueError(f"corrected_profile(): by={by!r} is not a column of coded.")
    if "inclusion_prob" not in codes.columns:
        raise ValueError("corrected_profile(): codes has no 'inclusion_prob'; use the codes "
                         "of a sample drawn by coding_sheet (read_codes keeps it), or "
                         "take_sample(codes, sheet).")
    prob = pd.to_numeric(codes["inclusion_prob"], errors="coerce")
    if prob.isna().any() or ((prob <= 0) | (prob > 1)).any():
        raise ValueError("corrected_profile(): inclusion_prob must be in (0, 1] for every "
                         "hand-coded sentence; a sheet drawn by coding_sheet records it.")
    if categories is None:
        categories = [c for c in (coded.attrs.get("categories") or coded.columns)
                      if c in codes.columns and c in coded.columns
                      and c not in ("doc_id", "sent_id", "group", "text", "sentence_id")]
    cats = [categories] if isinstance(categories, str) else list(categories)
    for c in cats:
        for frame, name in ((coded, "coded"), (codes, "codes")):
            if c not in frame.columns:
                raise ValueError(f"corrected_profile(): {c!r} is not a column of {name}.")
    key = _keys(coded, "coded").to_numpy()
    hand_key = _keys(codes, "codes")
    if hand_key.duplicated().any():
        raise ValueError("corrected_profile(): a sentence has two hand codes; settle them "
                         "with adjudicate(codes) first.")
    where = pd.Series(np.arange(len(coded)), index=key)
    missing = sorted(set(hand_key) - set(key))
    if missing:
        raise ValueError(f"corrected_profile(): hand-coded sentence {missing[0]!r} is not in "
                         "coded; code the same corpus.")
    pos = where[hand_key.to_numpy()].to_numpy()
    mask = np.zeros(len(coded), dtype=bool)
    mask[pos] = True
    p = np.ones(len(coded))
    p[pos] = prob.to_numpy()
    kinds = coded.attrs.get("kinds") or {}
    from .common import kind_of

    z = stats.norm.ppf(1 - (1 - level) / 2)
    groups = coded[by].to_numpy()
    rows = []
    for cat in cats:
        auto = coded[cat].to_numpy(dtype=float)
        ghat = auto.copy()
        if crossfit is not None:
            cf = pd.Series(crossfit[cat].to_numpy(dtype=float), index=_keys(crossfit, "crossfit"))
            absent = sorted(set(hand_key) - set(cf.index))
            if absent:
                raise ValueError(f"corrected_profile(): crossfit has no code for {absent[0]!r}.")
            ghat[pos] = cf[hand_key.to_numpy()].to_numpy()
        y = np.zeros(len(coded))
        y[pos] = codes[cat].to_numpy(dtype=float)
        pseudo = pseudo_outcomes(ghat, y, mask, p)
        for g in sorted(pd.unique(groups)):
            m = groups == g
            n = int(m.sum())
            sm = m & mask
            est = float(pseudo[m].mean())
            se = float(pseudo[m].std(ddof=1) / np.sqrt(n)) if n > 1 else np.nan
            a = float(auto[m].mean())
            ase = float(auto[m].std(ddof=1) / np.sqrt(n)) if n > 1 else np.nan
            w = 1 / p[sm]
            hand = float((w * y[sm]).sum() / w.sum()) if sm.any() else np.nan
            k = int(sm.sum())
            agree = k > 0 and bool(np.all(y[sm] == ghat[sm]))
            note = (f"all {k} coded sentences agree with the automatic code: up to about "
                    f"{min(1.0, 3 / k):.0%} errors cannot be ruled out" if agree else "")
            rows.append((g, cat, kind_of(cat, kinds), n, k, a,
                         max(0.0, a - z * ase), min(1.0, a + z * ase), hand, est, se,
                         max(0.0, est - z * se), min(1.0, est + z * se), note))
    out = pd.DataFrame(rows, columns=["group", "category", "kind", "n_sentences", "n_coded",
                                      "share_auto", "auto_low", "auto_high", "share_hand",
                                      "share", "se", "ci_low", "ci_high", "note"])
    order = {c: i for i, c in enumerate(cats)}
    out = out.sort_values(["group", "category"], key=lambda s: s.map(order)
                          if s.name == "category" else s, kind="stable").reset_index(drop=True)
    if by != "group":
        out = out.rename(columns={"group": by})
    return out


def largest_corrections(corrected: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` group × category cells whose corrected share differs most from the share
    of automatic codes: ``group, category, share_auto, share, ci_low, ci_high,
    difference`` (corrected minus automatic), largest absolute difference first (ties in
    the profile's order), with the profile's row labels.

    >>> p = pd.DataFrame({"group": ["A", "B"], "category": ["x", "x"], "share_auto": [.2, .5],
    ...                   "share": [.3, .1], "ci_low": [0, 0], "ci_high": [1, 1]})
    >>> largest_corrections(p, 1)["group"].tolist()
    ['B']
    """
    out = corrected.assign(difference=corrected["share"] - corrected["share_auto"])
    out = out.reindex(columns=["group", "category", "share_auto", "share", "ci_low", "ci_high",
                               "difference"])
    return out.sort_values("difference", key=abs, ascending=False, kind="stable").head(int(n))


def interval_coverage(corrected: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """How often the intervals of automatic codes and of corrected shares hold a known
    share (``truth``: ``group, category, share``, e.g. from full hand coding), and how
    wide they are on average, over the group × category cells of ``corrected``.

    Returns a table indexed "automatic codes", "corrected", with the columns "interval
    holds the full hand-coded share" (share of cells) and "mean width".
    """
    known = truth.set_index(["group", "category"])["share"]
    true = known.reindex(pd.MultiIndex.from_frame(corrected[["group", "category"]])).to_numpy()
    rows = {}
    for name, lo, hi in (("automatic codes", "auto_low", "auto_high"),
                         ("corrected", "ci_low", "ci_high")):
        low, high = corrected[lo].to_numpy(), corrected[hi].to_numpy()
        rows[name] = (float(((low <= true) & (true <= high)).mean()), float((high - low).mean()))
    return pd.DataFrame.from_dict(rows, orient="index", columns=[
        "interval holds the full hand-coded share", "mean width"])
