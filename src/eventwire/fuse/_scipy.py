"""``scipy.sparse``, imported without the numpy submodules it never uses.

scipy (1.17) vendors ``array_api_compat``, whose numpy namespace is a copy of every public
attribute of ``numpy``: it asks ``hasattr(numpy, name)`` for each name in ``dir(numpy)``, and
numpy imports its lazily loaded submodules on that first look. So ``from scipy import sparse``
imports ``numpy.f2py`` (which compiles Fortran parsing patterns), ``numpy.testing`` (unittest,
the test runner's helpers) and ``numpy.ma``: some 50 modules and about a twentieth of a second
of the start-up of ``eventwire extract``, for modules neither scipy.sparse nor eventwire calls
(``numpy.polynomial`` is not among them: the reprint index's band shape uses it).

While scipy is first imported here, those submodules are stand-ins that import the real one
on the first look inside (so the copy in scipy's namespace still works if anything ever uses
it); they leave ``sys.modules`` and ``numpy``'s attributes when the import is done, so a later
``import numpy.testing`` or ``numpy.ma`` anywhere imports the real module as before.
"""
from __future__ import annotations

import importlib
import sys
import types

import numpy

# numpy's lazily loaded submodules that the copy would import; a module already imported
# (by someone else, before) is left alone
_DEFERRED = ("numpy.f2py", "numpy.testing", "numpy.ma")


class _Deferred(types.ModuleType):
    """A stand-in for a numpy submodule: the first look inside imports the real one."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _import_sparse():
    if "scipy.sparse" in sys.modules:
        return sys.modules["scipy.sparse"]
    stand_ins = {}
    for name in _DEFERRED:
        attr = name.rpartition(".")[2]
        if name in sys.modules or attr in vars(numpy):
            continue
        stand_in = _Deferred(name)
        stand_in.__path__ = []  # a package, as far as the import system asks
        stand_ins[name] = stand_in
        sys.modules[name] = stand_in
        # numpy's module __getattr__ would import the real one: the attribute answers first
        setattr(numpy, attr, stand_in)
    try:
        return importlib.import_module("scipy.sparse")
    finally:
        for name, stand_in in stand_ins.items():
            attr = name.rpartition(".")[2]
            if vars(numpy).get(attr) is stand_in:
                delattr(numpy, attr)
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


sparse = _import_sparse()
