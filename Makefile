# Short names for the suite's commands.  Each creates .venv from requirements.txt first
# if it is missing or older than requirements.txt, so nothing else needs installing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-requirements

# A private matplotlib config keeps a user's matplotlibrc out of the figures; a fixed hash
# seed keeps any set iteration the same between runs.
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export PYTHONHASHSEED := 0
# OpenBLAS picks its kernels by CPU, and kernels differ in the last bits of a result (the
# SVD of the correspondence analysis, for one): on any x86-64 CPU with AVX2, use the same
# (Haswell) kernels, so that figures built on another machine are the same bytes.
ifneq ($(shell grep -m1 -ow avx2 /proc/cpuinfo 2>/dev/null),)
export OPENBLAS_CORETYPE := Haswell
endif

.PHONY: figures test unit notebooks check-reproducible lab venv clean-venv html browser-test bench \
	bench-check bench-suite test-dask

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## figures: re-execute every notebook in order, in place, and regenerate figures/
figures: $(STAMP)
	$(BIN)/python -m discoursekit build

## test: unit tests and docstring examples of the library, then nbval (strict) over every notebook
## (without Dask, which is an optional extra: its tests are in tests/dask, run by test-dask)
test: $(STAMP)
	$(BIN)/python -m pytest tests lib/discoursekit notebooks --doctest-modules --nbval --nbval-current-env -p no:cacheprovider --ignore=tests/dask

unit: $(STAMP)
	$(BIN)/python -m pytest tests lib/discoursekit --doctest-modules -p no:cacheprovider --ignore=tests/dask

## test-dask: the Dask path (tests/dask) in its own environment with the optional extra
## (.venv-dask from requirements-dask.txt: Dask's local schedulers and a two-worker LocalCluster)
DASK_VENV  := .venv-dask
DASK_STAMP := $(DASK_VENV)/.installed
$(DASK_STAMP): requirements.txt requirements-dask.txt pyproject.toml
	$(PYTHON) -m venv $(DASK_VENV)
	$(DASK_VENV)/bin/python -m pip install --quiet --upgrade "pip==25.3"
	$(DASK_VENV)/bin/python -m pip install --quiet -r requirements-dask.txt
	touch $(DASK_STAMP)

test-dask: $(DASK_STAMP)
	$(DASK_VENV)/bin/python -m pytest tests/dask -p no:cacheprovider

## check-reproducible: build twice; fail if the second build changed any committed byte
check-reproducible: $(STAMP)
	$(BIN)/python -m discoursekit build
	git diff --quiet -- notebooks figures || (echo "build changed committed files:"; git status --short notebooks figures; exit 1)
	$(BIN)/python -m discoursekit build
	git diff --quiet -- notebooks figures || (echo "second build changed files:"; git status --short notebooks figures; exit 1)
	@test -z "$$(git status --porcelain --untracked-files=all -- notebooks figures)" || (echo "untracked files appeared:"; git status --short notebooks figures; exit 1)
	@echo "reproducible: two builds left notebooks/ and figures/ unchanged"

## html: render every executed notebook to site/ (offline pages + index.html)
html: $(STAMP)
	$(BIN)/python -m discoursekit.html --out site

## browser-test: open every notebook in JupyterLab in headless Chromium (slow; needs
## /usr/bin/chromium, i.e. Debian's chromium package; screenshots go to build/browser/)
browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/browser/jupyterlab_check.py -p no:cacheprovider -v

## bench: time tokenisation and keyness against Scattertext and NLTK in a separate venv
## (scattertext and dask never enter .venv); writes bench/results.csv and
## bench/results-varied.csv; about 40-75 minutes on two cores (Scattertext and NLTK at
## 10 M tokens take most of it)
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed
$(BENCH_STAMP): requirements.txt bench/requirements-bench.txt pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade "pip==25.3"
	$(BENCH_VENV)/bin/python -m pip install --quiet -r requirements.txt
	$(BENCH_VENV)/bin/python -m pip install --quiet --no-deps -r bench/requirements-bench.txt
	touch $(BENCH_STAMP)

## bench-check: discoursekit's scaled F-score against Scattertext's own, on the same counts
bench-check: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/check_scaled_f.py

bench: bench-check
	$(BENCH_VENV)/bin/python bench/run_bench.py --runs 3 --sizes 0.1,1,10
	$(BENCH_VENV)/bin/python bench/run_bench.py --runs 3 --sizes 1,10 --corpora convention-varied \
		--out bench/results-varied.csv

## lab: open the notebooks in JupyterLab
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

clean-venv:
	rm -rf $(VENV)

## bench-suite: the whole build (--corpus, every notebook) on news-like corpora of about 1, 3
## and 10 M tokens, wall time and peak memory per notebook and step, medians of runs; writes
## bench/suite-results.csv and prints the tables of docs/benchmarks.md (about 50 minutes on
## two cores: 3 runs of 1 M and 3 M, 2 of 10 M; override with SUITE_ARGS="--sizes 1,3 --runs 2")
SUITE_ARGS ?= --sizes 1,3,10 --runs 3 --runs-largest 2
bench-suite: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/run_suite_bench.py $(SUITE_ARGS)
