"""Figures for keywords, collocates and dispersion (notebook 01).

Each function takes a result frame from :mod:`discoursekit.keywords`,
:mod:`discoursekit.collocation` or :mod:`discoursekit.dispersion` (and an optional Axes)
and returns the Axes or Figure it drew on; nothing here computes a statistic.
"""
from __future__ import annotations

import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, TwoSlopeNorm

from ..keywords import top_keywords
from . import (DIVERGING, DOUBLE, PAGE_HEIGHT, _say_nothing, column_labels, group_colors,
               group_order, group_sizes, groups_shown, interval_note, new_figure, note_groups,
               short_label, shown_rows)

__all__ = ["plot_keyness", "plot_keyness_grid", "plot_keyness_heatmap",
           "plot_collocate_differences", "plot_collocate_grid", "plot_dispersion"]

_GREY = "#999999"


def _check_columns(df: pd.DataFrame, needed, what: str):
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"{what} needs the column(s) {', '.join(map(repr, missing))}; pass the "
                         f"frame returned by the matching discoursekit function.")


def _the_others(n: int) -> str:
    """"the other group" against one other group, else "the other groups"."""
    return "the other group" if n == 1 else "the other groups"


def plot_keyness(result: pd.DataFrame, ax=None, n: int = 10, *, n_negative: int = 0,
                 alpha: float = 0.05, color: str | None = None, title: str | None = None):
    """Two-sided bar chart of keywords: Log Ratio with its bootstrap interval.

    Parameters
    ----------
    result : DataFrame
        :func:`discoursekit.keyness` (one target), sorted by G² descending.
    ax : matplotlib Axes, optional
    n : int, default 10
        The ``n`` strongest positive keywords (largest G²), top down.
    n_negative : int, default 0
        Also the ``n_negative`` strongest negative keywords (rarer in the target), below.
    alpha : float, default 0.05
        A bar is solid when ``p_adjusted < alpha`` and pale (hatched) otherwise.
    color : str, optional
        Bar colour (default: the target group's colour).
    title : str, optional
        Default: "<target> vs <reference>".

    Returns
    -------
    matplotlib Axes

    Notes
    -----
    Bars are Log Ratio (Hardie 2014; +1 = twice as frequent); whiskers the bootstrap
    interval over texts; each label gives the term and its frequency in the target
    (and, for group references, in the reference).
    """
    _check_columns(result, ["term", "g2", "log_ratio", "log_ratio_ci_low",
                            "log_ratio_ci_high", "p_adjusted", "freq_target"], "plot_keyness")
    sel = top_keywords(result, n, n_negative=n_negative)
    if ax is None:
        _, ax = new_figure(DOUBLE / 2, 0.5 + 0.2 * max(len(sel), 1))
    target = result.attrs.get("target", "")
    reference = result.attrs.get("reference", "")
    color = color or (group_colors([target])[target] if target else "#0072B2")
    y = np.arange(len(sel))[::-1]
    sig = sel["p_adjusted"].to_numpy() < alpha
    lr = sel["log_ratio"].to_numpy()
    err = np.vstack([lr - sel["log_ratio_ci_low"].to_numpy(),
                     sel["log_ratio_ci_high"].to_numpy() - lr])
    has_ci = np.isfinite(err).all(axis=0)  # no interval: no whisker (not a zero-width one)
    err = np.where(np.isfinite(err), np.maximum(err, 0), 0)
    bar_colors = [color if v > 0 else _GREY for v in lr]
    bars = ax.barh(y, lr, color=bar_colors, height=0.7, linewidth=0.6, edgecolor=bar_colors)
    for bar, s in zip(bars, sig):
        if not s:
            bar.set_alpha(0.35)
            bar.set_hatch("////")
    if has_ci.any():
        ax.errorbar(lr[has_ci], y[has_ci], xerr=err[:, has_ci], fmt="none", ecolor="#333333",
                    elinewidth=0.7, capsize=1.5)
    english = reference == "english"
    if english:
        labels = [f"{t} ({f})" for t, f in zip(sel["term"], sel["freq_target"])]
    else:
        labels = [f"{t} ({f}/{int(r)})" for t, f, r in
                  zip(sel["term"], sel["freq_target"], sel["freq_reference"])]
    ax.set_yticks(y, labels)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel("log ratio (log2 of the rate ratio)")
    if title is None and target:
        others = len(result.attrs.get("reference_groups") or ())
        ref = "general English" if english else (_the_others(others) if reference == "rest"
                                                 else short_label(reference))
        title = f"{short_label(target)} vs {ref}"
    if title:
        ax.set_title(title, loc="left")
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(sel) - 0.5 - max(n + n_negative, len(sel)), len(sel) - 0.5)
    return ax


