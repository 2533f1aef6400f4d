"""Every saved figure fits a journal page with readable text.

Measured on the committed PDFs: the page size (MediaBox, in points) and the size of
every font the page sets (the PDF ``Tf`` operator, in points; matplotlib writes text at
its size with no further scaling).  A figure wider than the double-column width would be
scaled down by a journal, so its text is measured after that scaling."""
from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from discoursekit import paths
from discoursekit.plotting import MIN_FONT_PT, PAGE_HEIGHT, PAGE_WIDTH

FIGURES = sorted(paths.FIGURES.glob("*.pdf"))
_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
_STREAM = re.compile(rb"stream\r?\n")
_TF = re.compile(rb"/F\d+\s+([\d.]+)\s+Tf")


def pdf_page_and_fonts(path: Path) -> tuple[float, float, list[float]]:
    """(width in, height in, font sizes in pt) of a one-page PDF."""
    data = path.read_bytes()
    x0, y0, x1, y1 = map(float, _MEDIABOX.search(data).groups())
    sizes = []
    for m in _STREAM.finditer(data):
        try:
            text = zlib.decompressobj().decompress(data[m.end():])
        except zlib.error:
            continue                    # not a compressed content stream
        sizes += [float(s) for s in _TF.findall(text)]
    return (x1 - x0) / 72, (y1 - y0) / 72, sizes


def test_the_measure_reads_a_figure_drawn_here(tmp_path):
    """The reader against a figure of known size and fonts (7 pt ticks, a 6.5 pt label)."""
    from discoursekit import plotting as dkp

    dkp.use_style()
    fig, ax = dkp.new_figure(3.0, 2.0)
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("x", fontsize=6.5)
    dkp.save_figure(fig, "probe", __import__("pandas").DataFrame({"x": [0, 1]}),
                    folder=tmp_path)
    w, h, sizes = pdf_page_and_fonts(tmp_path / "probe.pdf")
    assert 0 < w < 3.1 and 0 < h < 2.3
    assert min(sizes) == 6.5 and max(sizes) == 7.0


def test_a_figure_drawn_too_wide_is_fitted_to_the_page(tmp_path):
    import pandas as pd

    from discoursekit import plotting as dkp

    dkp.use_style()
    fig, ax = dkp.new_figure(7.0, 2.0)
    ax.plot([0, 1], [0, 1], label="a rather long legend entry that sits outside")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    dkp.save_figure(fig, "wide", pd.DataFrame({"x": [0]}), folder=tmp_path)
    w, _, sizes = pdf_page_and_fonts(tmp_path / "wide.pdf")
    assert w <= PAGE_WIDTH + 0.01 and min(sizes) == 7.0


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.stem)
def test_every_saved_figure_fits_a_page_with_text_of_six_points(path):
    w, h, sizes = pdf_page_and_fonts(path)
    assert sizes, f"{path.name}: no text found"
    scale = min(1.0, PAGE_WIDTH / w)
    assert h * scale <= PAGE_HEIGHT + 0.01, f"{path.name}: {h * scale:.2f} in tall"
    assert min(sizes) * scale >= MIN_FONT_PT - 1e-9, (
        f"{path.name}: smallest text {min(sizes) * scale:.2f} pt at {w * scale:.2f} in wide")
    assert w <= PAGE_WIDTH + 0.01, f"{path.name}: {w:.2f} in wide"
