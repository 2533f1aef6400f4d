"""Print the tables of docs/benchmarks.md from bench/suite-results.csv (``make bench-suite``).

Medians over runs; the exponent of each step is the slope of log(seconds) on
log(tokens) over the sizes measured (least squares; 1 is linear), and again over the two
largest sizes only (where fixed costs, such as drawing a figure, weigh least).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _fmt_s(x: float) -> str:
    return f"{x / 60:.1f} min" if x >= 120 else f"{x:.1f} s"


def main(argv=None):
    import numpy as np
    import pandas as pd

    path = Path((argv or sys.argv[1:] or [HERE / "suite-results.csv"])[0])
    df = pd.read_csv(path)
    sizes = sorted(df["million"].unique())
    med = (df.groupby(["million", "notebook", "step"])
             .agg(seconds=("seconds", "median"), peak_mb=("peak_mb", "median"),
                  peak_process_mb=("peak_process_mb", "median"), runs=("run", "nunique"),
                  tokens=("tokens", "first"), documents=("documents", "first"))
             .reset_index())
    print(f"Machine: {df['machine'].iloc[0]}; run {df['date'].min()}\n")
    whole = med[med["notebook"] == "(whole build)"].set_index("million")
    print("| tokens | documents | runs | whole build | peak memory (all processes) | "
          "largest process |")
    print("|---|---|---|---|---|---|")
    for m in sizes:
        r = whole.loc[m]
        print(f"| {r['tokens'] / 1e6:.2f} M | {int(r['documents']):,} | {int(r['runs'])} | "
              f"{_fmt_s(r['seconds'])} | {r['peak_mb'] / 1024:.2f} GB | "
              f"{r['peak_process_mb'] / 1024:.2f} GB |")

    def slope(part, largest=False):
        part = part[part["seconds"] > 0]
        if largest:
            part = part[part["million"].isin(sizes[-2:])]
        if part["million"].nunique() < 2:
            return np.nan
        return float(np.polyfit(np.log(part["tokens"]), np.log(part["seconds"]), 1)[0])

    def slopes(part):
        return f"{slope(part):.2f} | {slope(part, largest=True):.2f}"

    whole_rows = med[med["notebook"] == "(whole build)"]
    if len(sizes) < 2:                  # one size: no exponent, no table of growth
        print("\nOne size only: run two or more (--sizes) for the exponents and the tables "
              "per notebook and step.")
        return
    print(f"\nExponent of the whole build: {slope(whole_rows):.2f} over all sizes, "
          f"{slope(whole_rows, largest=True):.2f} from {sizes[-2]:g} to {sizes[-1]:g} M.")
    print("\nPer notebook (median seconds; peak memory of all processes while it ran):\n")
    nbs = med[(med["step"] == "(all)") & ~med["notebook"].str.startswith("(")]
    header = " | ".join(f"{m:g} M" for m in sizes)
    print(f"| notebook | {header} | exponent | exponent, {sizes[-2]:g}–{sizes[-1]:g} M | "
          f"peak at {sizes[-1]:g} M |")
    print("|---|" + "---|" * len(sizes) + "---|---|---|")
    prep = med[med["step"] == "preparing"]
    for name, part in list(prep.groupby("notebook")) + list(nbs.groupby("notebook")):
        label = "build: load, check, sentences" if name == "(build)" else name
        cells = " | ".join(_fmt_s(part.set_index("million")["seconds"].get(m, np.nan))
                           for m in sizes)
        top = part.set_index("million")["peak_mb"].get(sizes[-1], np.nan) / 1024
        print(f"| {label} | {cells} | {slopes(part)} | {top:.2f} GB |")

    print("\nPer step, summed over the notebooks (median seconds):\n")
    steps = med[~med["step"].isin(["(all)"]) & (med["notebook"] != "(whole build)")]
    per_step = (steps.groupby(["million", "step"])
                .agg(seconds=("seconds", "sum"), tokens=("tokens", "first"),
                     peak_mb=("peak_mb", "max")).reset_index())
    print(f"| step | {header} | exponent | exponent, {sizes[-2]:g}–{sizes[-1]:g} M | "
          f"peak at {sizes[-1]:g} M |")
    print("|---|" + "---|" * len(sizes) + "---|---|---|")
    order = per_step[per_step["million"] == sizes[-1]].sort_values("seconds", ascending=False)
    for name in order["step"]:
        part = per_step[per_step["step"] == name]
        cells = " | ".join(_fmt_s(part.set_index("million")["seconds"].get(m, np.nan))
                           for m in sizes)
        top = part.set_index("million")["peak_mb"].get(sizes[-1], np.nan) / 1024
        print(f"| {name} | {cells} | {slopes(part)} | {top:.2f} GB |")


if __name__ == "__main__":
    main()
