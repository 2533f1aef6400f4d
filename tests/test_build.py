"""The build executes a notebook with no timing metadata, and twice gives the same bytes."""
import nbformat

from discoursekit.build import execute_notebook, notebook_paths


def test_notebook_paths_are_the_numbered_notebooks_in_order():
    names = [p.name for p in notebook_paths()]
    assert names == sorted(names) and names[0] == "00_corpus.ipynb"


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
