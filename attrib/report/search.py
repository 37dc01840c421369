"""How the sentence browser matches what a researcher types: folding, filters, months.

**Folding.** Search words, source and chain filters are compared folded: Unicode NFD, every
combining mark dropped, case folded (:func:`search_fold`: ``"Τοκάγεφ"`` and ``"τοκαγεφ"``,
``"Orbán"`` and ``"ORBAN"``, ``"Straße"`` and ``"strasse"`` fold alike). The page's script folds the
same way: JavaScript has no ``casefold``, so it lowercases and then applies
:func:`casefold_table` (the characters whose case folding differs from their lowercase, ``ς``
and ``ß`` among them), which the page carries in its data.

**Filters.** :func:`matches` is the reference for the page's own ``matches``: outlet, language,
source type, framing category and attributed are chosen from lists and compared as they are;
``source`` matches any source of the chain containing it and ``chain`` a chain containing it,
both folded; a value in double quotes (``"RIA ← Peskov"``, as the report's chain links write
it) matches a whole chain or source name only. ``q`` keeps the sentences whose text or chain
contains every word. ``month`` is the document's month (``2022-01``), its year for a date
given only to the year, or ``undated``; ``from`` and ``to`` compare ISO days.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache

UNDATED = "undated"


def _unmarked(text: str) -> str:
    """``text`` in NFD without its combining marks (Unicode categories Mn, Mc, Me)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))


def search_fold(text: str) -> str:
    """``text`` as the browser compares it: NFD, no combining marks, case folded (``"Orbán"``: ``"orban"``)."""
    return _unmarked(text).casefold()  # case folding an unmarked text adds no mark (a test checks every character)


@lru_cache(maxsize=1)
def casefold_table() -> dict[str, str]:
    """Characters (NFD-stable) whose case folding differs from their lowercase, to their folded form.

    The page drops marks, lowercases and then maps these, which gives :func:`search_fold`'s
    result for every character (a test checks each one).
    """
    table = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.casefold() != char.lower() and unicodedata.normalize("NFD", char) == char:
            table[char] = search_fold(char)
    return table


def month_of(published: str) -> str:
    """The browser's month of a document's date (``2022-01-05``: ``2022-01``; ``2021``: ``2021``; none: undated)."""
    return published[:7] if published else UNDATED


def first_day(published: str) -> str:
    """The first ISO day of a date given to the day, month or year (``2021-01``: ``2021-01-01``)."""
    return published + {4: "-01-01", 7: "-01"}.get(len(published), "")


def _text_match(value: str, candidates: list[str]) -> bool:
    """A folded filter value against folded candidates: quoted, a whole one; else contained in one."""
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1].strip() in candidates
    return any(value in c for c in candidates)


def _dated(record: dict, start: str, end: str) -> bool:
    """The record's date is within ``start`` and ``end`` (ISO days; empty: open)."""
    day = first_day(record["published"])
    return (not start or (bool(day) and day >= start)) and (not end or (bool(day) and day <= end))


def matches(record: dict, filters: dict[str, str]) -> bool:
    """Whether the browser shows ``record`` (from :func:`attrib.report.browser.browser_records`) under ``filters``.

    Args:
        record: one sentence's record.
        filters: the page's controls by key (outlet, month, from, to, lang, source, type, category,
            attributed ``yes``/``no``, chain, q); missing or empty: any.
    """
    f = {k: str(v).strip() for k, v in filters.items() if v is not None and str(v).strip()}
    chosen = {"outlet": [record["outlet"]], "month": [month_of(record["published"])], "lang": [record["lang"]],
              "type": record["types"], "category": [c for _, c in record["framing"]],
              "attributed": ["yes" if record["attributed"] else "no"]}
    if any(key in f and f[key] not in values for key, values in chosen.items()):
        return False
    if "source" in f and not _text_match(search_fold(f["source"]), [search_fold(s) for s in record["sources"]]):
        return False
    if "chain" in f and not _text_match(search_fold(f["chain"]), [search_fold(record["chain"])]):
        return False
    hay = search_fold(record["text"] + "\n" + record["chain"])
    return _dated(record, f.get("from", ""), f.get("to", "")) and all(w in hay for w in search_fold(
        f.get("q", "")).split())


def select(records: list[dict], filters: dict[str, str]) -> list[dict]:
    """The records the browser shows under ``filters`` (see :func:`matches`), in page order."""
    return [r for r in records if matches(r, filters)]


FOLD_SCRIPT = r"""
const FOLD = D.fold, FOLD_RE = new RegExp("[" + Object.keys(FOLD).join("").replace(/[\]\\^-]/g, "\\$&") + "]", "gu");
function unmarked(s) { return s.normalize("NFD").replace(/\p{M}+/gu, ""); }
function fold(s) {
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  return unmarked(s).toLowerCase().replace(FOLD_RE, c => FOLD[c]); }
function textMatch(value, candidates) {
  if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
    const whole = value.slice(1, -1).trim(); return candidates.some(c => c === whole); }
  return candidates.some(c => c.includes(value)); }
function monthOf(p) { return p ? p.slice(0, 7) : "undated"; }
function firstDay(p) { return p.length === 4 ? p + "-01-01" : p.length === 7 ? p + "-01" : p; }
window.attribFold = fold;
"""
