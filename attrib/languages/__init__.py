"""Languages: what attrib knows of each language, read by every stage.

Takes: a language code or a text. Gives: the validated YAML codebook (cue verbs, source
words, framing terms, scripts) and a language guess for a text.
"""
