"""Shared fixtures: the seed corpus (loaded once) and helpers to write tiny corpora."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import discoursekit as dk

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_SCRATCH: str | None = None


def pytest_configure(config):
    """Send every temporary file of the run, the notebook kernels' included (nbval starts
    them with this environment and stops them without an orderly exit), to one folder
    that is removed at the end, so that a test run leaves nothing in the system's /tmp."""
    global _SCRATCH
    _SCRATCH = tempfile.mkdtemp(prefix="discoursekit-tests-")
    os.environ["TMPDIR"] = _SCRATCH
    tempfile.tempdir = None                      # this process re-reads TMPDIR too


def pytest_unconfigure(config):
    if _SCRATCH is not None:
        shutil.rmtree(_SCRATCH, ignore_errors=True)


@pytest.fixture(scope="session")
def seed_corpus():
    return dk.load_corpus(SEEDS)


def write_corpus(folder: Path, files: dict[str, bytes | str], metadata: str | None) -> Path:
    """Write a corpus folder: ``files`` maps names to contents, ``metadata`` is the CSV text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file in a folder, to show that loading changed nothing."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
