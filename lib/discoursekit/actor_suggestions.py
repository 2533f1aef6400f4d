"""Actors found in the corpus itself: a starter actor table for a topic the bundled one
does not know.

The bundled table (``lexicons/actors_stance.csv``) names the seeds' conflict.  On another
topic :func:`suggest_actors` proposes candidates from the text: repeated proper-name
sequences ("Sadiq Khan", "Bank of England"; "and" ends a name, so "the EU and the US" is
two), titled names ("President Macron", "Mr Gove"), organisation acronyms ("NRLA",
with the name it abbreviates when the text gives it in brackets) and the short forms that stand for a longer name (a surname, "Khan", for
"Sadiq Khan").  Each candidate comes with its count, its documents and an example
sentence; :func:`write_actor_table` writes them as an ``actors.csv`` for the researcher to
edit (merge, rename, delete), which ``build --corpus`` then reads.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
from wordfreq import zipf_frequency

from .text import fold

__all__ = ["SUGGESTED_NOTE", "actors_note", "suggest_actors", "write_actor_table"]

#: What notebooks and figures say when the actors were suggested and not reviewed.
SUGGESTED_NOTE = "actors suggested automatically, not reviewed"

_TITLES = ("President", "Prime Minister", "Chancellor", "Minister", "Secretary", "Senator",
           "Governor", "Mayor", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord",
           "Lady", "Professor", "Prof", "Judge", "General", "Chief Executive", "Councillor",
           "Cllr", "Rep", "Sen", "King", "Queen", "Prince", "Pope")
_INSTITUTION_WORDS = frozenset(
    "council government party bank association ministry department agency union "
    "committee commission university office federation trust court parliament assembly "
    "authority board institute foundation organisation organization company group "
    "corporation league congress senate police army service services network alliance "
    "fund forum society coalition executive administration campaign centre center "
    "institution inc ltd plc".split())
# capitalised words that begin sentences or headings but name nobody
_NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i you his her their our my but "
    "and or so if when while as in on at for with from by of to after before since under "
    "over about into there here what who why how where which yes no not also however "
    "meanwhile today yesterday tomorrow monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november "
    "december photograph photo image read more share subscribe sign click watch listen "
    "follow copyright all some many most one two three four five six seven eight nine ten "
    "last next first new".split())
_JOINERS = frozenset({"of", "for", "the", "de", "du", "von", "van", "on"})
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w’'.&-]*|\(|\)|[^\w\s]")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}s?$")


def actors_note() -> str | None:
    """The note a notebook prints, and a figure drawn from actor mentions carries, when
    the actors were suggested from the corpus and not reviewed (else None)."""
    from . import paths

    if not paths.actors_suggested():
        return None
    where = paths.actors_path()
    return (f"{SUGGESTED_NOTE[0].upper()}{SUGGESTED_NOTE[1:]} ({where.name if where else ''}: "
            "review it and save it as actors.csv in the corpus folder).")


def _name_runs(sentence: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words (with "of", "for", "and", "the" inside): (start, end,
    words), character offsets into ``sentence``."""
    toks = list(_TOKEN.finditer(sentence))
    runs, k = [], 0
    while k < len(toks):
        w = toks[k].group()
        if not w[:1].isupper() or _common(w):
            k += 1
            continue
        j = k + 1
        while j < len(toks):
            nxt = toks[j].group()
            if nxt[:1].isupper() and not _common(nxt):
                j += 1
            elif (fold(nxt) in _JOINERS and j + 1 < len(toks)
                  and toks[j + 1].group()[:1].isupper()
                  and not _common(toks[j + 1].group())):
                j += 2
            else:
                break
        words = [t.group().rstrip(".’'s").rstrip("’'") if t.group().endswith(("’s", "'s"))
                 else t.group().rstrip(".") for t in toks[k:j]]
        runs.append((toks[k].start(), toks[j - 1].end(), words))
        k = j
    return runs


def _common(word: str) -> bool:
    """A capitalised word that names nobody: "The", "It's", "I'm", "Monday"."""
    w = fold(word).rstrip(".")
    return w in _NOT_NAMES or w.split("'")[0] in _NOT_NAMES


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if fold(w) not in _JOINERS).upper()


def _naming(words: list[str], titled: bool) -> str:
    if titled:
        return "official"
    if any(fold(w) in _INSTITUTION_WORDS for w in words):
        return "institution"
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return "institution"
    return "person" if len(words) in (2, 3) and all(w[:1].isupper() for w in words) else "name"


