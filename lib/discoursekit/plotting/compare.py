"""Figures for comparing authors (notebook 04): similarity heatmaps and dendrograms, the
correspondence-analysis map, the stylometric sweep, and the author-profile small multiples.

Each ``plot_*`` takes result frames from :mod:`discoursekit.compare` (or the framing and
stance modules) and returns the Axes, or the Figure for multi-panel plots.  Nothing here
computes a statistic; label placement is deterministic (no random jitter).
"""
from __future__ import annotations

import textwrap

import matplotlib as mpl
from matplotlib import patheffects
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator

from ..compare import PROFILE_ACTORS as _ACTORS
from ..compare import profile_actors
from ..framing import ISSUE_FRAMES, category_labels
from .._validate import check_frame
from . import (DIVERGING, DOUBLE, MAX_GROUPS, NEGATIVE, NO_ACTOR, PAGE_HEIGHT, PAGE_WIDTH,
               POSITIVE, group_colors, group_order, group_sizes, groups_shown, interval_note,
               luminance, new_figure, note_groups, short_label, text_color, text_in_axes)

__all__ = ["plot_similarity", "plot_dendrogram", "plot_similarity_grid", "plot_ca_map",
           "plot_neighbour_sweep", "plot_delta_profile", "plot_author_profiles"]

_SEQ = LinearSegmentedColormap.from_list("dk_seq", ["#FFFFFF", "#5AB4AC", "#01665E"])
_DIV = DIVERGING
_BASIS_TITLES = {"content": "content (TF-IDF cosine)", "frames": "frames (z-score cosine)",
                 "stance": "stance (z-score cosine)"}
_STANCE_LABELS = {"hedge": "hedges", "booster": "boosters", "attitude": "attitude",
                  "self_mention": "self-mention", "reader_engagement": "reader engagement",
                  "epistemic": "epistemic modal", "deontic": "deontic modal"}
_SMALL = 6.5  # pt: the smallest text in a figure printed at 7 in




def _label(x, among=None) -> str:
    """The group's label, as in every figure and table (:func:`short_label`; a document
    of unknown author is "unknown [doc_id]" everywhere)."""
    x = str(x)
    return short_label(x, None if among is None else [str(g) for g in among])


# --- similarity ------------------------------------------------------------------------------
def _two_places(v: float) -> str:
    """A similarity in [−1, 1] as printed in a cell: two decimals without the leading
    zero (APA style for bounded values: ".49", "−.29"), so neighbouring cells stay apart."""
    text = f"{round(v, 2) + 0.0:.2f}"
    if text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    return text.replace("-", "−")


def plot_similarity(similarity: pd.DataFrame, *, ax=None, title: str | None = None,
                    colorbar: bool = False, ylabels: bool = True):
    """Heatmap of a similarity matrix, annotated; the diagonal is left grey.

    A matrix with negative values (standardised profiles) is drawn on a diverging scale
    from −1 to 1; a non-negative one (TF-IDF cosine) on a sequential scale from 0 to 1,
    so that two heatmaps of the same kind can be compared by colour.

    Parameters
    ----------
    similarity : DataFrame
        From :func:`discoursekit.compare.content_similarity` (or frame/stance).
    ax : matplotlib Axes, optional
    title : str, optional
        Default: the basis named in ``similarity.attrs``.
    colorbar : bool, default False
        The cells are annotated, so a colour bar is optional (the grid of
        :func:`plot_similarity_grid` draws one under each heat map).  Beyond
        :data:`~discoursekit.plotting.MAX_GROUPS` groups the cells are not annotated (a
        number per cell would not be legible) and the colour bar is always drawn.
    ylabels : bool, default True
        Draw the row labels (off for the second and later panels of a row).
    """
    if not isinstance(similarity, pd.DataFrame) or similarity.shape[0] != similarity.shape[1]:
        raise ValueError("plot_similarity(): pass a square similarity matrix.")
    if ax is None:
        _, ax = new_figure(3.0, 2.6)
    M = similarity.to_numpy(dtype=float)
    eye = np.eye(len(M), dtype=bool)
    off = M[~eye]
    off = off[np.isfinite(off)]
    diverging = bool(len(off) and off.min() < 0)
    cmap, vmin, vmax = (_DIV, -1.0, 1.0) if diverging else (_SEQ, 0.0, 1.0)
    cmap = cmap.with_extremes(bad="0.88")
    im = ax.imshow(np.ma.masked_invalid(np.where(eye, np.nan, M)), cmap=cmap, vmin=vmin,
                   vmax=vmax)
    annotate = len(M) <= MAX_GROUPS
    colorbar = colorbar or not annotate
    for i in range(len(M) if annotate else 0):
        for j in range(len(M)):
            if i == j or not np.isfinite(M[i, j]):
                continue
            strong = abs(M[i, j]) > 0.6 if diverging else M[i, j] > 0.6
            ax.text(j, i, _two_places(M[i, j]), ha="center", va="center",
                    fontsize=6, color="white" if strong else "black")
    labels = [_label(g, similarity.index) for g in similarity.index] if annotate else []
    ticks = range(len(M)) if annotate else []   # many groups: the colours only, no labels
    if _numbered(labels):
        # long names (outlets) are written once, on the rows, each with its number;
        # the columns (and the dendrogram's leaves) carry the numbers
        ax.set_xticks(ticks, [str(k + 1) for k in ticks], fontsize=_SMALL)
        labels = [f"{lab}  {k + 1}" for k, lab in enumerate(labels)]
    else:
        ax.set_xticks(ticks, labels, rotation=40, ha="right", fontsize=_SMALL)
    ax.set_yticks(ticks, labels if ylabels else [""] * len(labels), fontsize=_SMALL)
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0, pad=1.5)
    basis = similarity.attrs.get("basis", "")
    ax.set_title(title if title is not None else _BASIS_TITLES.get(basis, basis), fontsize=8)
    if colorbar:
        cb = ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.03, shrink=0.8)
        cb.ax.tick_params(labelsize=_SMALL)
    return ax


