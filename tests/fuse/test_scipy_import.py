"""fuse/_scipy.py: scipy.sparse imported without numpy's unused submodules, nothing else changed."""
import subprocess
import sys


def _run(code: str) -> list:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_importing_the_batch_grouper_skips_numpy_f2py_testing_and_ma():
    out = _run("import sys, eventwire.fuse.batch; "
               "print(*[m in sys.modules for m in ('scipy.sparse', 'numpy.f2py', 'numpy.testing', 'numpy.ma')])")
    assert out == ["True", "False", "False", "False"]


def test_the_deferred_submodules_import_as_before_afterwards():
    # numpy's own lazy attribute and a plain import give the real modules, and the copy in
    # scipy's array-API namespace (a stand-in) reaches the real module's functions
    out = _run("import numpy, eventwire.fuse.batch, numpy.testing; "
               "from scipy._lib.array_api_compat import numpy as xnp; "
               "print(type(numpy.ma).__name__, numpy.ma.masked_array is numpy.ma.MaskedArray, "
               "numpy.testing.assert_equal is xnp.testing.assert_equal, "
               "type(numpy.f2py).__name__, callable(xnp.f2py.run_main))")
    assert out == ["module", "True", "True", "module", "True"]


def test_sparse_products_still_work():
    import numpy as np

    from eventwire.fuse._scipy import sparse

    m = sparse.csr_matrix((np.array([1.0, 2.0]), (np.array([0, 1]), np.array([1, 0]))), shape=(2, 2))
    assert (m @ m.T).toarray().tolist() == [[1.0, 0.0], [0.0, 4.0]]
