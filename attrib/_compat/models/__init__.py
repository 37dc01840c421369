"""``attrib.models`` before issue 24: the stanza pack, now ``attrib.parsing.pack`` (finding and
loading it) and ``attrib.training.pack`` (building it); its modules resolve through
:data:`attrib._compat.MOVED`."""