def _numbered(labels) -> bool:
    """Whether a similarity panel names its groups by number on the columns and leaves
    (some name is longer than 20 characters: "Texarkana Gazette (via PressReader)")."""
    return any(len(str(lab)) > 20 for lab in labels)


def plot_dendrogram(clusters: pd.DataFrame, *, ax=None, title: str | None = None,
                    leaf_names: bool = True, numbers: dict | None = None):
    """Dendrogram of :func:`discoursekit.compare.cluster_groups` (leaves on the left).

    The horizontal axis is the merge distance ``1 − similarity`` under the stated linkage.
    ``leaf_names=False`` leaves the leaves unnamed (too many groups to name legibly);
    ``numbers`` (group → number) labels them by the numbers a heat map beside gives.
    """
    from scipy.cluster.hierarchy import dendrogram

    check_frame(clusters, ["left", "right", "distance", "size"], "plot_dendrogram", "cluster_groups")
    names = clusters.attrs.get("labels", [])
    labels = [_label(x, names) for x in names]
    if numbers:     # the heat map beside it numbers the groups: the leaves say the numbers
        labels = [str(numbers.get(x, lab)) for x, lab in zip(names, labels)]
    if ax is None:
        _, ax = new_figure(3.0, 1.8)
    Z = clusters[["left", "right", "distance", "size"]].to_numpy(dtype=float)
    dendrogram(Z, labels=labels, orientation="right", ax=ax, color_threshold=0,
               above_threshold_color="0.25", leaf_font_size=_SMALL,
               no_labels=not leaf_names)
    ax.tick_params(axis="x", labelsize=_SMALL)
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.set_xlabel(f"1 − similarity ({clusters.attrs.get('method', 'average')} linkage)",
                  fontsize=7)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    if title:
        ax.set_title(title, fontsize=8)
    return ax


def plot_similarity_grid(similarities: dict, clusters: dict, *, width: float = DOUBLE):
    """One row per basis: the similarity heatmap, with its colour bar, beside its
    dendrogram.

    Heatmaps share the row order (the groups, sorted) and, by kind, the colour scale;
    each dendrogram orders its leaves by its own clustering.  Beyond :data:`MAX_GROUPS`
    groups the heat maps are colours only, each in its dendrogram's leaf order with the
    groups named on its rows (a note under the figure says so).

    Parameters
    ----------
    similarities, clusters : dict of str to DataFrame
        Keyed by basis, from the ``*_similarity`` functions and ``cluster_groups``.

    Returns
    -------
    matplotlib Figure
    """
    keys = list(similarities)
    n = max(len(next(iter(similarities.values()))), 1)
    if n > MAX_GROUPS:
        return _similarity_grid_of_many(similarities, clusters, keys, n, width)
    # one row per basis (heat map with its colour bar, then its dendrogram), so that each
    # heat map gets half the page's width and its cells room for their numbers
    # beyond eight groups the heat map takes more of the width, so that its cells
    # hold "−.54" apart from their neighbours
    fig, axes = new_figure(width, min(len(keys) * (1.0 + 0.3 * n), PAGE_HEIGHT - 0.3),
                           nrows=len(keys), ncols=2, layout="constrained", squeeze=False,
                           gridspec_kw={"width_ratios": [1.25 if n <= 8 else 2.2, 1]})
    for i, k in enumerate(keys):
        sim = similarities[k]
        plot_similarity(sim, ax=axes[i, 0], colorbar=True)
        labels = [_label(g, sim.index) for g in sim.index]
        numbers = ({str(g): j + 1 for j, g in enumerate(sim.index)} if _numbered(labels)
                   else None)
        plot_dendrogram(clusters[k], ax=axes[i, 1], numbers=numbers)
    return fig


