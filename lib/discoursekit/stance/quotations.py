"""Direct quotations, their speakers, and who gets quoted."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import fold, tokenize
from ..memo import on_corpus


def _table_in_use():
    from ..paths import actor_table_in_use

    return actor_table_in_use(None)



# --- voice: direct quotations --------------------------------------------------------------
REPORTING_VERBS = (
    "said", "says", "say", "saying", "stated", "states", "declared", "declares", "warned",
    "warns", "called", "calls", "claimed", "claims", "claiming", "charged", "labeled",
    "labelled", "emphasized", "emphasised", "stressed", "insisted", "argued", "added",
    "told", "wrote", "announced", "proclaim", "proclaims", "proclaimed", "read", "reads",
    "thanked", "alleging", "alleged", "demand", "demanded", "threatened", "asserted",
    "noted", "remarked", "according", "words")
_REPORTING = set(REPORTING_VERBS)
_PRONOUNS = {"he", "she", "they", "it"}
_PREPOSITIONS_STOP = {"with", "in", "on", "of", "for", "from", "by", "to", "at", "the", "a",
                      "an", "its", "their", "his", "her"}
_SPEAKER_TRAIL = {"has", "have", "had", "even", "also", "then", "again", "repeatedly",
                  "has", "been", "once", "publicly", "already", "later", "first", "is", "was"}


def trim_speaker(words: str) -> str:
    """Drop auxiliaries and adverbs between a speaker and the verb ("Vucic has" -> "Vucic")."""
    parts = words.split()
    while parts and fold(parts[-1]) in _SPEAKER_TRAIL:
        parts.pop()
    return " ".join(parts)


#: Verbs that news writing puts before the speaker after a quotation ("…," said Lind).
_INVERTED_VERBS = ("said", "says", "added", "adds", "asked", "asks", "wrote", "writes",
                   "warned", "warns", "stated", "declared", "insisted", "argued", "noted",
                   "claimed", "explained", "explains", "replied", "recalled", "continued")
_INVERTED = re.compile(r"\s*,?\s*(%s)\s+" % "|".join(_INVERTED_VERBS))
# a reporting verb also starts the obliged clause ("The bank said both countries must…"
# obliges both countries): the verbs above and a few more, none of them ever a noun
# ("states" and "calls" can be: "member states must")
REPORTED_CLAUSE_VERBS = set(_INVERTED_VERBS) | {
    "argues", "insists", "stresses", "stressed", "notes", "declares", "announced", "urged",
    "urges", "believes", "believe", "believed", "thinks", "think", "thought"}
# words that end the speaker after an inverted verb: a relative clause, a time or place
_INVERTED_STOP = {"who", "which", "whose", "that", "on", "in", "at", "during", "after",
                  "before", "when", "while", "last", "this", "yesterday", "today", "to",
                  "and", "of"}


def _inverted_speaker(text_after: str):
    """The speaker of ‘…,” said Marta Lind, who…’: the capitalised words after the verb
    ("Marta Lind", "Zoë Ōtake") or an article and the words up to a comma, a sentence
    mark or a word of :data:`_INVERTED_STOP` ("the city's transport chief"); or None."""
    m = _INVERTED.match(text_after)
    if not m:
        return None
    words = re.findall(r"[\w.’'-]+|[,;:!?()“”\"]", text_after[m.end():])[:7]
    name = []
    if words and fold(words[0]) in {"the", "a", "an"}:
        for w in words:
            if not re.match(r"\w", w) or (len(name) > 1 and fold(w) in _INVERTED_STOP):
                break
            name.append(w)
        name = name if len(name) > 1 else []
    else:
        for w in words[:5]:
            if not w[:1].isupper():
                break
            name.append(w)
    if not name:
        return None
    if name[-1].endswith(".") and len(name[-1]) > 2 and "." not in name[-1][:-1]:
        # "Lind." ends the sentence; "P." is an initial and "U.S." an abbreviation
        name[-1] = name[-1].rstrip(".")
    return " ".join(name), m.group(1)


def speaker_after(text_after: str):
    """‘…,” Lavrov said’ → ("Russian Foreign Minister Sergei Lavrov", "said"); also the
    inverted order of news writing, ‘…,” said Marta Lind, who…’ → ("Marta Lind", "said")."""
    inverted = _inverted_speaker(text_after)
    if inverted:
        return inverted
    m = re.match(r"\s*,?\s*((?:[\w.’'-]+\s+){0,6}?)(%s)\b" % "|".join(REPORTING_VERBS),
                 text_after)
    if not m or not m.group(1).strip() or re.search(r"[;:!?]", m.group(1)):
        return None
    first = m.group(1).split()[0]
    if not (first[:1].isupper() or fold(first) in _PRONOUNS | {"the", "a", "an"}):
        return None  # "… and have stressed": not a speaker before a verb
    return trim_speaker(m.group(1)), m.group(2)


def _speaker_before(sentence_before: str):
    """The last reporting verb before the quote in its sentence, and the words before it."""
    words = list(re.finditer(r"[\w’'.-]+|[,;:()—–]", sentence_before))
    for k in range(len(words) - 1, -1, -1):
        w = fold(words[k].group()).strip(".")
        if w in _REPORTING or (w.startswith("believe") and sentence_before.rstrip().endswith(":")):
            if w == "words" and not (k > 1 and fold(words[k - 2].group()) == "in"):
                continue
            if w == "according":
                rest = sentence_before[words[k].end():]
                m = re.match(r"\s+to\s+([^,]+)", rest)
                return (m.group(1).strip() if m else ""), "according to"
            if w == "words":
                rest = sentence_before[words[k].end():]
                m = re.match(r"\s+of\s+([^)]+)", rest)
                return (m.group(1).strip() if m else ""), "in the words of"
            # speaker: the words after the previous clause boundary
            j = k - 1
            span = []
            while j >= 0:
                w = words[j].group()
                fw = fold(w)
                if w in {",", ";", ":", "(", "—", "–"} or fw in {
                        "that", "while", "and", "when", "but", "by", "which", "who", "as"}:
                    break
                if fw == "to" and not words[j + 1].group()[:1].isupper():
                    break  # an infinitive ("to demand"), not "ambassador to Serbia"
                span.append(w)
                j -= 1
            span = span[::-1]
            if not span and j >= 1 and words[j].group() == ",":
                # appositive speaker: "The US diplomat, Richard C. Holbrooke, said"
                i = j - 1
                while i >= 0 and words[i].group() not in {",", ";", ":", "(", "—"}:
                    i -= 1
                appositive = [w.group() for w in words[i + 1:j]]
                if appositive and appositive[0][:1].isupper():
                    span = appositive
            elif not span and j >= 1 and fold(words[j].group()) in {"that", "which", "who"}:
                # relative clause: "graffiti that read" -> "graffiti"
                i = j - 1
                while i >= 0 and fold(words[i].group()) not in _PREPOSITIONS_STOP \
                        and words[i].group() not in {",", ";", ":"} and j - i <= 3:
                    i -= 1
                span = [w.group() for w in words[i + 1:j]]
            return trim_speaker(" ".join(span)), words[k].group()
    return None


@on_corpus(files=("table",), resolve={"table": _table_in_use})
def quotations(corpus, *, min_words: int = 6, table=None) -> pd.DataFrame:
    """Direct quotations in each document, with the speaker and the words quoted.

    Parameters
    ----------
    corpus : Corpus
    min_words : int, default 6
        A quoted span without a reporting verb counts as a direct quotation only if it has
        at least this many words (reproduced words from an unnamed source); shorter
        unattributed spans are scare quotes or terms ("little green men").
    table : str or Path, optional
        Actor table used to map speakers to actors.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, start, end, quote, n_words, reporting_verb, speaker,
        speaker_actor`` — one row per direct quotation (offsets into ``docs.text``,
        including the quotation marks).  ``speaker`` is the phrase before the reporting
        verb or between the quotation and the verb; a pronoun speaker ("he stated") is
        resolved to the most recent person mention of the document; a sentence that is
        only a quotation continues the previous quotation's speaker.  ``speaker_actor``
        maps the speaker through the actor table ("" if none).

    Notes
    -----
    Detection: text in “…” or "…" (Bednarek & Caple 2012 on attribution; the rule of
    thumb of quotation-attribution work such as Pareti 2016): attributed if a reporting
    verb (:data:`REPORTING_VERBS`) follows the closing mark or precedes the quote in
    the same sentence.  Checked against a hand list of every quotation in the seed corpus
    (tests/test_stance.py).
    """
    from ..actors import find_actors
    from ..corpus import _in_parallel
    from ..paths import actor_table_in_use

    find_actors([], table=table)        # a bad actor table fails here, before any work
    table = actor_table_in_use(table)   # the same file in every worker
    sents = corpus.sentences
    # each document's sentences by position, found once (not by scanning all sentences
    # for every document)
    sents_of = sents.groupby("doc_id", sort=False).indices
    all_starts, all_ends = sents["start"].to_numpy(), sents["end"].to_numpy()
    all_ids = sents["sent_id"].to_numpy()
    doc_ids = corpus.docs["doc_id"].tolist()
    spans = [(all_starts[sents_of[d]], all_ends[sents_of[d]], all_ids[sents_of[d]])
             if d in sents_of else (all_starts[:0], all_ends[:0], all_ids[:0]) for d in doc_ids]
    # every document on its own, so documents run in parallel (and on Dask), in order
    rows = [row for part in _in_parallel(
        _quotes_of, corpus.docs["text"].tolist(),
        per_doc={"doc_ids": doc_ids, "spans": spans,
                 "groups": corpus.docs["group"].tolist()},
        min_words=min_words, table=table) for row in part]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "start", "end", "quote",
                                       "n_words", "reporting_verb", "speaker",
                                       "speaker_actor"])


def _quotes_of(texts: list[str], *, doc_ids, spans, groups, min_words: int,
               table) -> list[dict]:
    """The rows of :func:`quotations` for several documents (one task for a worker
    process); ``spans`` holds each document's sentence starts, ends and ids."""
    from ..actors import _mentions_of

    def find_actors_here(strings, table):
        rows, _ = _mentions_of(strings, table=table)
        return pd.DataFrame(rows, columns=["text_id", "start", "end", "surface", "actor",
                                           "naming"])

    rows = []
    for doc, text, (starts, ends, ids), group in zip(doc_ids, texts, spans, groups):
        quote_marks = list(re.finditer(r"“[^”]*”|\"[^\"\n]*\"", text))
        if not quote_marks:
            continue
        persons = None                  # the document's named persons, if a pronoun speaks
        prev_quote = None
        for m in quote_marks:
            a, b = m.span()
            k = int(np.searchsorted(starts, a, side="right") - 1)
            s_start, s_end, sid = int(starts[k]), int(ends[k]), int(ids[k])
            inner = text[a + 1:b - 1]
            n_words = len(tokenize(inner))
            # the attribution follows the closing mark, in the sentence where the
            # quotation ends (a quotation may run over several sentences)
            k_end = int(np.searchsorted(starts, b - 1, side="right") - 1)
            found = speaker_after(text[b:max(s_end, int(ends[k_end]))])
            if found is None:
                found = _speaker_before(text[s_start:a])
            only_quote = not re.search(r"\w", text[s_start:a] + text[b:s_end])
            if found is None and only_quote and prev_quote is not None \
                    and prev_quote["sent_id"] in (sid - 1, sid):
                found = (prev_quote["speaker"], prev_quote["reporting_verb"])
            if found is None:
                if n_words < min_words:
                    continue
                found = ("", "")
            inner_words = [t for _, _, t in tokenize(inner)]
            if n_words <= 2 and all(w[:1].isupper() for w in inner_words):
                continue  # a capitalised label ("Slavic Brotherhood") is a name, not a quote
            speaker, verb = found
            if verb and not speaker:
                # "to demand", "alleging": the speaker is the sentence's first actor subject
                sent_actors = find_actors_here([text[s_start:a]], table=table)
                sent_text = text[s_start:a]
                subj = [r for r in sent_actors.itertuples()
                        if not re.match(r"\s*[’']s\b", sent_text[r.end:])]
                if subj:
                    speaker = subj[0].surface
            if fold(speaker) in _PRONOUNS and speaker:
                if persons is None:
                    persons = find_actors_here([text], table=table)
                    persons = persons[persons["naming"].isin(["person", "official"])]
                before = persons[persons["start"] < a]
                if len(before):
                    speaker = before.iloc[-1]["surface"]
            actors_ = find_actors_here([speaker], table=table)["actor"].tolist() if speaker else []
            row = {"doc_id": doc, "sent_id": sid, "group": group, "start": a, "end": b,
                   "quote": inner.strip(), "n_words": n_words, "reporting_verb": verb,
                   "speaker": speaker, "speaker_actor": actors_[0] if actors_ else ""}
            rows.append(row)
            prev_quote = row
    return rows


