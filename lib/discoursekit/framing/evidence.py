"""The sentences behind a frame, with the cues that fired highlighted."""
from __future__ import annotations

import html

import pandas as pd

from .._validate import check_choice
from .common import coded_categories, require_columns

__all__ = ["cue_voices", "frame_evidence", "style_evidence"]


# --- evidence --------------------------------------------------------------------------
def _merge_spans(spans) -> list[tuple[int, int]]:
    merged = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _highlight(text: str, spans, left: str, right: str, escape=None) -> str:
    esc = escape or (lambda s: s)
    out, pos = [], 0
    for s, e in _merge_spans(spans):
        out += [esc(text[pos:s]), left, esc(text[s:e]), right]
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def frame_evidence(coded: pd.DataFrame, category: str, group: str | None = None, *,
                   by: str = "group", marker: str = "**") -> pd.DataFrame:
    """The sentences that carry ``category`` (for one group, or all), cues highlighted.

    Parameters
    ----------
    coded : DataFrame
        From :func:`code_corpus_frames` (or :func:`code_frames`).
    category : str
        A frame or function id.
    group : str, optional
        Keep one group only (a value of ``by``).
    marker : str, default "**"
        Written before and after each matched cue in ``highlighted``.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group`` (when present), ``category, cues`` (the matched words,
        in order), ``text`` and ``highlighted``, in corpus order.

    Examples
    --------
    >>> from discoursekit.framing import code_frames
    >>> ev = frame_evidence(code_frames(["Gas is cheap.", "No."]), "energy_economy")
    >>> ev["highlighted"].tolist()
    ['**Gas** is **cheap**.']
    """
    check_choice("category", category, coded_categories(coded),
                 what="category of frame_evidence",
                 hint="Code the sentences first (code_corpus_frames codes frames and functions).")
    rows = coded[coded[category].astype(bool)]
    if group is not None:
        require_columns(coded, [by], "frame_evidence")
        groups = sorted(coded[by].unique())
        check_choice("group", group, groups, what="group of frame_evidence",
                     hint=f"(groups are the values of the {by!r} column).")
        rows = rows[rows[by] == group]
    keep = [c for c in ("doc_id", "sent_id", by) if c in rows.columns]
    out = rows[keep].copy()
    out["category"] = category
    hits = [cues.get(category, []) for cues in rows["cues"]]
    out["cues"] = [[h[0] for h in hit] for hit in hits]
    out["text"] = rows["text"].to_numpy()
    out["highlighted"] = [_highlight(t, [(s, e) for _, s, e in hit], marker, marker)
                          for t, hit in zip(rows["text"], hits)]
    return out.reset_index(drop=True)


def _evidence_styler_class():
    from pandas.io.formats.style import Styler

    class EvidenceStyler(Styler):
        """A Styler whose plain-text form is stable (no memory address), for nbval."""

        def __repr__(self) -> str:
            return f"<evidence table: {len(self.data)} sentences>"

    return EvidenceStyler


def _EvidenceStyler(table):
    return _evidence_styler_class()(table)


def style_evidence(coded: pd.DataFrame, category: str, group: str | None = None, *,
                   by: str = "group", max_rows: int | None = None):
    """The evidence of :func:`frame_evidence` as an HTML table with cues in ``<mark>``.

    Returns a pandas ``Styler`` with a fixed id and a plain-text form without a memory
    address, so that the rendered output is the same on every run (the text is
    HTML-escaped; only the ``<mark>`` tags are added).
    """
    ev = frame_evidence(coded, category, group, by=by, marker="\x00")
    hits = coded[coded[category].astype(bool)]
    if group is not None:
        hits = hits[hits[by] == group]
    html_text = [_highlight(t, [(s, e) for _, s, e in c.get(category, [])], "<mark>",
                            "</mark>", escape=html.escape)
                 for t, c in zip(hits["text"], hits["cues"])]
    table = ev.drop(columns=["highlighted", "text", "category"]).copy()
    table["cues"] = [", ".join(dict.fromkeys(c)) for c in table["cues"]]
    table["sentence"] = html_text
    if max_rows is not None:
        table = table.head(int(max_rows))
    styler = _EvidenceStyler(table).hide(axis="index").set_uuid(f"evidence_{category}")
    return styler.set_properties(subset=["sentence"], **{"text-align": "left",
                                                         "white-space": "normal"})


# --- whose voice each cue is ---------------------------------------------------------------
def cue_voices(corpus, coded: pd.DataFrame | None = None, *, regions=None) -> pd.DataFrame:
    """Every frame and framing-function cue of a corpus, with whose voice it is.

    A treatment recommendation in a quoted politician's words, or in "the minister said
    councils must…", is not the author's own remedy; this table shows which cues are
    (see :mod:`discoursekit.stance.voices`).

    Parameters
    ----------
    corpus : Corpus
    coded : DataFrame, optional
        :func:`discoursekit.framing.code_corpus_frames` of the corpus (coded if not given).
    regions : DataFrame, optional
        :func:`discoursekit.stance.voice_regions` of the corpus (found if not given).

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, group, category, cue, start, end, voice, speaker``: one row per
        cue match, ``start``/``end`` relative to the sentence; ``voice`` is ``author``,
        ``quoted`` or ``reported``.
    """
    from ..stance.voices import voice_of, voice_regions
    from .coding import code_corpus_frames

    coded = code_corpus_frames(corpus) if coded is None else coded
    require_columns(coded, ["doc_id", "sent_id", "group", "start", "cues"], "cue_voices")
    rows = [(d, int(k), g, int(s0), cat, cue, int(a), int(b))
            for d, k, g, s0, cues in zip(coded["doc_id"], coded["sent_id"], coded["group"],
                                          coded["start"], coded["cues"])
            for cat, found in (cues or {}).items() for cue, a, b in found]
    out = pd.DataFrame(rows, columns=["doc_id", "sent_id", "group", "sent_start", "category",
                                      "cue", "start", "end"])
    regions = voice_regions(corpus) if regions is None else regions
    voice, speaker = voice_of(out["doc_id"], out["sent_start"] + out["start"], regions)
    out["voice"], out["speaker"] = voice, speaker
    return out.drop(columns="sent_start")
