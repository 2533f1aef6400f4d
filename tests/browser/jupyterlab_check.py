"""JupyterLab in a real browser: every notebook opens, renders every cell and figure, and
the classroom explorers work live.

Not collected by ``make test`` (the file name does not match ``test_*.py``); run it with
``make browser-test``, which calls ``pytest tests/browser/jupyterlab_check.py``.  It needs
Debian's chromium at /usr/bin/chromium (or $DISCOURSEKIT_CHROMIUM) and the playwright
package; it never downloads a browser.

JupyterLab is started on 127.0.0.1 with no token, on copies of the notebooks in a
temporary folder (so that nothing a test does can be saved over the committed files),
with user settings that attach every cell to the page (``windowingMode: none``; since
JupyterLab 4.2 only visible cells are attached otherwise), switch autosave off and turn
off the news and update checks.  Every request the page makes to anything other than the
local server is recorded and fails the test.  Screenshots go to ``build/browser/``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SHOTS = ROOT / "build" / "browser"
CHROMIUM = os.environ.get("DISCOURSEKIT_CHROMIUM", "/usr/bin/chromium")
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}
# Console messages that are not failures of the suite's notebooks.
TOLERATED = ("notified about official Jupyter news",)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on copies of the notebooks: yields (base URL, folder of copies)."""
    base = tmp_path_factory.mktemp("lab")
    work, settings, runtime = base / "notebooks", base / "settings", base / "runtime"
    work.mkdir()
    for nb in NOTEBOOKS:
        shutil.copy(nb, work / nb.name)
    for name, value in SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime),
               JUPYTER_CONFIG_DIR=str(base / "config"), MPLCONFIGDIR=str(base / "mpl"))
    log = (base / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         "--IdentityProvider.token=", f"--ServerApp.root_dir={work}",
         f"--LabApp.user_settings_dir={settings}",
         f"--LabApp.workspaces_dir={base / 'workspaces'}"],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("JupyterLab did not start:\n" + (base / "lab.log").read_text())
            time.sleep(0.3)
    yield url, work
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install "
                    "chromium) or set DISCOURSEKIT_CHROMIUM.")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking"])
        yield b
        b.close()


