"""The build executes a notebook with no timing metadata, and twice gives the same bytes."""
from pathlib import Path

import nbformat

from discoursekit.build import execute_notebook, key_notebook_paths, notebook_paths


def test_notebook_paths_are_the_numbered_notebooks_in_order():
    names = [p.name for p in notebook_paths()]
    assert names == sorted(names) and names[0] == "00_corpus.ipynb"


def test_the_answer_keys_are_built_after_the_notebooks_they_answer():
    keys = [p.relative_to(p.parents[1]).as_posix() for p in key_notebook_paths()]
    assert keys == ["key/05_classroom_key.ipynb"]


def test_execute_twice_gives_identical_bytes_and_no_timing(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = sum(range(10))\nx")]
    src = tmp_path / "01_tiny.ipynb"
    nbformat.write(nb, src)
    first = execute_notebook(src, tmp_path / "a.ipynb").read_bytes()
    second = execute_notebook(src, tmp_path / "b.ipynb").read_bytes()
    assert first == second
    out = nbformat.reads(first.decode(), as_version=4)
    assert out.cells[0].outputs[0]["data"]["text/plain"] == "45"
    assert out.cells[0].execution_count == 1 and "execution" not in out.cells[0].metadata


def test_a_failing_notebook_leaves_the_original_untouched(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise RuntimeError('boom')")]
    src = tmp_path / "02_fail.ipynb"
    nbformat.write(nb, src)
    before = src.read_bytes()
    try:
        execute_notebook(src)
    except Exception as exc:  # nbclient's CellExecutionError
        assert "boom" in str(exc)
    else:
        raise AssertionError("the failing cell did not raise")
    assert src.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["02_fail.ipynb"]



def test_kernels_talk_over_a_private_socket_folder_that_is_removed_afterwards(tmp_path):
    """No TCP port (and so no 'unencrypted' warning per notebook) on POSIX, and no socket
    files left behind by a run."""
    import os
    import tempfile

    from discoursekit.build import _kernel_config

    if os.name != "posix":                        # Windows: TCP on localhost, as before
        with _kernel_config() as config:
            assert "transport" not in config.KernelManager
        return
    with _kernel_config() as config:
        assert config.KernelManager.transport == "ipc"
        folder = Path(config.KernelManager.ip).parent
        assert folder.is_dir()
    assert not folder.exists()
    ours = lambda: set(Path(tempfile.gettempdir()).glob("discoursekit-*"))  # noqa: E731
    before = ours()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(nb, tmp_path / "01_ipc.ipynb")
    out = execute_notebook(tmp_path / "01_ipc.ipynb", tmp_path / "out.ipynb")
    assert nbformat.read(out, 4).cells[0].outputs[0]["data"]["text/plain"] == "2"
    assert ours() == before

# --- running the suite on another corpus ---------------------------------------------------
import hashlib  # noqa: E402

import pytest  # noqa: E402

import discoursekit as dk  # noqa: E402
from conftest import write_corpus  # noqa: E402
from discoursekit import paths  # noqa: E402
from discoursekit.build import build_corpus  # noqa: E402

MESSY = {
    "a.txt": "# A Title\n\nSerbia and [Kosova](http://x) argued. Vučić spoke in Niš.\n\n"
             "The EU said nothing. Moscow waited, and NATO watched the border closely.\n",
    "b.txt": "Short text here.\n",
    "c.txt": "Another writer, of unknown name, writes about NATO and Russia. It is brief.\n",
}
MESSY_META = "file,author,outlet\na.txt,Zoë Écrivain,Daily\nb.txt,unknown,Weekly\nc.txt,,Weekly\n"


def _tree_digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_corpus_writes_only_under_out_and_never_touches_committed_files(tmp_path):
    corpus = write_corpus(tmp_path / "messy", MESSY, MESSY_META)
    before = {d: _tree_digest(d) for d in (paths.NOTEBOOKS, paths.FIGURES, paths.SEEDS)}
    out = tmp_path / "out"
    written = build_corpus(corpus, out, notebooks=[paths.NOTEBOOKS / "00_corpus.ipynb"])
    assert [p.name for p in written] == ["00_corpus.ipynb"]
    assert (out / "figures" / "00_sentence_lengths.csv").is_file()
    assert {d: _tree_digest(d) for d in before} == before
    text = (out / "notebooks" / "00_corpus.ipynb").read_text(encoding="utf-8")
    assert "unknown [b]" in text and "unknown [c]" in text and "Écrivain" in text


def test_build_corpus_fails_fast_on_a_bad_corpus_before_running_notebooks(tmp_path):
    corpus = write_corpus(tmp_path / "bad", {"a.txt": b"caf\xe9"}, "file,author\na.txt,Ann\n")
    with pytest.raises(dk.CorpusError, match=r"a\.txt: not valid UTF-8"):
        build_corpus(corpus, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_build_corpus_fails_fast_when_the_grouping_gives_one_group(tmp_path):
    """Every notebook compares groups: one author and --by author is stopped up front,
    naming the metadata file and a column that would work."""
    meta = "file,author,outlet\na.txt,Ann,Daily\nb.txt,Ann,Weekly\nc.txt,Ann,Weekly\n"
    corpus = write_corpus(tmp_path / "one", {k: MESSY[k] for k in ("a.txt", "b.txt", "c.txt")},
                          meta)
    with pytest.raises(dk.CorpusError, match=r"metadata\.csv: --by author puts all 3 documents "
                                             r"in one group \('Ann'\).*\('outlet'\)"):
        build_corpus(corpus, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_build_corpus_refuses_to_write_into_the_committed_folders(tmp_path):
    corpus = write_corpus(tmp_path / "messy", MESSY, MESSY_META)
    with pytest.raises(ValueError, match=r"inside .*figures, which holds committed files"):
        build_corpus(corpus, paths.FIGURES / "other")


SEED_ONLY_FIGURES = {"02_validation", "03_validation_stance", "03_validation_tone_agency",
                     "04_excerpt_delta"}   # hand-coded validation and the 004 question
HAND_CODED_FIGURES = {"06_coder_scores", "06_learning_curve", "06_corrected_profile"}


def test_build_corpus_command_runs_every_notebook_on_a_messy_corpus(tmp_path):
    """End to end, as a user types it: every notebook, every figure with its CSV."""
    import subprocess
    import sys

    corpus = write_corpus(tmp_path / "messy", MESSY, MESSY_META)
    before = {d: _tree_digest(d) for d in (paths.NOTEBOOKS, paths.FIGURES, paths.SEEDS, corpus)}
    out = tmp_path / "results"
    run = subprocess.run([sys.executable, "-m", "discoursekit", "build", "--corpus", str(corpus),
                          "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    executed = sorted(p.name for p in (out / "notebooks").glob("*.ipynb"))
    assert executed == [p.name for p in notebook_paths()]
    figures = out / "figures"
    names = {p.stem for p in figures.iterdir()}
    expected = {p.stem for p in paths.FIGURES.glob("*.csv")} - SEED_ONLY_FIGURES
    assert names == expected - HAND_CODED_FIGURES        # the corpus has no codes/ yet
    # ... so notebook 06 wrote the blank sheets and the guide for its coders instead
    assert sorted(p.name for p in (out / "coding").iterdir()) == [
        "coder_1.csv", "coder_2.csv", "coding_guide.md"]
    for name in names:
        assert all((figures / f"{name}.{ext}").stat().st_size > 0
                   for ext in ("svg", "png", "pdf", "csv")), name
    assert {d: _tree_digest(d) for d in before} == before   # inputs and committed files
    overview = (out / "notebooks" / "00_corpus.ipynb").read_text(encoding="utf-8")
    assert "unknown [b]" in overview and "unknown [c]" in overview   # never pooled
    for nb in (out / "notebooks").glob("*.ipynb"):
        _assert_ran_cleanly(nb)


def test_build_corpus_runs_every_notebook_on_two_one_sentence_articles(tmp_path):
    """The smallest corpus the notebooks accept: two groups, one sentence each, no frame
    cue and no actor (an empty table must keep its columns; a sixth token, a topic's
    best frame and the like may not exist)."""
    corpus = write_corpus(tmp_path / "small", {
        "a.txt": "Some words here about the weather today.\n",
        "b.txt": "Other words about gardens and flowers.\n"}, "file,author\na.txt,X\nb.txt,Y\n")
    written = build_corpus(corpus, tmp_path / "out")
    assert [p.name for p in written] == [p.name for p in notebook_paths()]
    for nb in written:
        _assert_ran_cleanly(nb)


def _assert_ran_cleanly(nb) -> None:
    """No cell of the executed notebook ``nb`` failed or printed a stray warning."""
    cells = nbformat.read(nb, as_version=4).cells
    assert not any(o.get("output_type") == "error" for c in cells if c.cell_type == "code"
                   for o in c.outputs), nb.name
    assert _stray_warnings(cells) == [], nb.name


def _stray_warnings(cells) -> list[str]:
    """Warnings printed under code cells, but for the one a tiny corpus should print (the
    MFW settings that exceed its vocabulary): an empty figure says why in the figure,
    not with a NumPy or matplotlib warning."""
    return [o["text"][:200] for c in cells if c.cell_type == "code" for o in c.outputs
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
            and "Warning" in o["text"] and "delta_sweep(): n_mfw" not in o["text"]]


def test_build_corpus_fails_fast_when_there_are_not_two_content_words(tmp_path):
    corpus = write_corpus(tmp_path / "tiny", {"a.txt": "Some text.\n", "b.txt": "Other text.\n"},
                          "file,author\na.txt,X\nb.txt,Y\n")
    with pytest.raises(dk.CorpusError, match=r"tiny: the articles hold fewer than two different "
                                             r"content words \(only 'text'\)"):
        build_corpus(corpus, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- a corpus about another topic, with its own codebook and two coders' sheets -----------
TRAM = {
    "a1.txt": "The city council approved the tram line on Monday. The budget grew to 40 million "
              "euros after a cost overrun. Shop owners on the high street fear months of "
              "roadworks. Cafes hope the new stops will bring more people onto the street. "
              "Opponents protested outside the town hall. The mayor said the council must "
              "finish the line by 2027.\n",
    "a2.txt": "Fares will stay at two euros for the first year. Critics say the budget hides "
              "the true cost of the project. Families living near the depot worry about noise "
              "at night. A new square with benches and trees will open beside the main stop. "
              "The opposition blamed the mayor for the delays.\n",
    "b1.txt": "Engineers tested the first tram on the new track. The test cost less than "
              "planned, the transport office said. Children waved from the pavement as it "
              "passed. Traders along the street reported more customers after the works. "
              "Residents should be asked before the next line is built.\n",
    "b2.txt": "The regional government will pay half of the cost. Without that money the fares "
              "would rise. A retired teacher said the tram changed her daily life. Street "
              "markets returned to the square last summer. The minister praised the council "
              "for its patience.\n",
    "c1.txt": "The tram is a waste of public money, a local campaign argues. Its budget has "
              "doubled since the vote. Shopkeepers say footfall fell during the works. "
              "Cyclists complain that the rails are dangerous. Leaders must stop the second "
              "line now.\n",
    "c2.txt": "Ticket sales covered only a third of the running cost last year. The council "
              "blamed the pandemic for the shortfall. Evening crowds now fill the cafes along "
              "the line. Protesters gathered again at the depot. The city should publish the "
              "full accounts.\n",
}
TRAM_META = ("file,author,outlet\na1.txt,Ann Lee,Daily\na2.txt,Ann Lee,Daily\n"
             "b1.txt,Bo Ray,Weekly\nb2.txt,Bo Ray,Weekly\nc1.txt,Cy Doe,Post\nc2.txt,Cy Doe,Post\n")
TRAM_CODEBOOK = """extends: default
drop: [issue]
categories:
  - id: transit_cost
    label: Transit cost
    kind: issue
    definition: What the tram costs and who pays for it.
    include: Budgets, fares, overruns, subsidies.
    exclude: The cost of other things.
    examples: ["The budget grew to 40 million euros."]
    cues:
      - cues: [budget, overrun*, fare*, cost, money]
        note: money words of the tram debate
  - id: street_life
    label: Street life
    kind: issue
    definition: Shops, cafes, markets and people on the street.
"""


def _fill(sheet, coder):
    """Codes a coder would give, by reading: cost words for transit_cost, shops and
    street for street_life, protest and blame for conflict; the second coder misses two."""
    text = sheet["text"].str.lower()
    sheet = sheet.copy()
    sheet["transit_cost"] = text.str.contains("budget|cost|fare|money|pay").astype(int)
    sheet["street_life"] = text.str.contains("shop|cafe|street|square|market|trader").astype(int)
    sheet["conflict"] = text.str.contains("protest|blame|critic|opponent|complain").astype(int)
    for cat in [c for c in sheet.columns if c not in ("transit_cost", "street_life", "conflict")
                and c not in dk.framing.SHEET_COLUMNS + ["note"]]:
        sheet[cat] = 0
    if coder == "bob":
        sheet.iloc[:2, sheet.columns.get_loc("street_life")] = 0
    return sheet


def test_build_corpus_with_its_own_codebook_and_two_coders(tmp_path):
    """A corpus about another topic: its codebook adds a frame with cues and one without;
    two coders' sheets are in codes/.  Every notebook runs; the new frames reach every
    framing table and figure; reliability, the three coders' scores, the learning curve
    and the corrected profile are computed."""
    corpus_dir = write_corpus(tmp_path / "tram", TRAM, TRAM_META)
    (corpus_dir / "codebook.yaml").write_text(TRAM_CODEBOOK, encoding="utf-8")
    corpus = dk.load_corpus(corpus_dir)
    book = dk.corpus_codebook(corpus_dir)
    sheet = dk.coding_sheet(corpus, book, n=100, overlap=0.5, coders=["ann", "bob"], seed=1)
    (corpus_dir / "codes").mkdir()
    for coder in ("ann", "bob"):
        _fill(sheet[sheet["coder"] == coder], coder).to_csv(
            corpus_dir / "codes" / f"{coder}.csv", index=False)
    before = _tree_digest(corpus_dir)
    out = tmp_path / "out"
    written = build_corpus(corpus_dir, out)
    assert [p.name for p in written] == [p.name for p in notebook_paths()]
    for nb in written:
        _assert_ran_cleanly(nb)
    assert _tree_digest(corpus_dir) == before                   # inputs only read
    figures = out / "figures"
    import pandas as pd

    for name in ("02_frame_profile", "02_profile_intervals", "02_cooccurrence",
                 "06_coder_scores", "06_corrected_profile"):
        text = (figures / f"{name}.csv").read_text(encoding="utf-8")
        assert "transit_cost" in text and "street_life" in text, name
        assert "military_security" not in text, name             # dropped with the issue kind
    flow = pd.read_csv(figures / "02_frame_flow.csv")
    assert {"transit_cost", "street_life"} <= set(flow.columns)
    scores = pd.read_csv(figures / "06_coder_scores.csv")
    assert set(scores["coder"]) == {"lexicon", "classifier", "combination"}
    cost = scores[(scores["category"] == "transit_cost") & (scores["coder"] == "lexicon")]
    assert cost["f1"].iloc[0] > 0.5                 # its cues match what the coders coded
    curve = pd.read_csv(figures / "06_learning_curve.csv")
    assert curve["n_train"].nunique() >= 2
    corrected = pd.read_csv(figures / "06_corrected_profile.csv")
    assert set(corrected["group"]) == {"Ann Lee", "Bo Ray", "Cy Doe"}
    per_group = corrected[corrected["category"] == "transit_cost"]["n_coded"]
    assert per_group.sum() == corpus.sentences.shape[0]          # n=100 takes them all
    nb06 = (out / "notebooks" / "06_own_frames.ipynb").read_text(encoding="utf-8")
    assert "Transit cost" in nb06 and "Street life" in nb06
    labels = (out / "notebooks" / "02_framing.ipynb").read_text(encoding="utf-8")
    assert "Street life" in labels and "Military &amp; security" not in labels


def test_build_corpus_stops_on_a_bad_codebook_before_any_notebook(tmp_path):
    corpus_dir = write_corpus(tmp_path / "tram", TRAM, TRAM_META)
    (corpus_dir / "codebook.yaml").write_text("categories:\n  - id: x\n    label: X\n",
                                              encoding="utf-8")
    with pytest.raises(dk.CodebookError, match=r"codebook\.yaml, line 2 \(category 'x'\): "
                                               r"key 'definition'"):
        build_corpus(corpus_dir, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# A corpus as a user gathers it from the web: three outlets whose furniture no rule file
# names, quotations with and without attribution, reported speech, and actors the bundled
# table does not know.
WEB_FURNITURE = {
    "Harbour Ledger": "Tides and Times brings the coast's week together every Friday morning.",
    "Quill Daily": "Quill members read first: join the circle and get each story early.",
    "Northern Post": "Enjoyed this? The Post's morning edition lands at seven.",
}
PLACES = ["harbour", "valley", "market", "river", "castle", "station"]
WEB_BODY = [
    "Rents in the {place} district rose sharply last year, and families are leaving.",
    "“Landlords in the {place} district must register every flat,” said Mayor Ana Ruiz.",
    "The Tenants Union says the {place} cap should stay in place for years.",
    "“We cannot pay these {place} rents and we will not keep quiet about it any longer.”",
    "Councils should publish every {place} rent rise, and Mayor Ana Ruiz agrees with the "
    "Tenants Union.",
]


def test_build_corpus_on_web_pages_removes_unseen_furniture_and_finds_its_own_actors(tmp_path):
    import csv
    import io
    import subprocess
    import sys

    import pandas as pd

    files, meta = {}, "file,author,outlet\n"
    for k, (outlet, furniture) in enumerate(WEB_FURNITURE.items()):
        for j in range(2):
            name = f"{outlet.split()[0].lower()}{j}.txt"
            caption = f"Tenants queue at the {outlet} office, picture {j + 1}"
            body = [s.format(place=PLACES[2 * k + j]) for s in WEB_BODY]
            files[name] = "\n\n".join([caption, body[0], caption, *body[1:], furniture]) + "\n"
            meta += f"{name},{outlet} writer {j},{outlet}\n"
    corpus = write_corpus(tmp_path / "web", files, meta)
    out = tmp_path / "results"
    run = subprocess.run([sys.executable, "-m", "discoursekit", "build", "--corpus", str(corpus),
                          "--out", str(out), "--by", "outlet",
                          *(str(paths.NOTEBOOKS / n) for n in ("00_corpus.ipynb",
                                                                "03_stance.ipynb"))],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "KeyboardInterrupt" not in run.stderr
    loaded = dk.load_corpus(corpus, by="outlet")
    text = "\n".join(loaded.docs["text"])
    assert not any(f in text for f in WEB_FURNITURE.values())
    assert "Tenants queue" not in text
    # the actors were suggested from the corpus, and the notebook and figures say so
    suggested = (out / "actors_suggested.csv").read_text(encoding="utf-8")
    actors_found = {r["actor"] for r in csv.DictReader(
        io.StringIO("\n".join(ln for ln in suggested.splitlines() if not ln.startswith("#"))))}
    assert {"Ana Ruiz", "Tenants Union"} <= actors_found
    stance_nb = (out / "notebooks" / "03_stance.ipynb").read_text(encoding="utf-8")
    assert "Actors suggested automatically, not reviewed" in stance_nb
    voice = pd.read_csv(out / "figures" / "03_voice.csv")
    assert "Ana Ruiz" in set(voice["speaker_actor"])
    # quoted and reported markers are counted apart from the outlets' own
    borrowed = pd.read_csv(out / "figures" / "03_borrowed_stance.csv").query("category == 'all'")
    assert (borrowed["quoted"] > 0).all() and (borrowed["reported"] > 0).all()
    assert (borrowed["author"] > 0).all()
    # the seed commentary stays with the seeds
    for nb in (out / "notebooks").glob("*.ipynb"):
        assert "On the seed corpus:" not in nb.read_text(encoding="utf-8"), nb.name
        _assert_ran_cleanly(nb)


def test_seed_only_cells_are_tagged_and_only_commentary():
    """The cells build --corpus leaves out are markdown commentary, never code."""
    from discoursekit.build import seed_only_cells

    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        for i in seed_only_cells(nb):
            assert nb.cells[i].cell_type == "markdown", (path.name, i)
    tagged = {p.name for p in notebook_paths() if seed_only_cells(nbformat.read(p, 4))}
    assert {"00_corpus.ipynb", "01_keywords.ipynb", "03_stance.ipynb"} <= tagged


def test_kernels_log_only_critical_messages(tmp_path):
    """A kernel interrupted on shutdown logs "KeyboardInterrupt caught in kernel" to the
    build's terminal though nothing failed: kernels run with their log at CRITICAL."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import sys; sys.argv")]
    nbformat.write(nb, tmp_path / "01_args.ipynb")
    out = execute_notebook(tmp_path / "01_args.ipynb", tmp_path / "out.ipynb")
    argv = nbformat.read(out, 4).cells[0].outputs[0]["data"]["text/plain"]
    assert "--IPKernelApp.log_level=CRITICAL" in argv