def plot_keyness_grid(results: pd.DataFrame, n: int = 8, *, n_negative: int = 0,
                      alpha: float = 0.05, ncols: int | None = None, width: float = DOUBLE):
    """Small multiples of :func:`plot_keyness`, one panel per group of :func:`keyness_all`.

    ``ncols`` defaults to two columns for up to six groups and three beyond, and the
    panels are made shorter where needed, so that the grid fits a 9-in page; a title
    too long for its panel is broken onto two lines.

    Returns
    -------
    matplotlib Figure
        A shared legend at the bottom explains the solid and pale bars.
    """
    _check_columns(results, ["group"], "plot_keyness_grid")
    # every group compared, also one whose table is empty (no term reached min_freq)
    groups = every = list(results.attrs.get("groups") or dict.fromkeys(results["group"]))
    words = group_sizes(results, "group", "size_target").reindex(groups, fill_value=0)
    groups, note = groups_shown(words, "words")
    if not groups:
        fig, ax = new_figure(width, 1.2)
        _say_nothing(ax, "no group to show")
        return fig
    ncols = ncols or (2 if len(groups) <= 6 else 3)
    nrows = int(np.ceil(len(groups) / ncols))
    rows_each = n + n_negative
    panel = min(0.55 + 0.17 * rows_each, (PAGE_HEIGHT - 0.9) / nrows)
    fig, axes = new_figure(width, nrows * panel + 0.6, nrows=nrows, ncols=ncols,
                           squeeze=False, sharex=True, layout="constrained")
    small = ncols > 2 or panel < 0.55 + 0.17 * rows_each
    versus = None
    per_group = results.attrs.get("per_group", {})
    colors = group_colors(groups)
    for ax, g in zip(axes.flat, groups):
        part = results[results["group"] == g].drop(columns="group").reset_index(drop=True)
        part.attrs = dict(per_group.get(g, {"target": g,
                                             "reference": results.attrs.get("reference", "")}))
        if part.attrs.get("reference") == "rest" and not part.attrs.get("reference_groups"):
            part.attrs["reference_groups"] = [o for o in every if o != g]   # for the title
        if part.empty:
            _say_nothing(ax, f"{short_label(g, groups)}: no term tested\n(each occurs fewer than "
                             f"{part.attrs.get('min_freq', 'min_freq')} times)")
            continue
        plot_keyness(part, ax=ax, n=n, n_negative=n_negative, alpha=alpha, color=colors[g])
        title = ax.get_title(loc="left")
        # about 0.55 em a character; the panel's own width, less its term labels
        size = 8 if small else mpl.rcParams["axes.titlesize"]
        fits = int((width / ncols - 0.6) * 72 / (0.55 * size))
        head, _, tail = title.rpartition(" vs ")
        if small:     # "vs the other groups" is said once, above the panels
            versus = f"each group vs {tail}"
            title = "\n".join(textwrap.wrap(head, max(fits, 12))[:2])
        elif len(title) > fits:
            title = "\n".join(textwrap.wrap(head, max(fits, 12)) + [f"vs {tail}"])
        ax.set_title(title, loc="left", fontsize=size)
        if small:
            ax.tick_params(axis="both", labelsize=6.5)
            ax.xaxis.label.set_size(7)
    for ax in axes.flat[len(groups):]:
        ax.set_visible(False)
    for k, ax in enumerate(axes.flat):
        ax.tick_params(labelbottom=True)
        if small and k + ncols < len(groups):   # the axis is named under each column once
            ax.set_xlabel("")
    from matplotlib.patches import Patch

    # the legend names only the kinds of bar the panels draw
    bars = [p for ax in axes.flat if ax.get_visible() for p in ax.patches]
    handles = []
    if any(not p.get_hatch() for p in bars):
        handles.append(Patch(facecolor="#666666", label=f"adjusted p < {alpha:g}"))
    if any(p.get_hatch() for p in bars):
        handles.append(Patch(facecolor="#666666", alpha=0.35, hatch="////",
                             label="not significant after correction"))
    if handles:
        # at the top: a legend placed at the bottom would be put below the notes when
        # the figure is saved with its tight box
        fig.legend(handles=handles, loc="outside upper center", ncol=3 if small else 2,
                   title=versus if small and versus else None, title_fontsize=8)
    note_groups(fig, note)
    note_groups(fig, interval_note(results))
    return fig


