"""Social actors: who is named, how they are named, and whether they are shown acting.

This module owns the editable actor table (``lexicons/actors_stance.csv``), the matching of its
entries in sentences (:func:`find_actors`, :func:`actor_mentions`), the naming profile of
each group (:func:`actor_naming`; nomination vs categorisation, personalisation vs
impersonalisation, van Leeuwen 2008) and a transparent, rule-based proxy for agency
(:func:`actor_agency`, :func:`actor_verbs`; activation vs passivation, van Leeuwen 2008;
Halliday's transitivity).  Evaluation of actors lives in :mod:`discoursekit.stance`.
"""
from __future__ import annotations

import csv
import io
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from ._filecache import cached_on_file
from ._shown import preferred_then_most
from ._validate import check_choice, check_frame
from .text import _greedy_matches, _longest_from, _normalize_cached, fold, join_multiword, tokenize
from .memo import on_corpus

__all__ = ["actor_table", "find_actors", "actor_mentions", "actor_naming", "actors_to_show",
           "agency_at", "actor_agency", "agency_of", "agency_shares", "actor_verbs", "NAMING_TYPES",
           "AGENCY_LABELS"]

NAMING_TYPES = ("name", "capital-metonym", "institution", "person", "official",
                "description", "adjective", "compound")
AGENCY_LABELS = ("acting", "acted_upon", "neither")
_TABLE_COLUMNS = ["mention", "actor", "naming", "case_sensitive", "note"]
_BLOCK = "-"


# --- the table -----------------------------------------------------------------------------
def _read_table_text(path: str | Path | None) -> tuple[str, str]:
    if path is None:
        res = resources.files("discoursekit").joinpath("lexicons", "actors_stance.csv")
        return res.read_text(encoding="utf-8"), "lexicons/actors_stance.csv"
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such actor table; pass the path of a CSV with the "
                                f"columns {', '.join(_TABLE_COLUMNS[:3])}, or None for the "
                                "bundled lexicons/actors_stance.csv.")
    return path.read_text(encoding="utf-8-sig"), str(path)


def actor_table(path: str | Path | None = None) -> pd.DataFrame:
    """The editable actor table: one row per way of naming an actor.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with the columns ``mention, actor, naming`` and optionally
        ``case_sensitive`` (``yes``/``no``) and ``note``; lines starting with ``#`` are
        comments.  Default: the bundled ``lexicons/actors_stance.csv``.

    Returns
    -------
    DataFrame
        ``mention, actor, naming, case_sensitive (bool), note``; rows whose actor is
        ``"-"`` block a phrase ("Kosovo Serbs", "Russian Orthodox Church") so that its
        shorter parts are not matched.

    Raises
    ------
    ValueError
        If a column is missing, a naming type is unknown, or a mention is listed twice.

    Notes
    -----
    Naming types follow van Leeuwen (2008): ``name`` (nomination of the state),
    ``capital-metonym`` ("Moscow", "Belgrade"), ``institution`` ("the Kremlin", "the White
    House", "the Biden administration"), ``person`` (a leader by name: personalisation),
    ``official`` (officials or named office-holders other than the actor's leader),
    ``description`` ("Serbia's president", "the alliance"), ``adjective`` ("Russian
    forces") and ``compound`` ("Kremlin-enabled").

    Examples
    --------
    >>> t = actor_table()
    >>> t.loc[t["mention"] == "Kremlin", ["actor", "naming"]].values.tolist()
    [['Russia', 'institution']]
    """
    text, name = _read_table_text(paths.actor_table_in_use(path))
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body)))
    if not rows:
        raise ValueError(f"{name}: the actor table has no rows; add one row per mention.")
    missing = [c for c in _TABLE_COLUMNS[:3] if c not in rows[0]]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(map(repr, missing))}; the header "
                         f"must be {','.join(_TABLE_COLUMNS)}.")
    df = pd.DataFrame(rows).fillna("")
    for col in _TABLE_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df = df[_TABLE_COLUMNS].apply(lambda s: s.str.strip())
    df["case_sensitive"] = df["case_sensitive"].str.lower().eq("yes")
    for i, (m, a, k) in enumerate(zip(df["mention"], df["actor"], df["naming"]), start=2):
        if not m or not a:
            raise ValueError(f"{name}, data row {i - 1}: empty mention or actor; fill both "
                             "(use actor '-' to block a phrase).")
        if a != _BLOCK:
            check_choice("naming", k, NAMING_TYPES, what=f"naming type of {m!r} in {name}",
                         hint="Add the new type to discoursekit.actors.NAMING_TYPES or use "
                              "an existing one.")
    keys = df["mention"].map(lambda m: tuple(u for u, _ in _units_of_entry(m)))
    dupes = df["mention"][keys.duplicated()].tolist()
    if dupes:
        raise ValueError(f"{name}: mention {dupes[0]!r} is listed more than once (after "
                         "normalisation); keep one row per mention.")
    return df.reset_index(drop=True)


