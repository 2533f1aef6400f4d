"""Figures for framing results: profiles with intervals, co-occurrence, the flow of frames
through each article, the arc of Entman's functions, remedies by actor, the topic
cross-check and the validation scores.

Each ``plot_*`` takes a result frame from :mod:`discoursekit.framing` or
:mod:`discoursekit.validation` (and an optional ``ax``) and returns the Axes, or the Figure
for multi-panel plots.  Nothing here computes a statistic.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap, TwoSlopeNorm

from ..framing import FUNCTION_IDS, ISSUE_FRAMES, category_labels
from ..framing.common import kind_of
from . import (CATEGORY_PALETTE, DIVERGING, DOUBLE, MAX_GROUPS, PAGE_HEIGHT, PALETTE, SINGLE,
               _say_nothing, column_labels, group_colors, group_order, group_sizes, groups_shown,
               interval_note, new_figure, note_groups, short_label, shown_rows, use_style)

__all__ = ["plot_frame_profile", "plot_profile_intervals", "plot_frame_cooccurrence",
           "plot_frame_flow", "plot_function_arc", "plot_remedies", "plot_topic_overlap",
           "plot_validation", "plot_corrected_profile", "plot_learning_curve",
           "plot_coder_scores"]

_SEQ = LinearSegmentedColormap.from_list("dk_blues", ["#FFFFFF", "#56B4E9", "#0072B2",
                                                      "#003A5C"])
_DIV = DIVERGING
# kinds of category are told apart by lightness, not by a group's hue
_KIND_COLOR = {"issue": "#222222", "generic": "#666666", "function": "#999999"}


def _ordered(categories) -> list[str]:
    """Functions, then issue frames, then generic frames, then other kinds (a codebook's
    own), each in the order given."""
    present = list(dict.fromkeys(categories))
    rank = {"function": 0, "issue": 1, "generic": 2}
    return sorted(present, key=lambda c: rank.get(_kind(c), 3))


def _kind(cat: str) -> str:
    """The category's kind, as the framing package knows it (a codebook's own ids
    included); an id no codebook names is drawn with the issue frames."""
    kind = kind_of(cat)
    return "issue" if kind == "other" else kind


def _need(df: pd.DataFrame, columns, fn: str):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{fn}(): the frame has no column(s) {missing}; pass the result of the "
                         "matching discoursekit.framing function.")


def _group_separators(ax, cats, axis="y"):
    kinds = [_kind(c) for c in cats]
    for i in range(1, len(kinds)):
        if kinds[i] != kinds[i - 1]:
            (ax.axhline if axis == "y" else ax.axvline)(i - 0.5, color="0.2", lw=0.8)


def plot_frame_profile(profile: pd.DataFrame, *, ax=None, intervals: bool = True):
    """Heatmap of groups × categories: share of sentences, with the bootstrap interval.

    Parameters
    ----------
    profile : DataFrame
        From :func:`discoursekit.framing.frame_profile`.
    ax : Axes, optional
    intervals : bool, default True
        Write ``share [low–high]`` (in %) in each cell.
    """
    _need(profile, ["group", "category", "share", "ci_low", "ci_high"], "plot_frame_profile")
    inote = interval_note(profile) if intervals else None
    profile, note = _shown_profile(profile)
    cats = _ordered(profile["category"])
    groups = group_order(profile["group"].unique())
    table = profile.pivot(index="category", columns="group", values="share").loc[cats, groups]
    low = profile.pivot(index="category", columns="group", values="ci_low").loc[cats, groups]
    high = profile.pivot(index="category", columns="group", values="ci_high").loc[cats, groups]
    # a cell holds "30%  [12–45]" on one line while it is at least 0.75 in wide (at most
    # six groups on a 7-in page); with more groups the interval goes on a second line
    cell = (DOUBLE - 2.3) / max(len(groups), 1)
    two_lines = intervals and cell < 0.75
    if ax is None:
        _, ax = new_figure(DOUBLE, (0.36 if two_lines else 0.24) * len(cats) + 0.9)
    note_groups(ax.figure, note)
    note_groups(ax.figure, inote)
    shares = table.to_numpy(dtype=float)
    none = shares == 0                 # no sentence carries it: absent, not a 0% finding
    im = ax.imshow(np.ma.masked_where(none, shares), cmap=_SEQ.with_extremes(bad="#EEEEEE"),
                   vmin=0, vmax=max(0.6, float(np.nanmax(shares))), aspect="auto",
                   interpolation="nearest")
    labels = category_labels()
    ax.set_yticks(range(len(cats)), [labels.get(c, c) for c in cats])
    column_labels(ax, [short_label(g, groups) for g in groups], cell)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    vmax = im.get_clim()[1]
    degenerate = False
    for i in range(len(cats)):
        for j in range(len(groups)):
            v = table.iat[i, j]
            if none[i, j]:
                ax.text(j, i, "none", ha="center", va="center", fontsize=6.5, color="#777777")
                continue
            text = f"{100 * v:.0f}%"
            lo, hi = low.iat[i, j], high.iat[i, j]
            if intervals and not np.isnan(lo):   # no interval: the note says why
                if round(100 * lo) == round(100 * hi):
                    degenerate = True              # every resample alike: not an interval
                else:
                    text += ("\n" if two_lines else "  ") + f"[{100 * lo:.0f}–{100 * hi:.0f}]"
            ax.text(j, i, text, ha="center", va="center", fontsize=6.5, linespacing=1.0,
                    color="white" if v > 0.55 * vmax else "0.1")
    if none.any():
        note_groups(ax.figure, "none (grey): no sentence of the group carries the category.")
    if degenerate:
        note_groups(ax.figure, "A share printed without [interval]: every bootstrap resample "
                               "gave the same share, so the interval has no width.")
    _group_separators(ax, cats)
    cbar = ax.figure.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
    cbar.set_label("share of sentences")
    cbar.outline.set_visible(False)
    return ax


def _shown_profile(profile: pd.DataFrame):
    """A frame profile restricted to the groups a figure shows, and the note."""
    return shown_rows(profile, "group", group_sizes(profile, "group", "n_sentences"),
                      "sentences")


def plot_profile_intervals(profile: pd.DataFrame, categories=None, *, ax=None):
    """Dot-and-whisker plot: each group's share per category with its interval."""
    _need(profile, ["group", "category", "share", "ci_low", "ci_high"],
          "plot_profile_intervals")
    inote = interval_note(profile)
    profile, note = _shown_profile(profile)
    cats = _ordered(categories if categories is not None else profile["category"])
    data = profile[profile["category"].isin(cats)]
    groups = group_order(data["group"].unique())
    colors = group_colors(profile["group"].unique())
    if ax is None:
        _, ax = new_figure(DOUBLE, 0.32 * len(cats) + 0.8)
    note_groups(ax.figure, note)
    note_groups(ax.figure, inote)
    labels = category_labels()
    offsets = np.linspace(-0.3, 0.3, len(groups)) if len(groups) > 1 else [0.0]
    pos = {c: len(cats) - 1 - i for i, c in enumerate(cats)}
    for off, g in zip(offsets, groups):
        part = data[data["group"] == g]
        y = part["category"].map(pos).to_numpy() - off    # first group on top
        ax.hlines(y, part["ci_low"], part["ci_high"], color=colors[g], lw=1.2)
        ax.plot(part["share"], y, "o", ms=3.5, color=colors[g], label=short_label(g, groups))
    ax.set_yticks([pos[c] for c in cats], [labels.get(c, c) for c in cats])
    ax.set_xlabel("share of sentences (95% bootstrap interval)")
    top = data["ci_high"].max() if data["ci_high"].notna().any() else data["share"].max()
    ax.set_xlim(0, min(1, float(top) + 0.05))
    ax.grid(axis="x", color="0.9", lw=0.5)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", ncols=1)
    return ax


