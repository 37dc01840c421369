"""Extractors: small pure functions from an annotated sentence to rows or spans.

Like textacy's ``extract``, each module takes a :class:`~attrib.parsing.sent.Sent` (built
from a stanza sentence or from hand-written CoNLL-U) plus the language's codebook and
returns plain data; the annotator composes them.
"""
