"""The codebook: the categories a corpus is coded for, kept as data beside the corpus.

A codebook is a YAML file (``codebook.yaml`` in the corpus folder, or any path given to
:func:`load_codebook`).  Each category has an id (snake_case, free), a label, a kind
(``issue``, ``generic``, ``function``, or a kind of the user's own), a definition,
inclusion and exclusion rules, example sentences and, optionally, cues in the lexicon's
syntax (see ``lexicons/frames.yaml``).  A category without cues is coded by hand and
learned by :class:`discoursekit.framing.FrameClassifier`.

The built-in codebook (:func:`default_codebook`) is the seed lexicon: nine issue frames
of the Russia–Serbia–Kosovo debate, the five generic news frames of Semetko & Valkenburg
(2000) and Entman's (1993) four framing functions.  A corpus codebook extends it
(``extends: default``, the default; ``drop:`` leaves out built-in ids or whole kinds) or
replaces it (``extends: none``)::

    extends: default
    drop: [issue]                 # the seed conflict's issue frames do not apply
    categories:
      - id: work_life_balance
        label: Work-life balance
        kind: issue
        definition: Time for family, rest, health and life outside work.
        include: Workers' wellbeing, burnout, time with children.
        exclude: Productivity claims without a word on workers' lives (economic frame).
        examples: ["Staff said they finally had time to see their children."]
        cues:
          - cues: [burnout, wellbeing, "work-life balance"]
            note: the debate's words for workers' lives

:func:`coding_guide` writes the guide coders read from the same file, so the guide and
the categories cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = ["Category", "Codebook", "CodebookError", "load_codebook", "default_codebook",
           "corpus_codebook", "coding_guide", "KNOWN_KINDS"]

KNOWN_KINDS = ("issue", "generic", "function")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"extends", "drop", "categories", "relabel", "title", "description"}
_CATEGORY_KEYS = {"id", "label", "kind", "definition", "include", "exclude", "examples",
                  "cues"}
_KIND_NAMES = {"issue": "issue frame", "generic": "generic frame",
               "function": "framing function"}


class CodebookError(ValueError):
    """A codebook file that cannot be used; the message names the file, line and key."""


@dataclass(frozen=True)
class Category:
    """One category of a codebook (see the module docstring for the keys)."""

    id: str
    label: str
    kind: str
    definition: str
    include: str = ""
    exclude: str = ""
    examples: tuple = ()
    cues: tuple = ()          # the raw cue entries, as in the lexicon files
    line: int = 0             # where the category starts in its file (0: built in)


@dataclass
class Codebook:
    """An ordered set of categories, with the lexicon that codes those that have cues.

    Attributes
    ----------
    categories : tuple of Category
    source : str
        The file it was read from, or "built-in".
    """

    categories: tuple
    source: str = "built-in"
    relabel: list = field(default=None, repr=False)
    _lexicons: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        _register(self)

    def __len__(self):
        return len(self.categories)

    def __iter__(self):
        return iter(self.categories)

    def __contains__(self, cat):
        return cat in self.labels

    def __repr__(self):
        kinds = {}
        for c in self.categories:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        parts = ", ".join(f"{n} {k}" for k, n in kinds.items())
        return f"Codebook({len(self)} categories: {parts}; from {self.source})"

    def ids(self, kind: str | None = None) -> list[str]:
        """The category ids in codebook order (of one ``kind`` if given)."""
        return [c.id for c in self.categories if kind is None or c.kind == kind]

    @property
    def frame_ids(self) -> list[str]:
        """Every category that is not a framing function."""
        return [c.id for c in self.categories if c.kind != "function"]

    @property
    def function_ids(self) -> list[str]:
        return self.ids("function")

    @property
    def labels(self) -> dict[str, str]:
        return {c.id: c.label for c in self.categories}

    @property
    def kinds(self) -> dict[str, str]:
        return {c.id: c.kind for c in self.categories}

    def category(self, cat: str) -> Category:
        for c in self.categories:
            if c.id == cat:
                return c
        raise KeyError(f"{cat!r} is not a category of this codebook; its ids are: "
                       f"{', '.join(self.ids())}.")

    def uncued(self) -> list[str]:
        """Categories without cues (coded by hand and learned, never by the lexicon)."""
        return [c.id for c in self.categories if not c.cues]

    def lexicon(self, which: str):
        """The lexicon of the categories that are frames (``which="frames"``: every kind
        but "function") or framing functions (``"functions"``)."""
        from .lexicon import builtin_lexicon

        if which not in ("frames", "functions"):
            raise ValueError(f"which must be 'frames' or 'functions'; got {which!r}.")
        if which not in self._lexicons:
            self._lexicons[which] = (builtin_lexicon(which) if self.source == "built-in"
                                     else _build_lexicon(self, which))
        return self._lexicons[which]

    def to_frame(self):
        """The codebook as a table: ``id, label, kind, definition, include, exclude,
        n_examples, n_cues`` (cue entries), in codebook order."""
        import pandas as pd

        return pd.DataFrame([(c.id, c.label, c.kind, c.definition, c.include, c.exclude,
                              len(c.examples), sum(_n_cues(e) for e in c.cues))
                             for c in self.categories],
                            columns=["id", "label", "kind", "definition", "include", "exclude",
                                     "n_examples", "n_cues"])


def _n_cues(entry) -> int:
    if not isinstance(entry, dict):
        return 0
    return ("cue" in entry) + len(entry.get("cues") or []) + ("regex" in entry)


def _build_lexicon(book: Codebook, which: str):
    from .lexicon import Lexicon, category_cues, relabel_rules

    cats = [c for c in book.categories if (c.kind == "function") == (which == "functions")]
    cues = []
    for c in cats:
        cues.extend(category_cues(c.id, list(c.cues), book.source))
    relabel = book.relabel if book.relabel is not None else _default_relabel()
    return Lexicon(tuple(c.id for c in cats), {c.id: c.kind for c in cats},
                    {c.id: c.label for c in cats}, cues,
                    relabel_rules(relabel, book.source))


# --- what every codebook of this session calls its categories ----------------------------
_LABELS: dict = {}
_KINDS: dict = {}


def _register(book: Codebook) -> None:
    for c in book.categories:
        _LABELS[c.id], _KINDS[c.id] = c.label, c.kind


def known_labels() -> dict[str, str]:
    """Labels of the built-in categories, updated by every codebook made in this session."""
    default_codebook()
    return dict(_LABELS)


def known_kinds() -> dict[str, str]:
    default_codebook()
    return dict(_KINDS)


# --- reading ------------------------------------------------------------------------------
class _Located(dict):
    """A mapping that remembers the line of each key (1-based) and its own first line."""

    line = 0

    def __init__(self):
        super().__init__()
        self.lines = {}


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = _Located()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in out:
            raise CodebookError(f"{loader.name}, line {line}: key {key!r} appears twice in "
                                f"one entry (first on line {out.lines[key]}); keep one.")
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = line
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _text(entry: _Located, key: str, where: str, *, required: bool) -> str:
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CodebookError(f"{where}: key {key!r} is missing or empty; every category "
                                f"needs a {key} (what coders and readers see).")
        return ""
    if not isinstance(value, (str, int, float)):
        raise CodebookError(f"{where}, key {key!r}: expected text, got {type(value).__name__}.")
    return str(value).strip()


def _read_category(entry, source: str, n: int) -> Category:
    if not isinstance(entry, dict):
        raise CodebookError(f"{source}, category #{n}: each category is a mapping with keys "
                            f"{', '.join(sorted(_CATEGORY_KEYS))}; got {entry!r}.")
    line = getattr(entry, "line", 0)
    lines = getattr(entry, "lines", {})
    where = f"{source}, line {line}"
    unknown = sorted(set(entry) - _CATEGORY_KEYS, key=str)
    if unknown:
        key = unknown[0]
        raise CodebookError(f"{source}, line {lines.get(key, line)}: unknown key {key!r}; a "
                            f"category takes {', '.join(sorted(_CATEGORY_KEYS))}.")
    cat = entry.get("id")
    if not isinstance(cat, str) or not _ID.match(cat):
        raise CodebookError(f"{where}, key 'id': {cat!r} is not a snake_case id; use lower-case "
                            "letters, digits and underscores, starting with a letter "
                            "(e.g. work_life_balance).")
    where = f"{source}, line {line} (category {cat!r})"
    label = _text(entry, "label", where, required=True)
    definition = _text(entry, "definition", where, required=True)
    kind = _text(entry, "kind", where, required=False) or "issue"
    if not _ID.match(kind):
        raise CodebookError(f"{source}, line {lines.get('kind', line)}, key 'kind': {kind!r} is "
                            f"not a snake_case kind; use one of {', '.join(KNOWN_KINDS)} or a "
                            "snake_case kind of your own.")
    examples = entry.get("examples") or []
    if isinstance(examples, str):
        examples = [examples]
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise CodebookError(f"{source}, line {lines.get('examples', line)}, key 'examples': "
                            "give a list of example sentences (strings).")
    cues = entry.get("cues") or []
    if not isinstance(cues, list):
        raise CodebookError(f"{source}, line {lines.get('cues', line)}, key 'cues': give a list "
                            "of {cue: ..., note: ...} entries (or leave it out).")
    from .lexicon import category_cues

    def where_cue(k):
        item = cues[k - 1]
        return f"{source}, line {getattr(item, 'line', lines.get('cues', line))}, key 'cues' " \
               f"(category {cat!r}, cue #{k})"

    try:
        category_cues(cat, cues, source, where_cue)       # every cue compiles, or stop here
    except ValueError as exc:
        raise CodebookError(str(exc)) from None
    return Category(cat, label, kind, definition, _text(entry, "include", where, required=False),
                    _text(entry, "exclude", where, required=False), tuple(examples),
                    tuple(cues), line)


def load_codebook(path) -> Codebook:
    """Read and check a codebook file.

    Parameters
    ----------
    path : str or Path
        A YAML file laid out as in this module's docstring.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        (a ``ValueError``) with the file, line and key, for: YAML that does not parse, a
        duplicate id, a missing label or definition, an unknown key, a cue that does not
        compile, an unknown ``drop`` entry.
    FileNotFoundError
        If ``path`` does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "codebook.yaml").write_text(
    ...     "extends: none\\ncategories:\\n  - id: housing\\n    label: Housing\\n"
    ...     "    definition: Homes, rents and building.\\n", encoding="utf-8")
    >>> load_codebook(folder / "codebook.yaml").ids()
    ['housing']
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"codebook {path} does not exist; write one laid out as in "
                                "the docstring of discoursekit.framing.codebook, or use "
                                "dk.default_codebook().")
    source = str(path)
    text = path.read_text(encoding="utf-8")
    loader = _LineLoader(text)
    loader.name = source
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise CodebookError(f"{source}{line}: not valid YAML ({getattr(exc, 'problem', exc)}). "
                            "Text that contains ': ' or starts with a quote must be quoted.") \
            from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise CodebookError(f"{source}: expected a mapping with a 'categories' list at the top.")
    lines = getattr(data, "lines", {})
    unknown = sorted(set(data) - _TOP_KEYS, key=str)
    if unknown:
        raise CodebookError(f"{source}, line {lines.get(unknown[0], 1)}: unknown key "
                            f"{unknown[0]!r}; the top level takes "
                            f"{', '.join(sorted(_TOP_KEYS))}.")
    extends = data.get("extends", "default")
    if extends not in ("default", "none", None):
        raise CodebookError(f"{source}, line {lines.get('extends', 1)}, key 'extends': "
                            f"{extends!r}; use 'default' (add to the built-in categories) or "
                            "'none' (replace them).")
    items = data.get("categories") or []
    if not isinstance(items, list):
        raise CodebookError(f"{source}, line {lines.get('categories', 1)}, key 'categories': "
                            "give a list of categories, each starting with '- id: ...'.")
    own, seen = [], {}
    for n, entry in enumerate(items, start=1):
        cat = _read_category(entry, source, n)
        if cat.id in seen:
            raise CodebookError(f"{source}, line {cat.line}, key 'id': {cat.id!r} is defined "
                                f"twice (first on line {seen[cat.id]}); ids must be unique.")
        seen[cat.id] = cat.line
        own.append(cat)
    base = []
    if extends in ("default", None) and extends != "none":
        base = list(default_codebook().categories)
        drop = data.get("drop") or []
        drop = [drop] if isinstance(drop, str) else drop
        names = {c.id for c in base} | {c.kind for c in base}
        for d in drop:
            if d not in names:
                raise CodebookError(f"{source}, line {lines.get('drop', 1)}, key 'drop': {d!r} "
                                    "is neither a built-in id nor a kind (issue, generic, "
                                    "function); nothing to drop.")
        base = [c for c in base if c.id not in drop and c.kind not in drop]
    elif data.get("drop"):
        raise CodebookError(f"{source}, line {lines.get('drop', 1)}, key 'drop': only with "
                            "'extends: default' (with 'extends: none' there is nothing to drop).")
    # a category of the file with a built-in id replaces the built-in one, in its place
    mine = {c.id: c for c in own}
    cats = [mine.pop(c.id, c) for c in base] + [c for c in own if c.id in mine]
    # kinds in one order (issue, generic, the user's own, function), each in file order
    rank = {"issue": 0, "generic": 1, "function": 3}
    cats.sort(key=lambda c: rank.get(c.kind, 2))
    if not cats:
        raise CodebookError(f"{source}: the codebook has no category; add at least one under "
                            "'categories'.")
    relabel = data.get("relabel")
    return Codebook(tuple(cats), source, relabel)


