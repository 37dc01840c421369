"""Errors attrib raises for things a user can fix.

Every message says what went wrong and what to do next; the CLI prints the message and
exits with status 2 instead of showing a traceback.
"""


class AttribError(Exception):
    """Base class of errors whose message is meant for the user."""


class ConfigError(AttribError):
    """A codebook, registry or recipe file is malformed."""


class ModelError(AttribError):
    """A model is missing, corrupt or cannot be loaded."""


class UsageError(AttribError):
    """The command was given something it cannot work with (a missing path, an output that is
    a file, a table without the columns it needs); nothing has been written."""