def plot_frame_cooccurrence(cooc: pd.DataFrame, *, ax=None, value: str = "jaccard"):
    """Lower-triangle heatmap of how often two categories share a sentence.

    Parameters
    ----------
    cooc : DataFrame
        From :func:`discoursekit.framing.frame_cooccurrence`.
    value : {"jaccard", "n_both", "p_b_given_a"}, default "jaccard"
    """
    _need(cooc, ["category_a", "category_b", value], "plot_frame_cooccurrence")
    cats = _ordered(cooc["category_a"])
    m = cooc.pivot(index="category_a", columns="category_b", values=value).loc[cats, cats]
    arr = m.to_numpy(dtype=float)[1:, :-1]          # below the diagonal only
    mask = np.triu(np.ones_like(arr, dtype=bool), k=1)
    shown = np.where(mask, np.nan, arr)
    if ax is None:
        _, ax = new_figure(DOUBLE * 0.8, DOUBLE * 0.7)
    vmax = float(np.nanmax(shown)) if np.isfinite(shown).any() else 1.0
    im = ax.imshow(shown, cmap=_SEQ, vmin=0, vmax=vmax, interpolation="nearest")
    labels = category_labels()
    names = [labels.get(c, c) for c in cats]
    ax.set_xticks(range(len(cats) - 1), names[:-1], rotation=60, ha="right",
                  rotation_mode="anchor")
    ax.set_yticks(range(len(cats) - 1), names[1:])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for i in range(len(cats) - 1):
        for j in range(i + 1):
            v = arr[i, j]
            if np.isfinite(v) and v > 0:
                ax.text(j, i, f"{v:.2f}" if value != "n_both" else f"{v:.0f}", ha="center",
                        va="center", fontsize=6, color="white" if v > 0.55 * vmax else "0.1")
    cbar = ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cbar.set_label({"jaccard": "Jaccard overlap (both / either)",
                    "n_both": "sentences with both",
                    "p_b_given_a": "P(column | row)"}.get(value, value))
    cbar.outline.set_visible(False)
    return ax


