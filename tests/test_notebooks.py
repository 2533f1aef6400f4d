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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_text_about_the_seed_authors_is_marked_as_about_the_seed_corpus(path):
    """On another corpus the notebooks' prose must not pass off the seeds' findings as its
    own: a paragraph naming a seed author follows an "on the seed corpus" mark in its cell,
    or stands in a section that says it is specific to the seed corpus (up to the next
    "## " heading)."""
    import re

    names = re.compile(r"\b(" + "|".join(sorted(_seed_names())) + r")\b")
    nb = json.loads(path.read_text(encoding="utf-8"))
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
            marked |= bool(re.search(r"seed corpus", para, re.I))
            if names.search(para) and not (marked or seed_section or para.startswith("#")):
                unmarked.append((i, para[:80]))
    assert not unmarked, f"{path.name}: unmarked seed-specific text {unmarked}"
