"""Classroom explorers: KWIC and frame highlighting as plain functions, and the widgets
that wire them together.

The functions do the work and are unit-tested: :func:`kwic_view` (a filtered, sorted
concordance as a DataFrame), :func:`kwic_html` (that table as HTML) and
:func:`highlight_frames` (an article with each sentence coloured by its frames, the
triggering cues underlined, and a legend).  All return deterministic values: no random
ids, no timestamps, inline styles only, so a notebook that shows them can be checked by
nbval and rendered in an offline HTML page.

The widget constructors :func:`kwic_explorer` and :func:`frame_highlighter` only connect
ipywidgets controls to those functions.  Each explorer's display bundle carries, beside
the widget view, a static HTML snapshot of its current view.  A front end picks the
richest form it can show: JupyterLab shows the live widget for a cell run in the session,
but for outputs saved in a notebook it has not been told to trust (every notebook fresh
from the repository) it skips the widget view and shows the snapshot, instead of "Error
displaying widget: model not found" (the build saves no widget state).  The HTML edition
(:mod:`discoursekit.html`) shows the snapshot too.  :func:`copy_lexicon` copies a
built-in lexicon to a folder the student owns, so that it can be edited without writing
into the package.
"""
from __future__ import annotations

import functools
import html
import shutil
from importlib import resources
from pathlib import Path

import pandas as pd

from ._validate import check_choice
from .concordance import kwic
from .framing import (CATEGORY_IDS, FRAME_IDS, FUNCTION_IDS, GENERIC_FRAMES, ISSUE_FRAMES,
                      category_labels, code_frames, code_functions)

__all__ = ["FRAME_COLORS", "FRAME_SETS", "kwic_view", "kwic_html", "highlight_frames",
           "kwic_explorer", "frame_highlighter", "copy_lexicon"]

# Light tints, one fixed colour per category, so that a frame has the same colour in every
# view; sentence text stays black on them.  The legend always names the frame as well, so
# colour is never the only cue.
FRAME_COLORS = {
    "military_security": "#F4B6B6", "energy_economy": "#FFD49E",
    "euro_atlantic_integration": "#A9CCF0", "identity_religion": "#D9C2EC",
    "information_warfare": "#B5E5CF", "historical_analogy": "#E2D3A8",
    "sovereignty_territory": "#F5E68C", "domestic_politics": "#C9D3DC",
    "diplomacy": "#B4E1EC",
    "conflict": "#F4B6B6", "responsibility": "#A9CCF0", "economic_consequences": "#FFD49E",
    "morality": "#D9C2EC", "human_interest": "#B5E5CF",
    "problem_definition": "#F4B6B6", "causal_attribution": "#FFD49E",
    "moral_evaluation": "#D9C2EC", "treatment_recommendation": "#B5E5CF",
}
# The sets offered by the highlighter; within each set every colour is distinct.
FRAME_SETS = {"issue frames": ISSUE_FRAMES, "generic frames": GENERIC_FRAMES,
              "framing functions": FUNCTION_IDS}
_SORTS = {"R1": ("R1", "L1"), "L1": ("L1", "R1"), "match": ("match",), "text": None}


# --- KWIC ------------------------------------------------------------------------------
def _check_group(corpus, group):
    if group is None:
        return None
    groups = sorted(corpus.docs["group"].unique())
    check_choice("group", group, groups, what="group of kwic_view",
                 hint="(pass None for all groups).")
    return group


def kwic_view(corpus, term: str, group: str | None = None, *, window: int = 5,
              sort: str = "R1") -> pd.DataFrame:
    """A concordance for the classroom: one row per occurrence, optionally of one group.

    Parameters
    ----------
    corpus : Corpus
    term : str
        A word or phrase, matched on normalised forms as in :func:`discoursekit.kwic`
        ("kosovo" also finds "Kosova").
    group : str, optional
        Keep the occurrences of one group (a value of ``corpus.docs["group"]``).
    window : int, default 5
        Words of context each side.
    sort : {"R1", "L1", "match", "text"}, default "R1"
        By the first word to the right (then left), the first word to the left (then
        right), the form as written, or text order.

    Returns
    -------
    DataFrame
        ``group, doc_id, sent_id, left, match, right`` in the chosen order (ties in text
        order), with a reset index; ``attrs`` hold ``term``, ``group``, ``window``,
        ``sort``.

    Raises
    ------
    ValueError
        For an empty term, a window below 1, an unknown sort or an unknown group.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Serbia watches Kosova. Russia courts Kosovo Serbs."], "author": ["A"]}))
    >>> kwic_view(corpus, "kosovo", window=2, sort="L1")[["left", "match", "right"]]
                 left   match            right
    0   Russia courts  Kosovo            Serbs
    1  Serbia watches  Kosova  . Russia courts
    """
    check_choice("sort", sort, list(_SORTS), what="parameter of kwic_view")
    group = _check_group(corpus, group)
    lines = kwic(corpus, term, window=window, sort=_SORTS[sort])
    if group is not None:
        lines = lines[lines["group"] == group]
    out = lines[["group", "doc_id", "sent_id", "left", "match", "right"]].reset_index(drop=True)
    out.attrs.update({"term": term, "group": group, "window": window, "sort": sort})
    return out