#: Beyond this many marks in a row of the frame flow, marks are drawn once per place (to
#: a thousandth of the article, less than the width of a mark: 1.4 pt of a panel about
#: 430 pt wide is 0.003 of it).
_DISTINCT_MARKS = 2_000


def plot_frame_flow(coded: pd.DataFrame, categories=None, *, by: str = "group"):
    """The flow of frames through each article: one panel per group.

    x is the relative position in the article (0 = first sentence, 1 = last); each row a
    category; a mark where a sentence carries it.  Entman's functions are drawn on top in
    their own colour, so the arc problem → cause → remedy can be read along x.

    Returns
    -------
    Figure
    """
    _need(coded, ["position", by], "plot_frame_flow")
    if categories is None:    # the functions and issue frames the table was coded for
        recorded = coded.attrs.get("categories") or list(FUNCTION_IDS) + list(ISSUE_FRAMES)
        categories = [c for c in recorded if c in coded.columns
                      and _kind(c) in ("function", "issue")]
    cats = _ordered(categories)
    # a panel's height at 0.11 in a row (8 points: 6-point labels apart); one column of
    # panels while they fit a page, two beside each other beyond, and no more groups
    # than two columns hold (the largest; a note says so)
    per_panel = 0.11 * len(cats) + 0.45
    fit = max(int((PAGE_HEIGHT - 0.6) // per_panel), 1)
    sizes = group_sizes(coded, by)
    shown, note = groups_shown(sizes, "sentences", limit=min(MAX_GROUPS, 2 * fit))
    groups = group_order(shown)
    ncols = 1 if len(groups) <= fit else 2
    nrows = int(np.ceil(len(groups) / ncols))
    use_style()
    fig, axes = plt.subplots(nrows, ncols, figsize=(DOUBLE, nrows * per_panel + 0.3),
                             sharex=True, squeeze=False)
    labels = category_labels()
    title_chars = int((DOUBLE / ncols - (1.4 if ncols == 1 else 0.9)) * 72 / (0.55 * 8))
    for k, (ax, g) in enumerate(zip(axes.T.flat if ncols == 2 else axes[:, 0], groups)):
        part = coded[coded[by] == g]
        for i, c in enumerate(cats):
            x = part.loc[part[c].astype(bool), "position"].to_numpy()
            if len(x) > _DISTINCT_MARKS:   # marks at the same place (to a third of a
                x = np.unique(np.round(x, 3))   # mark's width) are drawn once, not thousands
            ax.scatter(x, np.full(len(x), i), marker="|", s=40, lw=1.4,
                       color=_KIND_COLOR[_kind(c)])
        ax.set_ylim(len(cats) - 0.5, -0.5)
        # the second column shares the first's rows: its labels would only repeat them
        ax.set_yticks(range(len(cats)), [labels.get(c, c) for c in cats] if k < nrows
                      else [""] * len(cats), fontsize=6)
        ax.tick_params(axis="y", length=0)
        title = f"{short_label(g, groups)} ({len(part)} sentences)"
        ax.set_title("\n".join(textwrap.wrap(title, max(title_chars, 16))[:2]), loc="left",
                     fontsize=8)
        _group_separators(ax, cats)
        ax.set_xlim(0, 1)
        ax.grid(axis="x", color="0.92", lw=0.5)
        ax.set_axisbelow(True)
    for ax in axes.flat[len(groups):] if ncols == 1 else axes.T.flat[len(groups):]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel("relative position in the article\n(0 = first sentence, 1 = last)"
                      if ncols == 2 else
                      "relative position in the article (0 = first sentence, 1 = last)")
        ax.tick_params(labelbottom=True)
    if ncols == 2 and len(groups) % 2:     # the empty last panel's column: ticks on the one above
        axes[-2, 1].tick_params(labelbottom=True)
        axes[-2, 1].set_xlabel(axes[-1, 1].get_xlabel())
    fig.tight_layout(h_pad=0.6)
    note_groups(fig, note)
    return fig


def plot_function_arc(flow: pd.DataFrame, *, group: str = "all articles", ax=None):
    """Share of sentences carrying each Entman function, by position in the article.

    Parameters
    ----------
    flow : DataFrame
        From :func:`discoursekit.framing.frame_flow` with the four function ids.
    group : str, default "all articles"
        The pooled line (articles weighted equally) or one group.
    """
    _need(flow, ["group", "bin_start", "bin_end", "category", "share"], "plot_function_arc")
    functions = [c for c in dict.fromkeys(flow["category"]) if _kind(c) == "function"]
    if ax is None and not functions:
        _, ax = new_figure(SINGLE * 1.3, SINGLE * 0.8)
    if not functions:              # a codebook without framing functions
        _say_nothing(ax, "the codebook has no framing functions")
        return ax
    part = flow[(flow["group"] == group) & flow["category"].isin(functions)]
    if part.empty:
        raise ValueError(f"plot_function_arc(): no rows for group {group!r} and the four "
                         "function ids; call frame_flow(coded, FUNCTION_IDS).")
    if ax is None:
        _, ax = new_figure(SINGLE * 1.3, SINGLE * 0.8)
    labels = category_labels()
    markers = ["o", "s", "^", "D"]
    for k, c in enumerate(functions):
        d = part[part["category"] == c].sort_values("bin_start")
        mid = (d["bin_start"] + d["bin_end"]) / 2
        ax.plot(mid, d["share"], marker=markers[k % 4], ms=3.5, lw=1.2, color=PALETTE[k % 8],
                label=labels.get(c, c))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, None)
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_xlabel("relative position in the article")
    ax.set_ylabel("share of sentences")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_remedies(counts: pd.DataFrame, *, ax=None):
    """Horizontal stacked bars: recommendation sentences per group, by addressed actor.

    Parameters
    ----------
    counts : DataFrame
        From :func:`discoursekit.framing.count_remedies`.
    """
    _need(counts, ["group", "actor", "n_sentences"], "plot_remedies")
    table = counts.pivot(index="group", columns="actor", values="n_sentences").fillna(0)
    actors = list(table.sum().sort_values(ascending=False, kind="stable").index)
    if "(unspecified)" in actors:
        actors = [a for a in actors if a != "(unspecified)"] + ["(unspecified)"]
    table = table[actors].sort_index()
    if ax is None:
        _, ax = new_figure(DOUBLE * 0.8, 0.35 * len(table) + 1.0)
    left = np.zeros(len(table))
    y = np.arange(len(table))
    for k, a in enumerate(actors):
        color = ("0.75" if a == "(unspecified)"
                 else CATEGORY_PALETTE[k % len(CATEGORY_PALETTE)])
        ax.barh(y, table[a], left=left, color=color, label=a, height=0.6)
        left += table[a].to_numpy()
    ax.set_yticks(y, [short_label(g, table.index) for g in table.index])
    ax.invert_yaxis()
    ax.set_xlabel("recommendation sentences addressing the actor")
    if len(actors):
        ax.legend(loc="lower right", ncols=2)
    else:
        _say_nothing(ax, "no sentence recommends a remedy")
    return ax


def plot_topic_overlap(overlap: pd.DataFrame, terms: pd.DataFrame | None = None, *, ax=None,
                       value: str = "correlation", n_label_terms: int = 3):
    """Heatmap of topics × categories (correlation of topic weight with the frame code).

    Parameters
    ----------
    overlap : DataFrame
        From :func:`discoursekit.framing.topic_frame_overlap`.
    terms : DataFrame, optional
        From :func:`discoursekit.framing.topic_terms`; labels each topic with its first
        ``n_label_terms`` terms.
    """
    _need(overlap, ["topic", "category", value], "plot_topic_overlap")
    cats = _ordered(overlap["category"])
    topics = list(dict.fromkeys(overlap["topic"]))
    m = overlap.pivot(index="topic", columns="category", values=value).loc[topics, cats]
    arr = m.to_numpy(dtype=float)
    if ax is None:
        _, ax = new_figure(DOUBLE, 0.3 * len(topics) + 1.4)
    lim = max(0.1, float(np.nanmax(np.abs(arr)))) if np.isfinite(arr).any() else 0.1
    im = ax.imshow(arr, cmap=_DIV, norm=TwoSlopeNorm(0, -lim, lim), aspect="auto",
                   interpolation="nearest")
    labels = category_labels()
    ax.set_xticks(range(len(cats)), [labels.get(c, c) for c in cats], rotation=60,
                  ha="right", rotation_mode="anchor")
    names = topics
    if terms is not None:
        lookup = dict(zip(terms["topic"], terms["top_terms"]))
        names = [f"{t}: " + ", ".join(str(lookup.get(t, "")).split(", ")[:n_label_terms])
                 for t in topics]
    ax.set_yticks(range(len(topics)), names)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for i in range(len(topics)):
        for j in range(len(cats)):
            v = arr[i, j]
            if np.isfinite(v) and abs(v) >= 0.2:
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=6,
                        color="white" if abs(v) > 0.6 * lim else "0.1")
    _group_separators(ax, cats, axis="x")
    cbar = ax.figure.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
    cbar.set_label("correlation of topic weight with frame code")
    cbar.outline.set_visible(False)
    return ax


