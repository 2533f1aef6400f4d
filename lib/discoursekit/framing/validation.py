"""The seed corpus's hand-coded validation sample, and the lexicon scored on it
(held-out halves, a second round and a second coder; see
``lexicons/framing_validation_log.md``)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._validate import check_choice
from .coding import code_frames, code_functions
from .common import kind_of
from .lexicon import CATEGORY_IDS

__all__ = ["hand_coded_sample", "validate_lexicon", "coder_agreement", "lexicon_errors"]


# --- validation on the hand-coded sample ------------------------------------------------
def hand_coded_sample(folder: str | Path | None = None) -> pd.DataFrame:
    """The hand-coded validation sample: sentences merged with an independent coder's codes.

    Reads ``<folder>/framing_sample_sentences.csv`` (sample_id, doc_id, sent_id, split,
    text) and ``<folder>/framing_hand_codes.csv`` (sample_id, one 0/1 column per frame
    and function id, note); ``folder`` defaults to ``seeds/validation``.

    Returns
    -------
    DataFrame
        ``sample_id, doc_id, sent_id, split, text``, the 18 gold columns (as int) and
        ``note``, in sample order.
    """
    from .. import paths
    from ..validation import read_codes

    folder = Path(folder) if folder is not None else paths.SEEDS / "validation"
    sent_path = folder / "framing_sample_sentences.csv"
    if not sent_path.is_file():
        raise FileNotFoundError(f"{sent_path} does not exist; the validation sample lives in "
                                "seeds/validation/.")
    sents = pd.read_csv(sent_path, dtype={"sample_id": str, "doc_id": str, "split": str,
                                          "text": str}, keep_default_na=False)
    missing = {"sample_id", "split", "text"} - set(sents.columns)
    if missing:
        raise ValueError(f"{sent_path}: missing column(s) {sorted(missing)}.")
    codes = read_codes(folder / "framing_hand_codes.csv", CATEGORY_IDS)
    unknown = sorted(set(codes["sample_id"]) - set(sents["sample_id"]))
    if unknown:
        raise ValueError(f"{folder / 'framing_hand_codes.csv'}: sample_id {unknown[0]!r} is not in "
                         f"{sent_path.name}; the codes must use the sample's ids.")
    merged = sents.merge(codes, on="sample_id", how="inner", validate="one_to_one")
    return merged.reset_index(drop=True)


def _predict_sample(sample: pd.DataFrame) -> pd.DataFrame:
    texts = sample["text"].tolist()
    f, g = code_frames(texts), code_functions(texts)
    pred = pd.DataFrame({"sample_id": sample["sample_id"].to_numpy()})
    for part in (f, g):
        for cat in part.attrs["categories"]:
            pred[cat] = part[cat].astype(int).to_numpy()
    pred["cues"] = [dict(a, **b) for a, b in zip(f["cues"], g["cues"])]
    return pred


def _split(sample: pd.DataFrame, split: str | None) -> pd.DataFrame:
    if split is None:
        return sample
    check_choice("split", split, sorted(sample["split"].unique()) + [None],
                 what="split of the validation sample")
    return sample[sample["split"] == split].reset_index(drop=True)


def validate_lexicon(sample: pd.DataFrame, *, split: str | None = "test") -> pd.DataFrame:
    """Precision, recall, F1 and Cohen's kappa of the lexicon against the hand codes.

    Parameters
    ----------
    sample : DataFrame
        From :func:`hand_coded_sample`.
    split : {"test", "dev", "test2", None}, default "test"
        Which part to score: ``dev`` (round 1, tuned on), ``test`` (round 1, held out),
        ``test2`` (round 2: every other seed sentence, coded by a second coder after the
        lexicon was frozen again), or None for all.

    Returns
    -------
    DataFrame
        As :func:`discoursekit.validation.validate_coding`, one row per category, plus
        a ``kind`` column (issue, generic, function).
    """
    from ..validation import validate_coding

    part = _split(sample, split)
    scores = validate_coding(_predict_sample(part), part, categories=list(CATEGORY_IDS))
    scores.insert(1, "kind", scores["category"].map(kind_of))
    scores.attrs["split"] = split
    return scores


def coder_agreement(folder: str | Path | None = None) -> pd.DataFrame:
    """Agreement of two human coders on the re-coded sentences, and of the lexicon with each.

    A third coder, who saw only the coding guide and the sentences, re-coded a random
    subset of the round-1 test half (``<folder>/framing_recodes.csv``, laid out like
    ``framing_hand_codes.csv``).  Human agreement is the ceiling a lexicon can be judged
    against: where two careful readers disagree, no word list will do better.

    Returns
    -------
    DataFrame
        One row per category: ``category, kind, n``, ``pos_coder1``, ``pos_coder3``
        (sentences each coder marked), ``agreement_coders`` and ``kappa_coders`` (Cohen's
        κ between the two coders), ``kappa_lexicon_coder1`` and ``kappa_lexicon_coder3``
        (the lexicon against each coder, on the same sentences).
    """
    from .. import paths
    from ..validation import read_codes, validate_coding

    folder = Path(folder) if folder is not None else paths.SEEDS / "validation"
    sample = hand_coded_sample(folder)
    recodes = read_codes(folder / "framing_recodes.csv", CATEGORY_IDS)
    unknown = sorted(set(recodes["sample_id"]) - set(sample["sample_id"]))
    if unknown:
        raise ValueError(f"{folder / 'framing_recodes.csv'}: sample_id {unknown[0]!r} is not in "
                         "framing_sample_sentences.csv; re-codes must use the sample's ids.")
    first = sample[sample["sample_id"].isin(recodes["sample_id"])].reset_index(drop=True)
    pred = _predict_sample(first)
    cats = list(CATEGORY_IDS)
    humans = validate_coding(recodes, first, categories=cats)
    lex1 = validate_coding(pred, first, categories=cats)
    lex3 = validate_coding(pred, recodes, categories=cats)
    out = pd.DataFrame({"category": cats, "kind": [kind_of(c) for c in cats],
                        "n": humans["n"].to_numpy(), "pos_coder1": humans["gold_pos"].to_numpy(),
                        "pos_coder3": humans["pred_pos"].to_numpy(),
                        "agreement_coders": humans["agreement"].to_numpy(),
                        "kappa_coders": humans["kappa"].to_numpy(),
                        "kappa_lexicon_coder1": lex1["kappa"].to_numpy(),
                        "kappa_lexicon_coder3": lex3["kappa"].to_numpy()})
    return out


def lexicon_errors(sample: pd.DataFrame, *, split: str | None = "test",
                   categories=None) -> pd.DataFrame:
    """The disagreements between lexicon and hand codes, sentence by sentence.

    Returns
    -------
    DataFrame
        ``sample_id, category, error`` ("false positive": the lexicon coded it, the coder
        did not; "false negative": the reverse), ``cues`` (the words that fired), ``text``
        and the coder's ``note``; sorted by category order, then sample_id.
    """
    from ..validation import coding_errors

    part = _split(sample, split)
    pred = _predict_sample(part)
    errs = coding_errors(pred, part, categories=list(categories or CATEGORY_IDS))
    cues = dict(zip(pred["sample_id"], pred["cues"]))
    errs["cues"] = [", ".join(dict.fromkeys(h[0] for h in cues[s].get(c, [])))
                    for s, c in zip(errs["sample_id"], errs["category"])]
    info = part.set_index("sample_id")
    errs["text"] = errs["sample_id"].map(info["text"])
    errs["note"] = errs["sample_id"].map(info["note"]) if "note" in info else ""
    return errs
