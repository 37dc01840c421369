"""Stage 4, attribution.

Takes: an article's parsed sentences. Gives: per sentence its reporting chain (proximate
link first), quotes, hedges and framing terms with the voice using them; sources resolved
through the registry. The rules (``rules``, ``extract/``) and the learned model (``learned/``)
both serve it; :class:`~attrib.attribution.annotator.Annotator` runs a document through
every stage up to here.
"""
