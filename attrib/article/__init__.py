"""Stage 2, the article.

Takes: a document's text. Gives: an :class:`Article` (metadata lines, blocks: headline,
paragraphs and embedded posts, each with its language).
"""
