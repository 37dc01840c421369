"""Training: builds what the pipeline loads; the pipeline never imports it.

Takes: the UD treebanks and the gold sets. Gives: the stanza model pack (``pack/``) and the
learned attribution model (``learned/``) in ``data/models``, each behind its gate.
"""
