"""Figures for the corpus overview (notebook 00)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
from matplotlib.collections import LineCollection
import numpy as np
import pandas as pd
import seaborn as sns

from . import (DOUBLE, group_colors, group_order, group_sizes, new_figure, note_groups,
               short_label, shown_rows)

__all__ = ["plot_sentence_lengths", "plot_lexical_diversity"]


#: At most this many sentences of a group are drawn as dots (a seeded sample of them
#: beyond it; the boxes are always of every sentence): half a million dots make a figure
#: of hundreds of megabytes that takes a minute to draw and shows no more than the box.
MAX_DOTS = 2_000


def plot_sentence_lengths(lengths: pd.DataFrame, ax=None):
    """Box plot with every sentence as a dot: words per sentence, one row per group.

    ``lengths`` is :func:`discoursekit.overview.sentence_lengths`.  Groups are in the
    order every figure uses (:func:`discoursekit.plotting.group_order`); the number of
    sentences is printed beside each label.  A group of more than :data:`MAX_DOTS`
    sentences shows a seeded random sample of them as dots, and a note says so.
    """
    lengths, note = shown_rows(lengths, "group", group_sizes(lengths), "sentences")
    if ax is None:
        _, ax = new_figure(DOUBLE, 2.6)
    order = group_order(lengths["group"])
    colors = group_colors(lengths["group"])
    sizes = lengths.groupby("group").size()
    if (sizes > MAX_DOTS).any():
        sampled = "the dots of a group are a random sample of {:,} of its sentences; the " \
                  "boxes are of all of them".format(MAX_DOTS)
        note = f"{note} {sampled[0].upper()}{sampled[1:]}." if note else \
            f"{sampled[0].upper()}{sampled[1:]}."
    note_groups(ax.figure, note)
    sns.boxplot(data=lengths, x="words", y="group", order=order, hue="group",
                palette=colors, showfliers=False, width=0.55, ax=ax, legend=False,
                boxprops={"alpha": 0.35})
    # Jitter drawn from a seeded generator (seaborn's stripplot uses the global one).
    rng = np.random.default_rng(0)
    for i, g in enumerate(order):
        words = lengths.loc[lengths["group"] == g, "words"].to_numpy()
        crowd = {}
        if len(words) > MAX_DOTS:      # a sample, light enough for the box to show through
            words = np.random.default_rng(i).choice(words, MAX_DOTS, replace=False)
            crowd = {"alpha": 0.3}
        ax.scatter(words, i + rng.uniform(-0.18, 0.18, len(words)), s=3, color=colors[g],
                   linewidths=0, zorder=3, **crowd)
    counts = lengths.groupby("group").size()
    ax.set_yticks(range(len(order)), [f"{short_label(g, order)} (n={counts[g]})" for g in order])
    ax.set_xlabel("words per sentence")
    ax.set_ylabel("")
    return ax


def plot_lexical_diversity(diversity: pd.DataFrame, ax=None):
    """MATTR per document as dots, with raw type/token ratio for contrast.

    Raw TTR falls with text length; MATTR (fixed window) does not, which the figure makes
    visible by placing documents along their length.
    """
    diversity, note = shown_rows(diversity, "group", group_sizes(diversity), "documents")
    if ax is None:
        _, ax = new_figure()
    note_groups(ax.figure, note)
    colors = group_colors(diversity["group"])
    # Many documents: smaller, translucent dots, so that a crowd shows its density.
    crowd = len(diversity) > 150
    size, alpha = (22 * np.sqrt(150 / len(diversity)), 0.4) if crowd else (22, 1.0)
    # Three artists per group, not per document: matplotlib re-fits the axes' limits to
    # every artist added so far, so one per document grows with the square of their number.
    for g, part in diversity.groupby("group", sort=True):
        c, x = colors[g], part["tokens"].to_numpy(dtype=float)
        ttr, mattr = part["ttr"].to_numpy(dtype=float), part["mattr"].to_numpy(dtype=float)
        ax.add_collection(LineCollection(np.stack([np.column_stack([x, ttr]),
                                                   np.column_stack([x, mattr])], axis=1),
                                         colors=[c], linewidths=0.3 if crowd else 0.8,
                                         alpha=alpha / 2 if crowd else 1.0, zorder=2))
        ax.scatter(x, mattr, color=c, s=size, alpha=alpha, linewidths=0 if crowd else None,
                   zorder=3)
        ax.scatter(x, ttr, facecolor="none", edgecolor=c, s=size, alpha=alpha,
                   linewidths=0.6 if crowd else None, zorder=3)
    window = diversity.attrs.get("window", 100)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1, 2, 3, 5)))
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.xaxis.set_minor_locator(mticker.NullLocator())
    ax.set_xlabel("document length (tokens, log scale)")
    ax.set_ylabel("type/token ratio")
    ax.set_ylim(0, 1)
    handles = [plt.Line2D([], [], marker="o", ls="", color="0.3", label=f"MATTR (window {window})"),
               plt.Line2D([], [], marker="o", ls="", mfc="none", color="0.3", label="raw TTR")]
    handles += [plt.Line2D([], [], marker="o", ls="", color=colors[g],
                           label=short_label(g, colors))
                for g in sorted(colors)]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return ax
