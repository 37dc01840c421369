"""Turn raw chain links into sources: registry, anaphora, pro-drop, or typed unknowns."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.match import find_sequence, forms, is_in, vocab
from attrib.attribution.extract.names import apposed_name, citation, is_name, name_words
from attrib.parsing.sent import Sent, Word, fold
from attrib.attribution.extract.sources import RawLink
from attrib.attribution.registry import Registry, Source

PRONOUN_TYPES = {"Prs", "Dem"}
IMPLICIT = ("unnamed", "unknown", "unknown-account")
BODIES = ("government", "igo", "ngo", "organisation", "company")  # not a medium: the one told comes first


@dataclass(frozen=True)
class Link:
    """One link of a reporting chain; field names are the Parquet column names."""

    source_id: str
    name: str
    type: str
    surface: str
    cue: str
    resolution: str  # registry | anaphora | pro-drop | passive | post-author | explicit | unknown
    plural: bool = field(default=False, compare=False, repr=False)  # a plural noun named it (not a column)

    def row(self) -> dict:
        """The link as a Parquet row fragment."""
        return {k: v for k, v in asdict(self).items() if k != "plural"}


def surface_of(words, form=lambda word: word.text) -> str:
    """The words of a phrase as written (or in ``form``), spaced as in the text when
    offsets are known ("al-Amr", not "al - Amr")."""
    out, previous = "", None
    for word in words:
        glued = previous is not None and previous.end is not None and word.start == previous.end
        out += form(word) if glued or previous is None else " " + form(word)
        previous = word
    return out


def slug(text: str) -> str:
    """A stable id fragment from free text."""
    return re.sub(r"[^\w]+", "-", fold(text)).strip("-")[:60] or "unknown"


def linear_span(sent: Sent, head: Word, width: int = 4) -> list[Word]:
    """Adjacent nouns, names and adjectives around a head, whatever the parse says
    ("Az Egyesült Államok külügyminisztériuma" when the parser split it)."""
    ids = {head.id}
    for step in (-1, 1):
        pos = head.id + step
        while (w := sent.word(pos)) is not None and w.upos in ("NOUN", "PROPN", "ADJ", "X") and abs(pos - head.id) <= width:
            ids.add(w.id)
            pos += step
    return [w for w in sent.words if w.id in ids]


def from_registry(source: Source, surface: str, cue: str, resolution: str = "registry") -> Link:
    """A link for a registry source."""
    return Link(source.id, source.name, source.type, surface, cue, resolution)


def noun_type(word: Word, book: Codebook) -> str | None:
    """The source type a noun implies (``αξιωματούχος`` -> unnamed), from the codebook."""
    section = book.section("attribution")
    suffix = section.get("compound_nouns", False)
    for kind, words in (section.get("source_nouns") or {}).items():
        lookup = vocab(words)
        if is_in(word, lookup) or (suffix and any(f.endswith(w) for f in forms(word) for w in lookup if len(w) > 3)):
            return kind
    return None


def anaphora_types(sent: Sent, raw: RawLink, book: Codebook) -> list[str] | None:
    """Source types a referring phrase can mean, or None when it is not anaphoric."""
    head = raw.head
    if head.upos == "PRON" and head.feats.get("PronType") in PRONOUN_TYPES:
        return ["person", "government", "unknown"] if head.feats.get("Number") != "Plur" else ["any"]
    for entry in book.section("attribution").get("anaphora") or []:
        single = [w for w in entry["words"] if " " not in w]  # alternatives: "channel", "broadcaster"
        if is_in(head, vocab(single)) and not _named(sent, head):
            return list(entry["types"])
        phrases = [w.split() for w in entry["words"] if " " in w]  # "same source"
        if any(find_sequence(Sent(list(raw.words)), words) is not None for words in phrases):
            return list(entry["types"])
    return None


def _bare_role(sent: Sent, head: Word, book: Codebook) -> list[str] | None:
    """A role noun with no name or complement ("az ezredes") refers back to the person
    named earlier; a plural one ("a gazdaságkutatók") is a group of its own. An expert's
    noun with the definite article ("a szakember", "the analyst") is the person named
    before it, not an unnamed source."""
    kind = noun_type(head, book)
    if kind not in ("person", "unnamed") or head.feats.get("Number") == "Plur":
        return None
    if any(k.upos == "PROPN" or k.rel in ("nmod", "appos", "flat", "amod") for k in sent.children(head)):
        return None
    if kind == "unnamed":
        definite = any(k.feats.get("Definite") == "Def" for k in sent.children(head, "det"))
        return ["person", "unknown"] if definite else None
    return ["person", "government", "unknown"]


def _known_around(head: Word, book: Codebook) -> bool:
    """Whether a registry source named beside the head, not by it, is the source: not for
    a person, witness or unnamed official ("officials of the ministry") and not for a
    proper name of its own ("Krecz Tibor, az RTL Klub hírigazgatója" is Krecz, not RTL)."""
    return not is_name(head) and noun_type(head, book) not in ("unnamed", "eyewitness", "person")


def _named(sent: Sent, head: Word) -> bool:
    """Whether a noun carries its own name ("το πρακτορείο Reuters")."""
    return any(is_name(k) for k in sent.children(head, "flat", "appos", "compound"))  # not "Αμερικανός πρόεδρος"


def from_history(history: list[Link], types: list[str], plural: bool | None = None) -> Link | None:
    """The latest earlier source of one of ``types`` (``any`` matches all), of the same
    number where ``plural`` says it ("a pápa" is not "a püspökök")."""
    for link in reversed(history):
        if link.type == "document" or link.source_id in IMPLICIT or plural is not None and link.plural != plural:
            continue
        if "any" in types or link.type in types:
            return link
    return None


def _dropped_subject(history: list[Link], number: str | None) -> Link | None:
    """The latest earlier source a dropped subject can be: plural for a verb in the plural
    ("Ανέφεραν" after "οι αξιωματούχοι"), not plural for one in the singular. A verb in
    the plural goes back to a speaker only, not to a group merely mentioned: "Azzal
    vádolják" after "az osztrák hatóságok elfogták" is "he is accused", by someone."""
    for link in reversed(history):
        if link.source_id in IMPLICIT or link.type == "document" or number == "Plur" and link.resolution == "mention":
            continue  # "someone" is no one to refer back to
        if number is None or link.plural == (number == "Plur"):
            return link
    return None


