"""Embedded social-media posts in a web page, read from the platforms' embed markup.

Each platform's embed code is found by its standard markup (X/Twitter's
``blockquote.twitter-tweet``, Facebook's ``div.fb-post``, Instagram's
``blockquote.instagram-media``, Telegram's widget script, Bluesky's
``blockquote.bluesky-embed``, Mastodon's ``mastodon-embed``, YouTube's player iframe) and
read into a :class:`Post`: platform, URL, author, handle, date and text, as far as the
markup carries them (a Telegram widget or a YouTube player carries no text: the platform's
script loads it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from attrib.inputs.dates import parse_published

SKIPPED_TAGS = ("script", "style", "noscript", "svg")
HANDLE_IN_TEXT = re.compile(r"\(\s*@(?P<handle>[\w.\-]+(?:@[\w.\-]+)?)\s*\)")
NAME_BEFORE_HANDLE = re.compile(r"(?:^|[—–―])\s*(?P<name>[^—–―()\n]{1,80}?)\s*\(\s*@")
UNSAFE_IN_NAME = re.compile(r"[—–―()\n]+")
MASTODON_URL = re.compile(r"https?://(?P<host>[^/]+)/@(?P<user>[\w.\-]+)/(?P<id>\d+)")
YOUTUBE_ID = re.compile(r"youtube(?:-nocookie)?\.com/embed/(?P<id>[\w\-]{6,})")


@dataclass(frozen=True)
class Post:
    """An embedded post as its markup gives it.

    Attributes:
        platform: ``twitter``, ``facebook``, ``instagram``, ``telegram``, ``bluesky``,
            ``mastodon`` or ``youtube``.
        url: the post's address (tracking parameters removed), if the markup has one.
        author: the account's display name.
        handle: the account name without ``@`` (``user@instance`` on Mastodon).
        date: the day it was posted, ISO ``YYYY-MM-DD``.
        text: what the post says, lines joined with ``\\n`` ("" when the markup has none).
    """

    platform: str
    url: str | None = None
    author: str | None = None
    handle: str | None = None
    date: str | None = None
    text: str = ""

    @property
    def readable(self) -> bool:
        """Whether the post has text and someone to attribute it to."""
        return bool(self.text.strip()) and bool(self.author or self.handle)

    def render(self) -> str:
        """The post as one paragraph of article text: its lines, then the signature
        ``— Name (@handle) YYYY-MM-DD`` that :mod:`attrib.article.structure` reads as a post's author."""
        name = UNSAFE_IN_NAME.sub(" ", self.author or self.handle or "").strip()
        signature = " ".join(part for part in (f"— {name}", f"(@{self.handle})" if self.handle else "",
                                               self.date or "") if part)
        return f"{self.text.strip()} {signature}"


