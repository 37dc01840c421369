"""Attribution of every sentence of an article: chains, quotes, hedges.

Sentence by sentence, in reading order: cues give raw chains (extract.cues, extract.sources),
links are resolved against the registry and the sources named earlier (anaphora, pro-drop),
quotations spanning several sentences share the attribution found before, inside or after
them, and every sentence of an embedded post is attributed to the post's author first.
"""

from __future__ import annotations

from attrib.languages.codebook import Codebook
from attrib.attribution.context import OPENERS, ArticleContext, Quotations, SentenceAttribution
from attrib.attribution.extract.clauses import is_negated
from attrib.attribution.extract.cues import (
    Cue,
    according_cues,
    document_cues,
    impersonal_cues,
    noun_cues,
    verb_cues,
)
from attrib.attribution.extract.framing import Frame, cue_frame, framing_rows, naming_aside
from attrib.attribution.extract.hedges import hedges
from attrib.attribution.extract.interview import Interview, find_interview, is_answer
from attrib.attribution.extract.match import is_in, vocab
from attrib.attribution.extract.names import is_name
from attrib.attribution.extract.nesting import chain_cues, outermost_first
from attrib.attribution.extract.quotes import left_open, quote_spans
from attrib.attribution.extract.repair import repair
from attrib.attribution.extract.resolve import Link, noun_type, resolve_link
from attrib.parsing.sent import Sent, Word, fold
from attrib.attribution.extract.sources import RawLink, chain_from_cue, phrase
from attrib.attribution.extract.told import MEDIA_TYPES, is_medium, is_own_outlet, recipients
from attrib.attribution.learned.combine import Learned, apply_learned, apply_quotes
from attrib.attribution.registry import Registry
from attrib.attribution.speakers import colon_speaker, headline_speaker, mentions, post_author
from attrib.article.structure import Block

INSIDE_SHARE = 0.6


def looks_like_source(registry: Registry, book: Codebook):
    """Predicate for weak "according to" markers: a name, a source noun or a known source."""
    def check(sent: Sent, word: Word) -> bool:
        if word.upos == "PROPN" or noun_type(word, book) is not None:
            return True
        return registry.match(sent, [word], word) is not None
    return check


def ordered_cues(sent: Sent, book: Codebook, registry: Registry, quoted: set[int]) -> list[Cue]:
    """Cues of a sentence outside quotations, outermost reporter first
    (:func:`attrib.attribution.extract.nesting.outermost_first`)."""
    cues = (verb_cues(sent, book, quoted) + according_cues(sent, book, looks_like_source(registry, book))
            + [c for c in impersonal_cues(sent, book) + noun_cues(sent, book) if c.anchor.id not in quoted])
    cues = [c for c in cues if c.source is None or c.source.id not in quoted]
    if not cues:  # weakest: the document the sentence is in
        cues = [c for c in document_cues(sent, book) if c.anchor.id not in quoted]
    return outermost_first(sent, cues, book)


def _resolved(sent: Sent, cue: Cue, book: Codebook, ctx: ArticleContext, chain: list[Link]) -> list[Link]:
    """The links one cue gives, resolved against the registry and what came before; the
    medium a speaker told comes first (:mod:`attrib.attribution.extract.told`)."""
    before = _known_names_before(sent, cue.anchor, ctx.registry)
    links = [resolve_link(sent, raw, book, ctx.registry, ctx.history + before + chain)
             for raw in chain_from_cue(sent, cue, book)]
    if ctx.outlet:  # "a HVG értesülései szerint" in HVG: the outlet's own reporting, no link
        links = [link for link in links if link.resolution != "registry" or not _is_outlet(link.name, ctx.outlet)]
    medium = _told_medium(sent, cue, book, ctx) if cue.kind == "verb" and links else None
    return [medium] + links if medium is not None and medium.source_id != links[0].source_id else links


def _is_outlet(name: str, outlet: str) -> bool:
    """Whether a registry source's name is the article's outlet ("HVG (Heti Világgazdaság)")."""
    want, have = fold(outlet), fold(name)
    return want in have or have in want


