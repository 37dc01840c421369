"""Atomic file writes: a temporary file beside the target, then a rename.

A reader never sees a half-written file, and an interrupted run leaves the old one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_text_atomic(path: Path, text: str) -> Path:
    """Write UTF-8 text to ``path`` through ``path.tmp`` and a rename; return ``path``."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
    return path


def write_json_atomic(path: Path, data: Any) -> Path:
    """Write JSON (indented, sorted keys, non-ASCII kept) atomically."""
    return write_text_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
