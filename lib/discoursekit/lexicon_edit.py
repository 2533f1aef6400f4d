"""Editing a copy of the frame lexicon without writing YAML: the classroom's exercise 7.

:func:`edit_lexicon` makes one change to a copy of the lexicon (add a cue, remove a cue,
or stop a cue from firing after or before a word) and writes the edited copy;
:func:`lexicon_changes` lists the sentences of a corpus whose codes the edit changes;
:func:`lexicon_form` is the small form in JupyterLab that does both, so a student changes
the word list and sees at once which sentences it recodes.
"""
from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .text import fold

__all__ = ["ACTIONS", "edit_lexicon", "lexicon_changes", "lexicon_form"]

#: What the form can do to a cue of one frame.
ACTIONS = {
    "add a cue": "add",
    "remove a cue": "remove",
    "not after the word…": "not_after",
    "not before the word…": "not_before",
}


def _entries(lexicon: dict, frame: str) -> list:
    frames = lexicon.get("frames") or {}
    if frame not in frames:
        raise ValueError(f"edit_lexicon(): no frame {frame!r} in the lexicon; frames are: "
                         f"{', '.join(frames)}.")
    return frames[frame].setdefault("cues", [])


def _cues_of(entry: dict) -> list[str]:
    if "cue" in entry:
        return [entry["cue"]]
    return list(entry.get("cues") or [])


def _either(old: str | None, new: str) -> str:
    return new if not old else f"(?:{old})|(?:{new})"