def _told_medium(sent: Sent, cue: Cue, book: Codebook, ctx: ArticleContext) -> Link | None:
    """The medium other than the article's outlet that the cue's speaker told, if any."""
    head = sent.word(cue.anchor.head)
    around = [cue.anchor] + ([head] if head is not None and cue.anchor.rel in ("advcl", "xcomp", "conj") else [])
    around += [k for k in sent.children(cue.anchor) if k.upos == "VERB" and (
        k.rel == "advcl" or k.feats.get("VerbForm") == "Conv")]  # "μιλώντας στο PBS, ανέφερε", however attached
    for word in (w for verb in around for w in recipients(sent, verb, book)):
        link = resolve_link(sent, RawLink(word, tuple(phrase(sent, word)), cue.lemma), book, ctx.registry, [])
        known = link.type if link.resolution == "registry" else None  # not by anaphora ("στην ίδια έκθεση")
        if known is None and word.feats.get("Number") == "Plur" and not is_name(word):
            continue  # "told reporters", "δήλωσε στους δημοσιογράφους": the press at large, no medium
        if is_medium(sent, word, book, known) and not is_own_outlet(link.name, link.surface, word, ctx.outlet, book):
            return Link(link.source_id, link.name, link.type if link.type in MEDIA_TYPES else "media",
                        link.surface, cue.lemma, link.resolution)
    return None


def _a_thing(link: Link, cue: Cue, book: Codebook) -> bool:
    """A source word that names no one: a common noun no codebook list types ("A Daewoo
    bukása ... jelez", "a satellite broadcasts songs")."""
    head = cue.source
    if head is None or link.resolution != "explicit" or link.type not in ("unknown",):
        return False
    content = vocab(book.section("attribution").get("content_nouns"))
    singular = head.feats.get("Number") != "Plur"  # plurals are mostly people ("bureaucrats", "harcosok")
    return head.upos == "NOUN" and singular and not is_in(head, content) and noun_type(head, book) is None


def _extend(chain: list[Link], links: list[Link]) -> list[Link]:
    """``chain`` with ``links`` added, a source never twice in a row (nor under two names
    of one person: "Csiki" right after "Csiki Károly")."""
    for link in links:
        if not chain or not _same_source(chain[-1], link):
            chain = chain + [link]
    return chain


def _same_source(a: Link, b: Link) -> bool:
    """One source: the same id, or two unknown names one of which holds the other's words."""
    if a.source_id == b.source_id:
        return True
    if not (a.source_id.startswith("x:") and b.source_id.startswith("x:")):
        return False
    words_a, words_b = set(fold(a.name).split()), set(fold(b.name).split())
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def sentence_chain(sent: Sent, book: Codebook, ctx: ArticleContext,
                   quoted: set[int]) -> tuple[list[Link], list[Frame], list[Link]]:
    """The resolved reporting chain of one sentence (without post authorship), the frame
    of each cue with the link that tells it (None: the narrator), and the links of cues
    inside its quotations (a further link once the quotation's speaker is known).

    Only cues nested in the outermost one make its chain; an independent cue ("..., ενώ το
    47% θεωρεί ότι ...") tells its own clause but adds no link.
    """
    chain: list[Link] = []
    frames: list[Frame] = []
    sent = repair(sent, book)
    cues = ordered_cues(sent, book, ctx.registry, quoted)
    naming = [c for c in cues if c.kind == "verb" and naming_aside(sent, c.anchor, book)]
    if len(naming) < len(cues):  # "..., όπως χαρακτήρισε τους διαδηλωτές": it vouches for a term, not the clause
        cues = [c for c in cues if c not in naming]
    kept, others = chain_cues(sent, cues, book)
    frames += [(cue_frame(sent, c, quoted, book), None) for c in naming if c not in cues]  # the narrator's words
    for cue in kept:
        frames.append((cue_frame(sent, cue, quoted, book), chain[-1] if chain else None))
        links = _resolved(sent, cue, book, ctx, chain)
        if chain and is_negated(sent, cue.anchor):
            continue  # "..., πρόσθεσε ο Πεσκόφ, that Kazakhstan did not ask": no one else speaks
        if chain:  # inside a named source's content, an agentless or unresolved report adds nothing, nor a thing
            links = [link for link in links if link.resolution not in ("passive", "unknown") and not _a_thing(link, cue, book)]
        chain = _extend(chain, links)
    for cue in others:
        own = _resolved(sent, cue, book, ctx, [])
        frames.append((frozenset(w.id for w in sent.subtree(cue.anchor)) - quoted, own[-1] if own else None))
    return chain, frames, _quoted_chain(sent, book, ctx, quoted)


