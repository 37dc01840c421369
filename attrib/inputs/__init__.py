"""Readers of the input formats attrib takes."""
