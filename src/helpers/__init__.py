"""Helpers for the Lào Cai industrial-output research repository.

Logic lives here and is unit-tested; the notebooks in ``notebooks/`` stay thin and call
into these modules. Submodules are imported on demand so that the command line starts fast.
"""

__version__ = "0.1.0"
