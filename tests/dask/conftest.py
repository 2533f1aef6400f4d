"""The Dask tests need the optional extra; without it they fail with the fix, not a skip."""
try:
    import dask  # noqa: F401
    import dask.distributed  # noqa: F401
except ImportError:
    raise ImportError("tests/dask need the optional Dask extra: run  make test-dask  (its own "
                      "environment), or  pip install -e .[dask]  first; `make test` leaves "
                      "these tests out.") from None
