"""Figures for stance, actors and voice (notebook 03).

Each ``plot_*`` function takes a result frame from :mod:`discoursekit.stance` or
:mod:`discoursekit.actors` and an optional ``ax``, draws in the house style and returns
the Axes; saving is left to :func:`discoursekit.plotting.save_figure`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import check_frame
from . import (CATEGORY_PALETTE, DIVERGING, DOUBLE, NO_ACTOR, PALETTE, _say_nothing, group_colors,
               group_sizes, groups_shown, interval_note, new_figure, note_groups, short_label,
               shown_rows)

__all__ = ["plot_stance_rates", "plot_actor_naming", "plot_actor_naming_grid", "plot_actor_heatmap",
           "plot_voice", "plot_obligation_targets", "plot_borrowed_stance",
           "plot_stance_agreement", "plot_confusion", "plot_tone_agency_checks"]

_CATEGORY_LABELS = {"hedge": "hedges", "booster": "boosters", "attitude": "attitude markers",
                    "self_mention": "self-mention", "reader_engagement": "reader engagement",
                    "epistemic": "epistemic modality", "deontic": "deontic modality"}
_NAMING_ORDER = ["person", "name", "capital-metonym", "institution", "official", "description",
                 "adjective", "compound"]




def _ax(ax, width, height, note=None):
    if ax is None:
        _, ax = new_figure(width, height)
    note_groups(ax.figure, note)
    return ax


def plot_stance_rates(rates: pd.DataFrame, *, categories=None, by: str = "group", ax=None):
    """Dot-and-interval plot: markers per 1,000 words by category, one colour per group.

    Parameters
    ----------
    rates : DataFrame
        :func:`discoursekit.stance.stance_rates` output.
    categories : list of str, optional
        Categories to show, top to bottom (default: all, in lexicon order).
    by : str, default "group"
    ax : matplotlib Axes, optional
    """
    check_frame(rates, [by, "category", "rate", "lo", "hi"], "plot_stance_rates", "stance_rates")
    cats = list(categories) if categories is not None else list(dict.fromkeys(rates["category"]))
    inote = interval_note(rates)
    rates, note = shown_rows(rates, by, group_sizes(rates, by, "n_words"), "words")
    groups = sorted(rates[by].unique())
    colors = group_colors(groups)
    ax = _ax(ax, 7.0, 0.45 * len(cats) + 0.8, note)
    note_groups(ax.figure, inote)
    step = 0.8 / max(len(groups), 1)
    for k, g in enumerate(groups):
        part = rates[rates[by] == g].set_index("category").reindex(cats)
        y = np.arange(len(cats)) - 0.4 + step * (k + 0.5)
        ax.errorbar(part["rate"], y, xerr=[part["rate"] - part["lo"], part["hi"] - part["rate"]],
                    fmt="o", ms=3.5, lw=0.9, capsize=0, color=colors[g],
                    label=short_label(g, groups))
    ax.set_yticks(range(len(cats)), [_CATEGORY_LABELS.get(c, c) for c in cats])
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("markers per 1,000 words (95% bootstrap interval)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_actor_naming(naming: pd.DataFrame, actor: str, *, by: str = "group", ax=None,
                      groups=None):
    """Stacked horizontal bars: how each group names one actor (shares of naming types).

    Parameters
    ----------
    naming : DataFrame
        :func:`discoursekit.actors.actor_naming` output (``level="naming"``).
    actor : str
        The actor to show, e.g. "Russia".
    groups : list, optional
        The groups to show (default: all, or with many those naming the actor most).
    """
    check_frame(naming, [by, "actor", "naming", "share", "n"], "plot_actor_naming", "actor_naming")
    part = naming[naming["actor"] == actor]
    if part.empty:
        raise ValueError(f"plot_actor_naming: actor {actor!r} has no mentions; actors are: "
                         f"{', '.join(map(repr, sorted(naming['actor'].unique())))}.")
    if groups is None:
        part, note = shown_rows(part, by, part.groupby(by)["n"].sum(), f"mentions of {actor}")
    else:
        part, note = part[part[by].isin(groups)], None
        if part.empty:
            ax = _ax(ax, 7.0, 1.2)
            _say_nothing(ax, f"{actor}: not named by the groups shown")
            return ax
    wide = part.pivot_table(index=by, columns="naming", values="share", fill_value=0)
    order = [k for k in _NAMING_ORDER if k in wide.columns]
    wide = wide[order].sort_index()
    totals = part.groupby(by)["n"].sum().reindex(wide.index)
    ax = _ax(ax, 7.0, 0.35 * len(wide) + 0.9, note)
    left = np.zeros(len(wide))
    for col in order:  # a fixed colour per naming type, the same in every panel
        ax.barh(range(len(wide)), wide[col], left=left, height=0.7, label=col,
                color=CATEGORY_PALETTE[_NAMING_ORDER.index(col) % len(CATEGORY_PALETTE)])
        left += wide[col].to_numpy()
    ax.set_yticks(range(len(wide)),
                  [f"{short_label(g, wide.index)} (n={totals[g]})" for g in wide.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_title(f"{actor}: share of mentions by naming type", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_actor_naming_grid(naming: pd.DataFrame, actors: list[str], *, by: str = "group",
                           width: float = DOUBLE, panel_height: float = 2.0):
    """One :func:`plot_actor_naming` panel per actor, stacked in one figure.

    ``actors`` usually comes from :func:`discoursekit.actors.actors_to_show`, so every
    panel has mentions; with no actor at all (a corpus that names none of the actor
    table's actors) the figure is one panel that says so.
    """
    # the same groups in every panel: those with the most mentions of these actors
    mine = naming[naming["actor"].isin(actors)]
    shown, note = groups_shown(mine.groupby(by)["n"].sum(), "mentions of these actors")
    fig, axes = new_figure(width, panel_height * max(len(actors), 1),
                           nrows=max(len(actors), 1), layout="constrained", squeeze=False)
    note_groups(fig, note)
    if not actors:
        _say_nothing(axes[0, 0], NO_ACTOR)
    for ax, actor in zip(axes[:, 0], actors):
        plot_actor_naming(naming, actor, by=by, ax=ax, groups=shown)
    return fig


def plot_actor_heatmap(table: pd.DataFrame, value: str, *, by: str = "group",
                       n: str = "n_sentences", min_n: int = 3, center: float | None = 0.0,
                       vmin: float = -1.0, vmax: float = 1.0, cmap=DIVERGING,
                       fmt: str = "{:+.2f}", label: str | None = None, ax=None):
    """Heatmap of one value per group × actor, each cell annotated with its value and n.

    Cells with fewer than ``min_n`` observations are left blank (shown as "n<min").

    Parameters
    ----------
    table : DataFrame
        e.g. :func:`discoursekit.stance.actor_evaluation` (``value="mean_compound"``) or
        :func:`discoursekit.actors.agency_shares` (``value="share_acting"``, ``n="n"``).
    value : str
        The column to colour by.
    """
    check_frame(table, [by, "actor", value, n], "plot_actor_heatmap",
          "actor_evaluation or agency_shares")
    table, note = shown_rows(table, by, table.groupby(by)[n].sum(),
                         n.removeprefix("n_") if n != "n" else "observations")
    wide = table.pivot(index=by, columns="actor", values=value).sort_index()
    counts = table.pivot(index=by, columns="actor", values=n).reindex_like(wide)
    shown = wide.where(counts >= min_n)
    ax = _ax(ax, 7.0, 0.4 * len(wide) + 1.4, note)
    if wide.empty:
        _say_nothing(ax, NO_ACTOR)
        return ax
    im = ax.imshow(shown.to_numpy(dtype=float), cmap=cmap, vmin=vmin, vmax=vmax,
                   aspect="auto")
    for i in range(wide.shape[0]):
        for j in range(wide.shape[1]):
            c = counts.iat[i, j]
            if pd.isna(c):
                continue
            v = shown.iat[i, j]
            text = f"{fmt.format(v)}\nn={int(c)}" if not pd.isna(v) else f"n={int(c)}"
            dark = not pd.isna(v) and abs(v - (center if center is not None else 0)) > 0.6 * (
                vmax - vmin) / 2
            ax.text(j, i, text, ha="center", va="center", fontsize=6,
                    color="white" if dark else "black")
    ax.set_xticks(range(wide.shape[1]), wide.columns, rotation=40, ha="right")
    ax.set_yticks(range(wide.shape[0]), [short_label(g, wide.index) for g in wide.index])
    ax.spines[:].set_visible(False)
    ax.figure.colorbar(im, ax=ax, fraction=0.03, pad=0.02, label=label or value)
    return ax


def plot_voice(voice: pd.DataFrame, *, by: str = "group", ax=None):
    """Stacked horizontal bars: quoted words per group, split by the speaker's actor."""
    check_frame(voice, [by, "speaker_actor", "n_words"], "plot_voice", "voice")
    voice, note = shown_rows(voice, by, voice.groupby(by)["n_words"].sum(), "quoted words")
    wide = voice.pivot_table(index=by, columns="speaker_actor", values="n_words",
                             fill_value=0, aggfunc="sum").sort_index()
    order = wide.sum().sort_values(ascending=False).index.tolist()
    for special in ("(other)", "(unattributed)"):
        if special in order:
            order.remove(special)
            order.append(special)
    ax = _ax(ax, 7.0, 0.4 * len(wide) + 1.0, note)
    return _stacked_barh(ax, wide, order, {"(other)": "#999999", "(unattributed)": "#dddddd"},
                         xlabel="words inside direct quotations", title="speaker",
                         empty="no direct quotation")


def plot_borrowed_stance(borrowed: pd.DataFrame, *, by: str = "group", ax=None):
    """Stacked horizontal bars: each group's stance markers (all categories) in the
    author's own voice, inside direct quotations, and in reported clauses."""
    check_frame(borrowed, [by, "category", "author", "quoted", "reported"],
                "plot_borrowed_stance", "borrowed_stance")
    rows = borrowed[borrowed["category"] == "all"]
    rows, note = shown_rows(rows, by, rows.set_index(by)["total"], "stance markers")
    wide = rows.set_index(by)[["author", "quoted", "reported"]].sort_index()
    ax = _ax(ax, 5.0, 0.4 * len(wide) + 1.0, note)
    return _stacked_barh(ax, wide, ["author", "quoted", "reported"],
                         {"author": "#444444", "quoted": "#bbbbbb", "reported": "#dddddd"},
                         xlabel="stance markers (all categories)", title="voice",
                         empty="no stance marker")


def plot_obligation_targets(targets: pd.DataFrame, *, by: str = "group", ax=None):
    """Stacked bars: deontic markers per group by whom they oblige."""
    check_frame(targets, [by, "target"], "plot_obligation_targets", "obligation_targets")
    targets, note = shown_rows(targets, by, group_sizes(targets, by), "deontic markers")
    wide = targets.groupby([by, "target"]).size().unstack(fill_value=0).sort_index()
    order = wide.sum().sort_values(ascending=False).index.tolist()
    for special in ("(pronoun)", "(impersonal)", "(other)"):
        if special in order:
            order.remove(special)
            order.append(special)
    ax = _ax(ax, 7.0, 0.4 * len(wide) + 1.0, note)
    greys = {"(pronoun)": "#bbbbbb", "(impersonal)": "#dddddd", "(other)": "#888888"}
    return _stacked_barh(ax, wide, order, greys, title="obliged",
                         xlabel="deontic markers (must, should, need to …) by the subject "
                                "they oblige", empty="no deontic marker")


def _stacked_barh(ax, wide: pd.DataFrame, order, fixed: dict, *, xlabel: str, title: str,
                  empty: str):
    """Horizontal stacked bars, one row per group; ``fixed`` colours special columns;
    ``empty`` says why there is nothing to draw."""
    left = np.zeros(len(wide))
    for k, col in enumerate(order):
        ax.barh(range(len(wide)), wide[col], left=left, label=col, height=0.7,
                color=fixed.get(col, CATEGORY_PALETTE[k % len(CATEGORY_PALETTE)]))
        left += wide[col].to_numpy()
    ax.set_yticks(range(len(wide)), [short_label(g, wide.index) for g in wide.index])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if len(order):
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title=title)
    else:
        _say_nothing(ax, empty)
    return ax


