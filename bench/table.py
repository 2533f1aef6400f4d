"""Print the README's benchmark tables from bench/results.csv (medians measured in one run).

    python bench/table.py [bench/results.csv bench/results-varied.csv]
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


NAMES = {"convention": "convention", "seeds": "seeds × copies",
         "convention-varied": "convention, growing vocabulary"}


def _s(x: str) -> str:
    v = float(x)
    return f"{v:.3f} s" if v < 1 else f"{v:.2f} s"


def keyness_table(rows) -> str:
    """Load → count → keyness of every group against the rest, per corpus and size."""
    key = {(r["corpus"], r["size_millions"], r["tool"]): r for r in rows if r["task"] == "keyness"}
    out = ["| corpus | tokens | discoursekit | with bootstrap (1,000) | without cleaning "
           "| Scattertext | NLTK | Scattertext ÷ discoursekit (without cleaning) "
           "| peak memory discoursekit / Scattertext |",
           "|---|---|---|---|---|---|---|---|---|"]
    for corpus, size in dict.fromkeys((r["corpus"], r["size_millions"]) for r in rows):
        dk = key.get((corpus, size, "discoursekit"))
        if dk is None:
            continue
        boot, raw, st, nl = (key.get((corpus, size, t)) for t in
                             ("discoursekit-boot", "discoursekit-raw", "scattertext", "nltk"))
        name = NAMES.get(corpus, corpus)
        ratio = f"{float(dk['scattertext_seconds_over_this']):.1f}×"
        if raw:
            ratio += f" ({float(raw['scattertext_seconds_over_this']):.1f}×)"
        out.append(
            f"| {name} | {int(dk['dk_tokens']) / 1e6:.2f} M | {_s(dk['seconds_median'])} | "
            f"{_s(boot['seconds_median']) if boot else ''} | "
            f"{_s(raw['seconds_median']) if raw else ''} | "
            f"{_s(st['seconds_median']) if st else ''} | {_s(nl['seconds_median']) if nl else ''} | "
            f"{ratio} | "
            f"{float(dk['peak_rss_mb_median']):,.0f} / "
            f"{float(st['peak_rss_mb_median']) if st else float('nan'):,.0f} MB |")
    return "\n".join(out)


def tokenize_table(rows) -> str:
    """Tokenisation throughput, in each tool's own tokens per second."""
    sel = [r for r in rows if r["task"] == "tokenize"]
    out = ["| corpus | tokens | tool | what | seconds | tokens per second |",
           "|---|---|---|---|---|---|"]
    for r in sel:
        out.append(f"| {NAMES.get(r['corpus'], r['corpus'])} | {int(r['dk_tokens']) / 1e6:.2f} M | "
                   f"{r['tool']} | "
                   f"{r['what']} | {_s(r['seconds_median'])} | "
                   f"{float(r['tokens_per_second']) / 1e6:.2f} M |")
    return "\n".join(out)


def exponents(rows) -> str:
    """The fitted exponent over all sizes, and the slope between the two largest."""
    import math

    seen = {}
    for r in rows:
        seen.setdefault((r["corpus"], r["task"], r["tool"]), []).append(r)
    out = []
    for (c, t, tool), rs in sorted(seen.items()):
        rs = sorted(rs, key=lambda r: float(r["dk_tokens"]))
        if len(rs) < 2:
            continue
        a, b = rs[-2], rs[-1]
        top = math.log(float(b["seconds_median"]) / float(a["seconds_median"])) / \
            math.log(float(b["dk_tokens"]) / float(a["dk_tokens"]))
        out.append(f"- {c} {t} {tool}: {rs[0]['fitted_exponent']} over all sizes, "
                   f"{top:.2f} between the two largest")
    return "\n".join(out)


if __name__ == "__main__":
    files = sys.argv[1:] or [p for p in (HERE / "results.csv", HERE / "results-varied.csv")
                             if p.exists()]
    rows = [r for f in files for r in _rows(f)]
    print(keyness_table(rows), "", tokenize_table(rows), "", "fitted exponents (time ~ size^k):",
          exponents(rows), sep="\n")
