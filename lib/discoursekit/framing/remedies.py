"""Remedies by addressee: the actors that treatment recommendations address, through the
actor alias table (``lexicons/actors.csv``)."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pandas as pd

from .. import paths
from .._filecache import cached_on_file
from .common import require_columns
from .lexicon import builtin_lexicon, check_texts, cue_tokens, units_of

__all__ = ["actor_aliases", "find_actors", "code_remedies", "count_remedies"]


# --- actors ----------------------------------------------------------------------------
@cached_on_file(maxsize=4)
def _actor_table(path: str | None = None) -> tuple:
    """The alias table: ``path``; else the corpus's ``actors.csv`` if it has one
    (:func:`discoursekit.paths.actors_path`, in the layout of
    :func:`discoursekit.actors.actor_table`: each mention is an alias of its actor); else
    the bundled ``lexicons/actors.csv``."""
    if path is None:
        ref = resources.files("discoursekit.lexicons").joinpath("actors.csv")
        with ref.open(encoding="utf-8", newline="") as fh:
            table = pd.read_csv(fh, dtype=str, keep_default_na=False, comment="#")
        source = "discoursekit/lexicons/actors.csv"
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
        source = str(path)
        if {"mention", "actor", "naming"} <= set(table.columns):
            # a corpus's actors.csv (discoursekit.actors layout): each mention is an alias
            table = pd.DataFrame({"actor": table["actor"], "alias": table["mention"],
                                  "note": table.get("note", "")})
            table = table[table["actor"].str.strip() != "-"]
    missing = {"actor", "alias", "note"} - set(table.columns)
    if missing:
        raise ValueError(f"{source}: missing column(s) {sorted(missing)}; the actor table needs "
                         "'actor', 'alias' and 'note'.")
    aliases = [(row.actor.strip(), row.alias.strip(), cue_tokens(row.alias.strip()))
               for row in table.itertuples() if row.alias.strip()]
    # longest aliases first, so that "Kosovo Force" is NATO, not Kosovo
    aliases.sort(key=lambda a: (-len(a[2]), a[1]))
    return table, tuple(aliases)


def actor_aliases(*, path: str | Path | None = None) -> pd.DataFrame:
    """The editable actor alias table (``lexicons/actors.csv``: actor, alias, note)."""
    return _actor_table(paths.actor_table_in_use(path))[0].copy()


def _actors_in(text: str, aliases) -> list[tuple[str, str, int, int]]:
    relabel = builtin_lexicon("frames").relabel
    units = units_of(text, relabel)
    norms = [u[3] for u in units]
    taken = [False] * len(units)
    out = []
    for actor, _, toks in aliases:
        k = len(toks)
        for i in range(len(units) - k + 1):
            if any(taken[i:i + k]):
                continue
            if all((norms[i + j].startswith(v) if pre else norms[i + j] == v)
                   for j, (v, pre) in enumerate(toks)):
                taken[i:i + k] = [True] * k
                s, e = units[i][0], units[i + k - 1][1]
                out.append((actor, text[s:e], s, e))
    return sorted(out, key=lambda t: (t[2], t[3]))


def find_actors(texts, *, path: str | Path | None = None) -> pd.DataFrame:
    """Actor mentions in each text, through the alias table.

    Aliases are matched on normalised tokens, longest first and without overlap
    ("Kosovo Force" is NATO, not Kosovo; "us" the pronoun is never the US).

    Returns
    -------
    DataFrame
        ``row`` (index of the input text), ``actor, surface, start, end``.
    """
    texts = check_texts(texts, "find_actors")
    aliases = _actor_table(paths.actor_table_in_use(path))[1]
    rows = [(i, *m) for i, t in enumerate(texts) for m in _actors_in(t, aliases)]
    return pd.DataFrame(rows, columns=["row", "actor", "surface", "start", "end"])


# --- remedies --------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013(]|\s-\s")
_ANAPHORS = {"they", "we", "it", "these", "those", "this", "he", "she", "both", "all"}


def code_remedies(coded: pd.DataFrame, *, path: str | Path | None = None) -> pd.DataFrame:
    """Treatment-recommendation sentences, one row per (sentence, addressed actor).

    The addressee is found next to each recommendation cue: for "X must/should…" the
    actors named between the last clause break (comma, semicolon, dash) and the modal;
    for "it is time/essential for/that X…" the first actor named after the cue.  If
    there is none and the subject is a pronoun or demonstrative ("They must…", "These
    teams should…"), the addressee of the immediately preceding sentence is used when
    that sentence was a recommendation too (``resolved = "previous sentence"``).
    Otherwise the actor is ``"(unspecified)"``.  Actors come from the editable alias table
    ``lexicons/actors.csv`` (:func:`actor_aliases`).

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames` (with functions).
    path : str or Path, optional
        Another actor alias table (CSV with actor, alias, note).

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, actor, resolved`` ("in sentence", "previous sentence",
        "unspecified"), ``mention`` (the words naming the actor), ``text``; in corpus
        order, actors in order of mention.
    """
    columns = ["doc_id", "sent_id", "group", "actor", "resolved", "mention", "text"]
    if "treatment_recommendation" not in coded.columns and "cues" in coded.columns:
        return pd.DataFrame(columns=columns)    # a codebook without remedies: none to find
    require_columns(coded, ["doc_id", "sent_id", "group", "treatment_recommendation", "cues",
                            "text"], "code_remedies")
    aliases = _actor_table(paths.actor_table_in_use(path))[1]
    rows, previous = [], {}
    ordered = coded.sort_values(["doc_id", "sent_id"], kind="stable")
    recs = ordered[ordered["treatment_recommendation"].astype(bool)]
    for rec in recs.itertuples(index=False):
        text = rec.text
        found: list[tuple[str, str]] = []
        anaphoric = False
        for surface, s, e in rec.cues.get("treatment_recommendation", []):
            if re.match(r"(?i)it\s+is\b", surface):
                hits = _actors_in(text[e:], aliases)[:1]
            else:
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, s)]
                window = text[breaks[-1] if breaks else 0:s]
                hits = _actors_in(window, aliases)
                words = window.split()
                if not hits and words and words[0].lower().strip("'\"“") in _ANAPHORS | {"and"}:
                    lead = [w.lower() for w in words[:2]]
                    anaphoric = bool(set(lead) & _ANAPHORS)
            found += [(a, m) for a, m, _, _ in hits]
        key = (rec.doc_id, rec.sent_id)
        actors = list(dict.fromkeys(found))
        if actors:
            how = "in sentence"
        elif anaphoric and (rec.doc_id, rec.sent_id - 1) in previous:
            actors = [(a, m) for a, m in previous[(rec.doc_id, rec.sent_id - 1)]]
            how = "previous sentence"
        else:
            actors, how = [("(unspecified)", "")], "unspecified"
        seen = set()
        kept = []
        for actor, mention in actors:
            if actor in seen:
                continue
            seen.add(actor)
            kept.append((actor, mention))
            rows.append((rec.doc_id, rec.sent_id, rec.group, actor, how, mention, text))
        previous[key] = [k for k in kept if k[0] != "(unspecified)"] or []
        if not previous[key]:
            del previous[key]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "actor", "resolved",
                                       "mention", "text"])


def count_remedies(remedies: pd.DataFrame) -> pd.DataFrame:
    """Recommendation sentences per group and addressed actor (from :func:`code_remedies`).

    Returns ``group, actor, n_sentences``, sorted by group, then count (descending), then
    actor.
    """
    require_columns(remedies, ["group", "actor", "doc_id", "sent_id"], "count_remedies")
    out = (remedies.drop_duplicates(["doc_id", "sent_id", "actor"])
           .groupby(["group", "actor"]).size().rename("n_sentences").reset_index())
    return out.sort_values(["group", "n_sentences", "actor"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)