def _similarity_grid_of_many(similarities: dict, clusters: dict, keys: list, n: int,
                             width: float):
    """:func:`plot_similarity_grid` beyond :data:`MAX_GROUPS` groups: one row per basis,
    a heat map of colours only in the leaf order of its dendrogram (so that clusters show
    as blocks), beside that dendrogram, whose leaves line up with the heat map's rows.
    The rows are named while a name has at least 7 points of height; beyond that (some
    thirty groups on a page) the figure says the names are in the CSV."""
    from scipy.cluster.hierarchy import dendrogram

    row_h = min(0.15 * n + 0.7, (PAGE_HEIGHT - 0.8) / len(keys))
    named = (row_h - 0.7) / n * 72 >= 7.0
    fig, axes = new_figure(width, len(keys) * row_h, nrows=len(keys), ncols=2,
                           layout="constrained", squeeze=False,
                           gridspec_kw={"width_ratios": [1.25, 1]})
    for i, k in enumerate(keys):
        names = clusters[k].attrs.get("labels", [])
        Z = clusters[k][["left", "right", "distance", "size"]].to_numpy(dtype=float)
        top_down = [names[j] for j in dendrogram(Z, no_plot=True)["leaves"]][::-1]
        sim = similarities[k]
        order = top_down if sorted(top_down) == sorted(map(str, sim.index)) else list(sim.index)
        ax = axes[i, 0]
        plot_similarity(sim.loc[order, order], ax=ax, ylabels=False)
        ax.set_aspect("auto")                 # the rows' height is the dendrogram's
        if named:
            ax.set_yticks(range(len(order)), [_label(g, order) for g in order],
                          fontsize=_SMALL)
        plot_dendrogram(clusters[k], ax=axes[i, 1], leaf_names=False)
        axes[i, 1].set_ylim(0, 10 * len(order))    # scipy puts leaf k at 10 k + 5
        for lines in axes[i, 1].collections:      # many leaves: thin links stay apart
            lines.set_linewidth(0.3)
    say = ("rows named on the left, columns in the same order" if named
           else "rows and columns not named (too many to print; the CSV has every pair)")
    note_groups(fig, f"{n} groups: colours only, each heat map's rows and columns in the "
                     f"order of the leaves of the dendrogram beside it; {say}")
    return fig


#: Where a label may sit around its point, in points (right, left, above, below, the
#: diagonals), tried ring by ring outwards: the first place that is free is taken.
_PLACES = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
_RINGS = [4, 10, 18, 28, 40, 55, 72]


def _place_labels(ax, texts, points, owners, *, pad: float = 1.5):
    """Put each label beside its own point, where it covers no other label and no
    marker, trying places around the point ring by ring outwards (deterministic, in the
    order given: groups first).  Returns, for each label, whether it had to move past
    the first ring (and so needs a leader line to its point).

    ``points`` are the labels' points (data), ``owners`` which obstacles (rows of the
    points array of every marker drawn) belong to each label, so that a label may touch
    its own marker.
    """
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    px = fig.dpi / 72.0
    axbox = ax.get_window_extent(renderer)
    markers = ax.transData.transform(points["all"]) if len(points["all"]) else np.zeros((0, 2))
    placed: list[np.ndarray] = []
    far = []
    inv = ax.transData.inverted()
    for t, p, own in zip(texts, points["labels"], owners):
        anchor = ax.transData.transform(p)
        box0 = t.get_window_extent(renderer)
        w, h = box0.width + 2 * pad * px, box0.height + 2 * pad * px
        best, best_cost = None, None
        for ring_i, r in enumerate(_RINGS):
            for dx, dy in _PLACES:
                # the box's near edge r points from the point, on the side (dx, dy)
                cx = anchor[0] + dx * (r * px + w / 2) if dx else anchor[0]
                cy = anchor[1] + dy * (r * px + h / 2) if dy else anchor[1]
                box = np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
                cost = 0.0
                if box[0] < axbox.x0 or box[2] > axbox.x1 or box[1] < axbox.y0 or box[3] > axbox.y1:
                    cost += 1e6
                for q in placed:
                    ox = min(box[2], q[2]) - max(box[0], q[0])
                    oy = min(box[3], q[3]) - max(box[1], q[1])
                    if ox > 0 and oy > 0:
                        cost += 1e3 + ox * oy
                inside = ((markers[:, 0] > box[0] - 2 * px) & (markers[:, 0] < box[2] + 2 * px)
                          & (markers[:, 1] > box[1] - 2 * px) & (markers[:, 1] < box[3] + 2 * px))
                inside[list(own)] = False
                cost += 1e2 * int(inside.sum())
                # a place nearer another marker than its own would be read as that one's
                gx = np.maximum(np.maximum(box[0] - markers[:, 0], 0), markers[:, 0] - box[2])
                gy = np.maximum(np.maximum(box[1] - markers[:, 1], 0), markers[:, 1] - box[3])
                gaps = np.hypot(gx, gy)
                mine = min(gaps[list(own)]) if own else 0.0
                others = np.delete(gaps, list(own))
                nearer = bool(len(others) and others.min() < mine)
                cost += 50 * nearer
                if best_cost is None or cost < best_cost:
                    best, best_cost, best_ring = box, cost, ring_i
                if cost == 0:
                    break
            if best_cost == 0:
                break
        placed.append(best)
        t.set_ha("center")
        t.set_va("center")
        t.set_position(tuple(inv.transform(((best[0] + best[2]) / 2, (best[1] + best[3]) / 2))))
        far.append(best_ring > 0 or best_cost >= 50)   # moved, or still nearer another
    return far, placed