def _quoted_chain(sent: Sent, book: Codebook, ctx: ArticleContext, quoted: set[int]) -> list[Link]:
    """The chain of the cues inside a sentence's quotations ("«Σύμφωνα με τις πηγές μας,
    ...», κατέληξε ο Γκατίλοφ": the sources are Gatilov's)."""
    if not quoted:
        return []
    cues = verb_cues(sent, book) + according_cues(sent, book, looks_like_source(ctx.registry, book))
    inside = [c for c in cues if c.anchor.id in quoted and (c.source is None or c.source.id in quoted)
              and not any(w.rel == "acl" for w in [c.anchor] + sent.ancestors(c.anchor))]  # "locations that expressed"
    chain: list[Link] = []
    for cue in chain_cues(sent, inside, book)[0]:
        if cue.source is not None:  # a dropped subject inside a quotation is its speaker
            chain = _extend(chain, _resolved(sent, cue, book, ctx, chain))
    return [link for link in chain if link.type != "document"]  # "«τα στοιχεία δείχνουν ...»": the speaker's argument


def _known_names_before(sent: Sent, anchor: Word, registry: Registry) -> list[Link]:
    """Known people and bodies named earlier in the same sentence, for a dropped subject
    ("... με τον πρόεδρο Τοκάγεφ να ζητά βοήθεια ..., όπως την χαρακτήρισε")."""
    names = []
    for word in sent.words:
        if word.id >= anchor.id:
            break
        nominal = word.upos == "PROPN" or word.upos == "NOUN" and word.rel == "nsubj"  # "το ρωσικό υπουργείο"
        if nominal and (sent.word(word.head) is None or sent.word(word.head).upos != "PROPN"):
            found = registry.match(sent, sent.subtree(word)[:8], word)
            if found is not None and found.source.type in ("government", "person") and found.covers_head:
                names.append(Link(found.source.id, found.source.name, found.source.type, word.text, "", "mention"))
    return names


def _quoted_ids(sent: Sent, spans: list[tuple[int, int, str]]) -> set[int]:
    """Ids of the words that lie inside quotation marks (document offsets)."""
    return {w.id for w in sent.words if w.start is not None
            and any(a <= w.start < b for a, b, _ in spans)}


def _speech_span(sent: Sent, spans: list[tuple[int, int, str]], share: float = INSIDE_SHARE) -> int | None:
    """Index of a speech quotation holding at least ``share`` of the sentence's words."""
    letters = [w for w in sent.words if w.start is not None and w.text[:1].isalnum()]
    for index, (a, b, kind) in enumerate(spans):
        inside = sum(1 for w in letters if a <= w.start < b)
        if kind == "speech" and letters and inside and inside / len(letters) >= share:
            return index
    return None


def _share_quotes(results: list[SentenceAttribution], touching: list[int | None], ends_with_colon: list[bool],
                  keys: list[tuple], state: Quotations, finish) -> None:
    """Sentences of one quotation share its attribution; a colon hands it to the next ones.

    ``touching`` is, per sentence, the speech quotation it has any words in: an attributed
    sentence there ("..., δήλωσε ο Πούτιν.") attributes the whole quotation, also its
    sentences in earlier paragraphs (``state.pending``, finished again with ``finish``).
    """
    for res, span in zip(results, touching):
        if span is not None and res.chain and keys[span] not in state.chains:
            _settle(state, keys[span], res.chain)
    for index, res in enumerate(results):
        if res.chain or res.speech_span is None:
            continue
        key = keys[res.speech_span]
        earlier = [keys[s] for s in range(res.speech_span) if keys[s] in state.chains]
        if key not in state.chains and earlier:  # «...», said Bolden. «This was ...»: he goes on
            state.chains[key] = state.chains[earlier[-1]]
        if key not in state.chains and index and results[index - 1].chain and results[index - 1].speech_span is None:
            _settle(state, key, results[index - 1].chain)  # "X issued a statement. «...»": the quotation is X's
        res.chain = list(state.chains.get(key, []))
        if not res.chain and index and ends_with_colon[index - 1] and results[index - 1].chain:
            _settle(state, key, results[index - 1].chain)
            res.chain = list(results[index - 1].chain)
        if not res.chain:
            state.pending.setdefault(key, []).append((res, finish))


