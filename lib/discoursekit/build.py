"""The build: re-execute the notebooks in order, in place, and so regenerate figures/.

Execution uses nbclient with timing metadata and widget state switched off, so that an
unchanged suite rebuilds to the same bytes (see docs on reproducibility in the README).
Each notebook is written to a temporary file first and moved into place only when it ran
without error: a failing run leaves the committed notebook as it was.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import paths

__all__ = ["notebook_paths", "execute_notebook", "build"]


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The suite's notebooks (``NN_name.ipynb``) in the order they run."""
    folder = Path(folder) if folder is not None else paths.NOTEBOOKS
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path: str | Path, out: str | Path | None = None, *,
                     timeout: int = 900) -> Path:
    """Execute one notebook with the current Python and write it to ``out`` (default: in place)."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    out = Path(out) if out is not None else path
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            record_timing=False, store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        nbformat.write(nb, tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return out


def build(notebooks: list[str | Path] | None = None) -> list[Path]:
    """Execute the given notebooks (default: all, in order) in place."""
    todo = [Path(p) for p in notebooks] if notebooks else notebook_paths()
    return [execute_notebook(p) for p in todo]
