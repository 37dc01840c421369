"""Which codebook reporting verb a parsed word is: by lemma, listed form, preverb or particle.

A codebook key of one word is a verb lemma ("δηλώνω", "elmond", "say"). A key of several
words is a light-verb or particle cue whose first word is the verb and whose other words
must be among the verb's dependents or their markers ("κάνω λόγος" in "κάνει λόγο για",
"ad hang" in "hangot adott", "point out", "call for"). A verb's ``except`` words, found the
same way, make it something else ("αρνήθηκε να": refused; "csődöt mondott": failed).
"""

from __future__ import annotations

from attrib.attribution.extract.match import built_once, forms
from attrib.parsing.sent import Sent, Word, fold

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
    """A verb's dependents and their markers (the "for" of "call for calm", the "να" of
    "αρνήθηκε να απαντήσει")."""
    kids = sent.children(word)
    return kids + [m for k in kids for m in sent.children(k, "case", "mark", "compound", "aux")]


def _own_forms(word: Word, preverbs: list[Word]) -> list[str]:
    """The word's folded lemma and surface, lemma first; with a separated preverb only the
    verb with its preverb ("számolt be" is beszámol; "állították fel" is felállít, erected,
    not állít, claimed)."""
    own = [fold(word.lemma), fold(word.lemma).replace("+", ""), fold(word.text)]
    if preverbs:
        return [fold(p.text) + form for p in preverbs for form in own]
    return own


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


def _listed_form(word: Word, verbs: dict) -> str | None:
    """The key whose listed ``forms`` hold the word as written (a converb a lemmatizer
    leaves as an adverb: "hangoztatva")."""
    return built_once(verbs, _forms_index).get(fold(word.text))


def _forms_index(verbs: dict) -> dict[str, str]:
    """Folded listed form -> its key."""
    return {fold(form): k for k, options in verbs.items() for form in (options or {}).get("forms", [])}


def verb_key(sent: Sent, word: Word, verbs: dict) -> str | None:
    """The codebook key a word is, if any: several-word keys first, then the lemma, a
    listed form, or the lemma with a separated preverb; None when an ``except`` applies."""
    if word.upos == "ADV":
        return _listed_form(word, verbs)
    if word.upos not in VERBAL:
        return None
    preverbs = [k for k in sent.children(word) if k.deprel == "compound:preverb" and k.text.isalpha()]  # not a dash
    own = _own_forms(word, preverbs)
    key = _multi_key(sent, word, verbs, own)
    if key is None:
        single = built_once(verbs, _single_index)
        key = next((single[f] for f in own if f in single), None)
    if key is None or has_exception(sent, word, verbs[key] or {}):
        return None
    return key


def is_unreal(sent: Sent, word: Word, markers: frozenset[str]) -> bool:
    """A verb in the future or the conditional, or with one of the codebook's
    ``unreal_markers`` ("θα ζητήσει", "will announce", "would say"): nothing is said yet."""
    if word.feats.get("Tense") == "Fut" or word.feats.get("Mood") == "Cnd":
        return True
    return any(forms(k) & markers for k in sent.children(word, "aux"))