def _default_relabel():
    from .lexicon import read_yaml

    return read_yaml(None, "frames.yaml")[0].get("relabel")


_DEFAULT: list = []


def default_codebook() -> Codebook:
    """The built-in codebook: the seed lexicon's nine issue frames, five generic frames and
    four framing functions, with their labels, definitions and cues (``lexicons/frames.yaml``,
    ``lexicons/functions.yaml``).  Coding with it gives exactly the built-in coding."""
    if _DEFAULT:
        return _DEFAULT[0]
    from .lexicon import read_yaml

    cats = []
    for section, fname in (("frames", "frames.yaml"), ("functions", "functions.yaml")):
        data = read_yaml(None, fname)[0][section]
        for cid, entry in data.items():
            kind = entry.get("kind", "function" if section == "functions" else "issue")
            cats.append(Category(cid, entry.get("label", cid), kind,
                                 str(entry.get("definition", "")).strip(),
                                 str(entry.get("include", "") or "").strip(),
                                 str(entry.get("exclude", "") or "").strip(),
                                 tuple(entry.get("examples") or ()),
                                 tuple(entry.get("cues") or ())))
    book = Codebook(tuple(cats), "built-in", None)
    _DEFAULT.append(book)
    return book


def corpus_codebook(folder=None, *, path=None) -> Codebook:
    """The codebook of a corpus: ``path`` if given, else ``$DISCOURSEKIT_CODEBOOK`` (set by
    ``build --corpus DIR --codebook PATH``), else ``folder/codebook.yaml`` if it exists,
    else the built-in codebook (:func:`default_codebook`)."""
    from .. import paths

    path = path if path is not None else paths.codebook_path(folder)
    return load_codebook(path) if path is not None else default_codebook()


