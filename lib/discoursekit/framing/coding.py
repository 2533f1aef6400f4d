"""Coding sentences with a lexicon or a codebook: one boolean column per category, with
the cues that fired and their offsets; and the lexicon as a table."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._validate import check_choice
from ..memo import on_corpus
from .lexicon import Lexicon, check_texts, lexicon_of, match_texts, units_of

__all__ = ["code_frames", "code_functions", "code_corpus_frames", "lexicon_table",
           "category_labels"]


def _code(texts, which: str, lexicon, matches=None) -> pd.DataFrame:
    """The coded table of ``texts`` (from their ``matches``, if already found)."""
    lex = lexicon_of(which, lexicon)
    matches = match_texts(texts, which, lexicon) if matches is None else matches
    out = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    for cat in lex.categories:
        out[cat] = np.array([cat in m for m in matches], dtype=bool)
    out["cues"] = pd.Series(matches, dtype=object)
    out.attrs["categories"] = list(lex.categories)
    out.attrs["labels"] = {c: lex.labels.get(c, c) for c in lex.categories}
    out.attrs["kinds"] = {c: lex.kinds.get(c, "other") for c in lex.categories}
    return out


def _with_codebook(which: str, lexicon, codebook, fn: str):
    """The lexicon to use: the codebook's part ``which`` if a codebook is given."""
    if codebook is None:
        return lexicon
    if lexicon is not None:
        raise ValueError(f"{fn}(): pass a codebook or a lexicon file, not both (a codebook "
                         "holds its cues; add the lexicon's categories to it instead).")
    if not hasattr(codebook, "lexicon"):
        raise TypeError(f"{fn}(): codebook must be a Codebook from load_codebook(path); got "
                        f"{type(codebook).__name__}.")
    return codebook.lexicon(which)


def _describe(out: pd.DataFrame, cats, codebook) -> None:
    """Record each category's label and kind in ``out.attrs`` (for profiles and figures)."""
    from .codebook import known_kinds, known_labels

    labels, kinds = known_labels(), known_kinds()
    if codebook is not None:
        labels, kinds = {**labels, **codebook.labels}, {**kinds, **codebook.kinds}
    out.attrs["labels"] = {c: labels.get(c, c) for c in cats}
    out.attrs["kinds"] = {c: kinds.get(c, "other") for c in cats}


def sentence_units(texts: list[str], lex: Lexicon) -> tuple[list, list]:
    """``(relabel rules, units of each text)``: tokenised once for frames and functions."""
    return lex.relabel, [units_of(t, lex.relabel, lex.relabelled) for t in texts]


def _corpus_matches(texts: list[str], *, lexicon, functions_lexicon, functions: bool):
    """``[frame matches, function matches or None]`` of each text (one task for a worker
    process of :func:`discoursekit.corpus._in_parallel`)."""
    units = sentence_units(texts, lexicon_of("frames", lexicon))
    return [match_texts(texts, "frames", lexicon, units),
            match_texts(texts, "functions", functions_lexicon, units) if functions else None]


