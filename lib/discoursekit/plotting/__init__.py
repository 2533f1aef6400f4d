"""One house style and deterministic saving for every figure of the suite.

Only this package imports matplotlib.  Figures are sized for journals (single column
3.5 in, double column 7 in; :func:`fit_to_page` keeps every saved figure within 7 × 9 in
with no text under 6 pt), and are saved by :func:`save_figure` as SVG, PNG (300 dpi) and
PDF with fixed metadata, beside a CSV of the numbers they plot, so that rebuilding
changes no byte.

**Colour means one thing.**

* Groups (authors, outlets…) and only groups take the saturated colours of
  :data:`PALETTE` (Okabe & Ito) and :data:`EXTRA_COLOURS`, one fixed colour per group
  (:func:`group_colors`), in the one order of :func:`group_order`.
* Every other set of categories (frames and functions, voices, speakers, naming types,
  addressees, measures) takes the paler colours of :data:`CATEGORY_PALETTE`
  (:func:`category_colors`), or greys.
* Signed values (tone, similarity, differences) take the one diverging map
  :data:`DIVERGING`, brown for negative and teal for positive (:data:`NEGATIVE`,
  :data:`POSITIVE`), hues no group has; magnitudes take sequential maps.
"""
from __future__ import annotations

import collections
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import matplotlib.text as mtext
import numpy as np
import pandas as pd

from .. import paths

__all__ = ["SINGLE", "DOUBLE", "PAGE_WIDTH", "PAGE_HEIGHT", "MIN_FONT_PT", "fit_to_page",
           "group_order", "set_group_order", "CATEGORY_PALETTE", "category_colors",
           "DIVERGING", "NEGATIVE", "POSITIVE",
           "PALETTE", "MAX_GROUPS", "use_style", "group_colors",
           "short_label", "short_labels", "save_figure", "new_figure", "groups_shown",
           "group_sizes", "shown_rows", "note_groups", "label_groups_by", "PEOPLE_COLUMNS",
           "text_in_axes", "column_labels", "text_color", "luminance"]

