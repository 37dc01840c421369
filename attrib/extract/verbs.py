"""Which codebook reporting verb a parsed word is: by lemma, listed form, preverb or particle.

A codebook key of one word is a verb lemma ("δηλώνω", "elmond", "say"). A key of several
words is a light-verb or particle cue whose first word is the verb and whose other words
must be among the verb's dependents or their markers ("κάνω λόγος" in "κάνει λόγο για",
"ad hang" in "hangot adott", "point out", "call for"). A verb's ``except`` words, found the
same way, make it something else ("αρνήθηκε να": refused; "csődöt mondott": failed).
"""

from __future__ import annotations

from attrib.extract.match import built_once, forms
from attrib.extract.sent import Sent, Word, fold

VERBAL = ("VERB", "AUX", "ADJ")


def _single_index(verbs: dict) -> dict[str, str]:
    """Folded lemma or listed form -> the one-word codebook key it stands for."""
    folded = {fold(form): k for k, options in verbs.items() if " " not in k
              for form in (options or {}).get("forms", [])}
    folded.update({fold(k): k for k in verbs if " " not in k})
    return folded


def _multi_index(verbs: dict) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Folded verb of a several-word key -> (key, the other words folded)."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key in verbs:
        words = [fold(w) for w in key.split()]
        if len(words) > 1:
            index.setdefault(words[0], []).append((key, tuple(words[1:])))
    return index


def dependents(sent: Sent, word: Word) -> list[Word]:
    """A verb's dependents and their markers (the "for" of "call for calm")."""
    kids = sent.children(word)
    return kids + [m for k in kids for m in sent.children(k, "case", "mark", "compound")]


def _own_forms(word: Word, preverbs: list[Word]) -> list[str]:
    """The word's folded lemma and surface, each also with a separated preverb before it
    ("számolt be" is beszámol), lemma first."""
    own = [fold(word.lemma), fold(word.lemma).replace("+", ""), fold(word.text)]
    return [fold(p.text) + form for p in preverbs for form in own] + own


def _multi_key(sent: Sent, word: Word, verbs: dict, own: list[str]) -> str | None:
    """A several-word key whose verb is ``word`` and whose other words are its dependents."""
    index = built_once(verbs, _multi_index)
    around = [forms(k) for k in dependents(sent, word)]
    for form in own:
        for key, rest in index.get(form, ()):
            if all(any(part in f for f in around) for part in rest):
                return key
    return None


def has_exception(sent: Sent, word: Word, options: dict) -> bool:
    """Whether one of the verb's ``except`` words is among its dependents."""
    banned = {fold(w) for w in options.get("except") or []}
    return bool(banned) and any(forms(k) & banned for k in dependents(sent, word))


def verb_key(sent: Sent, word: Word, verbs: dict) -> str | None:
    """The codebook key a word is, if any: several-word keys first, then the lemma, a
    listed form, or the lemma with a separated preverb; None when an ``except`` applies."""
    if word.upos not in VERBAL:
        return None
    preverbs = [k for k in sent.children(word) if k.deprel == "compound:preverb"]
    own = _own_forms(word, preverbs)
    key = _multi_key(sent, word, verbs, own)
    if key is None:
        single = built_once(verbs, _single_index)
        key = next((single[f] for f in own if f in single), None)
    if key is None or has_exception(sent, word, verbs[key] or {}):
        return None
    return key