def code_frames(texts, *, lexicon: str | Path | None = None, codebook=None) -> pd.DataFrame:
    """Code each sentence for the nine issue-specific and five generic frames.

    A sentence can carry several frames or none.  A frame is present when at least one of
    its cues matches (a word, a phrase or a pattern over normalised tokens; see
    ``lexicons/frames.yaml``) and no disambiguation rule vetoes the match.

    Parameters
    ----------
    texts : list or Series of str
        Sentences (any strings; one row of output per item, in order).
    lexicon : str or Path, optional
        A frames YAML file laid out like the built-in ``lexicons/frames.yaml``.
    codebook : Codebook, optional
        From :func:`load_codebook`: code its categories of every kind but "function"
        (a category without cues is never coded here; see :class:`FrameClassifier`).

    Returns
    -------
    DataFrame
        ``text``, one boolean column per frame id (:data:`FRAME_IDS`: issue frames
        first, then the generic frames of Semetko & Valkenburg 2000), and ``cues``: a
        dict ``{frame: [(surface, start, end), ...]}`` with the matched words and their
        character offsets in the sentence, for the frames that fired.

    Raises
    ------
    TypeError
        If ``texts`` is a single string or contains a non-string.
    ValueError
        If the lexicon file is malformed (the message names the category and cue).

    See Also
    --------
    code_functions : the four framing functions of Entman (1993).
    code_corpus_frames : frames and functions for every sentence of a corpus.

    Notes
    -----
    Issue frames follow the project's definitions and the Policy Frames Codebook
    (Boydstun et al. 2014); generic frames follow Semetko & Valkenburg (2000).  The
    coding guide for human coders is ``lexicons/framing_coding_guide.md``.

    Examples
    --------
    >>> out = code_frames(["In May, Serbia placed its troops on combat alert."])
    >>> bool(out.loc[0, "military_security"]), out.loc[0, "cues"]["military_security"][0]
    (True, ('troops', 26, 32))
    """
    return _code(check_texts(texts, "code_frames"), "frames", _with_codebook(
        "frames", lexicon, codebook, "code_frames"))


def code_functions(texts, *, lexicon: str | Path | None = None, codebook=None) -> pd.DataFrame:
    """Code each sentence for Entman's (1993) four framing functions.

    Parameters
    ----------
    texts : list or Series of str
    lexicon : str or Path, optional
        A functions YAML file laid out like ``lexicons/functions.yaml``.

    Returns
    -------
    DataFrame
        ``text``, boolean ``problem_definition``, ``causal_attribution``,
        ``moral_evaluation``, ``treatment_recommendation``, and ``cues`` (as in
        :func:`code_frames`).

    Notes
    -----
    Entman (1993): framing selects and makes salient to promote a problem definition, a
    causal interpretation, a moral evaluation and/or a treatment recommendation.
    Treatment recommendations are found through deontic modality ("must", "should",
    "need to", "it is time for"; Biber et al. 1999), with documented exclusions:
    epistemic "must have been", reported beliefs ("many believe the country should…"),
    "May" the month.

    Examples
    --------
    >>> out = code_functions(["NATO must create a coalition of the willing.",
    ...                       "In May, Serbia placed its troops on combat alert."])
    >>> out["treatment_recommendation"].tolist()
    [True, False]
    """
    return _code(check_texts(texts, "code_functions"), "functions", _with_codebook(
        "functions", lexicon, codebook, "code_functions"))


