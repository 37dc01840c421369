"""Lazy package faces: a package's ``__init__`` names what it exports, and each name is
imported from its module on first use (PEP 562).

A face keeps ``import attrib.parsing.sent`` as light as the module itself (nothing else of
the package is imported) and can never start an import circle, because an ``__init__``
imports no module of its package until a name is asked for.
"""

from __future__ import annotations

from importlib import import_module


def lazy_face(package: str, face: dict[str, str]):
    """The module ``__getattr__`` of a package whose face is ``face``.

    Args:
        package: the package's dotted name (``__name__`` in its ``__init__``).
        face: exported name -> the module under the package holding it, as
            ``"module"`` or ``"module:name_there"`` when the name differs there.

    Returns:
        A function for the package's ``__getattr__``.
    """

    def __getattr__(name: str):
        if name not in face:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, there = face[name].partition(":")
        value = getattr(import_module(f"{package}.{module}"), there or name)
        setattr(import_module(package), name, value)
        return value

    return __getattr__


def names(face: dict[str, str], *modules: tuple[str, str]) -> dict[str, str]:
    """A face built from (module, space-separated names) pairs, plus ``face``'s entries."""
    built = {name: module for module, listed in modules for name in listed.split()}
    return {**built, **face}
