"""Hand-coding samples, and agreement of the output with hand codes."""
from __future__ import annotations


import numpy as np
import pandas as pd

from ..sampling import stratified_sample

from .common import SAMPLE_SEED, STANCE_CATEGORIES, tok_key
from .markers import stance_markers
from .sentiment import sentiment, tone_of


# --- hand-coding samples and agreement -----------------------------------------------------
def coding_samples(corpus, *, seed: int = SAMPLE_SEED, n_stance: int = 72,
                   n_sentiment: int = 48, n_agency: int = 120) -> dict[str, pd.DataFrame]:
    """The three hand-coding samples given to an independent coder.

    Drawn from the corpus only (sentences, and mention spans from the actor table), with
    :func:`discoursekit.sampling.stratified_sample` by document and fixed seeds
    (``seed``, ``seed + 1``, ``seed + 2``).  No stance, sentiment or agency output is
    used.

    Returns
    -------
    dict of DataFrame
        ``"stance"``: ``sample_id, doc_id, sent_id, text`` (all sentences eligible);
        ``"sentiment"``: the same columns, sentences that mention an actor;
        ``"agency"``: ``sample_id, doc_id, sent_id, text, mention`` with the mention wrapped
        in ``[[…]]`` in ``text``.
    """
    from ..actors import actor_mentions

    sents = corpus.sentences
    st = stratified_sample(sents, n_stance, by="doc_id", seed=seed)
    st["sample_id"] = st["sample_id"].str.replace("s", "st", n=1)
    mentions = actor_mentions(corpus)
    with_actor = sents.merge(mentions[["doc_id", "sent_id"]].drop_duplicates(),
                             on=["doc_id", "sent_id"])
    se = stratified_sample(with_actor, n_sentiment, by="doc_id", seed=seed + 1)
    se["sample_id"] = se["sample_id"].str.replace("s", "se", n=1)
    m = mentions.merge(sents[["doc_id", "sent_id", "start", "text"]].rename(
        columns={"start": "sent_start"}), on=["doc_id", "sent_id"])
    ag = stratified_sample(m, n_agency, by="doc_id", seed=seed + 2)
    a, b = ag["start"] - ag["sent_start"], ag["end"] - ag["sent_start"]
    ag["text"] = [t[:x] + "[[" + t[x:y] + "]]" + t[y:] for t, x, y in zip(ag["text"], a, b)]
    ag["mention"] = ag["surface"]
    ag["sample_id"] = ag["sample_id"].str.replace("s", "ag", n=1)
    cols = ["sample_id", "doc_id", "sent_id", "text"]
    return {"stance": st[cols].reset_index(drop=True),
            "sentiment": se[cols].reset_index(drop=True),
            "agency": ag[cols + ["mention"]].reset_index(drop=True)}


def _split_items(cell) -> list[str]:
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [" ".join(tok_key(x)) if tok_key(x) else x.strip() for x in cell.split("|")
            if x.strip()]


def _canon(item: str) -> str:
    if item.strip() in {"?", "(…)"}:
        return item.strip()
    if item.strip().startswith("("):
        return "(…)"
    return " ".join(tok_key(item))


