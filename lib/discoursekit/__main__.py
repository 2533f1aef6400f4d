"""Command line: ``python -m discoursekit build [NOTEBOOK ...]``."""
from __future__ import annotations

import argparse
import sys
import time

from ._validate import CorpusError
from .build import build_corpus, execute_notebook, suite_notebooks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m discoursekit",
                                     description="Regenerate the notebooks and figures.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="re-execute notebooks in place and regenerate figures/")
    b.add_argument("notebooks", nargs="*", help="notebooks to run (default: all, in order, "
                                                    "then the answer keys in notebooks/key)")
    b.add_argument("--corpus", help="run on this corpus folder (.txt files + metadata.csv) "
                                    "instead of regenerating the committed notebooks")
    b.add_argument("--out", help="with --corpus: folder for executed notebooks and figures")
    b.add_argument("--by", default="author", help="with --corpus: metadata column that "
                                                  "defines the groups (default: author)")
    b.add_argument("--codebook", help="with --corpus: the codebook YAML to code frames with "
                                      "(default: codebook.yaml in the corpus folder, else "
                                      "the built-in codebook)")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="with --corpus: run cleaning, counting and the sentence coders on Dask "
                        "(a scheduler's address such as tcp://host:8786, or 'processes', "
                        "'threads'); needs the extra: pip install -e .[dask]")
    args = parser.parse_args(argv)
    if args.dask and not args.corpus:
        parser.error("--dask goes with --corpus (the seed notebooks are small and run locally)")
    if args.command == "build" and args.corpus:
        if not args.out:
            parser.error("--corpus needs --out DIR (the committed notebooks are never overwritten)")
        try:
            for path in build_corpus(args.corpus, args.out, by=args.by,
                                     notebooks=args.notebooks or None,
                                     codebook=args.codebook, dask=args.dask):
                print(f"wrote {path}", file=sys.stderr)
        except (CorpusError, ValueError, FileNotFoundError, ImportError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "build":
        for path in args.notebooks or suite_notebooks():
            start = time.perf_counter()
            execute_notebook(path)
            print(f"executed {path} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