def _units(text: str) -> list[tuple[int, int, str, str]]:
    """Counting units of a string: (start, end, norm, surface), multi-word names joined."""
    toks = tokenize(text)
    norms = [_normalize_cached(t) for _, _, t in toks]
    out = []
    for first, last, norm in join_multiword(norms):
        s, e = toks[first][0], toks[last - 1][1]
        out.append((s, e, norm, text[s:e]))
    return out


def _units_of_entry(mention: str) -> list[tuple[str, str]]:
    return [(n, surf) for _, _, n, surf in _units(mention)]


@cached_on_file(maxsize=8)
def _compiled(path: str | None):
    table = actor_table(path)
    entries = {}
    for m, a, k, cs in zip(table["mention"], table["actor"], table["naming"],
                           table["case_sensitive"]):
        units = _units_of_entry(m)
        key = tuple(n for n, _ in units)
        caps = tuple(cs and surf[:1].isupper() for _, surf in units)
        entries[key] = (a, k, caps)
    return entries, _longest_from(entries)


def _match_units(units, entries, longest_from):
    """Greedy longest-first matching, left to right; yields (first, last_exclusive, actor,
    naming).  A blocking entry (actor "-") consumes its words without a mention."""
    def capitalised(key, j):    # the entry's case-sensitive words are capitalised here
        return not any(c and not units[j + m][3][:1].isupper()
                       for m, c in enumerate(entries[key][2]))

    for j, size, key in _greedy_matches([u[2] for u in units], entries, longest_from,
                                        capitalised):
        actor, naming, _ = entries[key]
        if actor != _BLOCK:
            yield j, j + size, actor, naming


def _check_texts(texts, func: str) -> list[str]:
    if isinstance(texts, str):
        raise TypeError(f"{func}: texts must be a list of strings, not a single string; "
                        f"wrap it: {func}([text]).")
    texts = list(texts)
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise TypeError(f"{func}: texts[{bad[0]}] is {type(texts[bad[0]]).__name__}, not str; "
                        "pass strings (e.g. corpus.sentences['text'].tolist()).")
    return texts


def find_actors(texts, *, table: str | Path | None = None) -> pd.DataFrame:
    """Actor mentions in each of a list of strings.

    Parameters
    ----------
    texts : list of str
        Sentences (or any strings).
    table : str or Path, optional
        An actor table (see :func:`actor_table`); default the corpus's ``actors.csv``
        (:func:`discoursekit.paths.actors_path`), else the bundled one.

    Returns
    -------
    DataFrame
        ``text_id, start, end, surface, actor, naming``, one row per mention, ordered by
        ``text_id`` and ``start``; offsets are into the input string.

    Examples
    --------
    >>> find_actors(["The Kremlin and Prishtina disagree."])[["surface", "actor", "naming"]]
         surface   actor           naming
    0    Kremlin  Russia      institution
    1  Prishtina  Kosovo  capital-metonym
    """
    return _find_actors(_check_texts(texts, "find_actors"), table=table)


def _find_actors(texts: list[str], *, table, doc_bounds=None) -> pd.DataFrame:
    """:func:`find_actors`, with the first text of each document (``doc_bounds``) when
    the texts are a corpus's sentences, so that no task splits a document."""
    from .corpus import _in_parallel

    table = paths.actor_table_in_use(table)
    _compiled(table)                   # a bad table fails here, before any worker
    rows, start = [], 0                # a large input is matched on every core, in order
    for part in _in_parallel(_mentions_of, texts, table=table, doc_bounds=doc_bounds):
        rows += [(start + tid, *rest) for tid, *rest in part[0]]
        start += part[1]
    return pd.DataFrame(rows, columns=["text_id", "start", "end", "surface", "actor", "naming"])