def plot_stance_agreement(agreement: pd.DataFrame, *, ax=None):
    """Precision and recall per stance category against the hand codes, with tp+fn shown."""
    check_frame(agreement, ["category", "precision", "recall", "tp", "fn", "fp"],
          "plot_stance_agreement", "stance_agreement")
    df = agreement.reset_index(drop=True)
    ax = _ax(ax, 3.5, 2.6)
    y = np.arange(len(df))
    ax.barh(y - 0.18, df["precision"].fillna(0), height=0.34, color=PALETTE[0], label="precision")
    ax.barh(y + 0.18, df["recall"].fillna(0), height=0.34, color=PALETTE[1], label="recall")
    for i, r in df.iterrows():
        ax.text(1.02, i, f"{int(r['tp'])}/{int(r['tp'] + r['fp'])} · {int(r['tp'])}/"
                         f"{int(r['tp'] + r['fn'])}", va="center", fontsize=6)
    ax.set_yticks(y, [_CATEGORY_LABELS.get(c, c) for c in df["category"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.3)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel("against the independent coder")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=6)
    return ax


def plot_confusion(pairs: pd.DataFrame, auto: str, hand: str, *, labels=None, ax=None,
                   title: str | None = None):
    """A confusion matrix of automatic (rows) against hand-coded (columns) labels."""
    check_frame(pairs, [auto, hand], "plot_confusion", "tone_agreement or agency_agreement")
    labels = list(labels) if labels is not None else sorted(set(pairs[auto]) | set(pairs[hand]))
    tab = pd.crosstab(pairs[auto], pairs[hand]).reindex(index=labels, columns=labels,
                                                        fill_value=0)
    ax = _ax(ax, 3.5, 3.0)
    ax.imshow(tab.to_numpy(), cmap="Blues", aspect="equal")
    top = tab.to_numpy().max()
    for i in range(len(labels)):
        for j in range(len(labels)):
            v = tab.iat[i, j]
            ax.text(j, i, str(v), ha="center", va="center", fontsize=7,
                    color="white" if v > top * 0.6 else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("hand-coded")
    ax.set_ylabel("automatic")
    ax.spines[:].set_visible(False)
    if title:
        ax.set_title(title)
    return ax


def plot_tone_agency_checks(tone: pd.DataFrame, agency: pd.DataFrame):
    """Notebook 03's two confusion matrices side by side: VADER's sentence tone against
    the coder's, and the agency rules against the coder's (from
    :func:`discoursekit.seed_checks.stance_checks`).  Returns the Figure."""
    fig, axes = new_figure(DOUBLE, 3.0, ncols=2, layout="constrained")
    plot_confusion(tone, "vader", "tone", labels=["negative", "neutral", "positive"],
                   ax=axes[0], title="sentence tone: VADER vs coder")
    plot_confusion(agency, "rule", "label", labels=["acting", "acted_upon", "neither"],
                   ax=axes[1], title="agency: rules vs coder")
    return fig