def _inside_sentence(text: str, at: int) -> bool:
    """Whether a word at ``at`` follows a word or comma (not the sentence's or a
    quotation's first word)."""
    before = text[:at].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def suggest_actors(corpus, *, min_count: int = 3, max_actors: int = 40) -> pd.DataFrame:
    """Candidate actors of a corpus, from the corpus itself.

    Parameters
    ----------
    corpus : Corpus
    min_count : int, default 3
        Mentions an actor needs (over all its forms) to be suggested.
    max_actors : int, default 40
        The most frequent this many actors are kept.

    Returns
    -------
    DataFrame
        One row per way of naming an actor, in the layout of an actor table --
        ``mention, actor, naming, case_sensitive, note`` -- plus ``count`` (mentions of
        this form), ``docs`` (documents) and ``example`` (a sentence), ordered by the
        actor's total count, then the form's.  ``actor`` is the longest form of the name;
        ``naming`` is a first guess (``official`` for a titled name, ``institution`` for a
        name with "Council", "Party", "Bank"… or an acronym, ``person`` for two or three
        capitalised words, else ``name``) for the researcher to correct.

    Notes
    -----
    A capitalised word that only ever starts a sentence is not a name, and an ordinary
    word that starts a sentence is not part of the name after it ("Thousands of UK
    renters": lower case elsewhere in the corpus, or common in English and never
    capitalised inside a sentence).  A one-word form
    is merged with a longer name when it is that name's last word and no other name ends
    with it (a surname) or when the text spells it out in brackets ("National
    Residential Landlords Association (NRLA)").  Titles ("President", "Mr", "Mayor"…)
    are kept as forms of the name they precede.
    """
    sents = corpus.sentences
    counts: Counter = Counter()
    docs: dict[str, set] = defaultdict(set)
    example: dict[str, str] = {}
    titled: set[str] = set()
    expands: dict[str, str] = {}             # acronym -> the name it abbreviates
    mid_sentence: set[str] = set()
    title_re = re.compile(r"^(%s)\b\.?\s*" % "|".join(sorted(map(re.escape, _TITLES),
                                                              key=len, reverse=True)))
    runs_of = [(doc, text, _name_runs(text))
               for doc, text in zip(sents["doc_id"], sents["text"].astype(str))]
    for _, text, runs in runs_of:           # words seen capitalised inside a sentence
        for a, _, words in runs:
            if _inside_sentence(text, a):
                mid_sentence.add(" ".join(words))
                mid_sentence.add(words[0])
    lower = {w for text in sents["text"].astype(str) for w in re.findall(r"\b[a-z]+\b", text)}

    def ordinary(word: str) -> bool:
        """A sentence's first word that is an ordinary word, not part of a name: written
        in lower case elsewhere in the corpus, or common in English (Zipf ≥ 4.5) and
        never capitalised inside a sentence."""
        w = word.lower()
        if title_re.match(word + " "):
            return False
        return w in lower or (word not in mid_sentence and zipf_frequency(w, "en") >= 4.5)

    for doc, text, runs in runs_of:
        for a, b, words in runs:
            if not _inside_sentence(text, a) and len(words) > 1 and ordinary(words[0]):
                # "Thousands of UK renters": the sentence's first word is no part of the name
                words = words[1:]
                while words and fold(words[0]) in _JOINERS:
                    words = words[1:]
            form = " ".join(words)
            if not form:
                continue
            m = title_re.match(form)
            if m and len(form) > m.end():
                titled.add(form)
            counts[form] += 1
            docs[form].add(doc)
            example.setdefault(form, text)
            # "Full Name (ACRONYM)"
            rest = text[b:b + 12]
            br = re.match(r"\s*\(([A-Z][A-Z&]{1,6})\)", rest)
            if br and len(words) > 1 and br.group(1).replace("&", "") == _initials(words):
                expands.setdefault(br.group(1), form)
    # a form seen only at the start of sentences is an ordinary capitalised word
    surnames = {f.split()[-1] for f in counts if len(f.split()) > 1}
    forms = {f for f in counts
             if f in mid_sentence or len(f.split()) > 1 or f in expands or f in surnames}
    # titles: "President Macron" -> actor "Macron"'s longest name
    base_of = {}
    for f in forms:
        m = title_re.match(f)
        base_of[f] = f[m.end():] if f in titled and m else f
    longer_by_last: dict[str, set] = defaultdict(set)
    for f in forms:
        b = base_of[f]
        if len(b.split()) > 1:
            longer_by_last[b.split()[-1]].add(b)
    actor_of = {}
    for f in forms:
        b = base_of[f]
        if b in expands:
            actor_of[f] = expands[b]
        elif len(b.split()) == 1 and len(longer_by_last.get(b, ())) == 1:
            actor_of[f] = next(iter(longer_by_last[b]))
        else:
            actor_of[f] = b
    totals: Counter = Counter()
    for f in forms:
        totals[actor_of[f]] += counts[f]
    keep = [a for a, n in sorted(totals.items(), key=lambda x: (-x[1], x[0]))
            if n >= min_count][:max_actors]
    rank = {a: k for k, a in enumerate(keep)}
    rows = []
    for f in forms:
        a = actor_of[f]
        if a not in rank:
            continue
        n_docs = len(docs[f])
        rows.append({"mention": f, "actor": a,
                     "naming": _naming(base_of[f].split(), f in titled),
                     "case_sensitive": "yes",
                     "note": f"suggested: {counts[f]} mention{'s' if counts[f] != 1 else ''}"
                             f" in {n_docs} document{'s' if n_docs != 1 else ''}",
                     "count": counts[f], "docs": n_docs, "example": example[f]})
    out = pd.DataFrame(rows, columns=["mention", "actor", "naming", "case_sensitive", "note",
                                      "count", "docs", "example"])
    if len(out):
        out["_rank"] = out["actor"].map(rank)
        out = out.sort_values(["_rank", "count", "mention"], ascending=[True, False, True])
        out = out.drop(columns="_rank")
    return out.reset_index(drop=True)


def write_actor_table(suggested: pd.DataFrame, path: str | Path) -> Path:
    """Write suggested actors as an editable actor table (``actors.csv``).

    The file has the columns of :func:`discoursekit.actors.actor_table` and a comment
    header saying the rows were suggested; an existing file is never overwritten.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; edit it, or write the suggestions elsewhere.")
    head = ("# Actors suggested automatically by discoursekit.suggest_actors from the corpus.\n"
            "# Review before use: merge forms of one actor (same 'actor'), correct 'naming' "
            "(name | capital-metonym | institution | person | official | description | "
            "adjective | compound), delete rows that are not actors.\n")
    body = suggested[["mention", "actor", "naming", "case_sensitive", "note"]]
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write("mention,actor,naming,case_sensitive,note\n" + head)
        body.to_csv(fh, index=False, header=False)
    tmp.replace(path)
    return path
