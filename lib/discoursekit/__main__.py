"""Command line: ``python -m discoursekit build [NOTEBOOK ...]``."""
from __future__ import annotations

import argparse
import sys
import time

from .build import execute_notebook, notebook_paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m discoursekit",
                                     description="Regenerate the notebooks and figures.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="re-execute notebooks in place and regenerate figures/")
    b.add_argument("notebooks", nargs="*", help="notebooks to run (default: all, in order)")
    args = parser.parse_args(argv)
    if args.command == "build":
        for path in args.notebooks or notebook_paths():
            start = time.perf_counter()
            execute_notebook(path)
            print(f"executed {path} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