SINGLE, DOUBLE = 3.5, 7.0  # inches
# Okabe & Ito (2008), ordered so that the first colours are the most distinct.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "svg.hashsalt": "discoursekit",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "text.usetex": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
}
_METADATA = {
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


#: Colours for categories that are not groups: Paul Tol's "light" scheme, paler than
#: every group colour, so a bar coloured by speaker is not read as an author.
CATEGORY_PALETTE = ["#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99",
                    "#BBCC33", "#AAAA00", "#DDDDDD"]
#: Negative and positive ends of every signed scale (tone, similarity, differences).
NEGATIVE, POSITIVE = "#8C510A", "#01665E"


def _diverging():
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list(
        "dk_diverging", [NEGATIVE, "#D8B365", "#FFFFFF", "#5AB4AC", POSITIVE])


#: The one diverging colour map (brown – white – teal), for every signed value.
DIVERGING = _diverging()


def category_colors(categories) -> dict:
    """A colour per category that is not a group (:data:`CATEGORY_PALETTE`, in the order
    given; categories beyond nine repeat the palette)."""
    cats = list(dict.fromkeys(categories))
    return {c: CATEGORY_PALETTE[k % len(CATEGORY_PALETTE)] for k, c in enumerate(cats)}


def use_style() -> None:
    """Apply the house style to matplotlib (and seaborn, which reads the same rcParams)."""
    mpl.rcParams.update(STYLE)


#: Four more colours for figures of nine to :data:`MAX_GROUPS` groups (Tol's "muted"
#: indigo, wine, olive and rose, the ones least like the Okabe & Ito colours), so that no
#: two groups a figure shows share a colour.
EXTRA_COLOURS = ["#332288", "#882255", "#999933", "#CC6677"]


def group_colors(groups) -> dict[str, str]:
    """A fixed colour per group: groups sorted by name take the palette in order (the
    first eight from :data:`PALETTE`, then :data:`EXTRA_COLOURS`)."""
    ordered = sorted(set(groups))
    colours = PALETTE + EXTRA_COLOURS
    return {g: colours[i % len(colours)] for i, g in enumerate(ordered)}


#: The order groups take in every figure: None for sorted by name (the corpus's order,
#: which tables use too), or a list set by :func:`set_group_order`.
_GROUP_ORDER: list | None = None


def set_group_order(order=None) -> None:
    """Draw groups in this order in every figure (groups not listed follow, sorted);
    ``None`` restores the default, groups sorted by name as in the tables."""
    global _GROUP_ORDER
    _GROUP_ORDER = None if order is None else [str(g) for g in order]


def group_order(groups) -> list:
    """The groups in the one order every figure uses (see :func:`set_group_order`)."""
    groups = list(dict.fromkeys(groups))
    rank = {g: k for k, g in enumerate(_GROUP_ORDER or [])}
    return sorted(groups, key=lambda g: (rank.get(str(g), len(rank)), str(g)))


#: A figure with one row, panel or colour per group shows at most this many groups (those
#: with the most data behind it) and says so; the CSV saved with it keeps every group.
MAX_GROUPS = 12


def groups_shown(sizes: pd.Series, what: str, limit: int | None = None, *,
                 noun: str = "group") -> tuple[list, str | None]:
    """The groups a figure shows, and a note for the figure if some are left out.

    ``sizes`` maps each group to how much the figure has of it (sentences, words,
    mentions: ``what``).  With at most ``limit`` groups (:data:`MAX_GROUPS`) all are
    shown and the note is None; otherwise the ``limit`` largest (ties by name).  The
    groups come back in the order of ``sizes``.  ``noun`` names what is counted in the
    note when it is not groups (terms, say).
    """
    limit = MAX_GROUPS if limit is None else limit
    if len(sizes) <= limit:
        return list(sizes.index), None
    ranked = sorted(sizes.index, key=lambda g: (-sizes[g], str(g)))[:limit]
    keep = set(ranked)
    note = (f"{limit} of {len(sizes)} {noun}s shown (those with the most {what}); "
            f"the CSV has every {noun}")
    return [g for g in sizes.index if g in keep], note


def group_sizes(table: pd.DataFrame, by: str = "group", column: str | None = None) -> pd.Series:
    """How much of each group ``table`` holds, for :func:`groups_shown`: the first value
    of ``column`` in each group (a size repeated on every row: ``size_target``,
    ``n_words``) if the table has it, else the group's number of rows."""
    grouped = table.groupby(by, sort=False)
    return grouped[column].first() if column in table.columns else grouped.size()


def shown_rows(table: pd.DataFrame, by: str, sizes: pd.Series, what: str):
    """``table`` restricted to the groups a figure shows (:func:`groups_shown` of
    ``sizes``), and the note that says so (or None)."""
    shown, note = groups_shown(sizes, what)
    return table[table[by].isin(shown)], note


def note_groups(fig, note: str | None) -> None:
    """Write the note of :func:`groups_shown` under the figure (nothing if None).

    It is placed 24 points below the figure's lower edge, clear of an x-axis label
    that reaches past it; figures are saved with a tight bounding box, which takes it in.
    A long note (the groups without an interval, among sixteen) is wrapped to the
    narrower of the figure and the page, so that it never widens the figure.
    """
    if note:
        import textwrap

        from matplotlib.transforms import ScaledTranslation

        lines = getattr(fig, "_dk_note_lines", 0)   # a second note goes below the first
        width_in = min(float(fig.get_size_inches()[0]), PAGE_WIDTH) - 0.5
        # 7-pt DejaVu Sans averages about 0.55 em a character
        text = textwrap.fill(note, width=max(40, int(width_in * 72 / (0.55 * 7))),
                             break_on_hyphens=False)
        fig._dk_note_lines = lines + text.count("\n") + 1
        below = fig.transFigure + ScaledTranslation(0, -(24 + 9.5 * lines) / 72,
                                                    fig.dpi_scale_trans)
        t = fig.text(0.0, 0.0, text, ha="left", va="top", fontsize=7, color="#555555",
                     transform=below, linespacing=1.15)
        t._dk_note = True


def place_notes(fig) -> None:
    """Put the notes of :func:`note_groups` under everything else the figure draws (long
    upright group names reach far below the axes), one under another, aligned with the
    figure's left edge.  :func:`fit_to_page` (so :func:`save_figure`) calls it; positions
    are fractions of the figure, so they hold at any dpi."""
    notes = [t for t in fig.texts if getattr(t, "_dk_note", False) and t.get_visible()]
    if not notes:
        return
    for t in notes:
        t.set_visible(False)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    box = fig.get_tightbbox(renderer)          # inches, without the notes
    for t in notes:
        t.set_visible(True)
    # in figure fractions (a saved tight box moves the figure's frame, not its inches)
    fw, fh = fig.get_size_inches()
    y = box.y0 - 8 / 72
    for t in notes:
        t.set_transform(fig.transFigure)
        t.set_position((box.x0 / fw, y / fh))
        y -= t.get_window_extent(renderer).height / fig.dpi + 3 / 72


def interval_note(*tables) -> str | None:
    """The note a figure gives for the groups it draws without an interval: the reason
    each table records (``attrs["no_interval"]``, a dict by group; or, for
    ``keyness_all``, each group's ``attrs["per_group"][g]["no_interval"]``), one sentence
    per reason.  None when every group has its interval."""
    reasons: dict[str, list] = {}
    for table in tables:
        attrs = getattr(table, "attrs", {}) or {}
        found = dict(attrs.get("no_interval") or {}) if isinstance(
            attrs.get("no_interval"), dict) else {}
        for g, a in (attrs.get("per_group") or {}).items():
            if a.get("no_interval") and not a["no_interval"].endswith("n_boot = 0"):
                found[g] = a["no_interval"]
        for g, why in found.items():
            reasons.setdefault(why.removeprefix("no interval: "), [])
            if g not in reasons[why.removeprefix("no interval: ")]:
                reasons[why.removeprefix("no interval: ")].append(g)
    if not reasons:
        return None
    return " ".join(f"No interval for {', '.join(map(str, sorted(gs)))}: {why}."
                    for why, gs in reasons.items())


#: Metadata columns whose values are people's names, which figures shorten to last names.
PEOPLE_COLUMNS = ("author", "speaker")
_LAST_NAMES = True      # set by label_groups_by: are the groups people?


def label_groups_by(by: str) -> None:
    """Tell the figures what the groups are: the metadata column they come from.

    Groups of people (:data:`PEOPLE_COLUMNS`) are labelled by last names ("Shedd &
    Stradner"); any other grouping (outlet, date, party) keeps its labels whole, since
    the last word of "Balkan Insight" or "New York Times" is not a name.  The notebooks
    call it with ``corpus.by`` after loading.
    """
    global _LAST_NAMES
    _LAST_NAMES = by in PEOPLE_COLUMNS


def short_label(group: str, among=None) -> str:
    """A compact label for axes: last names of each author ("Shedd & Stradner").

    With ``among`` (the groups a figure shows), a group whose last names another of them
    shares (Mitt and Ann Romney) keeps its full name, so no two labels are alike.  Groups
    that are not people (:func:`label_groups_by`) keep their labels whole.
    """
    if among is not None:
        return short_labels(among).get(group, short_label(group))
    if group.startswith("unknown [") or not _LAST_NAMES:
        return group
    return " & ".join(part.split()[-1] for part in group.split(" & ") if part.split())


def short_labels(groups) -> dict[str, str]:
    """:func:`short_label` of each group, the full name where two would be alike."""
    groups = list(dict.fromkeys(groups))
    short = {g: short_label(g) for g in groups}
    seen = collections.Counter(short.values())
    return {g: s if seen[s] == 1 else g for g, s in short.items()}


def new_figure(width: float = SINGLE, height: float | None = None, **subplots):
    """``plt.subplots`` in the house style at a journal width (inches)."""
    use_style()
    height = height if height is not None else width * 0.62
    return plt.subplots(figsize=(width, height), **subplots)


class _TextInItsAxes(mtext.Text):
    """A text that, when drawn, is shortened with "…" until it ends inside its axes.

    How much of a term fits a panel is known only once the layout has placed the axes
    (and :func:`fit_to_page` may narrow them): so the cut is made at draw time, on the
    text's own measured width, and the same for every output format.  The ``suffix``
    (a significance star) is kept after the cut.
    """

    def __init__(self, *args, full: str, suffix: str = "", wrap: bool = False, **kwargs):
        super().__init__(*args, text=full + suffix, **kwargs)
        self._full, self._suffix, self._two_lines = full, suffix, wrap

    def _fits(self, renderer, right: float) -> bool:
        return self.get_window_extent(renderer).x1 <= right

    def draw(self, renderer):
        if not self.get_visible() or self.axes is None:
            return super().draw(renderer)
        right = self.axes.get_window_extent(renderer).x1
        full = self._full + self._suffix
        self.set_text(full)
        if self._fits(renderer, right):
            return super().draw(renderer)
        if self._two_lines and " " in self._full:
            # the break that leaves the shorter longest line ("bosnia and / herzegovina")
            words = full.split(" ")
            splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
            first, second = min(splits, key=lambda p: (max(len(p[0]), len(p[1])), -len(p[0])))
            self.set_text(f"{first}\n{second}")
            if self._fits(renderer, right):
                return super().draw(renderer)
        keep = len(self._full)
        self.set_text(full)
        while keep > 1 and not self._fits(renderer, right):
            keep -= 1
            self.set_text(self._full[:keep].rstrip() + "…" + self._suffix)
        return super().draw(renderer)


def text_in_axes(ax, x: float, y: float, text: str, *, suffix: str = "", wrap: bool = False,
                 **kwargs):
    """Put ``text`` at data ``(x, y)`` of ``ax``, fitted at draw time to end inside the
    axes: broken onto two lines at a space if ``wrap`` and that fits, else shortened with
    "…" (the CSV keeps it whole).  Outside the layout, as a label is."""
    t = _TextInItsAxes(x, y, full=text, suffix=suffix, wrap=wrap, **kwargs)
    t.set_in_layout(False)
    ax._add_text(t)
    return t


def luminance(color) -> float:
    """WCAG relative luminance of a colour (a name, a hex string or an RGB triple in 0–1)."""
    import matplotlib.colors as mcolors

    c = np.array(mcolors.to_rgb(color) if not isinstance(color, np.ndarray) else color)
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2])