def _open(browser, url: str, name: str):
    """Open a notebook; return (page, console errors, requests to other hosts)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors, blocked = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

    # Record (rather than route, which breaks the kernel's message flow) every request
    # to anything but the local server.
    page.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:"))
            else blocked.append(r.url))
    # ?reset: start from an empty workspace, not with the notebooks opened by earlier pages
    page.goto(f"{url}/lab/tree/{name}?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]',
                           state="attached", timeout=60_000)
    return page, errors, blocked


def _expected(path: Path) -> tuple[int, int, int, int]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    outputs = sum(len(c.get("outputs", [])) for c in code)
    data = [o.get("data", {}) for c in code for o in c.get("outputs", [])]
    images = sum("image/png" in d for d in data)
    widgets = sum("application/vnd.jupyter.widget-view+json" in d for d in data)
    return len(code), outputs, images, widgets


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_every_cell_and_figure_rendered_and_no_error(lab, browser, path):
    start = time.monotonic()
    url, work = lab
    page, errors, blocked = _open(browser, url, path.name)
    n_code, n_outputs, n_images, n_widgets = _expected(work / path.name)  # the served copy
    panel = page.locator(".jp-NotebookPanel:visible")
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell').length >= n",
        arg=n_code, timeout=30_000)
    assert panel.locator(".jp-CodeCell").count() == n_code
    assert panel.locator(".jp-CodeCell .jp-OutputArea-child").count() == n_outputs
    # every figure is decoded by the browser, not just present in the DOM
    page.wait_for_function(
        "n => [...document.querySelectorAll('.jp-NotebookPanel .jp-RenderedImage img')]"
        ".filter(i => i.complete && i.naturalWidth > 0).length >= n",
        arg=n_images, timeout=30_000)
    assert panel.locator(".jp-RenderedImage img").count() == n_images
    page.wait_for_timeout(1500)  # let late dialogs and console errors arrive
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path.stem}.png"))
    assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").inner_text()
    text = panel.inner_text()
    assert "Error displaying widget" not in text
    assert "Loading widget..." not in text
    # saved explorer outputs show their static snapshot (the notebook is not trusted)
    assert text.count("Static snapshot of the") == n_widgets
    _assert_clean(errors, blocked)
    print(f"{path.name}: {n_code} code cells, {n_images} figures in "
          f"{time.monotonic() - start:.1f} s")
    page.close()


def _assert_clean(errors, blocked) -> None:
    """The page fetched nothing from the network and logged no JavaScript error (but the
    tolerated ones)."""
    assert not blocked, f"the page tried to fetch: {blocked}"
    real = [e for e in errors if not any(t in e for t in TOLERATED)]
    assert not real, f"JavaScript errors: {real}"


def _run_cell(page, cell):
    """Run one cell as a user would (select it, Shift+Enter); wait for its execution count."""
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    try:
        cell.locator(".jp-InputPrompt").filter(has_text=re.compile(r"\[\d+\]")).wait_for(
            timeout=60_000)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "run_cell_failed.png"))
        raise AssertionError(f"cell did not run: prompt {cell.locator('.jp-InputPrompt').inner_text()!r}, "
                             f"output {cell.locator('.jp-OutputArea').inner_text()[:300]!r}") from None


def test_classroom_explorers_run_live_in_jupyterlab(lab, browser):
    """Run the setup and explorer cells: live widgets replace the snapshots and react."""
    page, errors, blocked = _open(browser, lab[0], "05_classroom.ipynb")
    cells = page.locator(".jp-NotebookPanel:visible .jp-CodeCell")
    cells.filter(has_text="dke.frame_highlighter(").first.wait_for(timeout=30_000)
    texts = cells.all_inner_texts()
    last = max(i for i, t in enumerate(texts) if "dke.frame_highlighter(" in t)
    for i in range(last + 1):
        if i < 2 or any(w in texts[i] for w in ("dke.kwic_explorer(",
                                                 "dke.frame_highlighter(")):
            # parameters, setup and the widgets
            _run_cell(page, cells.nth(i))
    for cell_text, ready in [("dke.kwic_explorer(", ".widget-text input"),
                             ("dke.frame_highlighter(", ".widget-dropdown select")]:
        cell = cells.filter(has_text=cell_text).first
        try:
            cell.locator(f".jp-OutputArea-output {ready}").first.wait_for(timeout=30_000)
        except Exception:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "05_classroom_live_failed.png"))
            raise AssertionError(f"no live widget; output: "
                                 f"{cell.locator('.jp-OutputArea').inner_text()[:300]!r}; "
                                 f"errors: {errors}") from None
        assert "Static snapshot" not in cell.locator(".jp-OutputArea").inner_text()
    kwic = cells.filter(has_text="dke.kwic_explorer(").first
    box = kwic.locator(".widget-text input").first
    box.fill("Kosovo")                 # typed, no Enter: the view follows after a pause
    kwic.get_by_text("occurrences of Kosovo").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    kwic.screenshot(path=str(SHOTS / "05_classroom_kwic_live.png"))
    cells.filter(has_text="dke.frame_highlighter(").first.screenshot(
        path=str(SHOTS / "05_classroom_highlighter_live.png"))
    _assert_clean(errors, blocked)
    page.close()


def test_exercise_7_form_changes_a_copy_of_the_lexicon_live(lab, browser):
    """Exercise 7 without YAML: press Apply on the form and the recoded sentences appear."""
    page, errors, blocked = _open(browser, lab[0], "05_classroom.ipynb")
    cells = page.locator(".jp-NotebookPanel:visible .jp-CodeCell")
    cells.filter(has_text="dke.lexicon_form(").first.wait_for(timeout=30_000)
    texts = cells.all_inner_texts()
    needed = ["corpus_dir = None", "dk.load_corpus(",
              "dke.copy_lexicon(work_folder", "dke.lexicon_form("]
    for i, text in enumerate(texts):               # setup, the copy and the form only
        if any(n in text for n in needed):
            _run_cell(page, cells.nth(i))
    form = cells.filter(has_text="dke.lexicon_form(").first
    button = form.locator(".jp-OutputArea-output button", has_text="Apply").first
    button.wait_for(timeout=30_000)
    assert "Static snapshot" not in form.locator(".jp-OutputArea").inner_text()
    button.click()
    form.get_by_text("differs from the built-in lexicon on").wait_for(timeout=30_000)
    assert "shedd-stradner2023 · 61" in form.locator(".jp-OutputArea").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.screenshot(path=str(SHOTS / "05_classroom_lexicon_form_live.png"))
    _assert_clean(errors, blocked)
    page.close()


def test_hand_coder_runs_live_in_jupyterlab(lab, browser):
    """Notebook 06's coding widget, as a coder uses it: type the numbers of the categories
    and Enter, the next sentence comes up; Back returns to the coded one, ticked."""
    page, errors, blocked = _open(browser, lab[0], "06_own_frames.ipynb")
    cells = page.locator(".jp-NotebookPanel:visible .jp-CodeCell")
    cells.filter(has_text="dke.frame_coder(").first.wait_for(timeout=30_000)
    texts = cells.all_inner_texts()
    last = max(i for i, t in enumerate(texts) if "dke.frame_coder(" in t)
    for i in range(last + 1):                    # the setup, the codebook and the sheet
        _run_cell(page, cells.nth(i))
    coder = cells.filter(has_text="dke.frame_coder(").first
    box = coder.locator(".jp-OutputArea-output .widget-text input").first
    box.wait_for(timeout=30_000)
    assert "Static snapshot" not in coder.locator(".jp-OutputArea").inner_text()
    coder.get_by_text(re.compile(r"sentence 1 of \d+ \(0 coded\)")).wait_for(timeout=30_000)
    box.fill("1 10")
    box.press("Enter")
    coder.get_by_text(re.compile(r"sentence 2 of \d+ \(1 coded\)")).wait_for(timeout=30_000)
    coder.get_by_role("button", name="Back").click()
    coder.get_by_text(re.compile(r"sentence 1 of \d+ \(1 coded\)")).wait_for(timeout=30_000)
    ticked = coder.locator(".jp-OutputArea-output .widget-checkbox input:checked")
    assert ticked.count() == 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    coder.screenshot(path=str(SHOTS / "06_own_frames_coder_live.png"))
    _assert_clean(errors, blocked)
    page.close()
