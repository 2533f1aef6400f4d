"""The seed corpus's hand-coded checks, for notebooks 02 and 03.

The notebooks compare the automatic coders with hand codes of the five seed op-eds (the
files in ``seeds/validation``).  Those hand codes describe the seeds' sentences only: on
another corpus each check here returns None, and :func:`shown` says that the check is
left out, so that a notebook cell reads ``shown(checks, "tone")`` rather than a line of
``… if on_seeds else …``.

To validate the coders on a corpus of one's own, code a sample of its sentences
(notebook 06 and ``docs/own-frames.md``); these seed checks are the worked example.
"""
from __future__ import annotations

import pandas as pd

from . import paths

__all__ = ["LEFT_OUT", "is_seed_corpus", "framing_checks", "stance_checks", "shown",
           "status", "tone_agency_pairs", "tuned_vs_held_out", "instructive_errors",
           "second_round", "coder_kappas"]

#: What a check says on a corpus other than the seeds.
LEFT_OUT = "left out: not the seed corpus (the hand codes describe the seed op-eds only)"


def is_seed_corpus(corpus) -> bool:
    """Whether ``corpus`` is the seed corpus: the same texts, in the same order, as
    :data:`discoursekit.paths.SEEDS` loads to."""
    from .corpus import load_corpus

    seeds = load_corpus(paths.SEEDS)
    return corpus.docs["text"].tolist() == seeds.docs["text"].tolist()


def framing_checks(corpus) -> dict | None:
    """Notebook 02's checks of the frame lexicon against the seeds' hand codes.

    Returns None on another corpus; else a dict of ``sample`` (the hand-coded sample),
    ``test``, ``dev`` and ``test2`` (:func:`~discoursekit.framing.validate_lexicon` on the
    held-out test sentences, the development sentences the lexicon was tuned on, and the
    second coder's round), ``errors`` (:func:`~discoursekit.framing.lexicon_errors` of the
    test split) and ``coders`` (:func:`~discoursekit.framing.coder_agreement`).
    """
    from . import framing

    codes = paths.SEEDS / "validation" / "framing_hand_codes.csv"
    if not codes.is_file():
        return None
    sample = framing.hand_coded_sample()
    if not set(sample["doc_id"]) <= set(corpus.docs["doc_id"]) or not is_seed_corpus(corpus):
        return None
    return {"sample": sample,
            "test": framing.validate_lexicon(sample, split="test"),
            "dev": framing.validate_lexicon(sample, split="dev"),
            "test2": framing.validate_lexicon(sample, split="test2"),
            "errors": framing.lexicon_errors(sample, split="test"),
            "coders": framing.coder_agreement()}


def stance_checks(corpus, quotes: pd.DataFrame) -> dict | None:
    """Notebook 03's checks against the seeds' hand codes, or None on another corpus.

    ``quotes`` is :func:`discoursekit.stance.quotations` of the corpus.  The dict holds
    ``quotations`` (:func:`~discoursekit.stance.quotation_agreement` with the hand list of
    quotations), ``stance`` (:func:`~discoursekit.stance.stance_agreement` of the marker
    sample), ``tone`` (:func:`~discoursekit.stance.tone_agreement`: VADER against the
    coder's sentence tone) and ``agency`` (:func:`~discoursekit.stance.agency_agreement`:
    the agency rules against the coder).
    """
    from . import stance

    if not is_seed_corpus(corpus):
        return None
    v = paths.SEEDS / "validation"
    return {
        "quotations": stance.quotation_agreement(
            quotes, pd.read_csv(v / "quotations_hand_list.csv", keep_default_na=False)),
        "stance": stance.stance_agreement(
            pd.read_csv(v / "stance_sample_sentences.csv"),
            pd.read_csv(v / "stance_hand_codes.csv", dtype=str, keep_default_na=False)),
        "tone": stance.tone_agreement(pd.read_csv(v / "sentiment_sample_sentences.csv"),
                                      pd.read_csv(v / "sentiment_hand_codes.csv")),
        "agency": stance.agency_agreement(pd.read_csv(v / "agency_sample_mentions.csv"),
                                          pd.read_csv(v / "agency_hand_codes.csv")),
    }


def shown(checks: dict | None, name: str, *, summary: bool = False):
    """What a notebook cell shows of one check: the table (or, with ``summary``, its
    summary numbers rounded to three places), or :data:`LEFT_OUT` on another corpus."""
    if checks is None:
        return LEFT_OUT
    table = checks[name]
    if summary:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in table.attrs.items()}
    return table


def tone_agency_pairs(checks: dict) -> pd.DataFrame:
    """The tone and agency checks as one table of (check, sample_id, automatic, hand):
    the numbers behind notebook 03's confusion matrices."""
    tone = checks["tone"].rename(columns={"vader": "automatic", "tone": "hand"})
    agency = checks["agency"].rename(columns={"rule": "automatic", "label": "hand"})
    return pd.concat([tone.assign(check="tone"), agency.assign(check="agency")])[
        ["check", "sample_id", "automatic", "hand"]]


def status(checks: dict | None, what: str) -> str:
    """One line for the notebook: whether the checks run, or that ``what`` is left out."""
    if checks is None:
        return f"not the seed corpus: {what} is left out"
    return "the seed corpus: the validation below runs"


def tuned_vs_held_out(checks: dict | None):
    """Mean F1 and κ per kind of category on the sentences the lexicon was tuned on
    (dev) and on the held-out test sentences: how much the tuning flatters."""
    if checks is None:
        return LEFT_OUT
    return pd.concat({"dev (tuned on)": checks["dev"].groupby("kind")[["f1", "kappa"]].mean(),
                      "test (held out)": checks["test"].groupby("kind")[["f1", "kappa"]].mean()},
                     axis=1)


def instructive_errors(checks: dict | None):
    """One disagreement per category and kind of error (miss, false alarm), sentences
    whole: the lexicon's errors to read."""
    if checks is None:
        return LEFT_OUT
    from .explore import whole

    errors = checks["errors"]
    return whole(errors.groupby(["category", "error"]).head(1)[
        ["category", "error", "cues", "text", "note"]], name="disagreements")


def second_round(checks: dict | None):
    """Per category: gold positives, F1 and κ against the first coder's test round and
    against the second coder's round."""
    if checks is None:
        return LEFT_OUT
    cols = ["gold_pos", "f1", "kappa"]
    return pd.concat({"round 1 test (coder 1)": checks["test"].set_index("category")[cols],
                      "round 2 (coder 2)": checks["test2"].set_index("category")[cols]}, axis=1)


def coder_kappas(checks: dict | None, *, by_category: bool = False):
    """κ between the two human coders and between the lexicon and each coder: means per
    kind of category, or (``by_category``) each category with its positives."""
    if checks is None:
        return LEFT_OUT
    humans = checks["coders"]
    kappas = ["kappa_coders", "kappa_lexicon_coder1", "kappa_lexicon_coder3"]
    if by_category:
        return humans[["category", "n", "pos_coder1", "pos_coder3"] + kappas]
    return humans.groupby("kind")[kappas].mean()
