"""Validation of automatic coding against hand coding: precision, recall, F1, Cohen's kappa.

Any coding that gives a 0/1 decision per unit and category (frames, functions, stance
markers…) can be scored here against a "gold" hand coding of the same units, following
Grimmer & Stewart (2013): hand-code a sample with a written guide, then report precision,
recall and F1 per category and an agreement coefficient.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["validate_coding", "coding_errors", "read_codes"]

_TRUE = {"1", "1.0", "true", "yes", "y"}
_FALSE = {"0", "0.0", "false", "no", "n"}


def read_codes(path: str | Path, categories, *, key: str = "sample_id") -> pd.DataFrame:
    """Read a hand-coding CSV: ``key``, one 0/1 column per category, optional ``note``.

    Cells may be 0/1, true/false or yes/no (any case).  Returns ``key``, the categories as
    int (0/1) and ``note`` ("" when absent), in file order.

    Raises
    ------
    FileNotFoundError, ValueError
        Naming the file, the column and the row to fix.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; the hand codes are expected there "
                                "(one row per sampled unit, one 0/1 column per category).")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [c.strip() for c in raw.columns]
    missing = [c for c in [key, *categories] if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(map(repr, missing))}; the header "
                         f"must have {key!r}, one 0/1 column per category and optionally 'note'.")
    dupes = raw[key][raw[key].duplicated()].unique().tolist()
    if dupes:
        raise ValueError(f"{path}: {key} {dupes[0]!r} appears more than once; keep one row per "
                         "unit.")
    out = pd.DataFrame({key: raw[key].str.strip()})
    for cat in categories:
        cells = raw[cat].str.strip().str.lower()
        bad = ~cells.isin(_TRUE | _FALSE)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(f"{path}, row {i + 2} ({key} {raw[key].iloc[i]!r}), column {cat!r}: "
                             f"{raw[cat].iloc[i]!r} is not 0 or 1; code every cell 0 or 1.")
        out[cat] = cells.isin(_TRUE).astype(int)
    out["note"] = raw["note"] if "note" in raw.columns else ""
    return out


def _binary(frame: pd.DataFrame, cat: str, what: str) -> np.ndarray:
    values = frame[cat]
    if values.isna().any():
        raise ValueError(f"{what}[{cat!r}] has missing values; every unit needs a 0/1 code.")
    arr = values.astype(int).to_numpy()
    if not np.isin(arr, [0, 1]).all():
        raise ValueError(f"{what}[{cat!r}] must hold 0/1 or True/False; found "
                         f"{sorted(set(arr.tolist()) - {0, 1})[:3]}.")
    return arr


def _align(predicted: pd.DataFrame, gold: pd.DataFrame, categories, key):
    for name, df in (("predicted", predicted), ("gold", gold)):
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"validate_coding(): {name} must be a DataFrame with one 0/1 column "
                            "per category.")
    if categories is None:
        categories = [c for c in gold.columns if c in predicted.columns and c != key
                      and (pd.api.types.is_numeric_dtype(gold[c])
                           or pd.api.types.is_bool_dtype(gold[c]))]
    categories = list(categories)
    if not categories:
        raise ValueError("validate_coding(): no category columns shared by predicted and gold; "
                         "pass categories=[...].")
    for name, df in (("predicted", predicted), ("gold", gold)):
        missing = [c for c in categories if c not in df.columns]
        if missing:
            raise ValueError(f"validate_coding(): {name} has no column(s) {missing}.")
    if key is not None and key in predicted.columns and key in gold.columns:
        if set(predicted[key]) != set(gold[key]) or len(predicted) != len(gold):
            only = sorted(set(gold[key]) ^ set(predicted[key]))
            raise ValueError(f"validate_coding(): predicted and gold must code the same units; "
                             f"{key} {only[:3]} appear in only one of them." if only else
                             f"validate_coding(): {key} values repeat in one of the frames.")
        predicted = predicted.set_index(key).loc[gold[key]].reset_index()
    elif len(predicted) != len(gold):
        raise ValueError(f"validate_coding(): predicted has {len(predicted)} rows and gold "
                         f"{len(gold)}; pass frames of the same units in the same order, or "
                         f"both with a {key!r} column.")
    return predicted.reset_index(drop=True), gold.reset_index(drop=True), categories