def plot_keyness_heatmap(results: pd.DataFrame, ax=None, n: int = 5, *,
                         value: str = "log_ratio", alpha: float = 0.05):
    """Heat map of the strongest keywords × groups (each group against the rest).

    Parameters
    ----------
    results : DataFrame
        :func:`discoursekit.keyness_all`.
    n : int, default 5
        Each group's ``n`` strongest positive keywords (by G²); rows are their union,
        ordered by the group they were chosen for.
    value : str, default "log_ratio"
        The column shown (e.g. ``"g2"``).
    alpha : float, default 0.05
        Cells with ``p_adjusted < alpha`` get an asterisk.

    Returns
    -------
    matplotlib Axes
    """
    _check_columns(results, ["group", "term", "g2", value, "p_adjusted"], "plot_keyness_heatmap")
    results, note = shown_rows(results, "group", group_sizes(results, "group", "size_target"),
                               "words")
    groups = group_order(results["group"])
    chosen = (results[results["g2"] > 0].groupby("group", sort=False).head(n)
              [["group", "term"]].drop_duplicates("term"))
    rank = {g: k for k, g in enumerate(groups)}
    chosen = chosen.assign(_g=chosen["group"].map(rank)).sort_values("_g", kind="stable")
    terms = chosen["term"].tolist()
    sub = results[results["term"].isin(terms)]
    mat = sub.pivot(index="term", columns="group", values=value).reindex(index=terms,
                                                                          columns=groups)
    sig = sub.pivot(index="term", columns="group", values="p_adjusted").reindex(
        index=terms, columns=groups) < alpha
    absent = (sub.pivot(index="term", columns="group", values="freq_target").reindex(
        index=terms, columns=groups) == 0).to_numpy() if "freq_target" in sub else None
    if ax is None:   # two thirds of a page for a few groups, the page for more
        _, ax = new_figure(DOUBLE * 0.62 if len(groups) <= 5 else DOUBLE,
                           min(0.6 + 0.19 * len(terms), PAGE_HEIGHT - 1.6))
    # "absent" is written in a cell wide enough for it; a narrower grey cell stays blank
    cell = (ax.figure.get_size_inches()[0] * ax.get_position().width - 1.2) / max(len(groups), 1)
    say_absent = cell >= 0.42
    note_groups(ax.figure, note)
    if not terms:
        _say_nothing(ax, "no term is more frequent in any group than in the rest")
        return ax
    vals = mat.to_numpy(dtype=float)
    if absent is not None:            # a word the group never uses: no value, not a zero
        vals = np.where(absent, np.nan, vals)
    lim = np.nanmax(np.abs(vals)) if np.isfinite(vals).any() else 1.0
    im = ax.imshow(np.ma.masked_invalid(vals), cmap=DIVERGING.with_extremes(bad="#EEEEEE"),
                   aspect="auto", norm=TwoSlopeNorm(vcenter=0, vmin=-lim, vmax=lim))
    for i in range(vals.shape[0]):
        for j in range(vals.shape[1]):
            if np.isfinite(vals[i, j]):
                star = "*" if sig.iat[i, j] else ""
                ax.text(j, i, f"{vals[i, j]:.1f}{star}", ha="center", va="center", fontsize=6,
                        color="white" if abs(vals[i, j]) > 0.6 * lim else "#222222")
            elif absent is not None and absent[i, j] and say_absent:
                ax.text(j, i, "absent", ha="center", va="center", fontsize=6, color="#777777")
    if absent is not None and absent.any():
        note_groups(ax.figure, ("absent: " if say_absent else "grey cell without a value: ")
                    + "the group never uses the word (grey, no value: its CSV row has freq 0)")
    column_labels(ax, [short_label(g, groups) for g in groups], cell, top=False)
    ax.set_yticks(range(len(terms)), terms)
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    cbar = ax.figure.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
    cbar.set_label(value.replace("_", " ") + " vs " + _the_others(
        len(results.attrs.get("groups") or groups) - 1))
    cbar.outline.set_visible(False)
    return ax


