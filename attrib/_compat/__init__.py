"""Module paths from before issue 24's layout, still importable and runnable (``python -m``).

attrib's modules moved into one subpackage per stage (``attrib/languages``, ``inputs``,
``article``, ``parsing``, ``attribution``, ``dataset``, ``report``, ``engines``,
``evaluation``, ``training``). Code and notebooks written against the old paths
(``from attrib.annotator import annotate_corpus``, ``python -m attrib.accuracy``) keep
working: a finder on ``sys.meta_path`` answers each old name in :data:`MOVED` with the module
now there. The old name *is* the new module (same object), so patching an attribute,
``isinstance`` and pickles behave; ``python -m OLD`` runs the new module's code as
``__main__``. Old modules whose contents went to several places map to a module of this
package that gathers their names again (``annotator``, ``parallel``).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

_TOOLS = ("gold", "evaluate", "accuracy", "agreement", "coding", "coding_eval", "mining", "spangold", "pool",
          "bench", "bench_report", "langid_bench")
_EXTRACT = ("clauses", "cues", "framing", "givers", "hedges", "interview", "match", "names", "nesting",
            "quotes", "repair", "resolve", "sources", "subjects", "told", "verbs")
_LEARNED_RUN = ("combine", "decode", "features", "infer", "modeling", "runner", "windows")
_LEARNED_TRAIN = ("build", "data", "gate", "report", "scoring", "train")
_PACK_RUN = ("batching", "pack", "resolve", "windows")
_PACK_BUILD = ("build", "curves", "evaluate", "gate", "jobs", "recipe", "report", "score", "speed", "staging")

# old dotted name (without "attrib.") -> new one
MOVED = {
    "codebook": "languages.codebook", "codebooks": "languages.codebooks", "langid": "languages.langid",
    "reader": "inputs.reader", "usage": "inputs.usage", "dates": "inputs.dates",
    "structure": "article.structure",
    "segment": "parsing.segment", "nlp": "parsing.nlp", "lemmas": "parsing.lemmas", "parse": "parsing.conllu",
    "encoder": "parsing.encoder", "encoder.convert": "parsing.encoder.convert",
    "encoder.e5file": "parsing.encoder.e5file", "extract.sent": "parsing.sent",
    "context": "attribution.context", "speakers": "attribution.speakers", "registry": "attribution.registry",
    "registries": "attribution.registries", "extract": "attribution.extract",
    "schema": "dataset.schema", "store": "dataset.store", "upgrade": "dataset.upgrade",
    "dask_engine": "engines.dask_engine", "report.browser_bench": "evaluation.browser_bench",
    "annotator": "_compat.annotator", "parallel": "_compat.parallel",
    "models": "_compat.models", "learned": "_compat.learned",
    **{name: f"evaluation.{name}" for name in _TOOLS},
    **{f"extract.{name}": f"attribution.extract.{name}" for name in _EXTRACT},
    **{f"learned.{name}": f"attribution.learned.{name}" for name in _LEARNED_RUN},
    **{f"learned.{name}": f"training.learned.{name}" for name in _LEARNED_TRAIN},
    **{f"models.{name}": f"parsing.pack.{name}" for name in _PACK_RUN},
    **{f"models.{name}": f"training.pack.{name}" for name in _PACK_BUILD},
}


class _Alias(importlib.abc.Loader):
    """Loads an old name as the module now at ``target`` (the very same object)."""

    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        module = importlib.import_module(self.target)
        self.spec = module.__spec__
        return module

    def exec_module(self, module) -> None:
        module.__spec__ = self.spec  # the import system gave it the alias's spec: give its own back

    def get_code(self, fullname: str):
        """``python -m OLD``: the new module's code, run as ``__main__``."""
        spec = importlib.util.find_spec(self.target)
        return spec.loader.get_code(self.target)

    def is_package(self, fullname: str) -> bool:
        return False


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the modules of :data:`MOVED` under their old names."""

    def find_spec(self, fullname: str, path=None, target=None):
        new = MOVED.get(fullname.removeprefix("attrib.")) if fullname.startswith("attrib.") else None
        if new is None:
            return None
        real = importlib.util.find_spec(f"attrib.{new}")
        return importlib.util.spec_from_loader(fullname, _Alias(f"attrib.{new}"), origin=real.origin,
                                               is_package=real.submodule_search_locations is not None)


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
