"""The stance lexicon (``lexicons/stance.yaml``) and its disambiguation rules."""
from __future__ import annotations

import re
from importlib import resources

import yaml

from .._filecache import cached_on_file
from ..text import _longest_from

from .common import STANCE_CATEGORIES, tok_key


@cached_on_file(maxsize=4)
def stance_lexicon(path: str | None = None) -> dict[str, dict]:
    """The stance lexicon: for each category its items, source, and the rules.

    Parameters
    ----------
    path : str, optional
        A YAML file laid out like the bundled ``lexicons/stance.yaml`` (default).

    Returns
    -------
    dict
        ``{category: {"items": [...], "source": str}}`` for the seven categories, plus
        ``"rules"``: ``{rule_name: description}``.

    Raises
    ------
    ValueError
        If a category is missing or has no items.
    """
    if path is None:
        raw = resources.files("discoursekit").joinpath("lexicons", "stance.yaml").read_text(
            encoding="utf-8")
        name = "lexicons/stance.yaml"
    else:
        with open(path, encoding="utf-8") as fh:
            raw, name = fh.read(), path
    data = yaml.safe_load(raw) or {}
    cats = data.get("categories") or {}
    missing = [c for c in STANCE_CATEGORIES if c not in cats or not cats[c].get("items")]
    if missing:
        raise ValueError(f"{name}: category {missing[0]!r} is missing or has no items; the "
                         f"lexicon needs: {', '.join(STANCE_CATEGORIES)}.")
    out = {c: {"items": [str(i) for i in cats[c]["items"]], "source": cats[c].get("source", "")}
           for c in STANCE_CATEGORIES}
    out["rules"] = dict(data.get("rules") or {})
    return out


@cached_on_file(maxsize=4)
def compiled_lexicon(path: str | None):
    lex = stance_lexicon(path)
    comp = {}
    for cat in STANCE_CATEGORIES:
        entries = {}
        for item in lex[cat]["items"]:
            key = tok_key(item)
            if key:
                entries[key] = item
        comp[cat] = (entries, _longest_from(entries))
    return comp



# --- disambiguation rules ------------------------------------------------------------------
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
                 "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
                 "thousands", "million", "millions", "billion", "billions", "dozen",
                 "dozens", "half", "quarter", "third", "twice", "double", "a"}
_BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "'s", "seems", "seem",
             "appears", "appear", "seemed", "appeared", "became", "become", "becomes"}
_MONTH_PREP = {"in", "since", "until", "of", "by", "early", "late", "mid", "last", "next",
               "this", "during", "from", "through"}
_PARTICIPLE_IRREG = {"been", "had", "done", "known", "seen", "taken", "given", "gone",
                     "made", "said", "thought", "felt", "meant", "led", "won", "lost"}


def _is_numberish(tok: str) -> bool:
    return bool(re.match(r"^[\d$€£]", tok)) or tok in _NUMBER_WORDS


def rule_ok(cat: str, key: tuple[str, ...], i: int, toks: list[str], surf: list[str]) -> bool:
    """Whether the item ``key`` at token ``i`` survives the disambiguation rules."""
    n = len(key)
    prev = toks[i - 1] if i > 0 else ""
    nxt = toks[i + n] if i + n < len(toks) else ""
    nxt2 = toks[i + n + 1] if i + n + 1 < len(toks) else ""
    first = key[0]
    if first == "may" and cat in ("hedge", "epistemic"):  # may_month
        s = surf[i]
        if s == "May" and i > 0:
            return False
        if s == "May" and (nxt == "" or _is_numberish(nxt) or re.match(r"^\d", nxt)):
            return False
        if prev in _MONTH_PREP:
            return False
    if key in {("about",), ("around",), ("some",)}:  # approximation_needs_number
        return _is_numberish(nxt) and not (nxt == "a" and nxt2 not in _NUMBER_WORDS)
    if cat == "epistemic" and key == ("must", "have"):  # must_epistemic
        return nxt in _PARTICIPLE_IRREG or nxt.endswith(("ed", "en"))
    if cat == "epistemic" and key == ("must", "be"):
        return prev in {"it", "that", "this", "there"}
    if cat == "deontic" and key == ("must",):
        if nxt == "have" and (nxt2 in _PARTICIPLE_IRREG or nxt2.endswith(("ed", "en"))):
            return False
        if nxt == "be" and prev in {"it", "that", "this", "there"}:
            return False
    if key == ("clear",):  # clear_is_booster_only_after_be
        return prev in _BE_FORMS
    if key == ("even",):  # even_emphatic
        return nxt not in {"if", "though", "when", "as", "so", "it", "though", "while"}
    if key in {("show",), ("shows",), ("showed",), ("shown",)}:  # show_as_verb
        return prev not in {"a", "another", "the", "this", "that", "his", "its", "their"}
    if key in {("prove",), ("proves",), ("proved",), ("proven",)}:
        return nxt != "to"
    if key == ("concerning",):
        return prev in {"more", "most", "is", "are", "was", "were", "deeply", "very",
                        "particularly"}
    if key == ("us",) and surf[i] == "US":  # us_is_not_the_country
        return False
    if key == ("i",) and prev == "war":  # roman_numeral_i
        return False
    if cat == "reader_engagement" and first in {"consider", "note", "imagine", "remember",
                                                "think", "look"}:
        return i == 0  # directive_sentence_initial
    if key == ("certain",):
        return prev in _BE_FORMS or prev in {"almost", "nearly", "quite", "fairly"}
    return True