def kwic_html(view: pd.DataFrame, *, max_rows: int | None = 200) -> str:
    """A KWIC table as HTML: left context right-aligned, the match in bold.

    Parameters
    ----------
    view : DataFrame
        From :func:`kwic_view`.
    max_rows : int or None, default 200
        Show at most this many lines (the heading gives the total).

    Returns
    -------
    str
        A ``<div>`` with a heading (term, group, number of occurrences) and a table;
        the text is HTML-escaped.
    """
    missing = {"group", "doc_id", "left", "match", "right"} - set(view.columns)
    if missing:
        raise ValueError(f"kwic_html(): the view has no column(s) {sorted(missing)}; pass "
                         "the DataFrame returned by kwic_view(corpus, term).")
    esc = html.escape
    term, group = view.attrs.get("term", ""), view.attrs.get("group")
    where = f" by {esc(group)}" if group else ""
    n = len(view)
    shown = view if max_rows is None else view.head(int(max_rows))
    head = (f'<p style="margin:0.2em 0"><b>{n}</b> occurrence{"s" if n != 1 else ""} of '
            f'<b>{esc(str(term))}</b>{where}'
            + (f" (first {len(shown)} shown)" if len(shown) < n else "") + "</p>")
    if not n:
        return f'<div class="dk-kwic">{head}</div>'
    cell = "padding:1px 6px;vertical-align:top"
    rows = []
    for r in shown.itertuples(index=False):
        rows.append(
            f'<tr><td style="{cell};color:#555;white-space:nowrap;text-align:left">'
            f'{esc(r.group)}</td>'
            f'<td style="{cell};text-align:right">{esc(r.left)}</td>'
            f'<td style="{cell};text-align:center;font-weight:bold">{esc(r.match)}</td>'
            f'<td style="{cell};text-align:left">{esc(r.right)}</td></tr>')
    table = ('<table style="border-collapse:collapse;font-size:90%">'
             '<thead><tr><th style="text-align:left">group</th>'
             '<th style="text-align:right">left</th><th>match</th>'
             '<th style="text-align:left">right</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return f'<div class="dk-kwic">{head}{table}</div>'


# --- frame highlighter -----------------------------------------------------------------
def _spans_with_categories(cues: dict, categories) -> list[tuple[int, int, list[str]]]:
    """Merged cue spans of one sentence, each with the categories whose cues cover it."""
    spans = sorted((s, e, cat) for cat in categories for _, s, e in cues.get(cat, []))
    merged: list[list] = []
    for s, e, cat in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(e, merged[-1][1])
            if cat not in merged[-1][2]:
                merged[-1][2].append(cat)
        else:
            merged.append([s, e, [cat]])
    return [(s, e, cats) for s, e, cats in merged]


def _chip(cat: str, labels: dict) -> str:
    return (f'<span style="background-color:{FRAME_COLORS[cat]};border:1px solid #777;'
            f'border-radius:3px;padding:0 3px;font-size:75%;white-space:nowrap">'
            f'{html.escape(labels[cat])}</span>')


def highlight_frames(corpus, doc_id: str, *, frames=ISSUE_FRAMES,
                     lexicon: str | Path | None = None) -> str:
    """An article as HTML, each sentence coloured by its frames and the cues underlined.

    Parameters
    ----------
    corpus : Corpus
    doc_id : str
        The article (a value of ``corpus.docs["doc_id"]``).
    frames : sequence of str, default ISSUE_FRAMES
        Frame or function ids to show (e.g. ``GENERIC_FRAMES``, ``FUNCTION_IDS``, or a
        few ids); other frames are ignored.
    lexicon : str or Path, optional
        A frames YAML file (e.g. an edited copy from :func:`copy_lexicon`) used instead
        of the built-in one; framing functions always use the built-in functions lexicon.

    Returns
    -------
    str
        A ``<div>``: a heading (group and title), a legend (one coloured label per frame
        with the number of this article's sentences that carry it), then the article's
        paragraphs.  A sentence takes the colour of its first frame in ``frames`` order
        and is followed by a label for every frame it carries; every cue is underlined,
        with the frame(s) and cue in its tooltip.  Text is HTML-escaped; the result is
        the same on every run.

    Raises
    ------
    ValueError
        For an unknown doc_id or frame id.

    Examples
    --------
    >>> import pandas as pd, discoursekit as dk
    >>> corpus = dk.Corpus.from_frame(pd.DataFrame({
    ...     "text": ["Russia sent troops. Talks resumed."], "author": ["A"]}))
    >>> page = highlight_frames(corpus, corpus.docs["doc_id"][0])
    >>> "<u" in page and "Military &amp; security" in page
    True
    """
    ids = list(corpus.docs["doc_id"])
    check_choice("doc_id", doc_id, ids, what="article of highlight_frames")
    frames = [frames] if isinstance(frames, str) else list(frames)
    if not frames:
        raise ValueError("highlight_frames(): frames is empty; pass e.g. ISSUE_FRAMES.")
    for cat in frames:
        check_choice("frame", cat, CATEGORY_IDS, what="frame of highlight_frames",
                     hint="(use ids from discoursekit.FRAME_IDS or FUNCTION_IDS).")
    sents = corpus.sentences[corpus.sentences["doc_id"] == doc_id]
    texts = sents["text"].tolist()
    cues = [{} for _ in texts]
    coded = {}
    if any(c in FRAME_IDS for c in frames):
        f = code_frames(texts, lexicon=lexicon)
        coded.update({c: f[c].tolist() for c in FRAME_IDS})
        cues = [dict(c) for c in f["cues"]]
    if any(c in FUNCTION_IDS for c in frames):
        g = code_functions(texts)
        coded.update({c: g[c].tolist() for c in FUNCTION_IDS})
        cues = [dict(a, **b) for a, b in zip(cues, g["cues"])]
    labels = category_labels()
    doc = corpus.docs.set_index("doc_id").loc[doc_id]
    full = doc["text"]
    esc = html.escape

    legend = " ".join(f'{_chip(c, labels)}&nbsp;{sum(coded[c])}' for c in frames)
    title = doc.get("title", "")
    heading = (f'<p style="margin:0.2em 0"><b>{esc(str(doc["group"]))}</b>'
               + (f" — <i>{esc(str(title))}</i>" if title and title != "unknown" else "")
               + f' <span style="color:#666">({esc(doc_id)}, {len(texts)} sentences)</span></p>')
    legend_html = (f'<p style="margin:0.2em 0 0.6em 0;line-height:1.9">Legend (sentences '
                   f'carrying each frame): {legend}. Cues are <u>underlined</u>; hover for '
                   'the frame.</p>')
    paragraphs, current = [], []
    previous_end = None
    for i, (text, start) in enumerate(zip(texts, sents["start"])):
        if previous_end is not None and "\n" in full[previous_end:start] and current:
            paragraphs.append(current)
            current = []
        previous_end = start + len(text)
        present = [c for c in frames if coded[c][i]]
        parts, pos = [], 0
        for s, e, cats in _spans_with_categories(cues[i], present):
            tip = "; ".join(labels[c] for c in cats) + f": {text[s:e]}"
            parts += [esc(text[pos:s]), f'<u title="{esc(tip)}">{esc(text[s:e])}</u>']
            pos = e
        parts.append(esc(text[pos:]))
        body = "".join(parts)
        if present:
            body = (f'<span style="background-color:{FRAME_COLORS[present[0]]};'
                    f'padding:1px 2px;border-radius:3px">{body}</span> '
                    + " ".join(_chip(c, labels) for c in present))
        current.append(body)
    if current:
        paragraphs.append(current)
    article = "".join(f'<p style="line-height:1.7;margin:0 0 0.7em 0">{" ".join(p)}</p>'
                      for p in paragraphs)
    return (f'<div class="dk-frames" style="max-width:60em">{heading}{legend_html}'
            f'{article}</div>')


# --- lexicon copies --------------------------------------------------------------------
def copy_lexicon(folder: str | Path, which: str = "frames", *,
                 name: str | None = None) -> Path:
    """Copy a built-in lexicon YAML to ``folder`` so that it can be edited and passed on.

    Parameters
    ----------
    folder : str or Path
        A folder you own (created if missing); never the package's ``lexicons/``.
    which : {"frames", "functions", "stance"}, default "frames"
    name : str, optional
        File name of the copy (default ``<which>.yaml``).

    Returns
    -------
    Path
        The copy, to pass as ``lexicon=`` to :func:`discoursekit.code_frames`,
        :func:`highlight_frames`, :func:`discoursekit.code_functions` or
        :func:`discoursekit.stance_markers`.

    Notes
    -----
    The coders keep a parsed lexicon keyed on the file's contents, so an edited copy
    (under the same name) is read again on the next call.
    """
    check_choice("which", which, ["frames", "functions", "stance"],
                 what="lexicon of copy_lexicon")
    source = resources.files("discoursekit.lexicons").joinpath(f"{which}.yaml")
    folder = Path(folder)
    package = Path(str(resources.files("discoursekit"))).resolve()
    if folder.resolve() == package or package in folder.resolve().parents:
        raise ValueError(f"copy_lexicon(): {folder} is inside the discoursekit package; copy "
                         "the lexicon to a folder of your own (e.g. tempfile.mkdtemp()).")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or f"{which}.yaml")
    with resources.as_file(source) as src:
        shutil.copyfile(src, target)
    return target