def _settle(state: Quotations, key: tuple, chain: list[Link]) -> None:
    """Give a quotation its chain, and its sentences waiting in earlier paragraphs."""
    state.chains[key] = chain
    for res, finish in state.pending.pop(key, []):
        if not res.chain:
            res.chain = list(chain)
            finish(res)


def _named_links(chain: list[Link], speaker: Link) -> list[Link]:
    """The links a post's author or an interviewee cites: named ones, not the speaker
    again, not an agentless "Confirmed:" or an unresolved dropped subject."""
    return [link for link in chain if link.source_id != speaker.source_id
            and link.resolution not in ("passive", "unknown")]


def _quote_kind(res: SentenceAttribution, quoted: set[int], is_post: bool) -> str:
    """direct, mixed, indirect or none."""
    if not res.chain:
        return "none"
    if res.speech_span is not None or is_post:
        return "direct"
    return "mixed" if quoted else "indirect"


def _mark_direct(results: list[SentenceAttribution], touching: list[int | None]) -> None:
    """An attributed sentence with words of a speech quotation quotes directly."""
    for res, span in zip(results, touching):
        if res.speech_span is None and span is not None and res.chain:
            res.speech_span = span


def _quotations(block: Block, book: Codebook, state: Quotations) -> tuple[list[tuple[int, int, str]], list[tuple]]:
    """The block's quotation spans (document offsets, kind) and their keys; remembers the
    quotation the block leaves open for the next one."""
    found = quote_spans(block.text, book, state.open_pair)
    keys = [state.open_key if q.continued and state.open_key else (block.para_id, i) for i, q in enumerate(found)]
    state.open_pair = left_open(found)
    state.open_key = keys[-1] if state.open_pair else None
    return [(block.start + q.start, block.start + q.end, q.kind) for q in found], keys


def _colon_handoff(block: Block, sents: list[Sent], results: list[SentenceAttribution], state: Quotations,
                   touching: list[int | None]) -> None:
    """A paragraph ending in a colon ("the Church denied these allegations:") hands its
    chain to the unattributed sentences of the paragraph after it; a paragraph that is all
    quotation ("— Sokkal több feladatot ad ...", "«...»") with no speaker of its own goes on
    with the speaker of the quotation the paragraph before it ended in."""
    if block.kind == "paragraph":
        carried = state.colon_chain or (state.speech_chain if _all_quotation(block.text) else [])
        for res in results:
            res.chain = res.chain or list(carried)
    last = results[-1] if results else None
    state.colon_chain = list(last.chain) if last and sents[-1].text.rstrip().endswith(":") else []
    state.speech_chain = list(last.chain) if last and last.chain and touching[-1] is not None else []


def _all_quotation(text: str) -> bool:
    """A paragraph that opens with a dash or a quotation mark: dialogue or a quotation."""
    return text.lstrip().startswith(OPENERS)