def _mentions_of(texts: list[str], *, table) -> tuple[list[tuple], int]:
    """The mentions in ``texts`` as rows (text numbers from 0), and how many texts (one
    task for a worker process)."""
    entries, longest_from = _compiled(table)
    rows = []
    for tid, text in enumerate(texts):
        units = _units(text)
        for first, last, actor, naming in _match_units(units, entries, longest_from):
            s, e = units[first][0], units[last - 1][1]
            rows.append((tid, s, e, text[s:e], actor, naming))
    return rows, len(texts)


@on_corpus(files=("table",), resolve={"table": lambda: paths.actor_table_in_use(None)})
def actor_mentions(corpus, *, table: str | Path | None = None) -> pd.DataFrame:
    """Every actor mention in a corpus, traceable to its sentence and characters.

    Parameters
    ----------
    corpus : Corpus
    table : str or Path, optional
        An actor table (see :func:`actor_table`); default the corpus's ``actors.csv``
        (:func:`discoursekit.paths.actors_path`), else the bundled one.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, start, end, surface, actor, naming`` — one row per
        mention, in corpus order; ``start``/``end`` are offsets into ``docs.text``.

    See Also
    --------
    actor_naming, actor_agency

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
    ...     "NATO must act now. The Kremlin sends weapons. Kosovo was attacked by Serbia."]}))
    >>> actor_mentions(corpus)[["surface", "actor"]]
       surface   actor
    0     NATO    NATO
    1  Kremlin  Russia
    2   Kosovo  Kosovo
    3   Serbia  Serbia
    """
    sents = corpus.sentences
    found = _find_actors(_check_texts(sents["text"].tolist(), "actor_mentions"), table=table,
                         doc_bounds=np.flatnonzero(sents["sent_id"].to_numpy() == 0))
    meta = sents.iloc[found["text_id"].to_numpy()].reset_index(drop=True)
    groups = dict(zip(corpus.docs["doc_id"], corpus.docs["group"]))
    out = pd.DataFrame({
        "doc_id": meta["doc_id"],
        "sent_id": meta["sent_id"],
        "group": meta["doc_id"].map(groups),
        "start": meta["start"] + found["start"],
        "end": meta["start"] + found["end"],
        "surface": found["surface"],
        "actor": found["actor"],
        "naming": found["naming"],
    })
    order = {d: i for i, d in enumerate(corpus.docs["doc_id"])}
    out = out.sort_values(["doc_id", "start"], key=lambda s: s.map(order) if s.name == "doc_id"
                          else s, kind="stable")
    return out.reset_index(drop=True)


def actor_naming(mentions: pd.DataFrame, *, by: str = "group",
                 level: str = "naming") -> pd.DataFrame:
    """How each group names each actor: counts and shares of naming types or surfaces.

    Parameters
    ----------
    mentions : DataFrame
        The output of :func:`actor_mentions`.
    by : str, default "group"
        The column to compare (``group`` or ``doc_id``).
    level : {"naming", "surface"}, default "naming"
        Tabulate naming types ("capital-metonym") or the forms themselves (folded:
        "moscow", "the kremlin" and "kremlin" stay distinct from each other only by form).

    Returns
    -------
    DataFrame
        ``<by>, actor, <level>, n, share`` where share is the proportion of the
        group's mentions of that actor; ordered by group, actor, then n descending.

    Notes
    -----
    Nomination vs categorisation and personalisation vs impersonalisation (van Leeuwen
    2008): "Putin" personalises Russia, "Moscow" and "the Kremlin" impersonalise it
    (spatial and institutional metonyms).
    """
    check_choice("level", level, ("naming", "surface"))
    check_frame(mentions, [by, "actor", "naming", "surface"], "actor_naming", "actor_mentions")
    df = mentions.copy()
    if level == "surface":
        df["surface"] = df["surface"].map(fold)
    out = df.groupby([by, "actor", level], sort=True).size().rename("n").reset_index()
    out["share"] = out["n"] / out.groupby([by, "actor"])["n"].transform("sum")
    out = out.sort_values([by, "actor", "n", level], ascending=[True, True, False, True],
                          kind="stable")
    return out.reset_index(drop=True)