#: At most this many collocates (rows) in a collocate heat map of many groups.
MAX_COLLOCATES = 40

#: The colour scale of logDice heat maps (14 is logDice's maximum).
_LOGDICE = {"cmap": "viridis_r", "vmin": 8, "vmax": 14}


def _logdice_scale() -> ScalarMappable:
    """The logDice colour scale on its own, for a colour bar beside panels with no cells."""
    return ScalarMappable(Normalize(vmin=_LOGDICE["vmin"], vmax=_LOGDICE["vmax"]),
                          cmap=_LOGDICE["cmap"])


def plot_collocate_differences(wide: pd.DataFrame, ax=None, *, title: str | None = None,
                               colorbar: bool = True, groups=None, cell_in: float | None = None):
    """Heat map of collocates × groups by logDice, from :func:`collocate_differences`.

    Blank cells: the collocate never co-occurs with the node in that group.  With more
    than :data:`~discoursekit.plotting.MAX_GROUPS` groups (or ``groups`` given), the
    columns are the groups that use the node most and the rows the collocates seen in
    them, at most :data:`MAX_COLLOCATES` in the table's order.  Returns the Axes.
    """
    _check_columns(wide, ["collocate", "n_groups"], "plot_collocate_differences")
    every = [c for c in wide.columns if c not in ("collocate", "n_groups", "range")]
    note = None
    if groups is None:
        freq = wide.attrs.get("node_freq", {})
        groups, note = groups_shown(pd.Series({g: freq.get(g, 0) for g in every}, dtype=float),
                                    "mentions of the node")
    if len(groups) < len(every):
        seen = wide[groups].notna().any(axis=1).to_numpy()
        wide = wide[seen].head(MAX_COLLOCATES)
    vals = wide[groups].to_numpy(dtype=float)
    if ax is None:
        _, ax = new_figure(DOUBLE / 2, 0.6 + 0.17 * len(wide))
    note_groups(ax.figure, note)
    im = _logdice_scale() if not len(wide) else ax.imshow(
        np.ma.masked_invalid(vals), aspect="auto", **_LOGDICE)
    # a value is printed in a cell wide enough for "12.4" (else the colour bar reads it);
    # ``cell_in``, a column's width, is the caller's estimate (a grid knows its panels)
    cell = cell_in if cell_in is not None else (
        (ax.figure.get_size_inches()[0] * ax.get_position().width - 0.6) / max(len(groups), 1))
    for i in range(vals.shape[0] if cell >= 0.22 else 0):
        for j in range(vals.shape[1]):
            if np.isfinite(vals[i, j]):
                ax.text(j, i, f"{vals[i, j]:.1f}", ha="center", va="center", fontsize=6,
                        color="white" if vals[i, j] > 11.5 else "#222222")
    column_labels(ax, [short_label(g, groups) for g in groups], cell, top=False)
    ax.set_yticks(range(len(wide)), wide["collocate"])
    if not len(wide):
        k, w = wide.attrs.get("min_freq", 2), wide.attrs.get("window", 5)
        _say_nothing(ax, f"no word (stop words aside) occurs\n{k} or more times within "
                         f"{w} words\nof the node in one group")
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    node = wide.attrs.get("node", "")
    freq = wide.attrs.get("node_freq", {})
    ax.set_title(title if title is not None else f"“{node}”", loc="left")
    if freq:
        column_labels(ax, [f"{short_label(g, groups)} ({freq.get(g, 0)})" for g in groups],
                      cell, top=False)
    if colorbar:
        cbar = ax.figure.colorbar(im, ax=ax, fraction=0.06, pad=0.03)
        cbar.set_label("logDice (max 14)")
        cbar.outline.set_visible(False)
    return ax


