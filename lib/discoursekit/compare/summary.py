"""Synthesis: one row of headline measures per group, and the numbers of the author-profile
figure."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_frame
from .common import need_corpus, positive_int

__all__ = ["author_summary", "author_profile_table", "profile_actors", "PROFILE_ACTORS"]



# --- synthesis -------------------------------------------------------------------------------
def author_summary(corpus, *, keyness: pd.DataFrame | None = None,
                   profile: pd.DataFrame | None = None, rates: pd.DataFrame | None = None,
                   evaluation: pd.DataFrame | None = None, actor: str | None = "Russia",
                   frames=None) -> pd.DataFrame:
    """One row of headline measures per group.

    Parameters
    ----------
    corpus : Corpus
    keyness : DataFrame, optional
        :func:`discoursekit.keyness_all` (against the rest, stop words excluded) for
        the corpus's groups (``by=corpus.by``); computed if omitted.
    profile : DataFrame, optional
        :func:`discoursekit.frame_profile` of :func:`discoursekit.code_corpus_frames`.
    rates : DataFrame, optional
        :func:`discoursekit.stance_rates`.
    evaluation : DataFrame, optional
        :func:`discoursekit.actor_evaluation`.
    actor : str or None, default "Russia"
        The actor whose evaluation is summarised; None leaves the two columns out (a
        corpus that names no actor of the actor table).
    frames : list of str, optional
        Frames among which the dominant one is chosen (default: the issue-specific
        frames).

    Returns
    -------
    DataFrame
        ``group, documents, words, sentences, top_keyword, top_keyword_g2,
        dominant_frame, dominant_frame_share, treatment_share, deontic_per_1000,
        hedge_per_1000, compound_<actor>, n_<actor>`` — sorted by group.  ``top_keyword``
        is the positive keyword with the largest G² (significant or not);
        ``treatment_share`` the share of sentences coded as a treatment recommendation
        (Entman 1993); ``compound_<actor>`` the mean VADER compound (Hutto & Gilbert
        2014) of the sentences mentioning the actor (NaN if none).
    """
    need_corpus(corpus, "author_summary")
    from .. import framing, keywords, stance

    if keyness is None:
        keyness = keywords.keyness_all(corpus, by="group", stopwords=True)
    if profile is None:
        profile = framing.frame_profile(framing.code_corpus_frames(corpus))
    if rates is None:
        rates = stance.stance_rates(corpus)
    if evaluation is None:
        evaluation = stance.actor_evaluation(corpus)
    check_frame(keyness, ["group", "term", "g2"], "author_summary", "keyness_all")
    check_frame(profile, ["group", "category", "share"], "author_summary", "frame_profile")
    check_frame(rates, ["group", "category", "rate"], "author_summary", "stance_rates")
    if frames is None:        # the codebook's issue frames (the profile says each one's kind)
        frames = (list(dict.fromkeys(profile.loc[profile["kind"] == "issue", "category"]))
                  if "kind" in profile.columns else list(framing.ISSUE_FRAMES))
    docs = corpus.docs
    group_of = docs.set_index("doc_id")["group"]
    n_docs = docs["group"].value_counts()
    n_words = corpus.tokens["doc_id"].map(group_of).value_counts()
    n_sents = corpus.sentences["doc_id"].map(group_of).value_counts()
    top = keywords.top_keywords(keyness, n=1).set_index("group")
    prof = profile.set_index(["group", "category"])["share"]
    rate = rates.set_index(["group", "category"])["rate"]
    ev = (evaluation[evaluation["actor"] == actor].set_index("group")
          if evaluation is not None and len(evaluation) else pd.DataFrame())
    labels = framing.category_labels()
    rows = []
    for g in sorted(docs["group"].unique()):
        shares = {f: prof.get((g, f), np.nan) for f in frames}
        shares = {f: s for f, s in shares.items() if pd.notna(s) and s > 0}
        dom = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[0] if shares else (None, np.nan)
        rows.append({
            "group": g,
            "documents": int(n_docs.get(g, 0)),
            "words": int(n_words.get(g, 0)),
            "sentences": int(n_sents.get(g, 0)),
            "top_keyword": top.loc[g, "term"] if g in top.index else "",
            "top_keyword_g2": float(top.loc[g, "g2"]) if g in top.index else np.nan,
            "dominant_frame": labels.get(dom[0], dom[0]) if dom[0] else "",
            "dominant_frame_share": float(dom[1]) if dom[0] else 0.0,
            "treatment_share": float(prof.get((g, "treatment_recommendation"), np.nan)),
            "deontic_per_1000": float(rate.get((g, "deontic"), np.nan)),
            "hedge_per_1000": float(rate.get((g, "hedge"), np.nan)),
        })
        if actor is not None:
            rows[-1].update({
                f"compound_{actor}": float(ev.loc[g, "mean_compound"]) if g in ev.index
                else np.nan,
                f"n_{actor}": int(ev.loc[g, "n_sentences"]) if g in ev.index else 0})
    out = pd.DataFrame(rows)
    out.attrs.update({"actor": actor})
    return out


#: Actors shown in the author profile by default (those present are kept, in this order).
PROFILE_ACTORS = ("Russia", "Putin", "Serbia", "Vucic", "Kosovo", "NATO", "EU", "US")


def profile_actors(evaluation: pd.DataFrame, actors=PROFILE_ACTORS) -> list[str]:
    """The actors of the author profile: those of ``actors`` that ``evaluation`` has, in
    that order; if it has none of them (another corpus), its own most-mentioned actors
    (most sentences over all groups, ties by name), as many as ``actors`` has.

    >>> ev = pd.DataFrame({"actor": ["Council", "Mayor", "Council"], "n_sentences": [2, 5, 4]})
    >>> profile_actors(ev, ["Russia", "NATO"])
    ['Council', 'Mayor']
    >>> profile_actors(ev, ["Mayor", "Russia"])
    ['Mayor']
    """
    from .._shown import preferred_then_most

    actors = list(actors)
    if evaluation is None or not len(evaluation):
        return []
    present = [a for a in actors if a in set(evaluation["actor"])]
    if present:
        return present
    totals = evaluation.groupby("actor")["n_sentences"].sum()
    return preferred_then_most(totals, (), len(actors), fn="profile_actors")


def author_profile_table(keyness: pd.DataFrame, profile: pd.DataFrame, rates: pd.DataFrame,
                         evaluation: pd.DataFrame, *, n_keywords: int = 5, frames=None,
                         actors=PROFILE_ACTORS) -> pd.DataFrame:
    """The numbers of the author-profile figure, as one long table.

    Parameters
    ----------
    keyness, profile, rates, evaluation : DataFrame
        :func:`discoursekit.keyness_all` (against the rest), :func:`discoursekit.frame_profile`,
        :func:`discoursekit.stance_rates`, :func:`discoursekit.actor_evaluation`.
    n_keywords : int, default 5
        Keywords per group (largest G², as :func:`discoursekit.top_keywords`).
    frames : list of str, optional
        Default: the issue-specific frames and the treatment-recommendation function.
    actors : sequence of str
        Actors whose evaluation is shown (those absent from ``evaluation`` are skipped; if
        all are, the corpus's most-mentioned actors: :func:`profile_actors`).

    Returns
    -------
    DataFrame
        ``panel, group, item, value, lo, hi, n`` — panels "keywords" (Log Ratio with its
        bootstrap interval, ``n`` = frequency in the group), "frames" (share of sentences),
        "stance" (per 1,000 words), "actors" (mean VADER compound, ``n`` = sentences).
        Sorted by panel (in that order), group, then the order within the panel.

    Examples
    --------
    >>> kw = pd.DataFrame({"group": ["A"], "term": ["nato"], "g2": [5.0], "log_ratio": [2.0],
    ...                    "log_ratio_ci_low": [1.0], "log_ratio_ci_high": [3.0],
    ...                    "freq_target": [4]})
    >>> empty = pd.DataFrame(columns=["group", "category", "share", "ci_low", "ci_high",
    ...                               "count", "rate", "lo", "hi", "n"])
    >>> author_profile_table(kw, empty, empty, pd.DataFrame())[["panel", "item", "value"]]
          panel  item  value
    0  keywords  nato    2.0
    """
    from ..framing import ISSUE_FRAMES
    from ..keywords import top_keywords

    n_keywords = positive_int("n_keywords", n_keywords, "author_profile_table")
    if frames is None:        # the codebook's issue frames, then remedies (a framing function)
        issue = (list(dict.fromkeys(profile.loc[profile["kind"] == "issue", "category"]))
                 if "kind" in profile.columns and len(profile) else list(ISSUE_FRAMES))
        frames = issue + ["treatment_recommendation"]
    frames = list(frames)
    parts = []
    top = top_keywords(keyness, n=n_keywords)
    parts.append(pd.DataFrame({
        "panel": "keywords", "group": top["group"], "item": top["term"],
        "value": top["log_ratio"], "lo": top.get("log_ratio_ci_low", np.nan),
        "hi": top.get("log_ratio_ci_high", np.nan), "n": top.get("freq_target", np.nan),
        "_o": top.groupby("group").cumcount()}))
    fr = profile[profile["category"].isin(frames)]
    parts.append(pd.DataFrame({
        "panel": "frames", "group": fr["group"], "item": fr["category"], "value": fr["share"],
        "lo": fr["ci_low"], "hi": fr["ci_high"], "n": fr["count"],
        "_o": fr["category"].map({f: i for i, f in enumerate(frames)})}))
    cats = list(dict.fromkeys(rates["category"]))
    parts.append(pd.DataFrame({
        "panel": "stance", "group": rates["group"], "item": rates["category"],
        "value": rates["rate"], "lo": rates["lo"], "hi": rates["hi"], "n": rates["n"],
        "_o": rates["category"].map({c: i for i, c in enumerate(cats)})}))
    if len(evaluation):
        actors = profile_actors(evaluation, actors)
        ev = evaluation[evaluation["actor"].isin(actors)]
        order = {a: i for i, a in enumerate(actors)}
        parts.append(pd.DataFrame({
            "panel": "actors", "group": ev["group"], "item": ev["actor"],
            "value": ev["mean_compound"], "lo": ev["lo"], "hi": ev["hi"],
            "n": ev["n_sentences"], "_o": ev["actor"].map(order)}))
    parts = [p for p in parts if len(p)]
    cols = ["panel", "group", "item", "value", "lo", "hi", "n"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["_p"] = out["panel"].map({"keywords": 0, "frames": 1, "stance": 2, "actors": 3})
    out = out.sort_values(["_p", "group", "_o"], kind="mergesort")[cols].reset_index(drop=True)
    out["value"] = out["value"].astype(float)
    return out
