"""The build: re-execute the notebooks in order, in place, and so regenerate figures/.

Execution uses nbclient with timing metadata and widget state switched off, so that an
unchanged suite rebuilds to the same bytes (see docs on reproducibility in the README).
Each notebook is written to a temporary file first and moved into place only when it ran
without error: a failing run leaves the committed notebook as it was.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from . import paths

__all__ = ["notebook_paths", "key_notebook_paths", "suite_notebooks", "execute_notebook", "build",
           "build_corpus"]


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The suite's notebooks (``NN_name.ipynb``) in the order they run."""
    folder = Path(folder) if folder is not None else paths.NOTEBOOKS
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def key_notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The teacher's answer keys (``key/*.ipynb``), run after the suite's notebooks.

    They are committed with their outputs (nbval checks them), so the build regenerates
    them too; :func:`build_corpus` does not run them (their answers are about the seeds).
    """
    folder = Path(folder) if folder is not None else paths.NOTEBOOKS
    return sorted((folder / "key").glob("*.ipynb"))


def suite_notebooks() -> list[Path]:
    """What ``python -m discoursekit build`` runs by default: the numbered notebooks in
    order, then the answer keys."""
    return notebook_paths() + key_notebook_paths()


def execute_notebook(path: str | Path, out: str | Path | None = None, *,
                     timeout: int = 900) -> Path:
    """Execute one notebook with the current Python and write it to ``out`` (default: in place)."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    out = Path(out) if out is not None else path
    nb = nbformat.read(path, as_version=4)
    with _kernel_config() as config:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                record_timing=False, store_widget_state=False,
                                resources={"metadata": {"path": str(path.parent)}},
                                config=config)
        client.execute()
    _fix_widget_ids(nb, path.name)
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


@contextlib.contextmanager
def _kernel_config():
    """Kernel settings for one run: talk to the kernel over Unix sockets where possible,
    and keep the kernel's own log to critical messages.

    Over TCP (the default) every kernel prints a warning that its messages are not
    encrypted, six times a build; sockets in a private temporary folder need no network
    and are removed with it.  Windows, or a temporary folder whose path is too long for
    a socket name, keeps TCP on localhost.
    """
    from traitlets.config import Config

    config = Config()
    # The kernel manager interrupts a kernel before shutting it down; a kernel still
    # handling a message then logs "KeyboardInterrupt caught in kernel" to the build's
    # terminal although nothing failed.  Errors in cells are reported in the notebook,
    # not in the kernel's log, so the kernel logs only critical messages.
    config.NotebookClient.extra_arguments = ["--IPKernelApp.log_level=CRITICAL"]
    if os.name != "posix":
        yield config
        return
    with tempfile.TemporaryDirectory(prefix="discoursekit-") as folder:
        if len(folder) < 80:            # a socket path must stay under ~100 bytes
            config.KernelManager.transport = "ipc"
            config.KernelManager.ip = os.path.join(folder, "kernel")
        yield config


_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _fix_widget_ids(nb, name: str) -> None:
    """Replace each widget view's random model id with one made from its place.

    The widget state is not saved, so the id refers to nothing once the kernel is gone
    (front ends show the static snapshot beside it); a fixed id keeps a rebuild from
    changing the notebook's bytes.
    """
    import uuid

    for i, cell in enumerate(nb.cells):
        for k, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(_WIDGET_VIEW)
            if view and "model_id" in view:
                view["model_id"] = uuid.uuid5(uuid.NAMESPACE_URL, f"{name}#{i}.{k}").hex


def build(notebooks: list[str | Path] | None = None) -> list[Path]:
    """Execute the given notebooks (default: all in order, then the answer keys) in place."""
    todo = [Path(p) for p in notebooks] if notebooks else suite_notebooks()
    return [execute_notebook(p) for p in todo]


def _check_groups(loaded, folder: Path, by: str) -> None:
    """Fail with one message if ``by`` gives fewer than two groups: every notebook
    compares groups (keyness against the rest, frame and stance profiles side by side)."""
    from ._validate import CorpusError

    docs = loaded.docs
    if docs["group"].nunique() >= 2:
        return
    usable = [c for c in docs.columns if c not in ("doc_id", "file", "group", "text", "raw", "title")
              and docs[c].nunique() >= 2][:5]
    hint = (f"group by a column with several values ({', '.join(map(repr, usable))}) "
            "with --by" if usable else "add articles by other authors (or a column such as "
            "outlet or date to group by with --by)")
    raise CorpusError(f"{folder / 'metadata.csv'}: --by {by} puts all {len(docs)} documents "
                      f"in one group ({docs['group'].iloc[0]!r}), and the notebooks compare "
                      f"groups; {hint}.")