def text_color(color) -> str:
    """A group's colour as text on white: light colours (yellow, sky blue) are darkened
    until their relative luminance is at most 0.30, a contrast with white of at least
    3:1 (WCAG's minimum for bold text), so a label keeps its group's hue and stays
    legible."""
    import matplotlib.colors as mcolors

    rgb = np.array(mcolors.to_rgb(color))
    k = 1.0
    while luminance(rgb * k) > 0.30 and k > 0.2:
        k -= 0.05
    return mcolors.to_hex(rgb * k)


def column_labels(ax, labels, cell_in: float, *, size: float = 7.0, top: bool = True) -> None:
    """Label the columns of a heat map (on top, or below with ``top=False``): level while
    every label fits its column (``cell_in`` inches wide), else slanted at 40 degrees
    while neighbouring slanted labels stay a line apart (a column of 0.2 in or more),
    else upright; so that long group names (sixteen outlets) neither overlap nor shrink."""
    ax.set_xticks(range(len(labels)))
    if top:
        ax.xaxis.tick_top()
    # 0.55 em a character, less a little space between neighbours
    fits = all(len(str(lab)) * 0.55 * size / 72 <= cell_in - 0.05 for lab in labels)
    if fits:
        ax.set_xticklabels(labels, fontsize=size)
    elif cell_in * 0.64 >= 1.2 * size / 72:       # sin 40° = 0.64: the gap across the slant
        ax.set_xticklabels(labels, fontsize=size, rotation=40, ha="left" if top else "right",
                           rotation_mode="anchor")
    else:
        ax.set_xticklabels(labels, fontsize=size, rotation=90, ha="center",
                           va="bottom" if top else "top")