def voice(quotes: pd.DataFrame, *, by: str = "group") -> pd.DataFrame:
    """Who gets quoted, per group: quotations and quoted words per speaker (actor).

    Parameters
    ----------
    quotes : DataFrame
        The output of :func:`quotations`.
    by : str, default "group"

    Returns
    -------
    DataFrame
        ``<by>, speaker_actor, n_quotes, n_words, share_words`` (the speaker's share of the
        group's quoted words); speakers outside the actor table are ``"(other)"`` and
        unnamed sources ``"(unattributed)"``.  Ordered by group, then words descending.
    """
    for c in (by, "speaker", "speaker_actor", "n_words"):
        if c not in quotes.columns:
            raise ValueError(f"voice: column {c!r} missing; pass the output of quotations().")
    df = quotes.copy()
    df["speaker_actor"] = np.where(df["speaker"] == "", "(unattributed)",
                                   np.where(df["speaker_actor"] == "", "(other)",
                                            df["speaker_actor"]))
    out = df.groupby([by, "speaker_actor"]).agg(n_quotes=("n_words", "size"),
                                                n_words=("n_words", "sum")).reset_index()
    out["share_words"] = out["n_words"] / out.groupby(by)["n_words"].transform("sum")
    return out.sort_values([by, "n_words", "speaker_actor"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def quotation_agreement(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Detected quotations against a hand list: recall, precision and speaker accuracy.

    Parameters
    ----------
    quotes : DataFrame
        :func:`quotations` output.
    gold : DataFrame
        ``doc_id, quote_start, speaker_actor``: every direct quotation, by the first words
        of the quoted text ("" for a speaker outside the actor table or unnamed).

    Returns
    -------
    DataFrame
        ``doc_id, quote, status`` (``found``, ``missed``, ``extra``), ``speaker_actor``
        (detected) and ``gold_speaker``; ``attrs``: ``recall``, ``precision``,
        ``speaker_accuracy`` (over found quotations), ``n_gold``, ``n_found``.
    """
    for c in ("doc_id", "quote_start", "speaker_actor"):
        if c not in gold.columns:
            raise ValueError(f"quotation_agreement: the hand list needs the column {c!r}.")
    gold = gold.fillna("")
    used: set[int] = set()
    rows = []
    for doc, start, spk in zip(gold["doc_id"], gold["quote_start"], gold["speaker_actor"]):
        k = next((i for i, (d, q) in enumerate(zip(quotes["doc_id"], quotes["quote"]))
                  if i not in used and d == doc and q.startswith(start)), None)
        if k is None:
            rows.append({"doc_id": doc, "quote": start, "status": "missed",
                         "speaker_actor": "", "gold_speaker": spk})
        else:
            used.add(k)
            rows.append({"doc_id": doc, "quote": quotes["quote"].iloc[k], "status": "found",
                         "speaker_actor": quotes["speaker_actor"].iloc[k], "gold_speaker": spk})
    for i in range(len(quotes)):
        if i not in used:
            rows.append({"doc_id": quotes["doc_id"].iloc[i], "quote": quotes["quote"].iloc[i],
                         "status": "extra", "speaker_actor": quotes["speaker_actor"].iloc[i],
                         "gold_speaker": ""})
    out = pd.DataFrame(rows, columns=["doc_id", "quote", "status", "speaker_actor",
                                      "gold_speaker"])
    found = out[out["status"] == "found"]
    out.attrs.update({
        "n_gold": len(gold), "n_found": len(quotes),
        "recall": len(found) / len(gold) if len(gold) else np.nan,
        "precision": len(found) / len(quotes) if len(quotes) else np.nan,
        "speaker_accuracy": float((found["speaker_actor"] == found["gold_speaker"]).mean())
        if len(found) else np.nan})
    return out