def actors_to_show(naming: pd.DataFrame, preferred=(), k: int = 3) -> list[str]:
    """Up to ``k`` actors for a figure: the ``preferred`` ones that are mentioned, in that
    order, then the most-mentioned others (ties by name).

    A notebook written about one corpus names the actors it discusses; on another corpus
    some of them may never be mentioned, and the figure then shows that corpus's own
    most-named actors instead of failing or drawing empty panels.

    Parameters
    ----------
    naming : DataFrame
        :func:`actor_naming` output (``actor`` and ``n`` are used).
    preferred : sequence of str
        The actors to show first if they have mentions.
    k : int, default 3
    """
    check_frame(naming, ["actor", "n"], "actors_to_show", "actor_naming")
    totals = naming.groupby("actor")["n"].sum()
    return preferred_then_most(totals[totals > 0], preferred, k, fn="actors_to_show")


# --- agency --------------------------------------------------------------------------------
# Word classes for the rules.  All are closed or near-closed lists, editable here.
_BE = {"is", "are", "was", "were", "be", "been", "being", "'s", "'re"}
_AUX = {"has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
        "should", "shall", "does", "do", "did", "'ll", "'d", "'ve", "not", "n't", "cannot",
        "ought", "to"} | _BE
_ADVERBS = {"also", "now", "still", "even", "already", "never", "then", "further",
            "meanwhile", "often", "always", "just", "only", "simply", "largely", "thereby",
            "therefore", "however", "again", "first", "theoretically", "consistently",
            "decisively", "repeatedly", "increasingly", "similarly", "successfully", "not",
            "n't", "no", "longer", "so", "far", "in", "turn", "fact", "effectively", "officially",
            "openly", "firmly", "eventually", "later", "reportedly", "clearly", "perhaps",
            "likely", "probably", "really", "truly", "recently", "once", "currently", "at",
            "times", "for", "its", "part", "instead", "all", "both"}
_PREPOSITIONS = {"with", "to", "from", "in", "on", "for", "of", "against", "toward", "towards",
                 "between", "over", "at", "into", "about", "under", "like", "than", "among",
                 "via", "through", "within", "across", "beyond", "upon", "onto", "around",
                 "near", "inside", "outside", "without", "after", "before", "since", "until",
                 "during", "despite", "unlike", "including", "as", "behind", "amid", "per"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "both", "either",
                "neither"}
_WH = {"which", "who", "whom", "whose", "that", "where", "when", "what", "how", "why"}
_ADJ_ENDINGS = ("ern", "al", "ic", "ive", "ous", "ful", "less", "ish", "ian", "an", "ese",
                "ary", "ed", "ing", "est", "er", "ble")
_RELATIVES = {"which", "who", "that"}
_MODALS_TO = {"to", "will", "would", "can", "could", "may", "might", "must", "should", "shall",
              "not", "n't", "cannot", "did", "does", "do"}
