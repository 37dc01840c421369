"""Web pages as articles: the main text by trafilatura, metadata, embedded posts in place.

trafilatura finds the article's text and leaves out what is around it (menus, cookie
banners, "most read" and related-article lists, share buttons, footers, scripts).
``favor_precision`` is on: a sentence of boilerplate would enter every share's denominator,
while a paragraph missed costs one paragraph, so attrib prefers leaving out doubtful blocks.

Embedded posts (:mod:`attrib.inputs.embeds`) are read from their markup *before*
extraction and each replaced by a placeholder paragraph, so trafilatura neither drops nor
mangles them; afterwards each placeholder becomes the rendered post, ``text — Name
(@handle) YYYY-MM-DD``, the form :mod:`attrib.article.structure` reads as a post and its author.
A placeholder trafilatura left out anyway (an embed wrapped in a "social" box) is put back
after the paragraph that preceded the embed on the page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from attrib.inputs.embeds import Post, element_text, find_embeds

PLACEHOLDER = "ATTRIB-EMBED-{}"
PLACEHOLDER_RE = re.compile(r"ATTRIB-EMBED-(\d+)")
PLACEHOLDER_CUT = re.compile(r"(ATTRIB-EMBED-\d+)")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:\-]+)", re.I)
WHATWG_ALIASES = {"ascii": "cp1252", "iso8859-1": "cp1252"}  # the Encoding Standard reads these as windows-1252
BLOCK_TAGS = ("p", "head", "item", "row", "code", "quote")
ANCHOR_CHARS = 40  # the end of a text before an embed, to find it among the paragraphs
MIN_ANCHOR = 25  # shorter texts (menu items, tags, "Follow us") are no anchors
ANCHORS = 3  # the nearest texts tried
WIDGET_CHARS = 600


class HtmlError(ValueError):
    """A page that holds no article text (or is no HTML at all)."""


@dataclass(frozen=True)
class HtmlArticle:
    """A web page read as an article.

    Attributes:
        text: the article: title first, then its paragraphs separated by blank lines,
            embedded posts in place as ``text — Name (@handle) YYYY-MM-DD``.
        title: the headline from the page's metadata (``og:title``, JSON-LD, ``<title>``).
        date: publication date, ISO ``YYYY-MM-DD``.
        author: the byline.
        sitename: the publication (``og:site_name``, JSON-LD publisher).
        url: the canonical address, else the one given.
        posts: every embedded post found in the article, in order.
        warnings: embeds that could not be put in the text, and why.
    """

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    posts: tuple[Post, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def meta(self) -> dict[str, str]:
        """The metadata under attrib's document fields (``published``, ``outlet``, ``title``,
        ``author``, ``site_name``, ``url``), those the page has."""
        fields = {"published": self.date, "outlet": self.sitename, "title": self.title,
                  "author": self.author, "site_name": self.sitename, "url": self.url}
        return {k: v for k, v in fields.items() if v}


def extract_html(html: str, *, url: str | None = None) -> HtmlArticle:
    """Read a web page's article: main text, metadata and embedded posts.

    Args:
        html: the page's markup, decoded (see :func:`decode_html` for bytes).
        url: where the page came from (helps the metadata; the page's canonical link wins).

    Returns:
        The article; its ``text`` is "" when the page holds no article text.

    Raises:
        HtmlError: when the markup cannot be parsed at all.
    """
    from trafilatura import bare_extraction

    tree = _parse(html)
    embeds = [(_mark(element, number), post) for number, (element, post) in enumerate(find_embeds(tree))]
    drop_widgets(tree)  # after the embeds are marked: a post's own buttons do not take it away
    found = bare_extraction(tree, url=url, favor_precision=True, include_comments=False, include_tables=True,
                            with_metadata=True, deduplicate=False)
    paragraphs = body_paragraphs(found.body) if found is not None and found.body is not None else []
    paragraphs, posts, warnings = place_posts(paragraphs, embeds)
    title = (found.title or None) if found is not None else None
    if title and paragraphs and not _same(paragraphs[0], title):
        paragraphs.insert(0, title)
    meta = {k: getattr(found, k, None) or None for k in ("date", "author", "sitename", "url")} if found else {}
    meta["url"] = meta.get("url") or url
    return HtmlArticle("\n\n".join(paragraphs), title, posts=tuple(posts), warnings=tuple(warnings), **meta)


def _parse(html: str):
    """The page as an lxml tree (an XML declaration, which lxml refuses in a string, removed)."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise HtmlError(f"not an HTML page ({exc}); give the saved page itself (.html)") from exc


def drop_widgets(tree) -> None:
    """Remove the boxes built around form controls (newsletter sign-ups, cookie consent,
    search, comment forms): the largest ancestor of an input, button, select or textarea
    that still holds under ``WIDGET_CHARS`` characters of text. An article is longer, so
    a poll's button inside one does not take the article with it."""
    for control in tree.xpath("//input | //button | //select | //textarea"):
        if control.getparent() is None or not any(True for _ in control.iterancestors("body")):
            continue  # already removed with an earlier box
        box = control
        while box.getparent() is not None and box.getparent().tag != "body" and \
                len(" ".join(box.getparent().text_content().split())) < WIDGET_CHARS:
            box = box.getparent()
        box.drop_tree()


def _mark(element, number: int) -> tuple[str, ...]:
    """Put a placeholder paragraph where the embed (with the wrapper that holds only it) was;
    return the ends of the nearest texts before it on the page, nearest first, to find its
    place should the placeholder be dropped."""
    target = element
    while target.getparent() is not None and target.getparent().tag != "body" and _only_child(target):
        target = target.getparent()
    before = [" ".join(t.split()) for t in target.xpath("preceding::text()[normalize-space()]")
              if t.getparent().tag not in ("script", "style", "noscript", "title")]
    placeholder = target.makeelement("p", {})
    placeholder.text, placeholder.tail = PLACEHOLDER.format(number), target.tail
    target.getparent().replace(target, placeholder)
    return tuple(t[-ANCHOR_CHARS:] for t in reversed(before) if len(t) >= MIN_ANCHOR)[:ANCHORS]


def _only_child(element) -> bool:
    """Whether the element's parent holds nothing else readable (text, media) besides it."""
    parent = element.getparent()
    others = [c for c in parent if c is not element and c.tag not in ("script", "style", "noscript")
              and isinstance(c.tag, str)]
    texts = [parent.text or ""] + [c.tail or "" for c in parent]
    return not others and not "".join(texts).strip()


def body_paragraphs(body) -> list[str]:
    """The paragraphs of trafilatura's result tree: one per paragraph, heading, list item,
    table row (cells between ``|``) or quoted paragraph, line breaks kept inside."""
    for br in body.iter("lb"):
        br.tail = "\n" + (br.tail or "")
    for cell in body.xpath("//cell[following-sibling::cell]"):
        cell.tail = " | " + (cell.tail or "")
    out: list[str] = []
    for element in body.iter(*BLOCK_TAGS):
        if element.tag == "quote" and any(True for _ in element.iter("p", "item", "list")):
            continue  # its paragraphs come one by one
        if any(a.tag in BLOCK_TAGS and a.tag != "quote" for a in element.iterancestors()):
            continue  # inside a paragraph already taken
        lines = (" ".join(line.split()) for line in "".join(element.itertext()).split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(text)
    return out


def place_posts(paragraphs: list[str], embeds: list[tuple[tuple[str, ...], Post]]
                ) -> tuple[list[str], list[Post], list[str]]:
    """Put the embedded posts in place: each placeholder trafilatura kept, and each one it
    left out after the paragraph that preceded the embed on the page, becomes its rendered
    post. Return the paragraphs, the posts of the article in order, and a warning for
    every post that is not in the text and why."""
    out = [piece for text in paragraphs for piece in _split_placeholders(text)]
    present = {int(m.group(1)) for m in map(PLACEHOLDER_RE.fullmatch, out) if m}
    for number, (anchor, _post) in enumerate(embeds):
        at = None if number in present else _after(out, anchor)
        if at is not None:
            out.insert(at, PLACEHOLDER.format(number))
            present.add(number)
    warnings = [_left_out(post, False) for n, (_a, post) in enumerate(embeds) if n not in present]
    texts, posts = [], []
    for text in out:
        number = PLACEHOLDER_RE.fullmatch(text)
        post = embeds[int(number.group(1))][1] if number else None
        if post is not None:
            posts.append(post)
            warnings += [] if post.readable else [_left_out(post, True)]
        if post is None or post.readable:
            texts.append(post.render() if post else text)
    return texts, posts, warnings


def _split_placeholders(text: str) -> list[str]:
    """A paragraph with placeholders glued into it, cut into the text and the placeholders."""
    return [p.strip() for p in PLACEHOLDER_CUT.split(text) if p.strip()]


def _after(paragraphs: list[str], anchors: tuple[str, ...]) -> int | None:
    """The position after the last paragraph holding the first anchor any holds, and after
    the placeholders already put there (None where none holds any: the embed lay outside
    the article, in a sidebar or a footer)."""
    for anchor in anchors:
        hits = [i for i, text in enumerate(paragraphs) if anchor in " ".join(text.split())]
        if hits:
            at = hits[-1] + 1
            while at < len(paragraphs) and PLACEHOLDER_RE.fullmatch(paragraphs[at]):
                at += 1
            return at
    return None


def _left_out(post: Post, in_article: bool) -> str:
    """Why an embedded post is not in the text."""
    where = post.url or "(no address)"
    if not in_article:
        return f"embedded {post.platform} post {where} lies outside the article text: left out"
    if post.platform == "youtube":
        return f"embedded YouTube video {where}: a video has no text to annotate"
    if not post.text.strip():
        return (f"embedded {post.platform} post {where} has no text in the page (the platform's script "
                "loads it): not annotated")
    return f"embedded {post.platform} post {where} names no author or handle in the page: not annotated"


def _same(a: str, b: str) -> bool:
    """Equal but for case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its first bytes (``<meta charset>`` or
    ``http-equiv="Content-Type"``), as Python names it; None when it declares none or an unknown one."""
    match = META_CHARSET.search(data[:4096])
    codec = python_encoding(match.group(1).decode("ascii", "replace")) if match else None
    return "utf-8" if codec and codec.replace("_", "-").startswith("utf-16") else codec  # read as ASCII: not UTF-16


def python_encoding(name: str | None) -> str | None:
    """A charset label Python knows, lower-cased (``latin1`` and ``ascii`` read as
    windows-1252, ``cp1252``); None for a label it does not know."""
    try:
        codec = codecs.lookup(name.strip()).name if name else None
    except LookupError:
        return None
    return WHATWG_ALIASES.get(codec, name.strip().lower()) if codec else None


def decode_html(data: bytes, codebooks: dict, charset: str | None = None) -> tuple[str | None, str | None, str | None]:
    """Decode a page's bytes; return ``(text, encoding, error)`` as :func:`attrib.inputs.reader.decode_bytes`.

    A byte-order mark wins, then the charset of the HTTP header (``charset``), then the
    page's own ``<meta charset>``; a page that declares none, or whose bytes do not decode
    in what it declares, is decoded as a text file is (UTF-8, else the codebooks' encodings).
    """
    from attrib.inputs.documents import BOMS, decode_bytes

    if not any(data.startswith(bom) for bom, _ in BOMS):
        for encoding in dict.fromkeys(e for e in (python_encoding(charset), declared_charset(data)) if e):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                continue
    return decode_bytes(data, codebooks)


def read_page(raw, codebooks: dict, url: str | None) -> tuple[HtmlArticle | None, str | None, str | None]:
    """A raw page's article, the encoding it was decoded from, and why it has no text (or None)."""
    if isinstance(raw.data, bytes):
        html, encoding, error = decode_html(raw.data, codebooks, raw.meta.get("charset"))
    else:
        html, encoding, error = raw.data, raw.encoding or "utf-8", None
    if error is not None:
        return None, encoding, error
    try:
        page = extract_html(html, url=url)
    except HtmlError as exc:
        return None, encoding, f"{raw.source} is {exc}"
    if not page.text.strip():
        return page, encoding, (f"no article text found in the page {raw.source} (an index page, or a text "
                                "a script loads?): save the article's page itself, or give its text as .txt")
    return page, encoding, None