def attribute_block(block: Block, sents: list[Sent], ctx: ArticleContext,
                    previous: Block | None = None, speaker: Link | None = None) -> list[SentenceAttribution]:
    """Attribute every sentence of one paragraph (``sents`` carry document offsets);
    ``speaker``: the interviewee whose answer the paragraph is, if it is one."""
    book = ctx.books.get(block.lang)
    if book is None or not sents:
        ctx.block_chains.append([])
        return [SentenceAttribution() for _ in sents]
    spans, keys = _quotations(block, book, ctx.quotes)
    results, quoted_sets = [], []
    for sent in sents:
        quoted = _quoted_ids(sent, spans)
        chain, frames, inner = sentence_chain(sent, book, ctx, quoted)
        chain = chain or headline_speaker(block, sent, book, ctx) or colon_speaker(sent, book, ctx, quoted)
        results.append(SentenceAttribution(chain, hedges=hedges(sent, book), speech_span=_speech_span(sent, spans),
                                           frames=frames, inner=inner))
        quoted_sets.append(quoted)
        ctx.history.extend(mentions(sent, book, ctx, quoted) + chain)  # the speaker is the latest
    touching = [_speech_span(s, spans, share=0.0) for s in sents]
    finishers = [_finisher(sent, book, quoted, spans, block.kind == "post" or speaker is not None)
                 for sent, quoted in zip(sents, quoted_sets)]
    by_result = {id(res): fin for res, fin in zip(results, finishers)}
    _share_quotes(results, touching, [s.text.rstrip().endswith(":") for s in sents], keys, ctx.quotes,
                  lambda res: by_result[id(res)](res))
    _colon_handoff(block, sents, results, ctx.quotes, touching)
    _mark_direct(results, touching)
    own = apply_learned(block, sents, results, ctx, structural=block.kind == "post" or speaker is not None)
    if block.kind == "post":
        author = post_author(block, ctx, previous)
        ctx.post_authors.setdefault(block.post_id, author)
        for res in results:
            res.chain = [author] + _named_links(res.chain, author)
        ctx.history.append(author)
    if speaker is not None:
        for res in results:
            res.chain = [speaker] + _named_links(res.chain, speaker)
    narrator = results[0].chain[0] if (block.kind == "post" or speaker is not None) and results else None
    for res, finish in zip(results, finishers):
        finish(res, narrator)
    apply_quotes(sents, results, ctx, own)
    ctx.block_chains.append(next((r.chain for r in reversed(results) if r.chain), []))
    return results


def _finisher(sent: Sent, book: Codebook, quoted: set[int], spans: list[tuple[int, int, str]], is_post: bool):
    """What finishes a sentence's attribution once its chain is known: quote kind and the
    framing rows (again, when a later paragraph names the speaker of its quotation)."""
    def finish(res: SentenceAttribution, narrator: Link | None = None) -> None:
        if res.chain and res.inner:  # the quotation's speaker known: whom they cite follows
            res.chain = _extend(res.chain, [link for link in res.inner if link not in res.chain])
            res.inner = []
        res.quote = _quote_kind(res, quoted, is_post)
        res.framing = framing_rows(sent, book, res.chain, res.frames, [(a, b) for a, b, _ in spans], narrator)
    return finish


def interviewee(parsed: list[tuple[Block, list[Sent]]], ctx: ArticleContext) -> tuple[Interview | None, Link | None]:
    """The interview the article presents and its interviewee as a source, if any."""
    book = ctx.books.get(parsed[0][0].lang) if parsed else None
    found = find_interview(parsed, book)
    if found is None:
        return None, None
    raw = RawLink(found.head, tuple(phrase(found.sent, found.head)), "interview")
    return found, resolve_link(found.sent, raw, book, ctx.registry, [])


def attribute_article(parsed: list[tuple[Block, list[Sent]]], books: dict[str, Codebook],
                      registry: Registry, outlet: str | None = None,
                      learned: Learned | None = None) -> list[list[SentenceAttribution]]:
    """Attribute every sentence of an article, paragraph by paragraph, in order.

    Args:
        parsed: each block with its parsed sentences (document offsets).
        books: language -> codebook.
        registry: the source registry.
        outlet: the article's own outlet, where the input names it ("X told <outlet>" is
            the outlet's own reporting).
        learned: the learned attribution's answers and modes (None: the rules alone).

    Returns:
        Per block, per sentence, the attribution.
    """
    ctx = ArticleContext(registry, books, outlet=outlet, learned=learned)
    if learned is not None:
        learned.sents = [sent for _, sents in parsed for sent in sents]
    found, speaker = interviewee(parsed, ctx)
    out, previous = [], None
    for index, (block, sents) in enumerate(parsed):
        answer = speaker if is_answer(found, index, block) else None
        out.append(attribute_block(block, sents, ctx, previous, answer))
        previous = block
    return out