def plot_collocate_grid(tables, *, width: float = DOUBLE):
    """:func:`plot_collocate_differences` for several nodes side by side.

    ``tables`` maps each node to its :func:`discoursekit.collocate_differences` table
    (or is a list of such tables).  Every panel shows the same groups (with many: those
    that use the nodes most).  Returns the Figure, with one colour bar.
    """
    tables = list(tables.values()) if isinstance(tables, dict) else list(tables)
    if not tables:
        raise ValueError("plot_collocate_grid needs at least one collocate_differences table.")
    every = list(dict.fromkeys(c for t in tables for c in t.columns
                               if c not in ("collocate", "n_groups", "range")))
    uses = pd.Series({g: sum(t.attrs.get("node_freq", {}).get(g, 0) for t in tables)
                      for g in every}, dtype=float)
    groups, note = groups_shown(uses, "mentions of the nodes")
    rows = max(max(min(len(t), MAX_COLLOCATES) for t in tables), 1)
    # room under the heat maps for the group names, slanted when a column is too narrow
    longest = max((len(f"{short_label(g, groups)} ({t.attrs.get('node_freq', {}).get(g, 0)})")
                   for t in tables for g in groups), default=0)
    cell = (width - 0.9 * len(tables) - 0.6) / len(tables) / max(len(groups), 1)
    # (as column_labels turns them: level, slanted at 40 degrees, or upright)
    level = longest * 0.55 * 7 / 72 <= cell - 0.05
    turn = 0.64 if cell * 0.64 >= 1.2 * 7 / 72 else 1.0
    fig, axes = new_figure(width, 1.0 + 0.2 * rows + (0.3 if level else
                                                      turn * longest * 0.55 * 7 / 72),
                           ncols=len(tables), squeeze=False)
    for ax, table in zip(axes.flat, tables):
        plot_collocate_differences(table, ax=ax, colorbar=False, cell_in=cell,
                                   groups=[g for g in groups if g in table.columns])
        ax.set_ylim(max(rows, len(table)) - 0.5, -0.5)
    fig.tight_layout()
    im = next((ax.images[0] for ax in axes.flat[::-1] if ax.images), None) or _logdice_scale()
    cbar = fig.colorbar(im, ax=list(axes.flat), fraction=0.02, pad=0.02)
    cbar.set_label("logDice (max 14)")
    cbar.outline.set_visible(False)
    note_groups(fig, note)
    return fig


#: Barcodes a dispersion plot draws at most (over all its terms): at 0.13 in each, a page.
_BARCODES = 60


