"""Stage 3, parsing.

Takes: an article's blocks. Gives: sentences as :class:`~attrib.parsing.sent.Sent` (words
with lemma, tag and head) from the stanza model pack, or plain sentences where no parser
serves the language; the shared encoder.
"""