def validate_coding(predicted: pd.DataFrame, gold: pd.DataFrame, *, categories=None,
                    key: str | None = "sample_id") -> pd.DataFrame:
    """Per-category agreement of a predicted coding with a gold (hand) coding.

    Parameters
    ----------
    predicted, gold : DataFrame
        One row per unit, one 0/1 (or boolean) column per category.  Rows are matched on
        ``key`` when both frames have it, otherwise by position.
    categories : list of str, optional
        Default: the numeric or boolean columns the two frames share.
    key : str or None, default "sample_id"

    Returns
    -------
    DataFrame
        One row per category, in the given order: ``category, n, gold_pos, pred_pos, tp,
        fp, fn, tn, precision, recall, f1, agreement, kappa``.

        - precision = tp / (tp + fp), NaN when nothing was predicted;
        - recall = tp / (tp + fn), NaN when the gold has no positive;
        - f1 = 2·tp / (2·tp + fp + fn), NaN when both are empty;
        - agreement = (tp + tn) / n, the observed agreement p_o;
        - kappa = (p_o − p_e) / (1 − p_e) (Cohen 1960), computed with
          :func:`sklearn.metrics.cohen_kappa_score`; NaN when p_e = 1 (both codings
          constant and equal), where it is undefined.

    Notes
    -----
    Grimmer & Stewart (2013) on validating automated content analysis; Cohen (1960) for
    kappa. With a small sample, a category with few gold positives has a very uncertain
    recall; report ``gold_pos`` beside every score.

    Examples
    --------
    >>> gold = pd.DataFrame({"conflict": [1, 1, 0, 0]})
    >>> pred = pd.DataFrame({"conflict": [1, 0, 1, 0]})
    >>> validate_coding(pred, gold, key=None)[["precision", "recall", "kappa"]].iloc[0].tolist()
    [0.5, 0.5, 0.0]
    """
    from sklearn.metrics import cohen_kappa_score

    predicted, gold, cats = _align(predicted, gold, categories, key)
    rows = []
    for cat in cats:
        p, g = _binary(predicted, cat, "predicted"), _binary(gold, cat, "gold")
        tp = int(((p == 1) & (g == 1)).sum())
        fp = int(((p == 1) & (g == 0)).sum())
        fn = int(((p == 0) & (g == 1)).sum())
        tn = int(((p == 0) & (g == 0)).sum())
        n = len(g)
        precision = tp / (tp + fp) if tp + fp else np.nan
        recall = tp / (tp + fn) if tp + fn else np.nan
        f1 = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else np.nan
        po = (tp + tn) / n if n else np.nan
        pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n ** 2 if n else np.nan
        if n == 0 or pe == 1:
            kappa = np.nan
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                kappa = float(cohen_kappa_score(g, p, labels=[0, 1]))
        rows.append((cat, n, tp + fn, tp + fp, tp, fp, fn, tn, precision, recall, f1, po,
                     kappa))
    return pd.DataFrame(rows, columns=["category", "n", "gold_pos", "pred_pos", "tp", "fp",
                                       "fn", "tn", "precision", "recall", "f1", "agreement",
                                       "kappa"])


def coding_errors(predicted: pd.DataFrame, gold: pd.DataFrame, *, categories=None,
                  key: str = "sample_id") -> pd.DataFrame:
    """Units where predicted and gold disagree, one row per (unit, category).

    Returns
    -------
    DataFrame
        ``key, category, error`` ("false positive" when predicted 1 and gold 0, "false
        negative" for the reverse), sorted by category (in the given order) then by
        ``key``.
    """
    predicted, gold, cats = _align(predicted, gold, categories, key)
    rows = []
    for cat in cats:
        p, g = _binary(predicted, cat, "predicted"), _binary(gold, cat, "gold")
        for i in np.flatnonzero(p != g):
            rows.append((gold[key].iloc[i], cat,
                         "false positive" if p[i] == 1 else "false negative"))
    out = pd.DataFrame(rows, columns=[key, "category", "error"])
    order = {c: i for i, c in enumerate(cats)}
    out["_c"] = out["category"].map(order)
    return (out.sort_values(["_c", "error", key], kind="stable").drop(columns="_c")
            .reset_index(drop=True))