#: What an actor figure says when the corpus names no actor of the actor table.
NO_ACTOR = ("no actor of the actor table is mentioned\n(add your corpus's actors to "
            "lexicons/actors_stance.csv)")


def _say_nothing(ax, message: str) -> None:
    """An empty panel that says why it is empty (a tiny corpus, a group without terms)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


@contextmanager
def _atomic(path: Path):
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


#: The largest figure a journal page takes: double-column width, and height.
PAGE_WIDTH, PAGE_HEIGHT = DOUBLE, 9.0       # inches
#: No text of a saved figure is smaller than this (points), at its saved size.
MIN_FONT_PT = 6.0


def _tight_size(fig) -> tuple[float, float]:
    """Width and height (inches) of the figure as saved with ``bbox_inches="tight"``: the
    larger of its sizes at 72 dpi (the PDF's and SVG's measure of text) and 300 dpi (the
    PNG's), which differ by a few hundredths of an inch."""
    dpi = fig.dpi
    pad = 2 * float(mpl.rcParams["savefig.pad_inches"])
    w = h = 0.0
    try:
        for d in (72, 300):
            fig.set_dpi(d)
            fig.draw_without_rendering()            # lets a layout engine place the axes
            box = fig.get_tightbbox(fig.canvas.get_renderer())
            w, h = max(w, box.width + pad), max(h, box.height + pad)
    finally:
        fig.set_dpi(dpi)
    return w, h


def _pdf_size(fig) -> tuple[float, float]:
    """Width and height (inches) of the page the figure would be saved on as PDF."""
    import io
    import re

    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", bbox_inches="tight", metadata=_METADATA["pdf"])
    x0, y0, x1, y1 = map(float, re.search(
        rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)",
        buf.getvalue()).groups())
    return (x1 - x0) / 72, (y1 - y0) / 72