def element_text(element) -> str:
    """An element's text, ``<br>`` as line breaks, scripts and styles left out, spaces collapsed."""
    parts: list[str] = []
    _collect(element, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(element, parts: list[str]) -> None:
    """Append an element's text, its children's and their tails to ``parts``."""
    if element.tag == "br":
        parts.append("\n")
    elif isinstance(element.tag, str) and element.tag not in SKIPPED_TAGS:
        parts.append(element.text or "")
        for child in element:
            _collect(child, parts)
            parts.append(child.tail or "")
        if element.tag in ("p", "div", "li"):
            parts.append("\n")


def _paragraphs(element) -> str:
    """The text of the element's ``<p>`` descendants, one line each at least."""
    return "\n".join(t for t in (element_text(p) for p in element.iter("p")) if t)


def _signature_text(element) -> str:
    """The text of a blockquote outside its paragraphs (where embeds put the signature)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != "p":
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _clean_url(url: str | None) -> str | None:
    """The URL without its query string (embeds add tracking parameters)."""
    return url.split("?")[0].split("#")[0] if url else None


def _iso_day(text: str | None) -> str | None:
    """The day a date string names, as ``YYYY-MM-DD`` (None when it names none)."""
    moment = parse_published(" ".join(text.split())) if text and text.strip() else None
    return moment.date().isoformat() if moment else None


def _signed(platform: str, element, url: str | None, date_text: str | None) -> Post:
    """A post whose blockquote ends ``— Name (@handle) date`` (X/Twitter, Bluesky)."""
    signature = _signature_text(element)
    handle, name = HANDLE_IN_TEXT.search(signature), NAME_BEFORE_HANDLE.search(signature)
    return Post(platform, _clean_url(url), name.group("name").strip() if name else None,
                handle.group("handle") if handle else None, _iso_day(date_text), _paragraphs(element))


def twitter(element) -> Post:
    """``<blockquote class="twitter-tweet"><p>…</p>&mdash; Name (@handle) <a href=status>date</a>``."""
    links = [a for a in element.findall("a") if "/status" in (a.get("href") or "")]
    last = links[-1] if links else None
    post = _signed("twitter", element, last.get("href") if last is not None else None,
                   last.text_content() if last is not None else None)
    if post.handle is None and post.url:
        match = re.search(r"(?:twitter|x)\.com/(\w+)/status", post.url)
        post = Post(post.platform, post.url, post.author, match.group(1) if match else None, post.date, post.text)
    return post


def bluesky(element) -> Post:
    """``<blockquote class="bluesky-embed"><p>…</p>&mdash; Name (<a>@handle</a>) <a href=post>date</a>``."""
    links = [a for a in element.findall("a") if "/post/" in (a.get("href") or "")]
    last = links[-1] if links else None
    return _signed("bluesky", element, last.get("href") if last is not None else None,
                   last.text_content() if last is not None else None)


def facebook(element) -> Post:
    """``<div class="fb-post" data-href=…><blockquote><p>…</p>Posted by <a>Name</a> on <a>date</a>``,
    or the ``plugins/post.php`` iframe (address only)."""
    url = element.get("data-href") or _query_param(element.get("src"), "href")
    quote = element.find(".//blockquote")
    if quote is None:
        return Post("facebook", _clean_url(url))
    links = quote.findall("a")
    author = element_text(links[0]) if len(links) >= 2 else None
    date = _iso_day(links[-1].text_content()) if links else None
    return Post("facebook", _clean_url(url), author or None, None, date, _paragraphs(quote))


def instagram(element) -> Post:
    """``<blockquote class="instagram-media" data-instgrm-permalink=…>``: caption paragraphs,
    ``(@handle)``, the profile link's name and ``<time datetime>``."""
    url = element.get("data-instgrm-permalink") or element.get("src")
    stamp = element.find(".//time")
    handle = HANDLE_IN_TEXT.search(element.text_content())
    handle = handle.group("handle") if handle else None
    profile = [a for a in element.iter("a") if re.search(r"instagram\.com/[\w.]+/?$", a.get("href") or "")]
    author = element_text(profile[0]) if profile else None
    captions = [element_text(p) for p in element.iter("p")
                if not HANDLE_IN_TEXT.search(p.text_content()) and p.find(".//time") is None]
    date = (stamp.get("datetime") or stamp.text_content()) if stamp is not None else None
    return Post("instagram", _clean_url(url), author or handle, handle, _iso_day(date),
                "\n".join(c for c in captions if c))


def telegram(element) -> Post:
    """``<script data-telegram-post="channel/123">`` or its ``t.me/channel/123?embed=1`` iframe:
    the channel and address only (the widget loads the text)."""
    name = element.get("data-telegram-post") or _path(element.get("src"), "t.me")
    return Post("telegram", f"https://t.me/{name}" if name else None, None, name.split("/")[0] if name else None)


def mastodon(element) -> Post:
    """``<blockquote class="mastodon-embed" data-embed-url=…>`` or the ``/@user/ID/embed`` iframe:
    address and ``user@instance`` (and text, when the markup holds paragraphs)."""
    url = element.get("data-embed-url") or element.get("src") or ""
    match = MASTODON_URL.search(url) or MASTODON_URL.search(" ".join(a.get("href") or "" for a in element.iter("a")))
    if not match:
        return Post("mastodon", _clean_url(url) or None, text=_paragraphs(element))
    handle = f"{match.group('user')}@{match.group('host')}"
    return Post("mastodon", match.group(0), None, handle, None, _paragraphs(element))


def youtube(element) -> Post:
    """A YouTube player iframe: the video's address (its title attribute is a player label)."""
    match = YOUTUBE_ID.search(element.get("src") or "")
    return Post("youtube", f"https://www.youtube.com/watch?v={match.group('id')}" if match else None)


def _query_param(url: str | None, name: str) -> str | None:
    """One parameter of a URL's query string."""
    values = parse_qs(urlparse(url).query).get(name) if url else None
    return values[0] if values else None


def _path(url: str | None, host: str) -> str | None:
    """The path of a URL on ``host``, without slashes at its ends."""
    if not url or host not in urlparse(url).netloc:
        return None
    return urlparse(url).path.strip("/") or None


def _has_class(name: str) -> str:
    """XPath test for an element whose class list holds ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


EMBEDS = (  # (xpath, reader), searched in one pass in document order
    (f"//blockquote[{_has_class('twitter-tweet')} or {_has_class('twitter-video')}]", twitter),
    (f"//div[{_has_class('fb-post')} or {_has_class('fb-video')}]", facebook),
    ("//iframe[contains(@src, 'facebook.com/plugins/post.php')]", facebook),
    (f"//blockquote[{_has_class('instagram-media')}]", instagram),
    ("//script[@data-telegram-post]", telegram),
    ("//iframe[starts-with(@src, 'https://t.me/') and contains(@src, 'embed=1')]", telegram),
    (f"//blockquote[{_has_class('bluesky-embed')}]", bluesky),
    (f"//blockquote[{_has_class('mastodon-embed')}] | //iframe[{_has_class('mastodon-embed')}]", mastodon),
    ("//iframe[contains(@src, 'youtube.com/embed/') or contains(@src, 'youtube-nocookie.com/embed/')]", youtube),
)


def find_embeds(tree) -> list[tuple[object, Post]]:
    """Every embedded post of a parsed page, in document order, with its element
    (an embed inside another, such as a Facebook post's blockquote, is not counted twice)."""
    found = {el: reader for xpath, reader in EMBEDS for el in tree.xpath(xpath)}
    outer = [el for el in found if not any(a in found for a in el.iterancestors())]
    order = {el: i for i, el in enumerate(tree.iter())}
    return [(el, found[el](el)) for el in sorted(outer, key=order.__getitem__)]
