"""Stage 2, the article.

Takes: a document's text. Gives: an :class:`Article` (metadata lines, blocks: headline,
paragraphs and embedded posts, each with its language).
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("structure", "Article Block structure_article"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