def _they(history: list[Link]) -> Link | None:
    """What "they" refers back to: the latest plural speaker, or a body that spoke after
    it ("the Church denied ... They also claimed": a body is "they")."""
    plural = _dropped_subject(history, "Plur")
    for link in reversed(history):
        if link is plural:
            return plural
        if link.resolution != "mention" and link.type in BODIES:
            return link
    return plural


def by_role_words(history: list[Link], head: Word) -> Link | None:
    """The latest earlier named source whose mention carried the same role noun ("ο
    Υπουργός Εξωτερικών ..., Σεργκέι Λαβρόφ" for a later "ο Υπουργός Εξωτερικών της
    Ρωσίας"; "η εκπρόσωπος ..., Χολγκάντ" for "η εκπρόσωπος του οργανισμού")."""
    wanted = {f[:max(4, len(f) - 2)] for f in forms(head) if len(f) > 3}
    for link in reversed(history):
        if link.type == "document" or fold(link.name) == fold(link.surface):
            continue  # no name beside the role words
        said = fold(link.surface).split()
        if any(token.startswith(stem) for stem in wanted for token in said):
            return link
    return None


def by_role(history: list[Link], registry: Registry, head: Word) -> Link | None:
    """The latest earlier source whose registry roles use the referring noun ("ο πρόεδρος"
    is the Tokayev whose roles include "πρόεδρος του Καζακστάν", not a ministry)."""
    wanted = forms(head)
    for link in reversed(history):
        source = registry.by_id(link.source_id)
        if source is not None and any(wanted & set(fold(role).split()) for role in source.roles):
            return link
    return None


