"""attrib: who speaks in each sentence of a news corpus, through whom, in whose words.

``attrib.annotate(texts_or_dataframe)`` returns the four tables as DataFrames.
"""

__version__ = "0.1.0"


def __getattr__(name):
    """Import the heavy library entry points lazily (the CLI starts faster)."""
    if name in ("annotate", "Annotations", "annotate_corpus"):
        import importlib

        return getattr(importlib.import_module("attrib.pipeline"), name)
    raise AttributeError(name)
