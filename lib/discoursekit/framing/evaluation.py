"""The automatic coders judged on the user's own hand-coded sentences.

Three coders are compared per category: the lexicon (the codebook's cues), the
supervised :class:`FrameClassifier`, and their combination (a sentence carries the
category if either says so).  The classifier is scored by cross-validation grouped by
document — the sentences of one article never sit on both sides of a split, since
they share words a model could memorise — repeated with different seeded splits.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .codebook import Codebook, default_codebook

__all__ = ["document_folds", "cross_validated_codes", "coder_scores", "learning_curve",
           "recommend_coders", "CODERS"]

CODERS = ("lexicon", "classifier", "combination")


def document_folds(documents, *, n_splits: int = 5, n_repeats: int = 3,
                   seed: int = 20261207):
    """Yield ``(repeat, fold, train_index, test_index)``: grouped k-fold splits, repeated.

    Each repeat shuffles the documents with its own seed (``seed + repeat``) and deals
    them into ``min(n_splits, number of documents)`` folds (scikit-learn's
    ``GroupKFold(shuffle=True)``), so no document has sentences in both the training
    and the test part of a split.  With as many folds as documents every repeat gives
    the same leave-one-document-out splits.
    """
    from sklearn.model_selection import GroupKFold

    documents = np.asarray(documents)
    k = min(int(n_splits), len(np.unique(documents)))
    if k < 2:
        raise ValueError("cross-validation needs hand-coded sentences from at least two "
                         f"documents; these come from {len(np.unique(documents))}. Code "
                         "sentences of more articles.")
    # with one document per fold every repeat gives the same splits: run it once
    repeats = 1 if k == len(np.unique(documents)) else int(n_repeats)
    for r in range(repeats):
        split = GroupKFold(n_splits=k, shuffle=True, random_state=int(seed) + r)
        for f, (train, test) in enumerate(split.split(np.zeros(len(documents)),
                                                      groups=documents)):
            yield r, f, train, test


def _check(texts, codes, documents, codebook):
    from .lexicon import check_texts

    texts = check_texts(texts, "cross_validated_codes")
    book = default_codebook() if codebook is None else codebook
    if not isinstance(book, Codebook):
        raise TypeError("codebook must be a Codebook from load_codebook(path).")
    if len(codes) != len(texts) or len(documents) != len(texts):
        raise ValueError(f"texts ({len(texts)}), codes ({len(codes)}) and documents "
                         f"({len(documents)}) must have one row per hand-coded sentence.")
    cats = [c for c in book.ids() if c in codes.columns]
    if not cats:
        raise ValueError("the codes have no column named like a category of the codebook.")
    return texts, book, cats


def _lexicon_codes(texts, book, cats) -> np.ndarray:
    """The lexicon's code of each text for ``cats``: whether a cue of the category matches
    (the classifier's cue features)."""
    from .classifier import cue_features

    x, _ = cue_features(texts, book)
    place = {c: j for j, c in enumerate(book.frame_ids + book.function_ids)}
    return x.toarray()[:, [place[c] for c in cats]] > 0


def cross_validated_codes(texts, codes: pd.DataFrame, documents, *, codebook=None,
                          n_splits: int = 5, n_repeats: int = 3, seed: int = 20261207,
                          train_size: int | None = None, **classifier) -> pd.DataFrame:
    """Out-of-fold codes of the three coders for every hand-coded sentence.

    Parameters
    ----------
    texts : list of str
        The hand-coded sentences.
    codes : DataFrame
        Their hand codes (one 0/1 column per category; from :func:`adjudicate`), in the
        order of ``texts``.
    documents : sequence
        The document of each sentence (the groups of the cross-validation).
    codebook : Codebook, optional
    n_splits, n_repeats, seed
        See :func:`document_folds`.
    train_size : int, optional
        Train on a seeded random subset of this many sentences of each training part (the
        learning curve); default all.
    **classifier
        Passed to :class:`FrameClassifier` (``C``, ``use_cues``, ``min_df``).

    Returns
    -------
    DataFrame
        Long: ``repeat, row`` (position in ``texts``), ``document, category, gold,
        lexicon, classifier, combination`` (0/1), one row per repeat, sentence and
        category; the classifier's code comes from the model that did not see the
        sentence's document.
    """
    from .classifier import FrameClassifier

    texts, book, cats = _check(texts, codes, documents, codebook)
    documents = np.asarray(documents)
    gold = codes[cats].to_numpy(dtype=int)
    lex = _lexicon_codes(texts, book, cats)
    arr = np.asarray(texts, dtype=object)
    frames = []
    for r, _, train, test in document_folds(documents, n_splits=n_splits,
                                            n_repeats=n_repeats, seed=seed):
        if train_size is not None and train_size < len(train):
            rng = np.random.default_rng([int(seed), r, len(train), int(train_size)])
            train = np.sort(rng.choice(train, size=int(train_size), replace=False))
        model = FrameClassifier(book, **classifier).fit(
            list(arr[train]), pd.DataFrame(gold[train], columns=cats))
        pred = model.predict(list(arr[test]))
        clf = np.column_stack([pred[c].to_numpy(dtype=bool) for c in cats])
        for j, c in enumerate(cats):
            frames.append(pd.DataFrame({
                "repeat": r, "row": test, "document": documents[test], "category": c,
                "gold": gold[test, j], "lexicon": lex[test, j].astype(int),
                "classifier": clf[:, j].astype(int),
                "combination": (lex[test, j] | clf[:, j]).astype(int)}))
    out = pd.concat(frames, ignore_index=True)
    order = {c: i for i, c in enumerate(cats)}
    out = out.sort_values(["repeat", "category", "row"], key=lambda s: s.map(order)
                          if s.name == "category" else s, kind="stable").reset_index(drop=True)
    out.attrs["categories"] = cats
    out.attrs["kinds"] = {c: book.kinds[c] for c in cats}
    return out


def _metrics(tp, fp, fn, tn):
    """Precision, recall, F1 and Cohen's κ from (possibly weighted) counts, arrays."""
    with np.errstate(invalid="ignore", divide="ignore"):
        n = tp + fp + fn + tn
        precision = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        recall = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
        po = (tp + tn) / n
        pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n ** 2
        kappa = np.where(pe < 1, (po - pe) / (1 - pe), np.nan)
    return precision, recall, f1, kappa


def coder_scores(cv: pd.DataFrame, *, n_boot: int = 1000, level: float = 0.95,
                 seed: int = 20261207) -> pd.DataFrame:
    """Precision, recall, F1 and Cohen's κ of each coder per category, with intervals.

    Each measure is computed on the pooled out-of-fold codes of a repeat and averaged
    over the repeats.  The interval is a percentile bootstrap over the hand-coded
    sentences (the same resample applied to every repeat), with ``n_boot`` replicates.
    Sentences of one article are not independent, so the interval is if anything too
    narrow; with few coded sentences per category, read it as a floor on the
    uncertainty.

    Returns
    -------
    DataFrame
        ``category, kind, coder, n`` (sentences), ``positives`` (hand-coded 1s),
        ``precision, recall, f1, kappa`` and ``*_low``/``*_high`` for each.
    """
    rows = []
    rng = np.random.default_rng(int(seed))
    n_rows = cv["row"].max() + 1
    weights = rng.multinomial(n_rows, np.full(n_rows, 1 / n_rows), size=int(n_boot))
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    kinds = cv.attrs.get("kinds", {})
    for cat in cv.attrs.get("categories") or list(dict.fromkeys(cv["category"])):
        part = cv[cv["category"] == cat]
        for coder in CODERS:
            point, boots = [], []
            for _, rep in part.groupby("repeat", sort=True):
                rows_ = rep["row"].to_numpy()
                g, p = rep["gold"].to_numpy(bool), rep[coder].to_numpy(bool)
                cells = [(g & p), (~g & p), (g & ~p), (~g & ~p)]
                point.append(np.array(_metrics(*(c.sum() for c in cells)), dtype=float))
                w = weights[:, rows_]
                boots.append(np.array(_metrics(*(w @ c for c in cells)), dtype=float))
            with warnings.catch_warnings():     # a measure without positives is NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                point = np.nanmean(np.stack(point), axis=0) if point else np.full(4, np.nan)
                boot = np.nanmean(np.stack(boots), axis=0)              # 4 × n_boot
                q = np.nanquantile(boot, [lo, hi], axis=1)
            first = part[part["repeat"] == part["repeat"].min()]
            rows.append((cat, kinds.get(cat, ""), coder, len(first), int(first["gold"].sum()),
                         *[v for k in range(4) for v in (point[k], q[0, k], q[1, k])]))
    names = [f"{m}{s}" for m in ("precision", "recall", "f1", "kappa")
             for s in ("", "_low", "_high")]
    return pd.DataFrame(rows, columns=["category", "kind", "coder", "n", "positives"] + names)


def learning_curve(texts, codes: pd.DataFrame, documents, *, sizes=None, codebook=None,
                   n_splits: int = 5, n_repeats: int = 3, seed: int = 20261207,
                   **classifier) -> pd.DataFrame:
    """Cross-validated F1 of the classifier against the number of coded sentences.

    Default sizes: 25, 50, 100, 200, … below the size of a training part, and the whole
    part; on a sample too small for three of those, a quarter, half and three quarters
    of it.  For each size, every training part of the grouped cross-validation is cut to a
    seeded random subset of that many sentences (the test parts stay whole), so the
    curve shows what coding more sentences would buy.

    Returns
    -------
    DataFrame
        ``n_train, category, kind, f1, kappa`` (mean over repeats, pooled over folds),
        plus a row per size with ``category = "(micro)"``: F1 pooled over categories.
    """
    texts_, book, cats = _check(texts, codes, documents, codebook)
    n = len(texts_)
    if sizes is None:
        top = int(n * (1 - 1 / min(n_splits, len(set(documents)))))
        sizes = {s for s in (25, 50, 100, 200, 400, 800, 1600) if s < top}
        if len(sizes) < 3:        # a small sample: quarters of the training part instead
            sizes = {max(2, round(top * f)) for f in (0.25, 0.5, 0.75)}
        sizes = sorted(s for s in sizes | {top} if s <= top)
    rows = []
    for size in sizes:
        cv = cross_validated_codes(texts_, codes, documents, codebook=book, n_splits=n_splits,
                                   n_repeats=n_repeats, seed=seed, train_size=int(size),
                                   **classifier)
        g, p = cv["gold"].to_numpy(bool), cv["classifier"].to_numpy(bool)
        for cat in cats + ["(micro)"]:
            m = (cv["category"] == cat).to_numpy() if cat != "(micro)" else np.ones(len(cv), bool)
            per = []
            for r in sorted(cv["repeat"].unique()):
                k = m & (cv["repeat"] == r).to_numpy()
                per.append(_metrics((g[k] & p[k]).sum(), (~g[k] & p[k]).sum(),
                                    (g[k] & ~p[k]).sum(), (~g[k] & ~p[k]).sum()))
            per = np.array(per, dtype=float)
            rows.append((int(size), cat, book.kinds.get(cat, "all"),
                         float(np.nanmean(per[:, 2])) if not np.isnan(per[:, 2]).all() else np.nan,
                         float(np.nanmean(per[:, 3])) if not np.isnan(per[:, 3]).all() else np.nan))
    return pd.DataFrame(rows, columns=["n_train", "category", "kind", "f1", "kappa"])


def recommend_coders(scores: pd.DataFrame, *, min_f1: float = 0.7,
                     min_positives: int = 10) -> pd.DataFrame:
    """Per category, the coder with the best cross-validated F1, and whether it is good
    enough to use.

    A coder is recommended when its F1 is at least ``min_f1`` and the hand-coded sample
    holds at least ``min_positives`` sentences carrying the category (fewer make any
    score too uncertain).  Otherwise the advice says what to do: code more sentences,
    or code this category by hand.

    Returns
    -------
    DataFrame
        ``category, kind, positives, best, f1, f1_low, f1_high, use`` (the coder, or
        "none") and ``advice``.
    """
    rows = []
    for cat, part in scores.groupby("category", sort=False):
        ranked = part.assign(_f=part["f1"].fillna(-1)).sort_values(
            ["_f", "coder"], ascending=[False, True], kind="stable")
        best = ranked.iloc[0]
        pos = int(best["positives"])
        if pos < min_positives:
            use, advice = "none", (f"only {pos} coded sentence(s) carry it: code more "
                                   "sentences before trusting any coder")
        elif np.isnan(best["f1"]) or best["f1"] < min_f1:
            use, advice = "none", (f"best F1 {best['f1']:.2f} is below {min_f1:.2f}: code it by "
                                   "hand, or refine the codebook and code more sentences")
        else:
            use, advice = best["coder"], f"use the {best['coder']} (F1 {best['f1']:.2f})"
        rows.append((cat, best["kind"], pos, best["coder"], best["f1"], best["f1_low"],
                     best["f1_high"], use, advice))
    return pd.DataFrame(rows, columns=["category", "kind", "positives", "best", "f1", "f1_low",
                                       "f1_high", "use", "advice"])
