"""Obligation: whom each deontic marker obliges."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import fold

from .markers import corpus_markers
from .voices import chosen_voices
from .quotations import REPORTED_CLAUSE_VERBS


# --- obligation: who must act ------------------------------------------------------------
_CLAUSE_WORDS = {"that", "which", "who", "if", "and", "but", "while", "when", "because",
                 "so", "then", "therefore", "however", "also", "still", "thus", "where"}


def obligation_targets(corpus, *, lexicon: str | None = None,
                       table=None, voice="author") -> pd.DataFrame:
    """Who each deontic marker obliges: the subject before "must", "should", "need to"…

    Parameters
    ----------
    corpus : Corpus
    lexicon : str, optional
        Stance lexicon (see :func:`stance_markers`).
    table : str or Path, optional
        Actor table used to map the subject to an actor.
    voice : {"author", "quoted", "reported", "all"} or a list, default "author"
        Whose obligations: by default the author's own, not a quoted or reported
        speaker's (see :func:`discoursekit.stance.stance_markers`).

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, item, subject, target, text, voice, speaker`` — one
        row per deontic
        marker.  ``subject`` is the words between the previous clause boundary (a comma,
        semicolon, dash, or a conjunction such as *that*, *if*, *and* — except an *and*
        joining two names) and the marker; ``target`` is the first actor of the subject in
        the actor table, else ``"(pronoun)"`` for *they/we/it/he…*, ``"(impersonal)"`` for
        *it is essential that…, it is time…*, or ``"(other)"``.

    Notes
    -----
    A word-order proxy for the agent of a directive (Hyland 2005, directives; van
    Leeuwen 2008, activation): in "The United States and Europe must make it clear…"
    the target is US (the first actor named).  Pronouns are not resolved.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
    ...     "NATO must act now. The Kremlin sends weapons. Kosovo was attacked by Serbia."]}))
    >>> obligation_targets(corpus)[["group", "item", "target"]]
      group  item target
    0     A  must   NATO
    """
    from ..actors import find_actors

    ss = corpus.sentences
    wanted = chosen_voices(voice)
    m = corpus_markers(corpus, lexicon=lexicon)
    m = m[(m["category"] == "deontic") & m["voice"].isin(wanted)].reset_index(drop=True)
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    row_of = {(d, int(k)): i for i, (d, k) in enumerate(zip(ss["doc_id"], ss["sent_id"]))}
    at = np.array([row_of[d, int(k)] for d, k in zip(m["doc_id"], m["sent_id"])],
                  dtype=np.int64)
    texts, doc_ids, sent_ids = (ss[c].to_numpy()[at] for c in ("text", "doc_id", "sent_id"))
    subjects = []
    for text, start in zip(texts, m["start"]):
        before = text[:start]
        words = re.findall(r"[\w’'.-]+|[,;:—–()“”\"]", before)
        span: list[str] = []
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            joins_names = (fold(w) in {"and", "or"} and span and span[-1][:1].isupper()
                           and k > 0 and words[k - 1][:1].isupper())
            if not joins_names and (w in {",", ";", ":", "—", "–", "(", ")", "“", "”", '"'}
                                    or fold(w) in _CLAUSE_WORDS
                                    or fold(w) in REPORTED_CLAUSE_VERBS):
                if span:
                    break
                continue
            span.append(w)
        subjects.append(" ".join(reversed(span)))
    # the first actor named in each subject: one pass over all of them (the table is
    # checked even when no sentence has a deontic marker)
    mentions = find_actors(subjects, table=table)
    first_actor = dict(zip(mentions["text_id"][::-1], mentions["actor"][::-1]))
    rows = []
    for k, (item, subject) in enumerate(zip(m["item"], subjects)):
        key = fold(item)
        if key.startswith("it ") or key.endswith(" that") or key == "is necessary":
            target = "(impersonal)"
        elif k in first_actor:
            target = first_actor[k]
        elif fold(subject) in {"they", "we", "it", "he", "she", "you", "i", "all they"}:
            target = "(pronoun)"
        else:
            target = "(other)"
        rows.append({"doc_id": doc_ids[k], "sent_id": int(sent_ids[k]),
                     "group": groups[doc_ids[k]], "item": item, "subject": subject,
                     "target": target, "text": texts[k], "voice": m["voice"].iat[k],
                     "speaker": m["speaker"].iat[k]})
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "item", "subject",
                                       "target", "text", "voice", "speaker"])