def plot_validation(scores: pd.DataFrame, *, ax=None):
    """Precision, recall and F1 per category, with the number of gold positives.

    Parameters
    ----------
    scores : DataFrame
        From :func:`discoursekit.validation.validate_coding` (or ``validate_lexicon``).
    """
    _need(scores, ["category", "precision", "recall", "f1", "gold_pos"], "plot_validation")
    cats = _ordered(scores["category"])
    s = scores.set_index("category").loc[cats]
    if ax is None:
        _, ax = new_figure(DOUBLE, 0.26 * len(cats) + 0.8)
    y = np.arange(len(cats))
    labels = category_labels()
    for k, (col, name) in enumerate([("precision", "precision"), ("recall", "recall"),
                                     ("f1", "F1")]):
        ax.barh(y + (k - 1) * 0.26, s[col].fillna(0), height=0.26, color=PALETTE[k],
                label=name)
    _finish_score_axes(ax, cats, s["gold_pos"], labels, "score on the held-out test half")
    return ax


def _finish_score_axes(ax, cats, positives, labels, xlabel: str) -> None:
    """The parts every per-category score figure shares: "n+ = …" at the right of each
    row, the category labels top to bottom, a 0–1 scale, the kind separators, the legend."""
    for i, c in enumerate(cats):
        ax.text(1.02, i, f"n+ = {int(positives.loc[c])}", va="center", fontsize=6,
                transform=ax.get_yaxis_transform())
    ax.set_yticks(np.arange(len(cats)), [labels.get(c, c) for c in cats])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    _group_separators(ax, cats)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3)


