"""Guards for the committed notebooks: nbval only checks cells that carry an execution count."""
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_notebooks_to_check():
    assert NOTEBOOKS, "no notebooks found: nbval would check nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_code_cell_was_executed_and_carries_no_run_specific_metadata(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    unrun = [i for i, c in enumerate(code) if c.get("execution_count") is None]
    assert not unrun, f"{path.name}: code cells {unrun} have no execution count; run `make figures`"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: committed with an error output"
    timed = [i for i, c in enumerate(code) if "execution" in c.get("metadata", {})]
    assert not timed, f"{path.name}: cells {timed} carry timing metadata"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: stores widget state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_a_parameters_cell_so_it_runs_on_another_corpus(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and "corpus_dir = None" in "".join(tagged[0]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_keep_logic_in_the_library(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            assert "\ndef " not in f"\n{src}" and "\nclass " not in f"\n{src}", \
                f"{path.name}: define functions in lib/discoursekit, not in the notebook"


def _seed_names() -> set[str]:
    import csv

    seeds = Path(__file__).resolve().parents[1] / "seeds" / "metadata.csv"
    names = {"excerpt"}
    with seeds.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for person in row["author"].split("&"):
                if person.strip() and person.strip().lower() != "unknown":
                    names.add(person.split()[-1])
    return names


#: What only the seed corpus makes true: its actors and names, and its shape (five texts,
#: one per author, one of them a 318-word excerpt).  Words in quotation marks, code or
#: italics are examples of what the tools do ("Kosova" counts as *kosovo*), not findings.
_SEED_FACTS = (r"Kosov[oa]\w*|Serbi\w*|Russia\w*|Vu[cč]i[cć]\w*|Putin\w*|Prishtina|318-word"
               r"|one article|single article|tenfold|five (?:articles|documents|texts|op-eds)")
_QUOTED = r"\"[^\"]*\"|“[^”]*”|`[^`]*`|\*[^*]+\*"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_text_about_the_seed_corpus_is_marked_as_such(path):
    """On another corpus the notebooks' prose must not pass off the seeds' findings as its
    own: a paragraph naming a seed author, or stating what only the seeds make true (their
    actors, their number and length), follows a mark in its cell ("on the seed corpus",
    "seed articles", "the shipped corpus", or "on another corpus: …" for what changes),
    or stands in a section that says it is specific to the seed corpus (up to the next
    "## " heading), or in a notebook whose first cell says the whole notebook is."""
    import re

    names = re.compile(r"\b(" + "|".join(sorted(_seed_names())) + r")\b")
    facts = re.compile(r"\b(" + _SEED_FACTS + r")\b", re.I)
    mark = re.compile(r"seed corpus|seed articles|shipped corpus|on another corpus", re.I)
    nb = json.loads(path.read_text(encoding="utf-8"))
    if "whole notebook is specific to the seed corpus" in "".join(nb["cells"][0]["source"]):
        return
    seed_section, unmarked = False, []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        marked = False
        for para in "".join(cell["source"]).split("\n"):
            if para.startswith("## "):
                seed_section = False
            if re.search(r"specific to the seed corpus", para, re.I):
                seed_section = True
            marked |= bool(mark.search(para))
            seedy = names.search(para) or facts.search(re.sub(_QUOTED, "", para))
            if seedy and not (marked or seed_section or para.startswith("#")):
                unmarked.append((i, para[:80]))
    assert not unmarked, f"{path.name}: unmarked seed-specific text {unmarked}"


def test_the_seed_fact_check_catches_what_it_should():
    import re

    facts = re.compile(r"\b(" + _SEED_FACTS + r")\b", re.I)
    strip = lambda p: re.sub(_QUOTED, "", p)             # noqa: E731
    assert facts.search(strip("Every author writes about Russia, Serbia and Kosovo."))
    assert facts.search(strip("Each author is one article here."))
    assert not facts.search(strip('Normalisation maps "Kosova" to *kosovo*.'))
