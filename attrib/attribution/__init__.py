"""Stage 4, attribution.

Takes: an article's parsed sentences. Gives: per sentence its reporting chain (proximate
link first), quotes, hedges and framing terms with the voice using them; sources resolved
through the registry. The rules (``rules``, ``extract/``) and the learned model (``learned/``)
both serve it; :class:`~attrib.attribution.annotator.Annotator` runs a document through
every stage up to here.
"""

from attrib._face import lazy_face, names

_FACE = names({'ATTRIBUTIONS': 'learned.runner:CHOICES'},
    ("annotator", "Annotator annotate_documents provenance"),
    ("rules", "INSIDE_SHARE attribute_article attribute_block interviewee looks_like_source ordered_cues sentence_chain"),
    ("registry", "Registry load_registry"),
    ("learned.infer", "check_learned"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