_CONJUNCTION_PREPS = {"as", "since", "after", "before", "until", "like"}
_IRREGULAR_PAST = {
    "sent", "made", "took", "taken", "gave", "given", "said", "felt", "fell", "met", "led",
    "held", "kept", "left", "lost", "won", "began", "begun", "brought", "bought", "built",
    "chose", "chosen", "came", "come", "did", "done", "drew", "drawn", "fought", "found",
    "got", "gotten", "grew", "grown", "had", "heard", "hid", "hidden", "knew", "known",
    "laid", "let", "meant", "paid", "put", "ran", "rose", "risen", "saw", "seen", "sold",
    "set", "shot", "shut", "sought", "spent", "spoke", "spoken", "spread", "stood", "struck",
    "strung", "swore", "taught", "thought", "threw", "thrown", "told", "understood", "went",
    "gone", "withdrew", "withdrawn", "worn", "wrote", "written", "overthrown", "upheld",
    "beaten", "broken", "shown", "forgotten", "driven", "caught", "dealt", "hit", "cut",
}
_BASE_VERBS = {
    "accuse", "allow", "appeal", "arm", "back", "become", "believe", "block", "buy", "call",
    "calm", "capitalize", "cause", "cede", "claim", "confront", "consider", "contain",
    "continue", "create", "cross", "deploy", "destabilize", "deter", "do", "draw",
    "embolden", "engage", "enable", "encourage", "establish", "expand", "fight", "force",
    "fortify", "get", "give", "go", "help", "humiliate", "ignore", "impose", "increase",
    "intervene", "invade", "join", "keep", "know", "lean", "make", "need", "negotiate",
    "offer", "oppose", "overextend", "play", "prefer", "pressure", "prevent", "promise",
    "protect", "provide", "provoke", "push", "react", "realize", "recognize", "reduce",
    "refuse", "remain", "retake", "sanction", "say", "see", "seek", "seize", "sell", "send",
    "serve", "show", "speak", "stand", "stop", "strengthen", "support", "take", "target",
    "test", "think", "threaten", "train", "try", "turn", "undermine", "use", "view", "want",
    "win", "wish", "work", "deal", "act", "appear", "seem", "hope", "fear", "plan", "agree",
    "aim", "attempt", "blame", "condemn", "consult", "counter", "demand", "deny", "discuss",
    "exploit", "favour", "favor", "implement", "insist", "lift", "manipulate", "move",
    "persuade", "reject", "respond", "stir", "stoke", "suffer", "sustain", "tolerate",
    "trust", "warn", "watch", "wonder", "count", "rely", "terminate", "let", "put", "risk",
    "shift", "lose", "pay", "host", "hold", "lead", "bring", "raise", "reach", "reverse",
}
_NOT_VERBS = {"is", "this", "his", "its", "was", "has", "as", "us", "thus", "news", "less",
              "across", "unless", "plus", "series", "access", "process", "address", "crisis",
              "basis", "analysis", "status", "bias", "class", "interests", "ties", "forces",
              "troops", "officials", "states", "members", "countries", "relations", "leaders",
              "resources", "efforts", "sanctions", "weapons", "aspirations", "policies",
              "interests", "operations", "talks", "exercises", "peacekeepers", "powers",
              "institutions", "allies", "partners", "groups", "territories", "affairs",
              "units", "needs", "arms", "means", "tensions", "provocations", "attempts",
              "red", "hundred", "based", "led", "controlled", "owned", "backed", "run", "speed",
              "need", "seed", "feed", "creed", "greed", "bed", "shed", "united", "advanced",
              "armed", "detailed", "limited", "alleged", "so-called", "indeed", "proposed",
              "ethnic", "interest", "support", "help", "use", "control"}


def _is_participle(w: str) -> bool:
    w = w.lower()
    if w in _IRREGULAR_PAST:
        return True
    return len(w) > 3 and w.endswith("ed") and w not in {"need", "seed", "feed", "creed",
                                                         "greed", "indeed", "speed", "red",
                                                         "hundred", "bed", "shed"}


def _is_finite_verb(w: str) -> bool:
    """A rough test for a finite or base verb form following a subject."""
    lw = w.lower()
    if not w or not w[0].isalpha() or (w[0].isupper() and lw not in _AUX):
        return False
    if lw in _AUX or lw in _IRREGULAR_PAST or lw in _BASE_VERBS:
        return True
    if lw in _NOT_VERBS or lw.endswith(("ness", "ment", "tion", "sion", "ship", "ism", "ity")):
        return False
    if _is_participle(lw):
        return True
    stem = lw[:-2] if lw.endswith("es") else lw[:-1] if lw.endswith("s") else None
    if stem and (stem in _BASE_VERBS or lw[:-1] in _BASE_VERBS):
        return True
    if lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s")) and len(lw) > 4:
        return True  # 3rd person -s: "believes", "sees", "wants"
    return False


def _is_verb_before_object(w: str) -> bool:
    """A verb form that can take the following noun phrase as its object."""
    lw = w.lower()
    if not w or not w[0].isalpha() or (w[0].isupper() and not lw.endswith("ing")):
        return False
    if lw in _PREPOSITIONS or lw in _DETERMINERS or lw in _WH or lw in {"and", "or", "but",
                                                                          "nor"}:
        return False
    if lw in _BE or lw in {"has", "have", "had", "will", "would", "can", "could", "may",
                           "might", "must", "should", "does", "did", "do", "not", "n't"}:
        return False
    if lw in _BASE_VERBS or lw in _IRREGULAR_PAST or _is_participle(lw):
        return lw not in {"based", "led", "controlled", "owned", "backed", "run", "united",
                          "advanced", "armed", "detailed", "limited", "alleged", "proposed"} \
            or lw == "armed"
    if lw.endswith("ing") and len(lw) > 5 and lw not in {"during", "including", "nothing",
                                                          "something", "everything",
                                                          "anything", "according"}:
        return True
    stem = lw[:-2] if lw.endswith("es") else lw[:-1] if lw.endswith("s") else None
    return bool(stem and (stem in _BASE_VERBS or lw[:-1] in _BASE_VERBS))


_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")


