"""Stage 6, the report.

Takes: an annotated dataset (``attrib annotate``'s output). Gives: DataFrames of reliance,
framing and ratings (:mod:`attrib.report.reliance`, :mod:`attrib.report.framing`,
:mod:`attrib.report.ratings`, per outlet and period in :mod:`attrib.report.groups`), charts,
``report.html``, the sentence browser (``browser.html``), ``README.md`` and every table as
Parquet and CSV, all written by :func:`build_report` (:mod:`attrib.report.build`).
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("build", "build_report read_annotations corpus_title summarise grouped_tables"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
