"""Running the per-document work on Dask: one machine's schedulers or a cluster.

Cleaning, sentence splitting, counting and the per-sentence coders (frames and
functions, stance markers, actors, voices) all hand their work to one function,
``discoursekit.corpus._in_parallel``, which cuts the texts into contiguous parts (at
document boundaries where it knows them) and runs one function on each part.  By
default the parts run in this process and worker processes on this machine.  When a
Dask scheduler is chosen, each part is one Dask task instead, and the results come back
in document order, so every table is the same as on one machine.

Choose a scheduler in one of three ways (the first that is set wins):

- ``discoursekit.dask_backend.use_dask(scheduler)`` in a notebook or script;
- ``dask.config.set({"discoursekit.scheduler": scheduler})`` (Dask's own settings);
- the environment variable ``DISCOURSEKIT_DASK`` (``python -m discoursekit build
  --corpus DIR --dask ADDRESS`` sets it for every notebook it runs).

``scheduler`` is one of Dask's local schedulers (``"synchronous"``, ``"threads"``,
``"processes"``), the address of a running ``dask.distributed`` scheduler
(``"tcp://10.0.0.5:8786"``), or a ``dask.distributed.Client``.  Dask is an optional
extra (``pip install -e .[dask]``); nothing here imports it until a scheduler is chosen.

On a cluster, every worker needs the same version of discoursekit (``pip install
-e .[dask]`` from the same checkout, or the same container image), since each task
imports it to clean, split and code its texts.  The texts of each task are sent to the
workers with the task; the results (integer arrays, matches) come back to the process
that asked for them, which merges them.  See ``docs/scale.md``.
"""
from __future__ import annotations

import os
import sys

__all__ = ["use_dask", "scheduler", "check_scheduler", "run_parts", "PARTITION_CHARS"]

#: The text (characters) of one Dask task, about: partitions much smaller than this
#: spend their time on scheduling, much larger ones leave workers idle.
PARTITION_CHARS = 2_000_000

_CHOSEN: list = [None]
_CLIENTS: dict = {}


def use_dask(scheduler=None) -> None:
    """Run the per-document work on ``scheduler`` (None: back to this machine's
    processes).  See the module's documentation for the values it takes."""
    if scheduler is not None:
        _need_dask()
    _CHOSEN[0] = scheduler


def scheduler():
    """The chosen scheduler (see the module's documentation), or None."""
    if _CHOSEN[0] is not None:
        return _CHOSEN[0]
    if sys.modules.get("dask") is not None:
        import dask

        chosen = dask.config.get("discoursekit.scheduler", None)
        if chosen is not None:
            return chosen
    return os.environ.get("DISCOURSEKIT_DASK") or None


def _need_dask():
    try:
        import dask  # noqa: F401
    except ImportError:
        raise ImportError("discoursekit's Dask path needs Dask: install the optional extra "
                          "with  pip install -e .[dask]  (or unset DISCOURSEKIT_DASK / "
                          "--dask to run on this machine).") from None


def _resolved(chosen):
    """A value ``dask.compute`` takes as ``scheduler``: a local scheduler's name, or a
    client (one per address, made on first use and kept)."""
    if not isinstance(chosen, str) or chosen in _LOCAL:
        return chosen
    if chosen not in _CLIENTS:
        try:
            from dask.distributed import Client
        except ImportError:
            raise ImportError(f"scheduler {chosen!r} is the address of a Dask cluster, which "
                              "needs dask.distributed: pip install -e .[dask]") from None
        _CLIENTS[chosen] = Client(chosen)
    return _CLIENTS[chosen]


_LOCAL = ("synchronous", "sync", "single-threaded", "threads", "threading", "processes",
          "multiprocessing")


def check_scheduler(chosen: str, *, timeout: float = 10) -> None:
    """Fail with one message, before any work, if ``chosen`` is neither one of Dask's
    local schedulers nor the address of a scheduler that answers within ``timeout`` s."""
    _need_dask()
    if chosen in _LOCAL:
        return
    if "://" not in chosen and ":" not in chosen:
        raise ValueError(f"--dask {chosen!r} is neither a Dask scheduler's address (such as "
                         f"tcp://host:8786) nor one of the local schedulers {', '.join(_LOCAL[3:])}"
                         ".")
    try:
        from dask.distributed import Client

        Client(chosen, timeout=timeout).close()
    except ImportError:
        raise ImportError(f"--dask {chosen!r} is the address of a Dask cluster, which needs "
                          "dask.distributed: pip install -e .[dask]") from None
    except (OSError, TimeoutError) as exc:
        raise ValueError(f"--dask {chosen}: no Dask scheduler answered within {timeout:g} s "
                         f"({type(exc).__name__}); start one (dask scheduler) and its workers, "
                         "or pass --dask processes to use this machine's cores.") from None


def run_parts(call, func, shared: dict, parts: list, chosen) -> list:
    """``call(func, shared, texts, per_doc)`` of every part as one Dask task each, on
    ``chosen``; the results in the parts' order."""
    _need_dask()
    import dask

    tasks = [dask.delayed(call, pure=False)(func, shared, texts, per_doc)
             for texts, per_doc in parts]
    return list(dask.compute(*tasks, scheduler=_resolved(chosen)))