def fit_to_page(fig, width: float = PAGE_WIDTH, height: float = PAGE_HEIGHT) -> None:
    """Shrink the figure's canvas until its saved (tight) size fits ``width`` × ``height``.

    Legends and labels outside the axes make a figure drawn at 7 in wider than 7 in once
    saved; a journal would then scale it down, and its 7-pt text with it.  Shrinking the
    canvas instead keeps every font at its size and makes the axes smaller.  Figures that
    fit are left as they are.
    """
    for _ in range(8):          # a layout engine may move things again: measure again
        place_notes(fig)
        w, h = _tight_size(fig)
        if w <= width - 0.1 and h <= height - 0.1:
            return              # the PDF's measure differs by hundredths of an inch
        if w <= width and h <= height:
            # near the page's edge the PDF, which measures text its own way, is the judge
            w, h = _pdf_size(fig)
            if w <= width and h <= height:
                return
        cw, ch = fig.get_size_inches()
        fig.set_size_inches(max(cw - max(w - width, 0) - 0.02, 1.0),
                            max(ch - max(h - height, 0) - 0.02, 1.0), forward=False)


def _number_clip_paths(path: Path) -> None:
    """Rename an SVG's clip-path ids to clip1, clip2… in order of first appearance.

    matplotlib names a clip path by a hash of its rectangle at full floating-point
    precision, and a layout can differ in the tenth decimal from one run to the next
    (the drawn coordinates, written to six decimals, do not): numbering them by order
    keeps the file byte-identical on rebuild.
    """
    import re

    text = path.read_text(encoding="utf-8")
    order: dict[str, str] = {}
    for m in re.finditer(r'(?:url\(#|clipPath id=")(p[0-9a-f]{10})\b', text):
        order.setdefault(m.group(1), f"clip{len(order) + 1}")
    if order:
        text = re.sub(r"\bp[0-9a-f]{10}\b", lambda m: order.get(m.group(0), m.group(0)), text)
        path.write_text(text, encoding="utf-8")


def save_figure(fig, name: str, data: pd.DataFrame, *, folder: str | Path | None = None) -> None:
    """Save ``fig`` as ``<name>.svg/.png/.pdf`` and ``data`` as ``<name>.csv``.

    The figure is first fitted to a journal page (:func:`fit_to_page`: at most 7 in wide
    and 9 in tall as saved, fonts kept at their size).
    Metadata that would change between runs (dates, software versions) is left out and
    the SVG id salt is fixed, so the same figure gives the same bytes.  Each file is
    written to a temporary name first, so an interrupted run leaves no half-written file.

    Parameters
    ----------
    fig : matplotlib Figure
    name : str
        File stem, e.g. ``"00_sentence_lengths"``.
    data : DataFrame
        The numbers the figure plots (written without the index).
    folder : str or Path, optional
        Defaults to :func:`discoursekit.paths.figures_dir`.

    Returns
    -------
    None
        Nothing, so that a notebook cell ending in ``save_figure(...)`` shows only the
        figure (a returned path would be echoed by some front ends and not others).
    """
    if not isinstance(data, pd.DataFrame) or not len(data.columns):
        raise ValueError(f"save_figure({name!r}): data must be a DataFrame of the numbers "
                         "the figure plots, so that every figure has its CSV (with no rows "
                         "when the figure says there is nothing to show).")
    folder = Path(folder) if folder is not None else paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    fit_to_page(fig)
    with mpl.rc_context({k: STYLE[k] for k in ("svg.hashsalt", "svg.fonttype", "pdf.fonttype")}):
        for fmt, meta in _METADATA.items():
            with _atomic(folder / f"{name}.{fmt}") as tmp:
                fig.savefig(tmp, format=fmt, metadata=meta, dpi=300, bbox_inches="tight")
                if fmt == "svg":
                    _number_clip_paths(tmp)
    with _atomic(folder / f"{name}.csv") as tmp:
        # 12 significant digits: the numbers as computed, without the last bits that
        # differ between CPUs' floating-point kernels (so a rebuild elsewhere is the same)
        data.to_csv(tmp, index=False, lineterminator="\n", float_format="%.12g")
