"""Sentences, tokens with character offsets, and the normalised forms used for counting.

Everything here works on plain strings and returns offsets into them, so that every count
made later can be traced back to the characters it came from.  Sentence splitting uses
NLTK's Punkt algorithm with parameters this project controls (no downloaded model); word
tokenisation is a regular expression applied through NLTK's ``RegexpTokenizer``.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from importlib import resources

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "split_sentences",
    "tokenize",
    "fold",
    "normalize",
    "stopwords",
    "variant_table",
    "multiword_terms",
]

# --- word tokens -------------------------------------------------------------------------
# Order matters: the first alternative that matches at a position wins.
_APOS = "'\u2019\u2018"
_TOKEN_PATTERN = rf"""
    (?:[A-Za-z]\.){{2,}}                          # abbreviations with inner periods: U.S., D.C.
  | \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?                # 1,100 and 3,700.5
  | \d+(?:\.\d+)+                                 # 1.5, 2.0.1
  | \w+(?=n[{_APOS}]t\b)                          # do|n't
  | n[{_APOS}]t\b                                 # n't
  | (?<=\w)[{_APOS}](?:s|re|ve|ll|d|m)\b          # clitics: 's 're 've 'll 'd 'm
  | \w+(?:[-\u2010\u2011]\w+)*                    # words, hyphenated compounds: MiG-29, de-escalation
"""
_WORD_TOKENIZER = RegexpTokenizer(_TOKEN_PATTERN, flags=re.UNICODE | re.VERBOSE)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as ``(start, end, surface)`` triples.

    Punctuation, quotation marks and dashes separate tokens and are not returned.
    Typographic and straight apostrophes are handled alike: "Serbia’s" gives
    "Serbia" + "’s".  Hyphenated compounds ("MiG-29", "de-escalation") and numbers with
    thousands separators or decimals ("1,100", "1.5") stay whole.

    Examples
    --------
    >>> [t for _, _, t in tokenize("Serbia’s MiG-29s—close to Niš, 1,100 km")]
    ['Serbia', '’s', 'MiG-29s', 'close', 'to', 'Niš', '1,100', 'km']
    """
    return [(s, e, text[s:e]) for s, e in _WORD_TOKENIZER.span_tokenize(text)]


# --- sentences -----------------------------------------------------------------------------
def _read_lines(name: str) -> list[str]:
    raw = resources.files("discoursekit.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    # Punkt stores abbreviations lower-cased and without the final period.
    abbrevs = {a.lower().rstrip(".") for a in _read_lines("abbreviations.txt")}
    abbrevs |= set("abcdefghijklmnopqrstuvwxyz")  # initials: "David L. Phillips"
    params.abbrev_types = abbrevs
    return PunktSentenceTokenizer(params)


_WORDLIKE = re.compile(r"\w")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; sentences never cross a blank line.

    Punkt (Kiss & Strunk 2006) runs with the project's abbreviation list
    (``data/abbreviations.txt``: "U.S.", "Gen.", "Dr.", "Jan." …) and every single
    letter as an initial, instead of a downloaded model.  Paragraphs (separated by a
    blank line) are split separately, so a heading or caption never merges with a
    sentence.

    Examples
    --------
    >>> text = "Gen. Smith met Richard C. Holbrooke. They talked."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. Smith met Richard C. Holbrooke.', 'They talked.']
    """
    tok = _sentence_tokenizer()
    spans = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        base = para.start()
        for s, e in tok.span_tokenize(para.group()):
            if spans and spans[-1][0] >= base and not _WORDLIKE.search(para.group(), s, e):
                spans[-1] = (spans[-1][0], base + e)  # a lone "…" or quote joins its sentence
            else:
                spans.append((base + s, base + e))
    return spans


# --- normalisation -------------------------------------------------------------------------
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2010": "-", "\u2011": "-"})


def fold(text: str) -> str:
    """Case-fold, unify quotes and hyphens, and strip diacritics: "Vučić’s" -> "vucic's"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=1)
def variant_table() -> dict[tuple[str, bool], str]:
    """The editable spelling-variant table (``data/variants.csv``).

    Keys are ``(surface, case_sensitive)``: case-insensitive entries are stored folded
    ("kosova"), case-sensitive ones as written ("US", so that the pronoun "us" is not
    mistaken for the country).
    """
    path = resources.files("discoursekit.data").joinpath("variants.csv")
    table = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sensitive = row["case_sensitive"].strip().lower() == "yes"
            key = row["variant"] if sensitive else fold(row["variant"])
            table[(key, sensitive)] = fold(row["norm"])
    return table


def normalize(surface: str) -> str:
    """The counting form of one token: folded, then mapped through the variant table.

    Each part of a hyphenated compound is mapped too ("Kosova-Serbia" -> "kosovo-serbia").

    Examples
    --------
    >>> normalize("Kosova"), normalize("Vučić"), normalize("US"), normalize("us")
    ('kosovo', 'vucic', 'u.s.', 'us')
    """
    table = variant_table()
    if (surface, True) in table:
        return table[(surface, True)]
    folded = fold(surface)
    if "-" in folded:
        return "-".join(table.get((p, False), p) for p in folded.split("-"))
    return table.get((folded, False), folded)


@functools.lru_cache(maxsize=1)
def multiword_terms() -> dict[tuple[str, ...], str]:
    """Editable multi-word names (``data/multiword_terms.txt``) as folded token tuples.

    Each maps to its joined counting form, e.g. ``("western", "balkans")`` ->
    ``"western balkans"``.  Entries are normalised like single tokens, so
    "Bosnia-Herzegovina" style variants belong in the variant table instead.
    """
    terms = {}
    for line in _read_lines("multiword_terms.txt"):
        parts = tuple(normalize(t) for _, _, t in tokenize(line))
        if len(parts) > 1:
            terms[parts] = " ".join(parts)
    return terms


def join_multiword(norms: list[str]) -> list[tuple[int, int, str]]:
    """Greedy longest-first matching of multi-word terms over a sentence's token norms.

    Returns ``(first, last_exclusive, norm)`` index ranges covering every token once.
    """
    terms = multiword_terms()
    longest = max((len(k) for k in terms), default=1)
    out, i, n = [], 0, len(norms)
    while i < n:
        for size in range(min(longest, n - i), 1, -1):
            key = tuple(norms[i:i + size])
            if key in terms:
                out.append((i, i + size, terms[key]))
                i += size
                break
        else:
            out.append((i, i + 1, norms[i]))
            i += 1
    return out


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """scikit-learn's English stop-word list (318 words) plus clitics such as "'s".

    The list is scikit-learn's ``ENGLISH_STOP_WORDS`` (Glasgow Information Retrieval
    Group), named here so that a notebook can say exactly what was excluded.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't"}
