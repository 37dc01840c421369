"""The offline stanza model pack: building, resolving, loading and scoring it."""
