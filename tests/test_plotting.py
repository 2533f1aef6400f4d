"""The figure helper: deterministic bytes, a CSV beside every figure, no half-written files."""
import hashlib

import matplotlib

matplotlib.use("Agg")
import pandas as pd
import pytest

from discoursekit import plotting as dkp


def _figure():
    fig, ax = dkp.new_figure()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("Test")
    return fig


def _hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_save_figure_writes_four_files_with_identical_bytes_twice(tmp_path):
    data = pd.DataFrame({"label": ["a", "b"], "value": [1, 2]})
    dkp.save_figure(_figure(), "t", data, folder=tmp_path / "one")
    dkp.save_figure(_figure(), "t", data, folder=tmp_path / "two")
    one, two = _hashes(tmp_path / "one"), _hashes(tmp_path / "two")
    assert sorted(one) == ["t.csv", "t.pdf", "t.png", "t.svg"]
    assert one == two


def test_saved_files_carry_no_dates_or_versions(tmp_path):
    dkp.save_figure(_figure(), "t", pd.DataFrame({"x": [1]}), folder=tmp_path)
    svg = (tmp_path / "t.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    pdf = (tmp_path / "t.pdf").read_bytes()
    assert b"CreationDate" not in pdf and b"Producer" not in pdf
    assert b"Software" not in (tmp_path / "t.png").read_bytes()


def test_save_figure_refuses_a_figure_without_its_numbers(tmp_path):
    with pytest.raises(ValueError, match="every figure has its CSV"):
        dkp.save_figure(_figure(), "t", pd.DataFrame(), folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_group_colors_are_fixed_by_sorted_name():
    assert dkp.group_colors(["b", "a"]) == {"a": dkp.PALETTE[0], "b": dkp.PALETTE[1]}
    assert dkp.group_colors(["a", "b", "c"])["a"] == dkp.PALETTE[0]


def test_short_label_uses_last_names():
    assert dkp.short_label("David R. Shedd & Ivana Stradner") == "Shedd & Stradner"
    assert dkp.short_label("unknown [excerpt004]") == "unknown [excerpt004]"