@on_corpus(files=("lexicon", "functions_lexicon"))
def code_corpus_frames(corpus, *, functions: bool = True, lexicon: str | Path | None = None,
                       functions_lexicon: str | Path | None = None,
                       codebook=None) -> pd.DataFrame:
    """Frames (and, by default, framing functions) for every sentence of a corpus.

    Parameters
    ----------
    corpus : Corpus
        From :func:`discoursekit.load_corpus`.
    functions : bool, default True
        Also code Entman's four functions (:func:`code_functions`).
    lexicon, functions_lexicon : str or Path, optional
        A frames YAML file and a functions YAML file to use instead of the built-in ones
        (see :func:`code_frames`, :func:`code_functions`; ``copy_lexicon`` makes editable
        copies).  An edited file is read again on the next call.
    codebook : Codebook, optional
        From :func:`load_codebook` (or :func:`corpus_codebook`): code its categories
        instead (frames, then functions, each in codebook order).  Not with ``lexicon``.

    Returns
    -------
    DataFrame
        One row per sentence in corpus order: ``doc_id, sent_id, group, start, end,
        position`` (relative position in the article, ``(sent_id + 0.5) / n``, in 0–1),
        ``text``, one boolean column per frame and function id, and ``cues`` (one dict
        per sentence for frames and functions together; offsets are relative to the
        sentence, add ``start`` for offsets in the document).
    """
    if not hasattr(corpus, "sentences") or not hasattr(corpus, "docs"):
        raise TypeError("code_corpus_frames() takes a Corpus (from discoursekit.load_corpus); "
                        "for a list of sentences use code_frames(texts).")
    sents = corpus.sentences
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = sents[["doc_id", "sent_id"]].copy()
    out.insert(2, "group", out["doc_id"].map(groups))
    out["start"], out["end"] = sents["start"].to_numpy(), sents["end"].to_numpy()
    n = out.groupby("doc_id", sort=False)["sent_id"].transform("size")
    out["position"] = (out["sent_id"] + 0.5) / n
    from ..corpus import _in_parallel

    texts = check_texts(sents["text"].tolist(), "code_corpus_frames")
    lexicon = _with_codebook("frames", lexicon, codebook, "code_corpus_frames")
    functions_lexicon = _with_codebook("functions", functions_lexicon, codebook,
                                       "code_corpus_frames")
    lexicon, functions_lexicon = (p if p is None or isinstance(p, Lexicon) else str(p)
                                  for p in (lexicon, functions_lexicon))
    lexicon_of("frames", lexicon)            # a bad lexicon fails here, before any worker
    if functions:
        lexicon_of("functions", functions_lexicon)
    # a large corpus is coded on every core, in document order (the same table)
    parts = _in_parallel(_corpus_matches, texts, lexicon=lexicon,
                         functions_lexicon=functions_lexicon, functions=functions,
                         doc_bounds=np.flatnonzero(sents["sent_id"].to_numpy() == 0))
    coded = [_code(texts, "frames", lexicon, [m for p in parts for m in p[0]])]
    if functions:
        coded.append(_code(texts, "functions", functions_lexicon,
                           [m for p in parts for m in p[1]]))
    out["text"] = sents["text"].to_numpy()
    cats = []
    for part in coded:
        for cat in part.attrs["categories"]:
            out[cat] = part[cat].to_numpy()
            cats.append(cat)
    out["cues"] = [dict(a, **(b or {})) for a, b in
                   zip(coded[0]["cues"], coded[1]["cues"] if functions else [None] * len(out))]
    out = out.reset_index(drop=True)
    out.attrs["categories"] = cats
    _describe(out, cats, codebook)
    return out


def lexicon_table(which: str = "frames", *, lexicon: str | Path | None = None,
                  codebook=None) -> pd.DataFrame:
    """The lexicon as a table: one row per cue.

    Parameters
    ----------
    which : {"frames", "functions"}
    lexicon : str or Path, optional
        A YAML file to read instead of the built-in one.
    codebook : Codebook, optional
        The cues of a codebook's categories instead (not with ``lexicon``).

    Returns
    -------
    DataFrame
        ``category, kind, type`` ("word", "phrase", "pattern"), ``cue, note``, and
        ``exclusion`` (the disambiguation rule, if any), in lexicon order.
    """
    check_choice("which", which, ["frames", "functions"], what="parameter of lexicon_table")
    lex = lexicon_of(which, _with_codebook(which, lexicon, codebook, "lexicon_table"))
    rows = []
    for c in lex.cues:
        kind = "pattern" if c.regex is not None else ("phrase" if len(c.tokens) > 1 else "word")
        excl = "; ".join(f"{name}: {p.pattern}" for name, p in
                         (("unless preceded by", c.unless_before),
                          ("unless followed by", c.unless_after)) if p is not None)
        rows.append((c.category, lex.kinds[c.category], kind, c.label, c.note, excl))
    return pd.DataFrame(rows, columns=["category", "kind", "type", "cue", "note", "exclusion"])


def category_labels(codebook=None) -> dict[str, str]:
    """Readable labels of every frame and function id: those of ``codebook`` if given,
    else the built-in codebook's with those of every codebook loaded in this session
    (:func:`load_codebook`), so that figures label a corpus's own categories."""
    if codebook is not None:
        return dict(codebook.labels)
    from .codebook import known_labels

    return known_labels()