def edit_lexicon(source: str | Path, target: str | Path, frame: str, action: str, cue: str,
                 *, word: str = "", note: str = "") -> Path:
    """Make one change to a frame lexicon and write it to ``target``.

    Parameters
    ----------
    source, target : str or Path
        The lexicon to start from (a copy from :func:`discoursekit.explore.copy_lexicon`,
        or an earlier edit) and the file to write (may be the same).
    frame : str
        The frame's id (``"energy_economy"``).
    action : {"add", "remove", "not_after", "not_before"}
        Add ``cue``; remove ``cue``; or keep ``cue`` from firing when ``word`` comes just
        before it (``not_after``) or just after it (``not_before``).
    cue : str
        The cue as written in the lexicon ("fuel", "sanction*").
    word : str
        For ``not_after`` / ``not_before``: the word or words (normalised as the coders
        normalise text: case and diacritics do not matter).
    note : str
        Why: kept in the lexicon beside the change (every cue needs a note).

    Returns
    -------
    Path
        ``target``.

    Notes
    -----
    An exclusion applies to the one cue: the cue is taken out of the entry it shares with
    other cues into an entry of its own (keeping that entry's note and exclusions), so that
    "not after *to*" for "fuel" does not also stop "access to energy".
    """
    action = ACTIONS.get(action, action)
    if action not in ACTIONS.values():
        raise ValueError(f"edit_lexicon(): action must be one of {', '.join(ACTIONS.values())}; "
                         f"got {action!r}.")
    cue = cue.strip()
    if not cue:
        raise ValueError("edit_lexicon(): type the cue to change.")
    if action in ("not_after", "not_before") and not word.strip():
        raise ValueError("edit_lexicon(): type the word before or after which the cue should "
                         "not count.")
    lexicon = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    entries = _entries(lexicon, frame)
    why = note.strip() or "changed in class"
    if action == "add":
        entries.append({"cue": cue, "note": why})
    else:
        found = [(k, e) for k, e in enumerate(entries) if isinstance(e, dict)
                 and fold(cue) in map(fold, _cues_of(e))]
        if not found:
            raise ValueError(f"edit_lexicon(): {frame!r} has no cue {cue!r}; its cues are: "
                             + ", ".join(c for e in entries if isinstance(e, dict)
                                         for c in _cues_of(e)) + ".")
        k, entry = found[0]
        rest = [c for c in _cues_of(entry) if fold(c) != fold(cue)]
        alone = copy.deepcopy(entry)
        alone.pop("cues", None)
        alone["cue"] = next(c for c in _cues_of(entry) if fold(c) == fold(cue))
        if rest:
            entry.pop("cue", None)
            entry["cues"] = rest
        else:
            entries.pop(k)
        if action != "remove":
            w = re.escape(fold(word.strip()))
            if action == "not_after":
                alone["unless_preceded_by"] = _either(alone.get("unless_preceded_by"),
                                                      rf"\b{w} $")
            else:
                alone["unless_followed_by"] = _either(alone.get("unless_followed_by"),
                                                      rf"^ ?{w}\b")
            alone["note"] = f"{alone.get('note', '')}; {why}".strip("; ")
            entries.insert(k + 1 if rest else k, alone)
    target = Path(target)
    target.write_text(yaml.safe_dump(lexicon, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return target


def lexicon_changes(corpus, edited: str | Path, *, lexicon: str | Path | None = None
                    ) -> pd.DataFrame:
    """The sentences whose frame codes differ between two lexicons.

    ``edited`` is compared with ``lexicon`` (default: the built-in one).  Only the frames
    the edit touched are coded again: a frame whose cues are the same in both lexicons,
    and whose lexicons relabel words alike, is coded the same by both.  The sentences are
    coded on every core, a document never split.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, frame, before, after, text``: one row per sentence and frame
        that changed, in corpus order.
    """
    from .corpus import _in_parallel
    from .framing.lexicon import lexicon_of

    sents = corpus.sentences
    texts = sents["text"].tolist()
    before, after = lexicon_of("frames", lexicon), lexicon_of("frames", edited)
    frames = [c for c in after.categories if c in before.categories]
    if _relabel_key(before) == _relabel_key(after):
        # a frame whose cues are the same in both lexicons is coded the same: code only
        # the frames the edit touched (one tokenisation for both lexicons)
        frames = [c for c in frames if _cue_keys(before, c) != _cue_keys(after, c)]
    rows = []
    if frames and texts:
        found = [pair for part in _in_parallel(
            _frames_of, texts, before=_only(before, frames), after=_only(after, frames),
            doc_bounds=np.flatnonzero(sents["sent_id"].to_numpy() == 0)) for pair in part]
        doc_ids, sent_ids = sents["doc_id"].to_numpy(), sents["sent_id"].to_numpy()
        for i, (was, now) in enumerate(found):
            for frame in sorted(was ^ now):
                rows.append({"doc_id": doc_ids[i], "sent_id": int(sent_ids[i]),
                             "frame": frame, "before": frame in was, "after": frame in now,
                             "text": texts[i]})
    out = pd.DataFrame(rows, columns=["doc_id", "sent_id", "frame", "before", "after", "text"])
    return out.sort_values(["doc_id", "sent_id", "frame"], kind="stable").reset_index(drop=True)


def _pattern(p) -> tuple | None:
    return None if p is None else (p.pattern, p.flags)


def _relabel_key(lex) -> list:
    """What decides the units a lexicon matches over (its relabel rules)."""
    return [(_pattern(r.surface), r.norm, r.not_first) for r in lex.relabel]


def _cue_keys(lex, category: str) -> list:
    """What decides where the cues of ``category`` match (not their notes)."""
    return [(c.tokens, _pattern(c.regex), _pattern(c.unless_before), _pattern(c.unless_after))
            for c in lex.cues if c.category == category]


def _only(lex, categories: list):
    """``lex`` restricted to ``categories``."""
    from .framing.lexicon import Lexicon

    keep = set(categories)
    return Lexicon(tuple(c for c in lex.categories if c in keep),
                   {c: lex.kinds.get(c, "other") for c in keep},
                   {c: lex.labels.get(c, c) for c in keep},
                   [c for c in lex.cues if c.category in keep], lex.relabel)


def _frames_of(texts: list[str], *, before, after) -> list[tuple[frozenset, frozenset]]:
    """The frames of each text with two lexicons (one task for a worker process)."""
    from .framing.coding import sentence_units
    from .framing.lexicon import match_texts

    units = sentence_units(texts, before)
    return list(zip((frozenset(m) for m in match_texts(texts, "frames", before, units)),
                    (frozenset(m) for m in match_texts(texts, "frames", after, units))))


def _changes_html(changes: pd.DataFrame, message: str) -> str:
    esc = html.escape
    head = f'<p style="margin:0.3em 0">{message}</p>'
    if changes.empty:
        return head
    rows = "".join(
        f'<tr><td style="padding:1px 6px;white-space:nowrap;color:#555">{esc(r.doc_id)} · '
        f'{r.sent_id}</td><td style="padding:1px 6px">{esc(r.frame)}</td>'
        f'<td style="padding:1px 6px">{"coded" if r.before else "—"} → '
        f'{"coded" if r.after else "—"}</td>'
        f'<td style="padding:1px 6px;white-space:normal">{esc(r.text)}</td></tr>'
        for r in changes.itertuples())
    return (head + '<div style="max-height:24em;overflow-y:auto"><table style="border-'
            'collapse:collapse;font-size:90%"><thead><tr><th>document · sentence</th>'
            '<th>frame</th><th>change</th><th style="text-align:left">sentence</th></tr>'
            f'</thead><tbody>{rows}</tbody></table></div>')


def lexicon_form(corpus, copy_path: str | Path, *, frame: str = "energy_economy",
                 action: str = "not after the word…", cue: str = "fuel", word: str = "to",
                 note: str = "'to fuel' is the verb (fuel distrust), not the commodity"):
    """Exercise 7's form: change a copy of the frame lexicon and see the sentences it
    recodes.

    Each press of **Apply** makes one change (:func:`edit_lexicon`) to ``copy_path`` (the
    student's copy, edited again and again) and lists every sentence of the corpus whose
    codes differ from the built-in lexicon's (:func:`lexicon_changes`).

    Returns
    -------
    ipywidgets.VBox
        ``children[0]`` holds the controls (frame, action, cue, word, note, Apply) and
        ``children[1]`` the ``HTML`` output.
    """
    import ipywidgets as widgets

    from .explore import _explorer

    copy_path = Path(copy_path)
    frames = list((yaml.safe_load(copy_path.read_text(encoding="utf-8")).get("frames") or {}))
    frame_menu = widgets.Dropdown(options=frames, value=frame if frame in frames else frames[0],
                                  description="frame")
    action_menu = widgets.Dropdown(options=list(ACTIONS), value=action, description="change")
    cue_box = widgets.Text(value=cue, description="cue")
    word_box = widgets.Text(value=word, description="word")
    note_box = widgets.Text(value=note, description="why", layout=widgets.Layout(width="32em"))
    apply = widgets.Button(description="Apply", button_style="primary")
    output = widgets.HTML(value='<p style="margin:0.3em 0;color:#555">Choose a change and '
                                'press Apply: the sentences it recodes are listed here.</p>')

    def run(_=None):
        try:
            edit_lexicon(copy_path, copy_path, frame_menu.value, action_menu.value,
                         cue_box.value, word=word_box.value, note=note_box.value)
            changes = lexicon_changes(corpus, copy_path)
            n = len(changes)
            output.value = _changes_html(changes, (
                f"Your copy now differs from the built-in lexicon on <b>{n}</b> "
                f"sentence{'s' if n != 1 else ''} × frame" if n else
                "Your copy codes every sentence as the built-in lexicon does."))
        except ValueError as exc:
            output.value = f'<p style="color:#a00">{html.escape(str(exc))}</p>'

    apply.on_click(run)
    return _explorer("lexicon form", [frame_menu, action_menu, cue_box, word_box, note_box,
                                      apply], output)