def plot_coder_scores(scores: pd.DataFrame, *, ax=None):
    """Cross-validated F1 of the lexicon, the classifier and their combination per
    category, with bootstrap intervals and the number of hand-coded positives.

    ``scores``: from :func:`discoursekit.framing.coder_scores`.
    """
    _need(scores, ["category", "coder", "f1", "f1_low", "f1_high", "positives"],
          "plot_coder_scores")
    cats = _ordered(scores["category"])
    coders = list(dict.fromkeys(scores["coder"]))
    if ax is None:
        _, ax = new_figure(DOUBLE, min(9.0, 0.3 * len(cats) + 1.0))
    labels = category_labels()
    y = np.arange(len(cats))
    step = 0.8 / max(len(coders), 1)
    marks = ["o", "s", "D"]
    for k, coder in enumerate(coders):
        part = scores[scores["coder"] == coder].set_index("category").reindex(cats)
        pos = y + (k - (len(coders) - 1) / 2) * step
        err = np.vstack([(part["f1"] - part["f1_low"]).clip(lower=0).fillna(0),
                         (part["f1_high"] - part["f1"]).clip(lower=0).fillna(0)])
        ax.errorbar(part["f1"], pos, xerr=err, fmt=marks[k % 3], ms=3, lw=0.8,
                    color=_CODER_COLOR[k % len(_CODER_COLOR)], label=coder)
    first = scores.drop_duplicates("category").set_index("category")
    _finish_score_axes(ax, cats, first["positives"], labels,
                       "F1, cross-validated by document (95% bootstrap interval)")
    return ax