def coding_guide(codebook: Codebook, *, title: str = "Coding guide") -> str:
    """The coding guide for human coders, in Markdown, written from the codebook.

    Coders read exactly what the categories mean: per category its label, kind,
    definition, what to include and exclude, and the examples.  Cues are left out on
    purpose: a coder must not code by the lexicon's words.
    """
    if not isinstance(codebook, Codebook):
        raise TypeError("coding_guide() takes a Codebook from load_codebook(path) or "
                        "default_codebook().")
    out = [f"# {title}", "",
           "Code each sentence for every category below: 1 if the sentence carries it, "
           "0 if it does not. A sentence can carry several categories or none.",
           "Read the sentences before and after for context, but code only what this "
           "sentence itself says. When in doubt, code 0 and write a note.", ""]
    kinds = list(dict.fromkeys(c.kind for c in codebook.categories))
    for kind in kinds:
        name = _KIND_NAMES.get(kind, kind.replace("_", " "))
        out += [f"## {name[0].upper() + name[1:]}s", ""]
        for c in codebook.categories:
            if c.kind != kind:
                continue
            out += [f"### {c.label} (`{c.id}`)", "", f"**Definition.** {c.definition}", ""]
            if c.include:
                out += [f"**Include.** {c.include}", ""]
            if c.exclude:
                out += [f"**Exclude.** {c.exclude}", ""]
            if c.examples:
                out += ["**Examples.**", ""] + [f"- {e}" for e in c.examples] + [""]
    return "\n".join(out).rstrip() + "\n"