def stance_agreement(sample: pd.DataFrame, hand: pd.DataFrame, *,
                     lexicon: str | None = None) -> pd.DataFrame:
    """Precision and recall of each stance category against hand codes.

    Parameters
    ----------
    sample : DataFrame
        ``sample_id, text`` (the coded sentences).
    hand : DataFrame
        ``sample_id`` and one column per category holding the coder's markers separated by
        ``|``.

    Returns
    -------
    DataFrame
        ``category, tp, fp, fn, precision, recall, f1``.  Markers are compared per sentence
        as multisets of normalised items (so "Clearly" = "clearly"); an aside counts as
        "(…)".  A hand-coded item that is a multi-word phrase containing the automatic
        item (or the reverse) counts as a match.
    """
    missing = [c for c in STANCE_CATEGORIES if c not in hand.columns]
    if missing or "sample_id" not in hand.columns:
        raise ValueError(f"stance_agreement: hand codes need 'sample_id' and the columns "
                         f"{', '.join(STANCE_CATEGORIES)}; missing: "
                         f"{', '.join(missing) or 'sample_id'}.")
    merged = sample[["sample_id", "text"]].merge(hand, on="sample_id", how="inner")
    auto = stance_markers(merged["text"].tolist(), lexicon=lexicon)
    rows = []
    for cat in STANCE_CATEGORIES:
        tp = fp = fn = 0
        for cell, matches in zip(merged[cat], auto["matches"]):
            gold = [_canon(x) for x in (cell.split("|") if isinstance(cell, str) else [])
                    if x.strip()]
            pred = [_canon(m["item"]) for m in matches
                    if m["category"] == cat and m["voice"] == "author"]   # as the counts
            for p in pred:
                hit = next((g for g in gold if g == p or f" {p} " in f" {g} "
                            or f" {g} " in f" {p} "), None)
                if hit is not None:
                    gold.remove(hit)
                    tp += 1
                else:
                    fp += 1
            fn += len(gold)
        prec = tp / (tp + fp) if tp + fp else np.nan
        rec = tp / (tp + fn) if tp + fn else np.nan
        f1 = 2 * prec * rec / (prec + rec) if tp else (0.0 if tp + fp + fn else np.nan)
        rows.append({"category": cat, "tp": tp, "fp": fp, "fn": fn, "precision": prec,
                     "recall": rec, "f1": f1})
    out = pd.DataFrame(rows)
    out.attrs["n_sentences"] = len(merged)
    return out


def _kappa(a, b) -> float:
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(a, b))


def tone_agreement(sample: pd.DataFrame, hand: pd.DataFrame) -> pd.DataFrame:
    """VADER's sign against hand-coded tone: one row per sentence with both labels.

    Returns ``sample_id, text, compound, vader, tone`` with ``attrs`` ``accuracy``,
    ``kappa`` (Cohen 1960, via scikit-learn) and ``n``.  VADER's label uses the
    conventional thresholds: positive ≥ 0.05, negative ≤ −0.05 (Hutto & Gilbert 2014).
    """
    if not {"sample_id", "tone"} <= set(hand.columns):
        raise ValueError("tone_agreement: hand codes need the columns 'sample_id' and 'tone'.")
    bad = sorted(set(hand["tone"].dropna()) - {"positive", "negative", "neutral"})
    if bad:
        raise ValueError(f"tone_agreement: tone must be one of {{positive, negative, neutral}}; "
                         f"found {bad[0]!r}.")
    df = sample[["sample_id", "text"]].merge(hand[["sample_id", "tone"]], on="sample_id")
    df = df.dropna(subset=["tone"]).reset_index(drop=True)
    df["compound"] = sentiment(df["text"].tolist())["compound"]
    df["vader"] = tone_of(df["compound"])
    df = df[["sample_id", "text", "compound", "vader", "tone"]]
    df.attrs.update({"accuracy": float((df["vader"] == df["tone"]).mean()),
                     "kappa": _kappa(df["vader"], df["tone"]), "n": len(df)})
    return df


def agency_agreement(sample: pd.DataFrame, hand: pd.DataFrame) -> pd.DataFrame:
    """The agency rules against hand-coded labels for the marked mentions.

    The rules (:func:`discoursekit.actors.actor_agency`) are applied to the ``[[…]]``
    span of each sample sentence.  Returns ``sample_id, text, rule, role, label`` with
    ``attrs`` ``accuracy``, ``kappa`` and ``n``.
    """
    from ..actors import agency_at

    if not {"sample_id", "label"} <= set(hand.columns):
        raise ValueError("agency_agreement: hand codes need the columns 'sample_id' and "
                         "'label'.")
    df = sample[["sample_id", "text"]].merge(hand[["sample_id", "label"]], on="sample_id")
    df = df.dropna(subset=["label"]).reset_index(drop=True)
    out = []
    for t in df["text"]:
        a = t.index("[[")
        b = t.index("]]") - 2
        clean = t.replace("[[", "", 1).replace("]]", "", 1)
        out.append(agency_at(clean, a, b)[:2])
    df["rule"] = [o[0] for o in out]
    df["role"] = [o[1] for o in out]
    df = df[["sample_id", "text", "rule", "role", "label"]]
    df.attrs.update({"accuracy": float((df["rule"] == df["label"]).mean()),
                     "kappa": _kappa(df["rule"], df["label"]), "n": len(df)})
    return df
