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
import threading
from importlib import resources
from pathlib import Path

import pandas as pd

from ._validate import check_choice
from .concordance import kwic
from .framing import (FRAME_IDS, FUNCTION_IDS, GENERIC_FRAMES, ISSUE_FRAMES,
                      category_labels, code_frames, code_functions)
from .text import fold

__all__ = ["FRAME_COLORS", "FRAME_SETS", "frame_sets", "whole", "kwic_view", "kwic_html",
           "highlight_frames", "kwic_explorer", "frame_highlighter", "copy_lexicon",
           "coding_view", "frame_coder", "edit_lexicon", "lexicon_changes", "lexicon_form"]

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
#: Tints for a codebook's own categories, in the order a view shows them.
_TINTS = ["#F4B6B6", "#FFD49E", "#A9CCF0", "#D9C2EC", "#B5E5CF", "#E2D3A8", "#F5E68C",
          "#C9D3DC", "#B4E1EC"]


def _colour(cat: str, shown) -> str:
    """A category's tint: its fixed one, else one by its place among those shown."""
    if cat in FRAME_COLORS:
        return FRAME_COLORS[cat]
    return _TINTS[list(shown).index(cat) % len(_TINTS)] if cat in shown else _TINTS[0]


def whole(table: pd.DataFrame, *, name: str = "whole", width_em: int = 36):
    """A table whose text is shown whole, wrapped in its cell, in JupyterLab and on the
    static site (pandas otherwise cuts text at 50 characters).

    Returns an object that shows as the table (HTML with a fixed id, ``name``, so the
    saved output is the same on every run; plain text without cut columns); the
    DataFrame itself is unchanged and is its ``table`` attribute.
    """
    return _WholeTable(table, name, width_em)


class _WholeTable:
    """What :func:`whole` returns: a table shown whole, as HTML and as text."""

    def __init__(self, table: pd.DataFrame, name: str, width_em: int):
        self.table, self._name, self._width = table, name, width_em

    def _styler(self):
        return (self.table.style.set_uuid(self._name)
                .set_table_styles([{"selector": "td",
                                    "props": f"white-space: normal; text-align: left; "
                                             f"max-width: {self._width}em;"}])
                .format(precision=3))

    def to_html(self) -> str:
        return self._styler().to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            return repr(self.table)


