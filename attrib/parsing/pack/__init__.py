"""The stanza model pack at run time: finding, checking and loading it.

Takes: a pack folder (or none: the shipped pack). Gives: stanza pipelines per language.
"""
