"""The static HTML edition: offline pages, an index, embedded figures."""
import base64
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from discoursekit import html as dkh
from discoursekit.build import notebook_paths

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d00000000"
    "49454e44ae426082")).decode()
LOADS = re.compile(r"<(script|link|img|iframe|source)\b[^>]*\b(src|href)\s*=\s*[\"']?(https?:)?//",
                   re.IGNORECASE)


@pytest.fixture
def toy_notebooks(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    (folder / "fig.png").write_bytes(base64.b64decode(PNG))
    figure = new_code_cell("plot()", execution_count=1, outputs=[
        new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})])
    widget = new_code_cell("explorer", execution_count=2, outputs=[
        new_output("execute_result", execution_count=2, data={
            "text/plain": "VBox()",
            "application/vnd.jupyter.widget-view+json": {"version_major": 2,
                                                         "version_minor": 0, "model_id": "abc"}})])
    nb = new_notebook(cells=[new_markdown_cell("# 00 · A toy\n\nWhat it is for.\n\n![a figure](fig.png)"),
                             figure, widget])
    nbformat.write(nb, folder / "00_toy.ipynb")
    nbformat.write(new_notebook(cells=[new_markdown_cell("# 01 · Second\n\nMore.")]),
                   folder / "01_second.ipynb")
    return sorted(folder.glob("*.ipynb"))


def test_site_has_an_index_linking_every_page_with_its_title(toy_notebooks, tmp_path):
    written = dkh.render_site(tmp_path / "site", toy_notebooks)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in written] == ["00_toy.html", "01_second.html", "index.html"]
    assert '<a href="00_toy.html">00 · A toy</a>' in index and "What it is for." in index
    assert 'href="01_second.html"' in index


def test_pages_load_nothing_from_the_network_and_embed_their_figures(toy_notebooks, tmp_path):
    dkh.render_site(tmp_path / "site", toy_notebooks)
    page = (tmp_path / "site" / "00_toy.html").read_text(encoding="utf-8")
    assert not LOADS.search(page)
    assert dkh.external_resources(page) == []
    assert f'src="data:image/png;base64,{PNG}' in page  # the output figure
    assert page.count('src="data:image/png;base64,') == 2  # and the Markdown image
    assert "require.js" not in page and "MathJax.Hub" not in page
    assert "open this notebook in JupyterLab" in page  # the widget view without state
    assert 'href="index.html"' in page


def test_external_resources_finds_scripts_styles_images_and_css_urls():
    page = ('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
            'href="//cdn.example/s.css"><img src="data:image/png;base64,AA"><img src="a.png">'
            '<a href="https://example.org">a link is not a load</a>'
            '<style>@import "https://fonts.example/f.css"; b { background: url(http://x/y.png) }</style>')
    found = dkh.external_resources(page)
    assert [(t, u) for t, _, u in found] == [("script", "https://cdn.example/x.js"),
                                             ("link", "//cdn.example/s.css"),
                                             ("css", "https://fonts.example/f.css"),
                                             ("css", "http://x/y.png")]


def test_the_suite_notebooks_render_offline(tmp_path):
    notebooks = notebook_paths()
    assert notebooks
    written = dkh.render_site(tmp_path / "site", notebooks)
    for page in written:
        text = page.read_text(encoding="utf-8")
        assert not LOADS.search(text), page.name
        assert dkh.external_resources(text) == [], page.name
    classroom = tmp_path / "site" / "05_classroom.html"
    if classroom.exists():
        assert "Static snapshot of the KWIC explorer" in classroom.read_text(encoding="utf-8")


def test_render_refuses_a_page_that_would_load_from_the_network(tmp_path):
    nb = new_notebook(cells=[new_code_cell("x", execution_count=1, outputs=[new_output(
        "display_data", data={"text/html": '<script src="https://cdn.example/x.js"></script>',
                              "text/plain": "x"})])])
    nbformat.write(nb, tmp_path / "00_bad.ipynb")
    with pytest.raises(ValueError, match="would load https://cdn.example/x.js"):
        dkh.render_notebook(tmp_path / "00_bad.ipynb", tmp_path / "out.html")


def test_the_index_shows_no_literal_markdown_and_every_page_names_its_corpus_and_date(
        tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")          # 2026-12-01 00:00 UTC
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell(
        "# 2. Framing\n\nWhich *frames* each author uses, with **cues** and `code`.")]),
        folder / "02_framing.ipynb")
    injected = new_code_cell('corpus_dir = "/data/rent-articles"\nby = "outlet"')
    injected.metadata["tags"] = ["injected-parameters"]
    nbformat.write(new_notebook(cells=[new_markdown_cell("# 3 · Stance\n\nMore."), injected]),
                   folder / "03_stance.ipynb")
    dkh.render_site(tmp_path / "site", sorted(folder.glob("*.ipynb")))
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # one numbering style, taken from the file name; Markdown rendered, not shown
    assert '<a href="02_framing.html">02 · Framing</a>' in index
    assert '<a href="03_stance.html">03 · Stance</a>' in index
    assert "<em>frames</em>" in index and "<strong>cues</strong>" in index
    assert "*frames*" not in index and "**cues**" not in index
    framing = (tmp_path / "site" / "02_framing.html").read_text(encoding="utf-8")
    assert "Corpus: the seed corpus (seeds/, five op-eds) · page built 2026-12-01" in framing
    stance = (tmp_path / "site" / "03_stance.html").read_text(encoding="utf-8")
    assert "Corpus: rent-articles/ · page built 2026-12-01" in stance