def frame_sets(codebook=None) -> dict:
    """The sets of categories the highlighter offers: one per kind of the codebook
    ("issue frames", "generic frames", "framing functions", then the user's own kinds)."""
    if codebook is None:
        return dict(FRAME_SETS)
    names = {"issue": "issue frames", "generic": "generic frames",
             "function": "framing functions"}
    kinds = list(dict.fromkeys(c.kind for c in codebook.categories))
    return {names.get(k, k.replace("_", " ")): tuple(codebook.ids(k)) for k in kinds}


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
    head += _forms_note(str(term), view["match"])
    cell = "padding:1px 6px;vertical-align:top"
    has_sent = "sent_id" in view.columns
    rows = []
    for r in shown.itertuples(index=False):
        where_in = f"{r.doc_id} · {r.sent_id}" if has_sent else str(r.doc_id)
        rows.append(
            f'<tr><td style="{cell};color:#555;white-space:nowrap;text-align:left">'
            f'{esc(r.group)}</td>'
            f'<td style="{cell};color:#555;white-space:nowrap;text-align:left">'
            f'{esc(where_in)}</td>'
            f'<td style="{cell};text-align:right">{esc(r.left)}</td>'
            f'<td style="{cell};text-align:center;font-weight:bold">{esc(r.match)}</td>'
            f'<td style="{cell};text-align:left">{esc(r.right)}</td></tr>')
    table = ('<table style="border-collapse:collapse;font-size:90%">'
             '<thead><tr><th style="text-align:left">group</th>'
             f'<th style="text-align:left">{"document · sentence" if has_sent else "document"}'
             '</th><th style="text-align:right">left</th><th>match</th>'
             '<th style="text-align:left">right</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    # a long concordance scrolls inside its box, so the controls above stay in view
    return (f'<div class="dk-kwic">{head}<div style="max-height:26em;overflow-y:auto">'
            f'{table}</div></div>')


def _forms_note(term: str, matches: pd.Series) -> str:
    """What a search matched when it is more than the term as typed: "“Kosova” matches
    “Kosovo” (9) and “Kosova” (11): the spellings are counted as one term, each shown as
    written." (empty when every match is the term itself, case aside)."""
    counts = matches.value_counts()
    forms = {}
    for form, k in counts.items():            # forms that differ only in case are one
        key = fold(str(form))
        forms.setdefault(key, [str(form), 0])
        forms[key][1] += int(k)
    if set(forms) <= {fold(term)}:
        return ""
    listed = sorted(forms.values(), key=lambda x: (-x[1], x[0]))
    parts = [f"“{html.escape(f)}” ({k})" for f, k in listed]
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (f'<p style="margin:0.2em 0;color:#555">“{html.escape(term)}” matches {said}: '
            "the spellings are counted as one term, each shown as written.</p>")


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


def _chip(cat: str, labels: dict, shown=()) -> str:
    return (f'<span style="background-color:{_colour(cat, shown)};border:1px solid #777;'
            f'border-radius:3px;padding:0 3px;font-size:75%;white-space:nowrap">'
            f'{html.escape(labels[cat])}</span>')


def highlight_frames(corpus, doc_id: str, *, frames=ISSUE_FRAMES,
                     lexicon: str | Path | None = None, codebook=None) -> str:
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
    codebook : Codebook, optional
        Code with a codebook's categories instead (:func:`discoursekit.load_codebook`);
        the default ``frames`` then become its issue frames.

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
    if codebook is not None and frames == list(ISSUE_FRAMES):
        frames = codebook.ids("issue") or codebook.frame_ids
    frame_ids = codebook.frame_ids if codebook is not None else list(FRAME_IDS)
    function_ids = codebook.function_ids if codebook is not None else list(FUNCTION_IDS)
    for cat in frames:
        check_choice("frame", cat, frame_ids + function_ids, what="frame of highlight_frames",
                     hint="(use ids of the codebook, e.g. discoursekit.FRAME_IDS or "
                          "FUNCTION_IDS for the built-in one).")
    sents = corpus.sentences[corpus.sentences["doc_id"] == doc_id]
    texts = sents["text"].tolist()
    cues = [{} for _ in texts]
    coded = {}
    if any(c in frame_ids for c in frames):
        f = code_frames(texts, lexicon=lexicon, codebook=codebook)
        coded.update({c: f[c].tolist() for c in frame_ids})
        cues = [dict(c) for c in f["cues"]]
    if any(c in function_ids for c in frames):
        g = code_functions(texts, codebook=codebook)
        coded.update({c: g[c].tolist() for c in function_ids})
        cues = [dict(a, **b) for a, b in zip(cues, g["cues"])]
    labels = category_labels(codebook)
    doc = corpus.docs.set_index("doc_id").loc[doc_id]
    full = doc["text"]
    esc = html.escape

    legend = " ".join(f'{_chip(c, labels, frames)}&nbsp;{sum(coded[c])}' for c in frames)
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
            body = (f'<span style="background-color:{_colour(present[0], frames)};'
                    f'padding:1px 2px;border-radius:3px">{body}</span> '
                    + " ".join(_chip(c, labels, frames) for c in present))
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


def kwic_explorer(corpus, *, term: str = "Russia", window: int = 5, sort: str = "R1",
                  debounce: float = 0.4):
    """A KWIC explorer: a term box, a group menu, a window slider and a sort menu.

    The view is :func:`kwic_html` of :func:`kwic_view`; an invalid term shows the error
    message in place of the table.  The view follows the term as it is typed, once
    typing pauses for ``debounce`` seconds (0: at every keystroke); no Enter is needed.

    Returns
    -------
    ipywidgets.VBox
        ``children[0]`` holds the controls (term, group, window, sort), ``children[1]``
        the ``HTML`` output.
    """
    import ipywidgets as widgets

    groups = sorted(corpus.docs["group"].unique())
    term_box = widgets.Text(value=term, description="term", continuous_update=True,
                            placeholder="type a word or phrase")
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

    pending: list = []

    def typed(_=None):                 # wait for a pause in typing, then update
        if debounce <= 0:
            update()
            return
        while pending:
            pending.pop().cancel()
        timer = threading.Timer(debounce, update)
        timer.daemon = True
        pending.append(timer)
        timer.start()

    term_box.observe(typed, names="value")
    for control in (group_menu, window_slider, sort_menu):
        control.observe(update, names="value")
    update()
    return _explorer("KWIC explorer", [term_box, group_menu, window_slider, sort_menu], output)


def frame_highlighter(corpus, *, doc_id: str | None = None, frames: str = "issue frames",
                      lexicon: str | Path | None = None, codebook=None):
    """A frame highlighter: an article menu and a frame-set menu over :func:`highlight_frames`.

    Parameters
    ----------
    corpus : Corpus
    doc_id : str, optional
        The article shown first (default: the first).
    frames : {"issue frames", "generic frames", "framing functions"}
    lexicon : str or Path, optional
        Passed to :func:`highlight_frames`.
    codebook : Codebook, optional
        Offer the codebook's kinds of category (:func:`frame_sets`) and code with it.

    Returns
    -------
    ipywidgets.VBox
        ``children[0]`` holds the controls (article, frame set), ``children[1]`` the
        ``HTML`` output.
    """
    import ipywidgets as widgets

    sets = frame_sets(codebook)
    if codebook is not None and frames not in sets:
        frames = next(iter(sets))
    check_choice("frames", frames, list(sets), what="frame set of frame_highlighter")
    docs = corpus.docs
    options = [(f"{g} ({d})", d) for d, g in zip(docs["doc_id"], docs["group"])]
    doc_menu = widgets.Dropdown(options=options, value=doc_id or docs["doc_id"].iloc[0],
                                description="article", layout=widgets.Layout(width="32em"))
    set_menu = widgets.Dropdown(options=list(sets), value=frames, description="show")
    output = widgets.HTML()

    def update(_=None):
        output.value = highlight_frames(corpus, doc_menu.value, frames=sets[set_menu.value],
                                        lexicon=lexicon, codebook=codebook)

    doc_menu.observe(update, names="value")
    set_menu.observe(update, names="value")
    update()
    return _explorer("frame highlighter", [doc_menu, set_menu], output)


# --- hand coding in JupyterLab ----------------------------------------------------------
def coding_view(sheet: pd.DataFrame, position: int, codebook=None, *,
                show_cues: bool = False) -> str:
    """One sentence of a coding sheet as HTML, for coding: where it is in the sheet, the
    sentences before and after (grey), the sentence itself, and the numbered categories
    with their definitions (the numbers are what a coder types).

    The lexicon's cues are shown (underlined) only with ``show_cues=True``: a coder must
    not see the lexicon's guess unless the researcher asks for it.

    >>> sheet = pd.DataFrame({"sentence_id": ["a:0"], "context_before": [""],
    ...                       "text": ["Troops <moved>."], "context_after": [""],
    ...                       "military_security": [""]})
    >>> page = coding_view(sheet, 0)
    >>> "Troops &lt;moved&gt;." in page and "<u" not in page and "1 of 1" in page
    True
    """
    from .framing.codebook import default_codebook
    from .framing.sheets import coded_rows, sheet_categories

    book = default_codebook() if codebook is None else codebook
    cats = sheet_categories(sheet)
    row = sheet.iloc[int(position)]
    esc = html.escape
    text = str(row["text"])
    body = esc(text)
    if show_cues:
        from .framing.classifier import cue_features

        cues = cue_features([text], book)[1][0]
        parts, pos = [], 0
        for s_, e_, found in _spans_with_categories(cues, [c for c in cats if c in cues]):
            parts += [esc(text[pos:s_]), f'<u title="{esc(", ".join(found))}">'
                                         f'{esc(text[s_:e_])}</u>']
            pos = e_
        body = "".join(parts) + esc(text[pos:])
    labels = book.labels
    n_coded = int(coded_rows(sheet).sum())
    items = "".join(
        f'<li value="{k}"><b>{esc(labels.get(c, c))}</b>'
        + (f' <span style="color:#555">— {esc(book.category(c).definition)}</span>'
           if c in book else "") + "</li>"
        for k, c in enumerate(cats, start=1))
    before, after = (esc(str(row.get(k, "") or "")) for k in ("context_before", "context_after"))
    return (f'<div class="dk-coder" style="max-width:60em">'
            f'<p style="color:#666;margin:0.2em 0">sentence {int(position) + 1} of {len(sheet)} '
            f'({n_coded} coded) · {esc(str(row["sentence_id"]))}</p>'
            f'<p style="line-height:1.6;margin:0.3em 0"><span style="color:#888">{before}</span> '
            f'<span style="background:#FFF3B0;padding:1px 3px"><b>{body}</b></span> '
            f'<span style="color:#888">{after}</span></p>'
            f'<ol style="margin:0.3em 0;font-size:90%">{items}</ol></div>')


def frame_coder(path, codebook=None, *, show_cues: bool = False, start: int | None = None):
    """Code a sheet in JupyterLab, one sentence at a time.

    One checkbox per category (its definition on hover), **Back** and **Save & next**,
    and a box for the keyboard: type the numbers of the categories the sentence carries
    (e.g. ``1 4``) and press Enter to save and move on; Enter on an empty box saves "none";
    ``b`` goes back.  Every decision is written to the sheet file at once
    (:func:`discoursekit.framing.record_codes`), so coding can stop and resume: the coder
    opens at the first sentence not yet coded.

    Parameters
    ----------
    path : str or Path
        A coder's sheet (from :func:`discoursekit.write_coding_sheets`).
    codebook : Codebook, optional
        For labels and definitions (default: the built-in codebook).
    show_cues : bool, default False
        Underline the lexicon's cues (off by default: coders code blind).
    start : int, optional
        Row to open at (default: the first uncoded row).
    """
    import ipywidgets as widgets

    from .framing.codebook import default_codebook
    from .framing.sheets import load_sheet, next_to_code, record_codes, sheet_categories

    book = default_codebook() if codebook is None else codebook
    state = {"sheet": load_sheet(path)}
    cats = sheet_categories(state["sheet"])
    first = next_to_code(state["sheet"]) if start is None else int(start)
    state["i"] = 0 if first is None else first
    boxes = [widgets.Checkbox(value=False, description=f"{k} {book.labels.get(c, c)}",
                              tooltip=book.category(c).definition if c in book else c,
                              indent=False, layout=widgets.Layout(width="auto"))
             for k, c in enumerate(cats, start=1)]
    keys = widgets.Text(placeholder="numbers, then Enter (e.g. 1 4); b = back",
                        continuous_update=False, layout=widgets.Layout(width="22em"))
    back = widgets.Button(description="Back")
    save = widgets.Button(description="Save & next", button_style="primary")
    output = widgets.HTML()

    def show():
        sheet, i = state["sheet"], state["i"]
        output.value = coding_view(sheet, i, book, show_cues=show_cues)
        for box, c in zip(boxes, cats):
            box.value = str(sheet.loc[i, c]).strip() in ("1", "1.0")

    def commit(present):
        state["sheet"] = record_codes(path, state["i"], present)
        nxt = next_to_code(state["sheet"], state["i"])
        state["i"] = nxt if nxt is not None else min(state["i"] + 1, len(state["sheet"]) - 1)
        show()

    def on_save(_=None):
        commit([c for box, c in zip(boxes, cats) if box.value])

    def on_back(_=None):
        state["i"] = max(0, state["i"] - 1)
        show()

    def on_keys(change):
        typed = change["new"].strip().lower()
        if change["new"] == "":
            return
        keys.value = ""
        if typed == "b":
            on_back()
            return
        picked = [cats[int(t) - 1] for t in typed.replace(",", " ").split()
                  if t.isdigit() and 1 <= int(t) <= len(cats)]
        commit(picked)

    save.on_click(on_save)
    back.on_click(on_back)
    keys.observe(on_keys, names="value")
    show()
    controls = [keys, back, save] + boxes
    return _explorer("hand coder", controls, output)


# exercise 7's form and the functions behind it (discoursekit.lexicon_edit)
from .lexicon_edit import edit_lexicon, lexicon_changes, lexicon_form  # noqa: E402
