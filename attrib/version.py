"""attrib's version (written into every table's provenance and the reports)."""

__version__ = "0.1.0"