#: coders are categories that are not groups: a palette of their own (Tol's "muted")
_CODER_COLOR = ["#332288", "#999933", "#882255"]


def plot_learning_curve(curve: pd.DataFrame, *, ax=None):
    """F1 of the classifier against the number of hand-coded training sentences, pooled
    over categories (micro F1) and per kind of category.

    ``curve``: from :func:`discoursekit.framing.learning_curve`.
    """
    _need(curve, ["n_train", "category", "kind", "f1"], "plot_learning_curve")
    if ax is None:
        _, ax = new_figure(SINGLE, 2.4)
    micro = curve[curve["category"] == "(micro)"].sort_values("n_train")
    ax.plot(micro["n_train"], micro["f1"], "-o", color="#333333", ms=3, label="all (micro)")
    per = curve[curve["category"] != "(micro)"]
    for k, (kind, part) in enumerate(per.groupby("kind", sort=True)):
        mean = part.groupby("n_train")["f1"].mean()
        ax.plot(mean.index, mean.to_numpy(), "--", lw=0.9, color=_CODER_COLOR[k % 3],
                label=f"{kind} (mean F1)")
    ax.set_xlabel("hand-coded sentences used for training")
    ax.set_ylabel("cross-validated F1")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=6, loc="lower right")
    return ax


def plot_corrected_profile(profile: pd.DataFrame, *, categories=None, truth=None):
    """Corrected against uncorrected shares, one panel per group: for each category the
    share of automatic codes (hollow) and the design-based corrected share (filled), each
    with its 95% interval, and, if given, the ``truth`` (a share per group and category,
    e.g. from full hand coding) as a bar.

    ``profile``: from :func:`discoursekit.framing.corrected_profile`.
    """
    _need(profile, ["group", "category", "share_auto", "auto_low", "auto_high", "share",
                    "ci_low", "ci_high"], "plot_corrected_profile")
    cats = list(dict.fromkeys(categories or profile["category"]))
    sizes = group_sizes(profile.drop_duplicates("group"), column="n_sentences")
    shown, note = groups_shown(sizes, "groups")
    shown = [g for g in dict.fromkeys(profile["group"]) if g in shown]
    ncols = min(len(shown), 3)
    nrows = -(-len(shown) // ncols)
    height = min(9.0, nrows * (0.22 * len(cats) + 0.9))
    fig, axes = new_figure(DOUBLE, height, nrows=nrows, ncols=ncols, sharex=True,
                           sharey=True, squeeze=False)
    labels = category_labels()
    y = np.arange(len(cats))
    for ax, group in zip(axes.ravel(), shown):
        part = profile[profile["group"] == group].set_index("category").reindex(cats)
        for off, (pt, lo, hi, face, name) in zip((-0.17, 0.17), (
                ("share_auto", "auto_low", "auto_high", "white", "automatic codes"),
                ("share", "ci_low", "ci_high", "#332288", "corrected"))):
            err = np.vstack([(part[pt] - part[lo]).clip(lower=0), (part[hi] - part[pt]).clip(lower=0)])
            ax.errorbar(part[pt], y + off, xerr=err, fmt="o", ms=3, lw=0.8, color="#332288",
                        mfc=face, label=name)
        if truth is not None:
            t = truth[truth["group"] == group].set_index("category").reindex(cats)["share"]
            ax.scatter(t, y, marker="|", s=60, color="#CC6677", zorder=3, label="all hand codes")
        ax.set_title(short_label(group), fontsize=7)
        ax.set_yticks(y, [labels.get(c, c) for c in cats])
        ax.invert_yaxis() if ax is axes.ravel()[0] else None
    for ax in axes.ravel()[len(shown):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("share of sentences")
    axes.ravel()[0].legend(loc="lower left", bbox_to_anchor=(0, 1.12), ncols=3, fontsize=6)
    note_groups(fig, note)
    return fig