def unknown_link(sent: Sent, raw: RawLink, book: Codebook, registry: Registry) -> Link:
    """A source the registry does not know, typed as well as the text allows, named by the
    words of its phrase that name it (:func:`attrib.attribution.extract.names.name_words`)."""
    surface = surface_of(raw.words)
    kind = noun_type(raw.head, book)
    if kind == "unnamed":
        inside = registry.match(sent, [w for w in raw.words if w is not raw.head])
        if inside is not None:  # "αξιωματούχοι του υπουργείου Εσωτερικών"
            src = inside.source
            return Link(f"{src.id}:unnamed", f"{src.name} (unnamed)", "unnamed", surface, raw.cue, "explicit")
    section = book.section("attribution")
    marks, titles = vocab(section.get("genitive_markers")), frozenset(fold(w) for w in section.get("title_markers") or [])
    named = name_words(sent, raw.head, list(raw.words), marks, titles) or [raw.head]
    if kind == "person" and not any(is_name(w) for w in named):
        named = apposed_name(sent, list(raw.words)) or named  # "Name, role of X, said": the person
    if kind is None:
        kind = "person" if raw.head.upos == "PROPN" and raw.head.feats.get("Gender") else "unknown"
    cited = {w.id for w in named if w is raw.head or is_name(w)}  # the head and name words, not modifiers
    name = surface_of(named, lambda w: citation(w) if w.id in cited else w.text)
    return Link(f"x:{slug(' '.join(w.lemma for w in named))}", name, kind, surface, raw.cue, "explicit",
                plural=raw.head.feats.get("Number") == "Plur")



def resolve_link(sent: Sent, raw: RawLink, book: Codebook, registry: Registry,
                 history: list[Link]) -> Link:
    """Resolve one raw link against the registry and the article's earlier sources."""
    if raw.head is None:
        if raw.passive:
            return Link("unnamed", "unnamed source", "unnamed", "", raw.cue, "passive")
        earlier = _dropped_subject(history, raw.number) if book.section("attribution").get("pro_drop") else None
        if earlier is not None:
            return replace(earlier, surface="", cue=raw.cue, resolution="pro-drop")
        if raw.number == "Plur" and book.section("attribution").get("pro_drop"):  # "vitatják": they, someone
            return Link("unnamed", "unnamed source", "unnamed", "", raw.cue, "passive")
        return Link("unknown", "unknown source", "unknown", "", raw.cue, "unknown")
    found = registry.match(sent, list(raw.words), raw.head) or registry.match(sent, linear_span(sent, raw.head), raw.head)
    if found is not None and (found.covers_head or _known_around(raw.head, book)):
        return from_registry(found.source, surface_of(raw.words), raw.cue)
    if raw.head.upos == "PRON" and raw.head.feats.get("PronType") in PRONOUN_TYPES and raw.head.feats.get("Number") == "Plur":
        earlier = _they(history)  # "they": a source named by a plural or a body that spoke, else someone
        return replace(earlier, surface=surface_of(raw.words), cue=raw.cue, resolution="anaphora") if earlier \
            else Link("unnamed", "unnamed source", "unnamed", surface_of(raw.words), raw.cue, "passive")
    types = anaphora_types(sent, raw, book) or _bare_role(sent, raw.head, book)
    plural = {"Sing": False, "Plur": True}.get(raw.head.feats.get("Number", "")) \
        if raw.head.upos in ("NOUN", "ADJ", "DET") else None  # "οι ίδιοι": they themselves, a plural
    by_roles = by_role(history, registry, raw.head) if raw.head.upos == "NOUN" else None  # not "του" in a role
    earlier = (by_roles or from_history(history, types, plural)) if types else None
    if earlier is None and noun_type(raw.head, book) == "person" and not _named(sent, raw.head):
        earlier = by_role_words(history, raw.head)  # a role with its complements: "ο Αμερικανός πρόεδρος"
    if earlier is not None:
        return replace(earlier, surface=surface_of(raw.words), cue=raw.cue, resolution="anaphora")
    return earlier_mention(unknown_link(sent, raw, book, registry), history)


def earlier_mention(link: Link, history: list[Link]) -> Link:
    """An unknown source named again keeps the id and name of its earlier, fuller mention
    ("Harry Kane ..., Kane said": one source, x:harry-kane): the same last name word, or
    the same whole name."""
    words = fold(link.name).split()
    if not link.source_id.startswith("x:") or not words:
        return link
    for old in reversed(history):
        said = fold(old.name).split()
        if old.source_id.startswith("x:") and said and (said == words or len(words) == 1 and said[-1] == words[0]):
            return replace(old, surface=link.surface, cue=link.cue, resolution=link.resolution)
    return link