def plot_ca_map(ca: pd.DataFrame, *, n_terms: int = 15, dims=(1, 2), ax=None,
                width: float = DOUBLE, height: float = 5.0):
    """Symmetric CA map: groups and terms in principal coordinates, top terms labelled.

    Terms are ranked by their contribution to the plane (each dimension's contribution
    weighted by its principal inertia); the ``n_terms`` largest are labelled, the others
    shown as small grey dots. Of more than :data:`MAX_GROUPS` groups, the ones that
    contribute most to the plane are named and coloured, the others grey diamonds.
    Each label is put beside its own point where it covers no other label and no marker
    (the nearest free place, tried ring by ring outwards: deterministic); a label that
    had to move further is joined to its point by a line in its colour.

    Parameters
    ----------
    ca : DataFrame
        :func:`discoursekit.compare.correspondence_analysis` of a group × term table.
    n_terms : int, default 15
    dims : (int, int), default (1, 2)
    """
    a, b = dims
    check_frame(ca, ["kind", "label", f"dim_{a}", f"dim_{b}", f"ctr_{a}", f"ctr_{b}"], "plot_ca_map",
          "correspondence_analysis")
    if ax is None:
        _, ax = new_figure(width, height)
    lam = ca.attrs.get("principal_inertia", [])
    expl = ca.attrs.get("explained", [])
    la = lam[a - 1] if len(lam) >= a else 0.0
    lb = lam[b - 1] if len(lam) >= b else 0.0
    rows = ca[ca["kind"] == "row"]
    cols = ca[ca["kind"] == "column"].copy()
    cols["plane"] = (cols[f"ctr_{a}"] * la + cols[f"ctr_{b}"] * lb) / max(la + lb, 1e-15)
    cols = cols.sort_values(["plane", "label"], ascending=[False, True], kind="mergesort")
    top, rest = cols.head(n_terms), cols.iloc[n_terms:]
    ax.axhline(0, color="0.8", lw=0.6, zorder=0)
    ax.axvline(0, color="0.8", lw=0.6, zorder=0)
    ax.scatter(rest[f"dim_{a}"], rest[f"dim_{b}"], s=3, color="0.75", lw=0, zorder=1)
    ax.scatter(top[f"dim_{a}"], top[f"dim_{b}"], s=8, color="0.35", lw=0, zorder=2)
    # with many groups, only those that shape this plane most are named and coloured
    plane = (rows[f"ctr_{a}"] * la + rows[f"ctr_{b}"] * lb) / max(la + lb, 1e-15)
    named, note = groups_shown(pd.Series(plane.to_numpy(), index=rows["label"]), "")
    rest_rows = rows.iloc[:0]
    if note:
        rest_rows = rows[~rows["label"].isin(named)]
        ax.scatter(rest_rows[f"dim_{a}"], rest_rows[f"dim_{b}"], s=14, marker="D",
                   color="0.6", lw=0, zorder=3)
        rows = rows[rows["label"].isin(named)]
        note_groups(ax.figure, f"{len(named)} of {len(plane)} groups named (those that "
                               "contribute most to this plane), the others grey; the CSV "
                               "has every group")
    colors = group_colors(rows["label"])
    ax.scatter(rows[f"dim_{a}"], rows[f"dim_{b}"], s=40, marker="D",
               c=[colors[g] for g in rows["label"]], edgecolor="white", lw=0.6, zorder=3)
    ax.margins(0.08)
    ax.set_aspect("equal", adjustable="datalim")
    # every marker a label must not cover: the named groups, the grey ones, the terms
    shown_pts = [(r[f"dim_{a}"], r[f"dim_{b}"]) for _, r in rows.iterrows()]
    term_pts = [(r[f"dim_{a}"], r[f"dim_{b}"]) for _, r in top.iterrows()]
    grey_pts = ([(r[f"dim_{a}"], r[f"dim_{b}"]) for _, r in rest_rows.iterrows()]
                if note else [])
    every = np.array(shown_pts + term_pts + grey_pts, dtype=float).reshape(-1, 2)
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    texts, line_colors = [], []
    for _, r in rows.iterrows():
        texts.append(ax.text(r[f"dim_{a}"], r[f"dim_{b}"], _label(r["label"]),
                             fontsize=7.5, fontweight="bold",
                             color=text_color(colors[r["label"]]), zorder=5,
                             path_effects=halo))
        line_colors.append(colors[r["label"]])
    for _, r in top.iterrows():
        texts.append(ax.text(r[f"dim_{a}"], r[f"dim_{b}"], r["label"], fontsize=_SMALL,
                             color="0.15", zorder=4, path_effects=halo))
        line_colors.append("0.55")
    owners = [{i} for i in range(len(texts))]
    far, boxes = _place_labels(ax, texts, {"labels": shown_pts + term_pts, "all": every},
                               owners)
    to_data = ax.transData.inverted()
    for p, moved, box, c in zip(shown_pts + term_pts, far, boxes, line_colors):
        if moved:   # a leader line from the point to the nearest edge of its label
            anchor = ax.transData.transform(p)
            edge = (min(max(anchor[0], box[0]), box[2]), min(max(anchor[1], box[1]), box[3]))
            ax.annotate("", xy=p, xytext=tuple(to_data.transform(edge)), zorder=3,
                        arrowprops={"arrowstyle": "-", "color": c, "lw": 0.6,
                                    "shrinkA": 0, "shrinkB": 3})

    def lab(d, lam_d, e):
        return f"dimension {d} (λ = {lam_d:.3f}, {100 * e:.0f}% of inertia)"
    ax.set_xlabel(lab(a, la, expl[a - 1] if len(expl) >= a else 0.0))
    ax.set_ylabel(lab(b, lb, expl[b - 1] if len(expl) >= b else 0.0))
    ax.tick_params(labelsize=_SMALL)
    if lb <= 1e-12 * max(la, 1e-300) and not note:
        # two groups (or two terms) leave a single dimension
        note_groups(ax.figure, f"{len(rows)} groups give a single dimension: only the "
                               "horizontal position carries information; labels are moved "
                               "up and down only to be legible")
    return ax


