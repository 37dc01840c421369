""""X told <outlet>": the medium a speaker spoke to is the proximate link, unless it is the
article's own outlet.

"Heald told The Huffington Post", "δήλωσε στο ΑΜΠΕ", "a Napi Magyarországnak nyilatkozott",
"in remarks to al-Ikhbariya television", "σε συνέντευξή του προς το CNN", "in an interview he
gave to PBS": the article learned
what X said from that medium, so the chain is [medium, X]. "told us", "lapunknak", "στη
ΦτΑ" in a VOA article: the outlet's own reporting, so the chain is [X].
"""

from __future__ import annotations

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.match import is_in, vocab
from attrib.parsing.sent import Sent, Word, fold

MEDIA_TYPES = ("media", "wire_agency", "state_media")


def _to_marked(sent: Sent, word: Word, section: dict) -> bool:
    """Marked as a recipient: a to-adposition ("to", "σε", "προς") or a dative case."""
    return word.feats.get("Case") in set(section.get("told_cases") or []) or any(
        is_in(c, vocab(section.get("told_markers"))) for c in sent.children(word, "case"))


def recipients(sent: Sent, verb: Word, book: Codebook) -> list[Word]:
    """Nominals a reporting verb, or a content noun it has ("in remarks to X", "σε
    συνέντευξη προς X"), marks as whom the speaker told."""
    section = book.section("attribution")
    content = vocab(section.get("content_nouns"))
    addressed = is_in(verb, vocab(section.get("addressee_verbs")))  # "told the BBC", "tájékoztatta a lapot"
    found = []
    for kid in sent.children(verb, "obl", "iobj", "obj", "nmod"):
        said = is_in(kid, content)  # "σε γραπτή απάντηση προς την εφημερίδα": the answer is no one told
        if (kid.rel in ("obj", "iobj") and addressed) or _to_marked(sent, kid, section) and not said:
            found.append(kid)
        if said:
            found += [k for k in _given_to(sent, kid) if _to_marked(sent, k, section)]
    return found


def _given_to(sent: Sent, noun: Word) -> list[Word]:
    """Who a content noun went to: its own dependents ("interview to X") and those of the
    clause or participle on it ("σε συνέντευξη που παραχώρησε στη δημόσια τηλεόραση", "a
    lapnak adott interjújában")."""
    givers = [k for k in sent.children(noun, "acl", "amod") if k.upos in ("VERB", "ADJ") and
              (k.upos == "VERB" or k.feats.get("VerbForm") == "Part")]
    return sent.children(noun, "nmod", "obl") + [k for g in givers for k in sent.children(g, "obl", "iobj")]


def is_medium(sent: Sent, word: Word, book: Codebook, source_type: str | None) -> bool:
    """A newspaper, agency or broadcaster: typed so by the registry, or a media noun is the
    word or stands beside it ("al-Ikhbariya television", "το τηλεοπτικό δίκτυο CNN")."""
    if source_type in MEDIA_TYPES:
        return True
    media = vocab((book.section("attribution").get("source_nouns") or {}).get("media"))
    near = [word] + sent.children(word, "compound", "appos", "flat", "nmod", "amod")
    head = sent.word(word.head)
    if head is not None and word.rel in ("compound", "flat", "appos", "nmod"):
        near.append(head)
    return any(is_in(w, media) for w in near)


def is_own_outlet(name: str, surface: str, word: Word, outlet: str | None, book: Codebook | None = None) -> bool:
    """The article's own outlet: named as the document's outlet, or marked as ours
    ("lapunknak", "στην εφημερίδα μας", the codebook's ``own_outlet_forms``)."""
    if word.feats.get("Person[psor]") == "1":
        return True
    if book is not None and is_in(word, vocab(book.section("attribution").get("own_outlet_forms"))):
        return True
    if not outlet:
        return False
    want = fold(outlet)
    return any(want in fold(x) or fold(x) in want for x in (name, surface) if x)
