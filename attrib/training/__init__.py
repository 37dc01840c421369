"""Training: builds what the pipeline loads; the pipeline never imports it.

Takes: the UD treebanks and the gold sets. Gives: the stanza model pack (``pack/``) and the
learned attribution model (``learned/``) in ``data/models``, each behind its gate.
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("pack.build", "build_pack"),
    ("pack.evaluate", "evaluate_pack"),
    ("pack.speed", "compare_speed write_speed_report"),
    ("learned.build", "build_attribution"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