# --- stylometry ------------------------------------------------------------------------------
def plot_neighbour_sweep(neighbours: pd.DataFrame, *, width: float = DOUBLE,
                         max_docs: int = 40):
    """Tiles: each text's nearest neighbour (colour) at each MFW count, one panel per measure.

    The number in a tile is the margin (Delta of the runner-up / Delta of the nearest):
    near 1.00 the nearest neighbour is barely nearer than the next.

    Parameters
    ----------
    neighbours : DataFrame
        :func:`discoursekit.compare.nearest_neighbours` output.
    max_docs : int, default 40
        At most this many rows of texts: in a larger corpus the first ``max_docs`` by
        doc_id, and the figure's title says so (every text stays in the table).

    Returns
    -------
    matplotlib Figure
    """
    from matplotlib.patches import Patch, Rectangle

    check_frame(neighbours, ["measure", "n_mfw", "doc_id", "group", "nearest", "nearest_group",
                       "margin"], "plot_neighbour_sweep", "nearest_neighbours")
    measures = list(dict.fromkeys(neighbours["measure"]))
    group_of = dict(zip(neighbours["doc_id"], neighbours["group"]))
    rank = {g: k for k, g in enumerate(group_order(set(group_of.values())))}
    docs = sorted(neighbours["doc_id"].unique(), key=lambda d: (rank[group_of[d]], str(d)))
    single = pd.Series(group_of).value_counts() == 1       # groups of one text
    n_texts = len(docs)
    docs = docs[:max_docs]
    neighbours = neighbours[neighbours["doc_id"].isin(docs)]
    mfw = sorted(neighbours["n_mfw"].unique())
    groups = sorted(set(neighbours["group"]) | set(neighbours["nearest_group"]))
    colors = group_colors(groups)
    # no more colours than groups can be told apart by: beyond MAX_GROUPS, the groups
    # most often nearest keep theirs and the others are one light grey
    nearest_counts = neighbours["nearest_group"].value_counts()
    coloured, other_note = groups_shown(nearest_counts.reindex(groups, fill_value=0),
                                        "tiles as the nearest text's author")
    other = "(another group)"
    if other_note:    # (the coloured groups take the colours among themselves: all differ)
        mine = group_colors(coloured)
        colors = {g: mine.get(g, "#DDDDDD") for g in groups}
    seen = group_order(set(neighbours["nearest_group"]) & set(coloured))
    legend_rows = int(np.ceil((len(seen) + bool(other_note)) / 3))
    height = min(0.9 + 0.3 * len(docs), PAGE_HEIGHT - 0.6 - 0.16 * legend_rows)
    fig, axes = new_figure(width, height + 0.16 * legend_rows, ncols=len(measures),
                           layout="constrained", squeeze=False, sharey=True)
    # the margin is printed in a tile that holds "1.07": 0.3 in wide, 0.14 in tall
    tile_w = (width - 2.4) / (len(measures) * max(len(mfw), 1))
    tile_h = (height - 0.9) / max(len(docs), 1)
    numbers = tile_w >= 0.3 and tile_h >= 0.14
    for ax, m in zip(axes[0], measures):
        part = neighbours[neighbours["measure"] == m]
        for _, r in part.iterrows():
            i, j = docs.index(r["doc_id"]), mfw.index(r["n_mfw"])
            fill = colors[r["nearest_group"]]
            ax.add_patch(Rectangle((j - 0.47, i - 0.45), 0.94, 0.9, color=fill, lw=0))
            margin = "" if pd.isna(r["margin"]) or not numbers else f"{r['margin']:.2f}"
            ax.text(j, i, margin, ha="center", va="center", fontsize=_SMALL,
                    color="white" if _dark(fill) else "black")
        ax.set_xlim(-0.5, len(mfw) - 0.5)
        ax.set_ylim(len(docs) - 0.5, -0.5)
        ax.set_xticks(range(len(mfw)), [str(x) for x in mfw], fontsize=_SMALL)
        # rows are labelled as the legend labels groups (and by doc_id where a group
        # has several texts)
        ax.set_yticks(range(len(docs)), [
            _label(group_of[d], rank) if single[group_of[d]]
            else f"{_label(group_of[d], rank)} · {d}" for d in docs], fontsize=_SMALL)
        ax.set_xlabel("most frequent words", fontsize=7)
        ax.set_title({"burrows": "Burrows' Delta", "cosine": "Cosine Delta"}.get(m, m),
                     fontsize=8)
        ax.spines[:].set_visible(False)
        ax.tick_params(length=0)
    handles = [Patch(color=colors[g], label=_label(g, seen)) for g in seen]
    if other_note:
        handles.append(Patch(color="#DDDDDD", label=other))
        note_groups(fig, other_note.replace("groups shown", "groups coloured"))
    if not numbers:
        note_groups(fig, "Tiles too small for their numbers: each margin is in the CSV.")
    # above the panels, three to a row: a legend on the right would take the tiles' width
    fig.legend(handles=handles, loc="outside upper center", title="nearest text's author",
               fontsize=_SMALL, title_fontsize=7, ncol=3)
    if n_texts > len(docs):
        note_groups(fig, f"the first {len(docs)} of {n_texts} texts, by group and doc_id "
                         "(all in the table)")
    return fig