def _check_words(loaded, folder: Path) -> None:
    """Fail with one message if the corpus has fewer than two distinct content words
    (words that are not stopwords): the author map of notebook 04 places groups by their
    words, and a single word gives it nothing to place them on."""
    from ._validate import CorpusError
    from .compare import group_term_counts

    table = group_term_counts(loaded, n_terms=2)
    if table.shape[1] >= 2:
        return
    found = f" (only {table.columns[0]!r})" if table.shape[1] else ""
    raise CorpusError(f"{folder}: the articles hold fewer than two different content words"
                      f"{found} once stopwords are left out; the notebooks compare groups "
                      "by their words. Check that the .txt files hold the articles' text, "
                      "or add longer articles.")


#: Cells with this tag comment on the seed corpus: ``build --corpus`` leaves them out.
SEED_ONLY_TAG = "seed-only"


def seed_only_cells(nb) -> list[int]:
    """Indices of the cells of a notebook tagged :data:`SEED_ONLY_TAG`."""
    return [i for i, c in enumerate(nb.cells)
            if SEED_ONLY_TAG in c.get("metadata", {}).get("tags", [])]


def _without_seed_cells(nb_path: Path, target: Path) -> Path:
    """A copy of the notebook without its seed-only cells, beside ``target`` (removed by
    the caller after the run)."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    drop = set(seed_only_cells(nb))
    nb.cells = [c for i, c in enumerate(nb.cells) if i not in drop]
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".ipynb")
    os.close(fd)
    nbformat.write(nb, tmp)
    return Path(tmp)


def _actor_table_for(corpus: Path, loaded, out: Path) -> tuple[Path, bool] | None:
    """The actor table a build uses, and whether it was suggested: the corpus's
    ``actors.csv`` (checked here), else actors suggested from the corpus
    (:func:`discoursekit.actor_suggestions.suggest_actors`, written to
    ``out/actors_suggested.csv`` for the researcher to review and copy to the corpus
    folder); the seeds use the bundled table (None)."""
    from .actor_suggestions import suggest_actors, write_actor_table
    from .actors import actor_table

    own = corpus / "actors.csv"
    if own.is_file():
        actor_table(own)
        return own, False
    if corpus == paths.SEEDS.resolve():
        return None
    suggested = suggest_actors(loaded)
    if suggested.empty:
        return None
    target = out / "actors_suggested.csv"
    out.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    write_actor_table(suggested, target)
    return target, True


def build_corpus(corpus: str | Path, out: str | Path, *, by: str = "author",
                 notebooks: list[str | Path] | None = None,
                 codebook: str | Path | None = None, dask: str | None = None) -> list[Path]:
    """Run the analysis notebooks on another corpus, writing everything under ``out``.

    The corpus is loaded (and so validated) before any notebook runs, so a bad corpus
    fails fast with the loader's message.  Each notebook runs through papermill with the
    parameters ``corpus_dir`` and ``by``; executed notebooks go to ``out/notebooks`` and
    figures with their CSVs to ``out/figures``.  The committed notebooks, ``figures/``
    and ``seeds/`` are never written.

    Frames are coded with ``codebook`` (a YAML file), else ``corpus/codebook.yaml`` if it
    exists, else the built-in codebook; the codebook is checked before any notebook
    runs.  Filled coding sheets in ``corpus/codes/*.csv`` are read by notebook 06 (and
    checked here first); without them, notebook 06 writes blank sheets and the coding
    guide to ``out/coding``.  Actors come from ``corpus/actors.csv`` (checked here
    first), else they are suggested from the corpus and written to
    ``out/actors_suggested.csv``, and the notebooks say so.  Cells tagged ``seed-only``
    (commentary on the seed corpus) are left out of the executed notebooks.

    ``dask`` runs cleaning, counting and the per-sentence coders of every notebook on
    Dask (:mod:`discoursekit.dask_backend`): a scheduler's address or one of Dask's
    local schedulers; the tables are the same as without it.  The cleaned corpus and its
    sentence arrays are kept in ``out/cache`` (:mod:`discoursekit.corpus_cache`), so
    each notebook loads it instead of cleaning it again.

    Returns the executed notebooks' paths.
    """
    import papermill

    corpus, out = Path(corpus).resolve(), Path(out).resolve()
    for protected in (paths.NOTEBOOKS, paths.FIGURES, paths.SEEDS):
        if out == protected or protected in out.parents:
            raise ValueError(f"--out {out} is inside {protected}, which holds committed "
                             "files; choose a folder outside notebooks/, figures/ and seeds/.")
    if dask is not None:
        from .dask_backend import check_scheduler

        check_scheduler(dask)              # missing Dask or no scheduler there fails here
    # Loading and checking the corpus, and splitting it into sentences for the cache, run
    # in a child process where one can be forked: the memory they take (the whole corpus
    # as Python objects) goes back to the system when it ends, instead of staying with
    # this process while the notebooks run.
    book_path, actors = _in_child(_prepare, corpus, out, by, codebook, dask)
    todo = [Path(p) for p in notebooks] if notebooks else notebook_paths()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    saved = {k: os.environ.get(k) for k in (
        "DISCOURSEKIT_FIGURES", "DISCOURSEKIT_CORPUS", "DISCOURSEKIT_BY", "DISCOURSEKIT_CODEBOOK",
        "DISCOURSEKIT_ACTORS", "DISCOURSEKIT_ACTORS_SUGGESTED", "DISCOURSEKIT_CACHE",
        "DISCOURSEKIT_DASK")}
    os.environ.update(DISCOURSEKIT_FIGURES=str(figures), DISCOURSEKIT_CORPUS=str(corpus),
                      DISCOURSEKIT_BY=by, DISCOURSEKIT_CACHE=str(out / "cache"))
    os.environ.pop("DISCOURSEKIT_DASK", None)
    if dask is not None:
        os.environ["DISCOURSEKIT_DASK"] = dask
    for key in ("DISCOURSEKIT_ACTORS", "DISCOURSEKIT_ACTORS_SUGGESTED"):
        os.environ.pop(key, None)
    if actors is not None:
        os.environ["DISCOURSEKIT_ACTORS"] = str(actors[0])
        if actors[1]:
            os.environ["DISCOURSEKIT_ACTORS_SUGGESTED"] = "1"
    if book_path is not None:
        os.environ["DISCOURSEKIT_CODEBOOK"] = str(book_path)
    else:
        os.environ.pop("DISCOURSEKIT_CODEBOOK", None)
    written = []
    try:
        for nb in todo:
            target = out / "notebooks" / nb.name
            source = _without_seed_cells(nb, target)
            try:
                with _kernel_config() as config:
                    papermill.execute_notebook(str(source), str(target), kernel_name="python3",
                                               parameters={"corpus_dir": str(corpus), "by": by},
                                               cwd=str(nb.parent), progress_bar=False,
                                               config=config)
            finally:
                source.unlink(missing_ok=True)
            written.append(target)
    finally:
        _restore(saved)
    return written


def _prepare(corpus: Path, out: Path, by: str, codebook, dask) -> tuple:
    """Load and check the corpus, its codebook, coding sheets and actor table (each
    failing with its own message), then keep it, split into sentences, in ``out/cache``.
    Returns the codebook's path (None: built in) and the actor table to use."""
    from .corpus import load_corpus

    # nothing is written to the cache before the checks pass
    with _environment(DISCOURSEKIT_CACHE=None, DISCOURSEKIT_DASK=dask):
        loaded = load_corpus(corpus, by=by)                # fail fast, before any notebook
    _check_groups(loaded, corpus, by)
    _check_words(loaded, corpus)
    from .framing import corpus_codebook, read_codes

    book_path = (Path(codebook).resolve() if codebook is not None else
                 corpus / "codebook.yaml" if (corpus / "codebook.yaml").is_file() else None)
    book = corpus_codebook(corpus, path=book_path)          # a bad codebook fails here
    if paths.codes_dir(corpus).is_dir():
        read_codes(paths.codes_dir(corpus), corpus=loaded, codebook=book)   # and bad sheets
    actors = _actor_table_for(corpus, loaded, out)        # a bad actors.csv fails here
    _cache_sentences(corpus, loaded, out / "cache", dask)
    return book_path, actors


def _in_child(func, *args):
    """``func(*args)`` in a forked child process, its result or its exception passed
    back; in this process where processes cannot be forked."""
    import multiprocessing
    import pickle
    import traceback

    if "fork" not in multiprocessing.get_all_start_methods():
        return func(*args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def run():
        try:
            result = (True, func(*args))
        except BaseException as exc:        # noqa: BLE001 - passed back and raised there
            try:
                pickle.dumps(exc)
                result = (False, exc)
            except Exception:
                result = (False, RuntimeError(traceback.format_exc()))
        send.send(result)

    child = ctx.Process(target=run)
    child.start()
    send.close()
    try:
        ok, value = receive.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"preparing the corpus stopped (exit code {child.exitcode}); "
                           "the machine may have run out of memory") from None
    child.join()
    if not ok:
        raise value
    return value


@contextlib.contextmanager
def _environment(**values):
    """Environment variables set for the duration (None: unset), then put back."""
    saved = {k: os.environ.get(k) for k in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        _restore(saved)


def _restore(saved: dict) -> None:
    """Put environment variables back as they were (None: unset)."""
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _cache_sentences(folder: Path, loaded, cache: Path, dask: str | None = None) -> None:
    """Split the corpus into sentences and tokens once, on every core, and keep the
    arrays in the build's cache (:mod:`discoursekit.corpus_cache`) for every notebook."""
    from . import corpus_cache
    from .corpus import _read_metadata

    with _environment(DISCOURSEKIT_CACHE=str(cache), DISCOURSEKIT_DASK=dask):
        loaded._units
        corpus_cache.store(folder, _read_metadata(folder), loaded)
