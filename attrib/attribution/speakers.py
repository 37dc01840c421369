"""Speakers a sentence gives without a reporting cue: the subjects it names (what later
pronouns refer back to), the author of an embedded post, the source before a headline's
colon, and the person whose clause a colon hands to a quotation."""

from __future__ import annotations

from dataclasses import replace

from attrib.languages.codebook import Codebook
from attrib.attribution.context import OPENERS, PUNCT, ArticleContext
from attrib.attribution.extract.cues import names_no_one
from attrib.attribution.extract.match import vocab
from attrib.attribution.extract.names import is_name, proper_name
from attrib.attribution.extract.resolve import Link, noun_type, resolve_link, slug
from attrib.parsing.sent import Sent, fold
from attrib.attribution.extract.sources import RawLink, is_relative, phrase
from attrib.article.structure import Block

MENTION_TYPES = ("person", "government", "media", "unnamed", "eyewitness")


def mentions(sent: Sent, book: Codebook, ctx: ArticleContext, quoted: set[int]) -> list[Link]:
    """Who a sentence names as a subject outside quotations and reported content (a name, a
    known source, or a noun of a person, body or medium): what later pronouns, role nouns
    and dropped subjects refer back to ("Harry Kane won the award. He said, ...")."""
    out = []
    for word in sent.words:
        if word.rel != "nsubj" or word.id in quoted or is_relative(word) or word.upos not in ("NOUN", "PROPN", "X"):
            continue
        if any(a.rel in ("ccomp", "parataxis") for a in sent.ancestors(word)):
            continue  # a subject of reported content ("μετέδωσε ότι ο υπουργός παραιτήθηκε") is no speaker
        named = is_name(word) or any(is_name(k) for k in sent.children(word, "appos", "flat"))
        if not named and noun_type(word, book) not in MENTION_TYPES:
            continue
        link = resolve_link(sent, RawLink(word, tuple(phrase(sent, word)), ""), book, ctx.registry, ctx.history)
        if link.resolution != "unknown":
            out.append(replace(link, cue="", resolution="mention"))
    return out


def _introduced_by(block: Block, ctx: ArticleContext, previous: Block | None) -> Link | None:
    """The source of the paragraph that introduces an unsigned post, if it does."""
    if previous is None or previous.kind == "post" or not ctx.block_chains or not ctx.block_chains[-1]:
        return None
    book = ctx.books.get(previous.lang)
    words = vocab((book.section("attribution").get("post_intro") if book else None) or [])
    mentions = any(fold(t.strip(PUNCT)) in words for t in previous.text.split())
    if previous.text.rstrip().endswith(":") or mentions:
        link = ctx.block_chains[-1][0]
        return Link(link.source_id, link.name, link.type, link.surface, "post", "post-intro")
    return None


def post_author(block: Block, ctx: ArticleContext, previous: Block | None) -> Link:
    """Who posted an embedded post: signature handle, registry, introduction, or unknown."""
    surface = f"@{block.handle}" if block.handle else (block.author or "")
    known = ctx.registry.by_handle(block.handle) if block.handle else None
    if known is not None:
        return Link(known.id, known.name, known.type, surface, "post", "post-author")
    if block.handle or block.author:
        ident = f"@{block.handle}" if block.handle else f"x:{slug(block.author)}"
        return Link(ident, block.author or f"@{block.handle}", "social_media", surface, "post", "post-author")
    if block.post_id in ctx.post_authors:  # a later paragraph of a post already attributed
        return ctx.post_authors[block.post_id]
    intro = _introduced_by(block, ctx, previous)
    return intro or Link("unknown-account", "unidentified account", "social_media", "", "post", "unknown")


def headline_speaker(block: Block, sent: Sent, book: Codebook, ctx: ArticleContext) -> list[Link]:
    """"Putin: sanctions will fail", "ΟΗΕ: ...": a headline that puts a known source or a
    role before a colon and a statement after it gives that source as the speaker; so does
    an article's first line, a title the input did not mark as one."""
    colon = next((w for w in sent.words if w.text == ":"), None)
    title = block.kind == "headline" or not ctx.block_chains and sent.words[0].start == block.start  # the first line
    if not title or colon is None or not 1 < colon.id <= 5 or len(sent.words) - colon.id < 3:
        return []
    before = sent.words[:colon.id - 1]
    heads = [w for w in before if sent.word(w.head) not in before]
    if len(heads) != 1 or not (is_name(heads[0]) or noun_type(heads[0], book) in MENTION_TYPES):
        return []
    link = resolve_link(sent, RawLink(heads[0], tuple(phrase(sent, heads[0])), ":"), book, ctx.registry, ctx.history)
    # a known source, a role or a person's full name speaks; one unknown name may be a place ("Γαλλία: ...")
    full_name = len(proper_name(sent, heads[0])) > 1
    return [link] if link.resolution in ("registry", "anaphora") or full_name or noun_type(heads[0], book) == "person" else []


def colon_speaker(sent: Sent, book: Codebook, ctx: ArticleContext, quoted: set[int]) -> list[Link]:
    """"Trapattoni was delighted: «We played our best!»", "Ferguson ... nem kutatott bűnbakok
    után: «...»": a clause whose subject is a person, a colon and then a quotation (or the
    sentence's end) give that person as the quotation's speaker."""
    colon = next((w for w in sent.words if w.text == ":" and w.id not in quoted), None)
    if colon is None:
        return []
    after = [w for w in sent.words[colon.id:] if w.upos != "PUNCT" or w.text in OPENERS]
    if after and not (after[0].id in quoted or after[0].text in OPENERS):
        return []
    before = [w for w in sent.words[:colon.id - 1] if w.upos in ("VERB", "AUX", "ADJ")]
    subjects = [k for w in reversed(before) for k in sent.children(w, "nsubj") if k.id < colon.id][:1]
    person = [k for k in subjects if (is_name(k) or noun_type(k, book) == "person") and not names_no_one(sent, k, book)]
    if not person:
        return []
    return [resolve_link(sent, RawLink(person[0], tuple(phrase(sent, person[0])), ":"), book, ctx.registry, ctx.history)]