def agency_at(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(label, role, verb) for the mention text[start:end] within one sentence."""
    surface_plural = text[start:end].rstrip().lower().endswith("s") and \
        not text[start:end].lower().endswith(("us", "ss", "u.s.", "is"))
    before = [m.group() for m in _WORD.finditer(text[:start])]
    after = [m.group() for m in _WORD.finditer(text[end:])]
    after = [w.replace("’", "'") for w in after]
    nxt = after[0].lower() if after else ""
    # 1. possessor ("Russia's leverage") or compound modifier ("Kosovo border")
    if nxt in {"'s", "'"}:
        return "neither", "possessor", ""
    # look back past determiners and a coordinated actor ("Belgrade and Moscow")
    j = len(before) - 1
    while j >= 0 and before[j].lower() in _DETERMINERS - {"that"}:
        j -= 1
    prev = before[j] if j >= 0 else ""
    pos = j
    if prev.lower() in {"and", "or"}:  # second conjunct: look past the first one
        surface_plural = True  # "Belgrade and Moscow accuse": a plural subject
        pos = j - 1
        while pos >= 0 and (before[pos][:1].isupper() or before[pos] in {".", "’s", "'s"}) \
                and before[pos].lower() not in _DETERMINERS:
            pos -= 1
        while pos >= 0 and before[pos].lower() in _DETERMINERS:
            pos -= 1
    cand = before[pos] if pos >= 0 else ""
    lc = cand.lower()
    # 2. by-phrase of a passive: "controlled by the Kremlin", "was instigated by Serbia"
    if lc == "by":
        if pos >= 1 and _is_participle(before[pos - 1]):
            return "acted_upon", "by_agent", before[pos - 1].lower()
        return "neither", "by_other", ""
    # 3. object of an active verb: "pressure Belgrade", "NATO forced Serbia", "to transform"
    after_modal = (pos >= 1 and before[pos - 1].lower() in _MODALS_TO and cand.isalpha()
                   and cand.islower()
                   and lc not in _PREPOSITIONS | _DETERMINERS | _AUX | _WH | {"and", "or", "but"}
                   and (before[pos - 1].lower() != "to" or lc in _BASE_VERBS
                        or not lc.endswith(_ADJ_ENDINGS)))
    if after_modal or _is_verb_before_object(cand):
        passive_participle = pos >= 1 and before[pos - 1].lower() in _BE and _is_participle(lc)
        if not passive_participle:
            return "acted_upon", "object", lc
    if len(before) >= 2 and before[-2].lower() in _DETERMINERS - {"that"} \
            and before[-1].isalpha() and before[-1].islower() \
            and before[-1].lower() not in _AUX | _PREPOSITIONS | {"and", "or", "but"}:
        return "neither", "modifier", ""  # "the largest Serbian military buildups"
    if lc in _PREPOSITIONS:
        if lc in _CONJUNCTION_PREPS:
            label = _subject_rule(after, surface_plural)
            if label[0] != "neither":
                return label  # "As the White House is preoccupied", "after Belgrade sent"
        return "neither", "prepositional", ""
    return _subject_rule(after, surface_plural)


def _subject_rule(after: list[str], plural: bool) -> tuple[str, str, str]:
    """Rule 4 of :func:`actor_agency`: what follows a mention decides whether it is a subject."""
    nxt = after[0].lower() if after else ""
    # 4. subject: skip an appositive or relative clause, coordinated subjects, adverbs, aux
    i = 0
    coordinated = False
    if nxt in {",", "—", "–", "("}:
        closer = {"(": ")"}.get(nxt, nxt)
        if len(after) > 1 and after[1].lower() in _RELATIVES:
            i = 2  # "Dodik, who has close ties" -> subject of the relative clause
        else:
            try:
                close = after.index(closer, 1)
            except ValueError:
                close = -1
            if 0 < close <= 14:
                i = close + 1
            else:
                return "neither", "other", ""
    elif nxt in _RELATIVES and nxt != "that":
        i = 1
    # coordinated subject: "Belgrade and Moscow accuse", "Russia and Serbia have"
    while i < len(after) and after[i].lower() in {"and", "or"} and i + 1 < len(after) \
            and (after[i + 1][:1].isupper() or after[i + 1].lower() in _DETERMINERS):
        i += 1
        coordinated = True
        while i < len(after) and (after[i][:1].isupper() or after[i].lower() in _DETERMINERS
                                  or after[i] in {"'s", "."}):
            i += 1
    saw_be = saw_aux = False
    while i < len(after) and (after[i].lower() in _AUX or after[i].lower() in _ADVERBS
                              or after[i].lower().endswith("ly") and after[i].islower()
                              or after[i] == "," and (saw_aux or saw_be)):
        w = after[i].lower()
        if w in _BE:
            saw_be = True
        elif w in _AUX and w != "not":
            saw_aux = True
        i += 1
    word = after[i] if i < len(after) else ""
    lw = word.lower()
    if saw_be:
        if _is_participle(lw):
            return "acted_upon", "passive_subject", lw
        if lw in {"becoming", "remaining"}:
            return "neither", "copula", ""
        if lw.endswith("ing") and len(lw) > 4:
            return "acting", "subject", lw
        # copula: "Ukraine is a tinderbox"; "is ready to sell" counts as acting
        if i + 1 < len(after) and after[i + 1].lower() == "to" and word.isalpha():
            return "acting", "subject", lw
        return "neither", "copula", ""
    if saw_aux and word and word[0].isalpha() and word.islower():
        return "acting", "subject", lw
    if _is_finite_verb(word):
        nxt_word = after[i + 1].lower() if i + 1 < len(after) else ""
        if lw.endswith("s") and not lw.endswith("ss") and nxt_word in _AUX - {"to"}:
            return "neither", "modifier", ""  # "Serbian intelligence operatives can provoke"
        bare = not (lw.endswith("s") or _is_participle(lw) or lw in _IRREGULAR_PAST)
        if bare and not (plural or coordinated):
            return "neither", "modifier", ""  # "the NATO force", "Kremlin support for"
        return "acting", "subject", lw
    return "neither", "other", ""


@on_corpus(corpus="corpus")
def actor_agency(mentions: pd.DataFrame, corpus) -> pd.DataFrame:
    """Whether each actor mention is the subject of an active verb, acted upon, or neither.

    Parameters
    ----------
    mentions : DataFrame
        The output of :func:`actor_mentions` for ``corpus``.
    corpus : Corpus
        The corpus the mentions come from (its sentences give the context).

    Returns
    -------
    DataFrame
        The mention columns plus ``agency`` (``acting``, ``acted_upon``, ``neither``),
        ``role`` (``subject``, ``passive_subject``, ``object``, ``by_agent``,
        ``possessor``, ``prepositional``, ``copula``, ``by_other``, ``other``) and
        ``verb`` (the verb form the rule attached the mention to, or "").

    Notes
    -----
    Transparent word-order rules, not a parser (van Leeuwen 2008: activation vs
    passivation; Halliday 1994: transitivity), applied within the sentence:

    1. a mention followed by "'s" is a possessor → neither;
    2. a mention after "by" that follows a past participle is a passive agent →
       acted_upon (the issue's convention: "object or by-phrase of a passive");
    3. a mention after a verb form (skipping determiners, and a coordinated first
       conjunct) is its object → acted_upon; after another preposition → neither;
    4. otherwise, skipping an appositive or a relative pronoun, coordinated subjects,
       adverbs and auxiliaries, the next word decides: be + past participle → passive
       subject (acted_upon); be + -ing, an auxiliary + verb, or a finite verb → acting;
       be + noun/adjective → copula (neither), except "be + ADJ + to" ("is ready to") →
       acting.

    Pronoun reference ("it", "he") is not resolved: only named mentions are coded.  The
    rules are checked against an independent coder's labels in notebook 03.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({"author": ["A"], "text": [
    ...     "NATO must act now. The Kremlin sends weapons. Kosovo was attacked by Serbia."]}))
    >>> actor_agency(actor_mentions(corpus), corpus)[["surface", "agency"]]
       surface      agency
    0     NATO      acting
    1  Kremlin      acting
    2   Kosovo  acted_upon
    3   Serbia  acted_upon
    """
    check_frame(mentions, ["doc_id", "sent_id", "start", "end"], "actor_agency", "actor_mentions")
    from .corpus import sentence_rows

    sents = corpus.sentences
    where = sentence_rows(corpus, mentions["doc_id"], mentions["sent_id"])
    if (where < 0).any():
        k = int(np.flatnonzero(where < 0)[0])
        raise ValueError(f"actor_agency(): mention {k} (doc_id {mentions['doc_id'].iat[k]!r}, "
                         f"sent_id {mentions['sent_id'].iat[k]!r}) is not a sentence of this "
                         "corpus; pass actor_mentions(corpus) of the same corpus.")
    texts = sents["text"].to_numpy()[where]
    offset = sents["start"].to_numpy()[where]
    labels = []
    for text, s0, a, b in zip(texts, offset.tolist(), mentions["start"].tolist(),
                              mentions["end"].tolist()):
        label, role, verb = agency_at(text, a - s0, b - s0)
        labels.append((label, role, _clean_verb(verb)))
    out = mentions.copy().reset_index(drop=True)
    out[["agency", "role", "verb"]] = pd.DataFrame(labels, columns=["agency", "role", "verb"])
    return out


def agency_of(text: str, mention: str, *, occurrence: int = 0) -> tuple[str, str, str]:
    """Agency rule for one mention in one sentence (for testing and inspection).

    Returns ``(agency, role, verb)`` for the ``occurrence``-th occurrence of the string
    ``mention`` in ``text``; see :func:`actor_agency` for the rules.

    Examples
    --------
    >>> agency_of("NATO forced Serbia to pull out of Kosovo.", "Serbia")
    ('acted_upon', 'object', 'forced')
    """
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(mention, pos + 1)
        if pos < 0:
            raise ValueError(f"agency_of: {mention!r} occurs fewer than {occurrence + 1} "
                             f"time(s) in the text; check the spelling or the occurrence.")
    label, role, verb = agency_at(text, pos, pos + len(mention))
    return label, role, _clean_verb(verb)


def _clean_verb(verb: str) -> str:
    """The verb as reported: trailing punctuation dropped, and "" where the word after an
    auxiliary is not a verb ("has a", "has his"), so that tables list only verbs."""
    verb = verb.rstrip(".,;:!?")
    return "" if verb in _DETERMINERS | {"his", "her", "its", "their", "no", "our", "my"} \
        else verb


def actor_verbs(agency: pd.DataFrame, *, by: str = "group", top: int = 5,
                label: str = "acting") -> pd.DataFrame:
    """The verbs each actor does most (or undergoes most), per group.

    Parameters
    ----------
    agency : DataFrame
        The output of :func:`actor_agency`.
    by : str, default "group"
    top : int, default 5
        Verbs kept per group × actor.
    label : {"acting", "acted_upon"}, default "acting"

    Returns
    -------
    DataFrame
        ``<by>, actor, verb, n`` ordered by group, actor, n descending, verb.
    """
    check_choice("label", label, ("acting", "acted_upon"))
    check_frame(agency, [by, "actor", "agency", "verb"], "actor_verbs", "actor_agency")
    if not isinstance(top, int) or top < 1:
        raise ValueError(f"actor_verbs: top must be a positive integer. Got {top!r} instead.")
    df = agency[(agency["agency"] == label) & (agency["verb"] != "")]
    df = df[~df["verb"].isin(_AUX)]
    out = df.groupby([by, "actor", "verb"]).size().rename("n").reset_index()
    out = out.sort_values([by, "actor", "n", "verb"], ascending=[True, True, False, True],
                          kind="stable")
    return out.groupby([by, "actor"], sort=False).head(top).reset_index(drop=True)


def agency_shares(agency: pd.DataFrame, *, by: str = "group") -> pd.DataFrame:
    """Per group × actor: mentions by agency label and the share shown acting.

    Parameters
    ----------
    agency : DataFrame
        The output of :func:`actor_agency`.
    by : str, default "group"

    Returns
    -------
    DataFrame
        ``<by>, actor, n, acting, acted_upon, neither, share_acting, share_acted_upon``
        (shares of all mentions), ordered by group and actor.

    Notes
    -----
    Activation vs passivation (van Leeuwen 2008): a high ``share_acting`` means the
    group presents the actor mostly as the grammatical agent of active clauses.
    """
    check_frame(agency, [by, "actor", "agency"], "agency_shares", "actor_agency")
    counts = (agency.groupby([by, "actor", "agency"]).size().unstack("agency", fill_value=0)
              .reindex(columns=list(AGENCY_LABELS), fill_value=0))
    counts.columns.name = None
    out = counts.reset_index()
    out.insert(2, "n", out[list(AGENCY_LABELS)].sum(axis=1))
    out["share_acting"] = out["acting"] / out["n"]
    out["share_acted_upon"] = out["acted_upon"] / out["n"]
    return out.sort_values([by, "actor"], kind="stable").reset_index(drop=True)