# --- widgets ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _explorer_class():
    import ipywidgets as widgets

    class Explorer(widgets.VBox):
        """A VBox whose display bundle also holds a static snapshot of its view."""

        def _repr_mimebundle_(self, **kwargs):
            data = super()._repr_mimebundle_(**kwargs)
            note = (f"Static snapshot of the {self.dk_name}: run this cell in JupyterLab to "
                    "use it interactively.")
            data["text/plain"] = note
            data["text/html"] = (f'<p style="color:#666;font-style:italic;margin:0.2em 0">'
                                 f'{html.escape(note)}</p>{self.dk_output.value}')
            return data

    return Explorer


def _explorer(name: str, controls, output):
    import ipywidgets as widgets

    box = _explorer_class()([widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap")),
                             output])
    box.dk_name = name
    box.dk_output = output
    return box


def kwic_explorer(corpus, *, term: str = "Russia", window: int = 5, sort: str = "R1"):
    """A KWIC explorer: a term box, a group menu, a window slider and a sort menu.

    The view is :func:`kwic_html` of :func:`kwic_view`; an invalid term shows the error
    message in place of the table.

    Returns
    -------
    ipywidgets.VBox
        ``children[0]`` holds the controls (term, group, window, sort), ``children[1]``
        the ``HTML`` output.
    """
    import ipywidgets as widgets

    groups = sorted(corpus.docs["group"].unique())
    term_box = widgets.Text(value=term, description="term", continuous_update=False)
    group_menu = widgets.Dropdown(options=[("all groups", "")] + [(g, g) for g in groups],
                                  value="", description="group")
    window_slider = widgets.IntSlider(value=window, min=1, max=12, description="window",
                                      continuous_update=False)
    sort_menu = widgets.Dropdown(options=[("right word (R1)", "R1"), ("left word (L1)", "L1"),
                                          ("match as written", "match"),
                                          ("text order", "text")],
                                 value=sort, description="sort by")
    output = widgets.HTML()

    def update(_=None):
        try:
            view = kwic_view(corpus, term_box.value, group_menu.value or None,
                             window=window_slider.value, sort=sort_menu.value)
            output.value = kwic_html(view)
        except ValueError as exc:
            output.value = f'<p style="color:#a00">{html.escape(str(exc))}</p>'

    for control in (term_box, group_menu, window_slider, sort_menu):
        control.observe(update, names="value")
    update()
    return _explorer("KWIC explorer", [term_box, group_menu, window_slider, sort_menu], output)


