"""attrib: who speaks in each sentence of a news corpus, through whom, in whose words."""

__version__ = "0.1.0"