def _dark(colour) -> bool:
    """Whether white text reads better than black on ``colour`` (relative luminance)."""
    return luminance(colour) < 0.18


def plot_delta_profile(sweep: pd.DataFrame, doc_id: str, *, width: float = DOUBLE,
                       highlight: str | None = None):
    """Delta from one text to every other text across the MFW sweep, one panel per measure.

    Parameters
    ----------
    sweep : DataFrame
        :func:`discoursekit.compare.delta_sweep` output.
    doc_id : str
        The text whose distances are drawn (e.g. a disputed text).
    highlight : str, optional
        A ``doc_id`` drawn with a thicker line (e.g. the suspected author's text).

    Returns
    -------
    matplotlib Figure
    """
    check_frame(sweep, ["measure", "n_mfw", "doc_id", "other", "other_group", "delta"],
          "plot_delta_profile", "delta_sweep")
    part = sweep[sweep["doc_id"] == doc_id]
    if part.empty:
        raise ValueError(f"plot_delta_profile(): doc_id {doc_id!r} is not in the sweep; "
                         f"doc_ids are: {', '.join(map(repr, sorted(sweep['doc_id'].unique())))}.")
    measures = list(dict.fromkeys(part["measure"]))
    colors = group_colors(set(sweep["group"]) if "group" in sweep else set(part["other_group"]))
    # the legend names every other text: it takes rows of its own, above the panels
    n_others = part["other"].nunique()
    longest = max((len(f"{o} ({_label(g)})") for o, g in
                   zip(part["other"], part["other_group"])), default=10)
    # as many columns as fit the page (0.55 em a character, 0.45 in for each key)
    ncol = max(1, min(3, int((PAGE_WIDTH - 0.2) // (longest * 0.55 * _SMALL / 72 + 0.45))))
    legend_rows = int(np.ceil(n_others / ncol))
    fig, axes = new_figure(width, min(2.5 + 0.14 * legend_rows, PAGE_HEIGHT - 0.3),
                           ncols=len(measures), layout="constrained", squeeze=False)
    for ax, m in zip(axes[0], measures):
        sub = part[part["measure"] == m]
        grank = {g: k for k, g in enumerate(group_order(sub["other_group"]))}
        others = sorted(sub["other"].unique(), key=lambda o: (
            grank[sub.loc[sub["other"] == o, "other_group"].iloc[0]], str(o)))
        for other in others:
            line = sub[sub["other"] == other].sort_values("n_mfw")
            g = line["other_group"].iloc[0]
            lw = 2.2 if other == highlight else 1.0
            ax.plot(line["n_mfw"], line["delta"], marker="o", ms=3, lw=lw,
                    color=colors.get(g, "0.4"), label=f"{other} ({_label(g)})")
        ax.set_xscale("log")
        ticks = sorted(sub["n_mfw"].unique())
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
        ax.tick_params(labelsize=_SMALL)
        ax.set_xlabel("most frequent words (log scale)", fontsize=7)
        ax.set_ylabel("Delta (lower = closer)", fontsize=7)
        ax.set_title({"burrows": "Burrows' Delta", "cosine": "Cosine Delta"}.get(m, m),
                     fontsize=8)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    # the text measured from is named once, as the legend's title (a long doc_id would
    # not fit along the axis)
    fig.legend(handles, labels, loc="outside upper center", fontsize=_SMALL, ncol=ncol,
               title=f"Delta from {doc_id} to every other text", title_fontsize=7)
    return fig


# --- synthesis -------------------------------------------------------------------------------
#: At most this many groups (those with the most words) get a column of the author profile.
PROFILE_COLUMNS = 6

def plot_author_profiles(keyness: pd.DataFrame, profile: pd.DataFrame, rates: pd.DataFrame,
                         evaluation: pd.DataFrame, *, n_keywords: int = 5, frames=None,
                         actors=_ACTORS, min_sentences: int = 3, words: dict | None = None,
                         width: float = DOUBLE):
    """The author profile: one column per group, one row per measure, shared scales per row.

    Rows: (a) the strongest keywords against the other groups (Log Ratio; ``*`` marks a
    Benjamini–Hochberg adjusted p < .05); (b) share of sentences per issue frame, and
    the share of treatment recommendations; (c) stance markers per 1,000 words; (d)
    mean VADER compound of the sentences naming each actor (cells with fewer than
    ``min_sentences`` sentences are left empty).  Whiskers are the 95% intervals of the
    inputs.

    Parameters
    ----------
    keyness : DataFrame
        :func:`discoursekit.keyness_all` (against the rest).
    profile : DataFrame
        :func:`discoursekit.frame_profile`.
    rates : DataFrame
        :func:`discoursekit.stance_rates`.
    evaluation : DataFrame
        :func:`discoursekit.actor_evaluation`.
    words : dict, optional
        Words per group, shown under each column title.

    Returns
    -------
    matplotlib Figure
    """
    check_frame(keyness, ["group", "term", "g2", "log_ratio"], "plot_author_profiles", "keyness_all")
    check_frame(profile, ["group", "category", "share", "ci_low", "ci_high"], "plot_author_profiles",
          "frame_profile")
    check_frame(rates, ["group", "category", "rate", "lo", "hi"], "plot_author_profiles",
          "stance_rates")
    if evaluation is None or evaluation.empty:  # no actor mentioned anywhere
        evaluation = pd.DataFrame(columns=["group", "actor", "n_sentences", "mean_compound",
                                           "lo", "hi"])
    check_frame(evaluation, ["group", "actor", "n_sentences", "mean_compound", "lo", "hi"],
          "plot_author_profiles", "actor_evaluation")
    groups = sorted(set(profile["group"]) | set(rates["group"]))
    sizes = pd.Series(words) if words else group_sizes(rates, "group", "n_words")
    # a column per group: on a 7-in page, six columns are as narrow as keeps a
    # keyword of 17 letters whole; more groups are left to the CSV, and a note says so
    groups, note = groups_shown(sizes.reindex(groups, fill_value=0), "words",
                                limit=PROFILE_COLUMNS)
    colors = group_colors(groups)
    labels = category_labels()
    if not frames:            # the profile's issue frames (a codebook's own), then remedies
        issue = (list(dict.fromkeys(profile.loc[profile["kind"] == "issue", "category"]))
                 if "kind" in profile.columns else list(ISSUE_FRAMES))
        frames = issue + ["treatment_recommendation"]
    frames = [f for f in frames if f in set(profile["category"])]
    cats = list(dict.fromkeys(rates["category"]))
    acts = profile_actors(evaluation, actors)
    rows_n = [n_keywords, max(len(frames), 1), max(len(cats), 1), max(len(acts), 1)]
    # a keyword row holds its term above its bar and interval: taller than a bar's row,
    # and taller again when a multiword term may need two lines
    from ..keywords import top_keywords

    top = top_keywords(keyness, n=n_keywords)
    ncol = len(groups)
    fig_w = width
    # characters on one line of a column (0.6 em each; the row labels take 1.4 in)
    per_line = int((fig_w - 1.4) / max(ncol, 1) * 72 / (0.6 * _SMALL))
    top_shown = top[top["group"].isin(groups)]
    two_lines = bool((top_shown["term"].str.contains(" ")
                      & (top_shown["term"].str.len() > per_line)).any())
    rows_h = [(2.2 if two_lines else 1.5) * n_keywords] + rows_n[1:]
    fig, axes = new_figure(fig_w, 0.19 * sum(rows_h) + 1.9, nrows=4, ncols=ncol,
                           layout="constrained", squeeze=False,
                           gridspec_kw={"height_ratios": [n + 1.2 for n in rows_h]})
    fig.get_layout_engine().set(h_pad=0.04, w_pad=0.02, hspace=0.03, wspace=0.03)
    note_groups(fig, note)
    note_groups(fig, interval_note(profile, rates))
    kw_ci = "log_ratio_ci_low" in top.columns and "log_ratio_ci_high" in top.columns
    kw_vals = top[["log_ratio"] + (["log_ratio_ci_high"] if kw_ci else [])].to_numpy(dtype=float)
    kw_max = max(float(np.nanmax(np.abs(kw_vals))) if np.isfinite(kw_vals).any() else 1.0, 1.0)
    kw_min = 0.0  # an interval reaching below zero is drawn in full
    if kw_ci and np.isfinite(top["log_ratio_ci_low"].to_numpy(dtype=float)).any():
        kw_min = min(0.0, float(np.nanmin(top["log_ratio_ci_low"].to_numpy(dtype=float))))
    fr = profile.set_index(["group", "category"])
    fr_max = float(profile.loc[profile["category"].isin(frames), ["share", "ci_high"]].max().max()) \
        if frames else 1
    fr_max = fr_max if np.isfinite(fr_max) and fr_max > 0 else 1.0
    st = rates.set_index(["group", "category"])
    st_max = float(np.nanmax(rates[["rate", "hi"]].to_numpy(dtype=float))) if len(rates) else 1.0
    st_max = st_max if np.isfinite(st_max) and st_max > 0 else 1.0
    ev = evaluation.set_index(["group", "actor"])
    ev_ok = evaluation[evaluation["n_sentences"] >= min_sentences]
    ev_max = max(float(np.nanmax(np.abs(ev_ok[["lo", "hi"]].to_numpy(dtype=float))))
                 if len(ev_ok) else 0.5, 0.2)
    ev_max = min(1.0, np.ceil(ev_max * 10) / 10)
    row_titles = ["a  top keywords", "b  frames", "c  stance markers",
                  "d  tone toward actors (VADER: no better than chance on the seed op-eds, "
                  "see notebook 03)"]
    xlabels = ["Log Ratio vs the rest", "share of sentences", "per 1,000 words",
               "mean VADER compound"]
    for j, g in enumerate(groups):
        col = colors[g]
        # (a) keywords
        ax = axes[0, j]
        kw = top[top["group"] == g].reset_index(drop=True)
        for i, r in kw.iterrows():
            # the term on the upper half of its row, the bar and its interval below it
            ax.barh(i + 0.25, r["log_ratio"], color=col, alpha=0.6, height=0.34, lw=0)
            if kw_ci and np.isfinite(r["log_ratio_ci_low"]) and np.isfinite(r["log_ratio_ci_high"]):
                ax.plot([r["log_ratio_ci_low"], r["log_ratio_ci_high"]], [i + 0.25] * 2,
                        color="0.15", lw=0.6)
            star = "*" if "p_adjusted" in kw.columns and r["p_adjusted"] < 0.05 else ""
            text_in_axes(ax, 0, i + 0.04, r["term"], suffix=star, wrap=two_lines,
                         va="bottom", ha="left", fontsize=_SMALL, color="0.1", linespacing=1.0)
        if kw.empty:
            ax.text(0.5, 0.5, "no keyword", transform=ax.transAxes, ha="center",
                    va="center", fontsize=_SMALL, color="0.4")
        ax.set_ylim(n_keywords - 0.5, -0.55)
        ax.set_xlim(kw_min, kw_max * 1.05)
        if kw_min < 0:
            ax.axvline(0, color="0.5", lw=0.5)
        ax.set_yticks([])
        # a name too long for its column goes on two lines (7.5-pt characters)
        title = "\n".join(textwrap.wrap(_label(g, groups), int(per_line * _SMALL / 7.5))
                          or [""])
        if words and g in words:
            title += f"\n{words[g]:,} words"
        ax.set_title(" \n" + title, fontsize=7.5, color=text_color(col))
        # (b) frames
        ax = axes[1, j]
        for i, f in enumerate(frames):
            if (g, f) in fr.index:
                r = fr.loc[(g, f)]
                c = "0.45" if f == "treatment_recommendation" else col
                ax.barh(i, r["share"], color=c, height=0.7, lw=0, alpha=0.85)
                ax.plot([r["ci_low"], r["ci_high"]], [i, i], color="0.15", lw=0.6)
        ax.set_xlim(0, fr_max * 1.05)
        # (c) stance
        ax = axes[2, j]
        for i, cat in enumerate(cats):
            if (g, cat) in st.index:
                r = st.loc[(g, cat)]
                ax.barh(i, r["rate"], color=col, height=0.7, lw=0, alpha=0.85)
                ax.plot([r["lo"], r["hi"]], [i, i], color="0.15", lw=0.6)
        ax.set_xlim(0, st_max * 1.05)
        # (d) tone toward actors
        ax = axes[3, j]
        if not acts:
            # no panel to draw: the row says why, across the columns (kept out of the
            # layout, which would widen the first column to fit it)
            ax.set_axis_off()
            if j == 0:
                ax.text(0.0, 0.5, NO_ACTOR.replace("\n", " "), transform=ax.transAxes,
                        ha="left", va="center", fontsize=7, color="0.4", in_layout=False)
        else:
            ax.axvline(0, color="0.5", lw=0.5)
            for i, a in enumerate(acts):
                if (g, a) not in ev.index:
                    continue
                r = ev.loc[(g, a)]
                if r["n_sentences"] < min_sentences:
                    # beside the zero line, not on it
                    ax.annotate(f"n={int(r['n_sentences'])}", (0, i), xytext=(3, 0),
                                textcoords="offset points", ha="left", va="center",
                                fontsize=_SMALL, color="0.5")
                    continue
                c = POSITIVE if r["mean_compound"] >= 0 else NEGATIVE
                ax.barh(i, r["mean_compound"], color=c, height=0.7, lw=0, alpha=0.85)
                ax.plot([r["lo"], r["hi"]], [i, i], color="0.15", lw=0.6)
            ax.set_xlim(-ev_max, ev_max)
        for k, (ax, n, ticks) in enumerate(zip(axes[1:, j], rows_n[1:], [
                [labels.get(f, f) if f != "treatment_recommendation" else "treatment rec. (function)"
                 for f in frames], [_STANCE_LABELS.get(c, c) for c in cats], list(acts)])):
            ax.set_ylim(n - 0.5, -0.5)
            ax.set_yticks(range(len(ticks)), ticks if j == 0 else [""] * len(ticks),
                          fontsize=_SMALL)
        for r_i, ax in enumerate(axes[:, j]):
            ax.tick_params(axis="x", labelsize=_SMALL, length=2, pad=1)
            ax.tick_params(axis="y", length=0, pad=2)
            ax.xaxis.set_major_locator(MaxNLocator(3, symmetric=(r_i == 3)))
            ax.spines[["top", "right"]].set_visible(False)
            if j == 0:
                ax.spines["left"].set_visible(True)
            if j == ncol // 2:
                ax.set_xlabel(xlabels[r_i], fontsize=7, labelpad=1)
            if j == 0 and r_i > 0:
                # A row title is wider than a column.  As a title, constrained layout
                # would count it as 1 pixel at its centre, far right of this column's
                # edge, and widen the gap after the column; so a blank title keeps the
                # row's height and the text is drawn in its place, outside the layout.
                ax.set_title(" ", loc="left", fontsize=7.5, fontweight="bold")
                ax.annotate(row_titles[r_i], xy=(0, 1), xycoords="axes fraction",
                            xytext=(0, mpl.rcParams["axes.titlepad"]),
                            textcoords="offset points", fontsize=7.5, fontweight="bold",
                            ha="left", va="baseline").set_in_layout(False)
    # the first row's title sits in the blank first line of the column titles (so the
    # layout keeps room for it), outside the layout (so it does not widen column 1)
    axes[0, 0].annotate(row_titles[0], xy=(0, 1), xycoords=("axes fraction", axes[0, 0].title),
                        fontsize=7.5, fontweight="bold", ha="left", va="top",
                        annotation_clip=False).set_in_layout(False)
    return fig
