"""attrib: who speaks in each sentence of a news corpus, through whom, in whose words.

``attrib.annotate(texts_or_dataframe)`` returns the four tables as DataFrames;
``attrib.annotate_corpus(inputs=..., out=...)`` annotates files into a dataset. A document
travels through one subpackage per stage: ``inputs`` → ``article`` → ``parsing`` →
``attribution`` → ``dataset`` → ``report`` (``languages`` serves them all), run in chunks by
``engines`` and put in order by ``pipeline``; ``evaluation`` and ``training`` are tools the
pipeline never imports.
"""

from attrib._compat import install as _install_old_paths
from attrib.version import __version__  # noqa: F401 (the package's version)

_install_old_paths()  # module paths from before the stage packages still import (attrib/_compat)


def __getattr__(name):
    """Import the heavy library entry points lazily (the CLI starts faster)."""
    if name in ("annotate", "Annotations", "annotate_corpus", "run_corpus"):
        import importlib

        return getattr(importlib.import_module("attrib.pipeline"), name)
    raise AttributeError(name)