def plot_dispersion(hits: pd.DataFrame, dispersion: pd.DataFrame, ax=None, *,
                    max_docs: int = 20, max_terms: int | None = None):
    """Barcode plot (AntConc's Plot view): each hit a tick along its article, DP beside it.

    Parameters
    ----------
    hits : DataFrame
        :func:`discoursekit.term_positions`.
    dispersion : DataFrame
        :func:`discoursekit.dispersion` for the same terms; its rows (term × document)
        give the order of the barcodes, and DP and the frequency are printed on the right.
        A barcode is labelled by its group, and by its doc_id too where the group has
        several documents.
    max_docs : int, default 20
        At most this many barcodes per term (and fewer with many terms, so that all the
        barcodes, about 60, fit a page): in a corpus with more documents, those with the
        most hits (ties: the table's order), kept in the table's order; the term's label
        says how many of how many are shown.
    max_terms : int, optional
        At most this many terms (default :data:`~discoursekit.plotting.MAX_GROUPS`): those
        with the most hits, in the table's order; a note under the figure says so.

    Returns
    -------
    matplotlib Axes
    """
    _check_columns(hits, ["term", "doc_id", "relative"], "plot_dispersion")
    _check_columns(dispersion, ["term", "group", "doc_id", "freq", "dp"], "plot_dispersion")
    terms, note = groups_shown(dispersion.groupby("term", sort=False)["freq"].sum(), "hits",
                               max_terms, noun="term")
    rows = dispersion[dispersion["term"].isin(terms)].reset_index(drop=True)
    n_docs = rows.groupby("term", sort=False).size()
    # a page holds about 60 barcodes of legible height: share them among the terms
    max_docs = max(3, min(max_docs, _BARCODES // max(len(terms), 1) - 1))
    most = rows.sort_values("freq", ascending=False, kind="stable").groupby(
        "term", sort=False).head(max_docs)
    rows = rows.loc[sorted(most.index)].reset_index(drop=True)
    # within each term, documents in the order every figure gives their groups
    rank = {g: k for k, g in enumerate(group_order(rows["group"]))}
    rows = rows.assign(_t=rows["term"].map({t: k for k, t in enumerate(terms)}),
                       _g=rows["group"].map(rank)).sort_values(
        ["_t", "_g", "doc_id"], kind="stable").drop(columns=["_t", "_g"]).reset_index(drop=True)
    shown = hits[hits["term"].isin(terms)]
    shown.attrs = {}        # (term_positions' list of terms: pandas copies attrs per group)
    positions = {key: part["relative"] for key, part in shown.groupby(["term", "doc_id"])}
    # a group of one document is labelled by its name alone, others also by the document
    single = dispersion.groupby("group")["doc_id"].nunique() == 1
    if ax is None:
        _, ax = new_figure(DOUBLE, min(0.4 + 0.2 * (len(rows) + len(terms)), PAGE_HEIGHT - 0.8))
    note_groups(ax.figure, note)
    colors = group_colors(rows["group"])
    y, yticks, ylabels = 0.0, [], []
    for term in terms:
        block = rows[rows["term"] == term]
        # the term on a row of its own, above its barcodes
        ax.text(-0.01, y, f"“{term}”", ha="right", va="center", fontsize=8,
                fontweight="bold", transform=ax.get_yaxis_transform())
        if len(block) < n_docs[term]:
            ax.text(0.0, y, f"{len(block)} of {n_docs[term]} documents: those with "
                    "the most hits", ha="left", va="center", fontsize=6.5, color="#555555")
        y -= 1
        for _, r in block.iterrows():
            pos = positions.get((term, r["doc_id"]), [])
            ax.plot([0, 1], [y, y], color="#dddddd", linewidth=0.6, zorder=1)
            ax.vlines(pos, y - 0.35, y + 0.35, color=colors[r["group"]], linewidth=0.9,
                      zorder=2)
            dp = "–" if not np.isfinite(r["dp"]) else f"{r['dp']:.2f}"
            ax.text(1.01, y, f"f={r['freq']}  DP={dp}", va="center", fontsize=6.5,
                    transform=ax.get_yaxis_transform())
            yticks.append(y)
            name = short_label(r["group"], rows["group"])
            ylabels.append(name if single[r["group"]] else f"{name} · {r['doc_id']}")
            y -= 1
        y -= 0.4
    ax.set_yticks(yticks, ylabels)
    ax.set_ylim(y + 0.6, 0.4)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (0 = start, 1 = end)")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    return ax
