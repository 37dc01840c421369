"""The structure of an article: metadata line, paragraphs, headlines and embedded posts.

Works on the decoded text and keeps character offsets into it, so every sentence can be
traced back to the input. Embedded social-media posts are recognised by their signature
(``— Name (@handle) Month D, YYYY``, also glued to a preceding link; a handle may hold dots
and an instance, ``@name.bsky.social``, ``@user@mastodon.social``; the date may be ISO, as
:mod:`attrib.inputs.html` writes it), by links to the
platform, or by hashtags in a paragraph written in another language than the article;
consecutive post paragraphs without their own signature belong to the same post.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from attrib.languages.codebook import Codebook
from attrib.languages.langid import detect_language

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
METADATA = re.compile(r"\A\s*date\s+(?P<date>\d{4}(?:-\d{2}){0,2})\b[ \t]*")
SIGNATURE = re.compile(
    r"[—–―]\s*(?P<name>[^—–―\n()]{1,80}?)\s*(?:\(@(?P<handle>\w[\w.\-]{0,62}(?:@[\w.\-]{1,100})?)\))?\s*"
    r"(?P<date>\w{3,12}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w{3,12}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})?\s*\Z")
POST_LINK = re.compile(r"pic\.twitter\.com/\w+|https?://t\.co/\w+|twitter\.com/\w+/status|x\.com/\w+/status")
HASHTAG = re.compile(r"(?<![\w&])#\w+")
TERMINAL = ".!?;:…"
CLOSERS = "»”\"'’)]"
MAX_HEADLINE_WORDS = 24


@dataclass(frozen=True)
class Block:
    """A paragraph of an article, as it goes to the NLP pipeline.

    Attributes:
        para_id: 0-based paragraph number.
        start: offset of ``text`` in the document text.
        text: the paragraph (a post's signature cut off; it is metadata, not speech).
        kind: ``paragraph``, ``headline``, ``caption`` or ``post``.
        lang: language of the paragraph.
        post_id: number of the embedded post it belongs to (None outside posts).
        author: name in the post's signature, if any.
        handle: account in the post's signature, without ``@``.
        posted: date in the post's signature, as written.
    """

    para_id: int
    start: int
    text: str
    kind: str = "paragraph"
    lang: str | None = None
    post_id: int | None = None
    author: str | None = None
    handle: str | None = None
    posted: str | None = None

    @property
    def end(self) -> int:
        """Offset just past the paragraph text."""
        return self.start + len(self.text)


@dataclass(frozen=True)
class Article:
    """A structured article: its publication metadata and its blocks."""

    published: str | None
    lang: str | None
    blocks: tuple[Block, ...]


def split_blocks(text: str) -> tuple[str | None, list[Block]]:
    """Cut the metadata prefix off and split the rest into paragraphs with offsets."""
    meta = METADATA.match(text)
    published, pos = (meta.group("date"), meta.end()) if meta else (None, 0)
    blocks, para = [], 0
    for piece in PARAGRAPH_BREAK.split(text[pos:]):
        start = text.index(piece, pos) if piece else pos
        pos = start + len(piece)
        body = piece.strip()
        if body:
            offset = start + len(piece) - len(piece.lstrip())
            blocks.append(Block(para, offset, body))
            para += 1
    return published, blocks


def is_headline(text: str) -> bool:
    """A single short line that does not end like a sentence."""
    stripped = text.rstrip(CLOSERS + " ")
    if "\n" in text or not stripped or stripped[-1] in TERMINAL:
        return False
    if re.search(r"[.!?…]\s+\S", stripped):
        return False
    return len(text.split()) <= MAX_HEADLINE_WORDS


def with_signature(block: Block) -> Block:
    """Move a trailing post signature out of the text into the block's fields."""
    match = SIGNATURE.search(block.text)
    if not match or not (match.group("handle") or match.group("date")):
        return block
    body = block.text[: match.start()].rstrip()
    return replace(block, text=body, kind="post", author=match.group("name").strip(),
                   handle=match.group("handle"), posted=match.group("date"))


def _label_languages(blocks: list[Block], books: dict[str, Codebook], hint: str | None) -> tuple[str, list[Block]]:
    """Give every block a language; blocks without evidence take the article's main one."""
    guesses = [detect_language(b.text, books).lang for b in blocks]
    weights: Counter = Counter()
    for guess, block in zip(guesses, blocks):
        if guess:
            weights[guess] += len(block.text)
    main = hint or (weights.most_common(1)[0][0] if weights else next(iter(books), "en"))
    out, previous = [], main
    for block, guess in zip(blocks, guesses):
        previous = guess or previous  # a link-only paragraph continues the one before it
        out.append(replace(block, lang=previous))
    return main, out


def _post_marker(block: Block, main: str) -> bool:
    """Whether a block on its own shows it is an embedded post."""
    if block.kind == "post" or POST_LINK.search(block.text):
        return True
    return bool(HASHTAG.search(block.text)) and block.lang != main


def _closes_post(block: Block) -> bool:
    """A post ends with its signature or with a link to the platform."""
    tail = block.text.rstrip()[-60:]
    return block.handle is not None or block.author is not None or bool(POST_LINK.search(tail))


def mark_posts(blocks: list[Block], main: str) -> list[Block]:
    """Number embedded posts; a foreign paragraph inside an open post joins it."""
    out, post, open_post = [], -1, False
    for block in blocks:
        marked = _post_marker(block, main)
        joins = open_post and block.lang == out[-1].lang and (marked or block.lang != main)
        if marked or joins:
            post += 0 if joins else 1
            block = replace(block, kind="post", post_id=post)
            open_post = not _closes_post(block)
        else:
            open_post = False
        out.append(block)
    return _spread_signatures(out)


def _spread_signatures(blocks: list[Block]) -> list[Block]:
    """Give every paragraph of a post the author its signed paragraph names."""
    signed = {b.post_id: b for b in blocks if b.post_id is not None and (b.handle or b.author)}
    return [replace(b, author=signed[b.post_id].author, handle=signed[b.post_id].handle,
                    posted=signed[b.post_id].posted)
            if b.post_id in signed and not (b.handle or b.author) else b for b in blocks]


def is_caption(text: str, books: dict[str, Codebook]) -> bool:
    """A picture caption: one line carrying a photo-credit marker of any known language.

    Credits mix scripts ("Φωτογραφία: Reuters/..."), so the paragraph's own language is
    not a reliable guide to which codebook's markers to look for.
    """
    markers = [m for b in books.values() for m in b.section("structure").get("caption_markers") or []]
    return "\n" not in text and any(m in text for m in markers)


def mark_kinds(blocks: list[Block], books: dict[str, Codebook], main: str) -> list[Block]:
    """Mark captions and headlines among the plain paragraphs."""
    out = []
    for block in blocks:
        if block.kind == "paragraph" and not _post_marker(block, main):
            if is_caption(block.text, books):
                block = replace(block, kind="caption")
            elif is_headline(block.text):
                block = replace(block, kind="headline")
        out.append(block)
    return out


def structure_article(text: str, codebooks: dict[str, Codebook], lang: str | None = None) -> Article:
    """Find the metadata, paragraphs, headlines, posts and languages of an article.

    Args:
        text: the decoded document text.
        codebooks: language -> codebook (language evidence).
        lang: the article's language when the input says so (else the majority).

    Returns:
        The structured article.
    """
    published, blocks = split_blocks(text)
    blocks = [with_signature(b) for b in blocks]
    main, blocks = _label_languages(blocks, codebooks, lang)
    blocks = mark_kinds(blocks, codebooks, main)
    return Article(published, main, tuple(mark_posts(blocks, main)))