def frame_highlighter(corpus, *, doc_id: str | None = None, frames: str = "issue frames",
                      lexicon: str | Path | None = None):
    """A frame highlighter: an article menu and a frame-set menu over :func:`highlight_frames`.

    Parameters
    ----------
    corpus : Corpus
    doc_id : str, optional
        The article shown first (default: the first).
    frames : {"issue frames", "generic frames", "framing functions"}
    lexicon : str or Path, optional
        Passed to :func:`highlight_frames`.

    Returns
    -------
    ipywidgets.VBox
        ``children[0]`` holds the controls (article, frame set), ``children[1]`` the
        ``HTML`` output.
    """
    import ipywidgets as widgets

    check_choice("frames", frames, list(FRAME_SETS), what="frame set of frame_highlighter")
    docs = corpus.docs
    options = [(f"{g} ({d})", d) for d, g in zip(docs["doc_id"], docs["group"])]
    doc_menu = widgets.Dropdown(options=options, value=doc_id or docs["doc_id"].iloc[0],
                                description="article", layout=widgets.Layout(width="32em"))
    set_menu = widgets.Dropdown(options=list(FRAME_SETS), value=frames, description="show")
    output = widgets.HTML()

    def update(_=None):
        output.value = highlight_frames(corpus, doc_menu.value,
                                        frames=FRAME_SETS[set_menu.value], lexicon=lexicon)

    doc_menu.observe(update, names="value")
    set_menu.observe(update, names="value")
    update()
    return _explorer("frame highlighter", [doc_menu, set_menu], output)
