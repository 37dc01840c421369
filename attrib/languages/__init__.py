"""Languages: what attrib knows of each language, read by every stage.

Takes: a language code or a text. Gives: the validated YAML codebook (cue verbs, source
words, framing terms, scripts) and a language guess for a text.
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("codebook", "Codebook load_codebooks packaged_languages"),
    ("langid", "detect_language script_of"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
