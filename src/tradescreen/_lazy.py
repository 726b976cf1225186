"""Package names imported on first use (PEP 562), so that importing a package for one of
its light names does not load its heavy modules: ``--help`` should not wait for the matcher,
nor a screening for the list importer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports each exported name from its
    home module (a submodule name) when first asked for, and keeps it."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home}"), name)
        setattr(import_module(package), name, value)
        return value

    return __getattr__
