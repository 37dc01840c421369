"""Hedges and evidentiality of a sentence: reportedly, claimed, without evidence, ..."""

from __future__ import annotations

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.match import find_all
from attrib.parsing.sent import Sent

# A negated form ("not confirmed") wins over the bare one ("confirmed") on the same words.
OVERRIDES = {"unconfirmed": "confirmed"}


def hedges(sent: Sent, book: Codebook) -> list[str]:
    """Return the hedge categories the sentence carries, in codebook order, once each.

    Args:
        sent: the parsed sentence.
        book: the language's codebook (its ``hedges`` section).

    Returns:
        Category names such as ``reportedly`` or ``without_evidence``.
    """
    found: dict[str, set[int]] = {}
    for category, patterns in book.section("hedges").items():
        matches = find_all(sent, patterns)
        if matches:
            found[category] = {w.id for m in matches for w in m}
    for strong, weak in OVERRIDES.items():
        if strong in found and weak in found and found[weak] <= found[strong]:
            del found[weak]
    return list(found)
