"""Stage 3, parsing.

Takes: an article's blocks. Gives: sentences as :class:`~attrib.parsing.sent.Sent` (words
with lemma, tag and head) from the stanza model pack, or plain sentences where no parser
serves the language; the shared encoder.
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("sent", "Sent Word"),
    ("nlp", "parse_paragraphs"),
    ("conllu", "parse_corpus to_conllu"),
    ("pack.resolve", "SHIPPED_PACK load_pipeline resolve_models check_models check_model_pack available_languages"),
    ("encoder.convert", "build_encoder encoder_dir"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
