"""Article structure on articles written for the tests (not the seeds)."""

from attrib.languages.codebook import load_codebooks
from attrib.article.structure import SIGNATURE, is_headline, split_blocks, structure_article

BOOKS = load_codebooks()

ARTICLE = """ date 2023-03-14 Η κυβέρνηση ανακοίνωσε νέα μέτρα για τα καύσιμα. Η αντιπολίτευση αντέδρασε.

Αντιδράσεις στη Βουλή

Ο βουλευτής έγραψε στον λογαριασμό του στο Twitter:

Fuel prices are up again and the #government does nothing. pic.twitter.com/Ab12Cd— Nikos Papas (@npapas)March 14, 2023

Η ΓΣΕΕ καλεί σε απεργία την Πέμπτη.

Huge crowds in #Athens right now.

More videos to follow as the march reaches the parliament.

https://t.co/XyZ987

Φωτογραφία: Reuters/Alkis Konstantinidis"""


def test_metadata_prefix_becomes_published_and_offsets_hold():
    published, blocks = split_blocks(ARTICLE)
    assert published == "2023-03-14"
    assert blocks[0].text.startswith("Η κυβέρνηση")
    assert all(ARTICLE[b.start:b.end] == b.text for b in blocks)


def test_glued_signature_is_parsed_and_cut_from_the_post():
    article = structure_article(ARTICLE, BOOKS)
    post = next(b for b in article.blocks if b.handle)
    assert (post.author, post.handle, post.posted) == ("Nikos Papas", "npapas", "March 14, 2023")
    assert post.text.endswith("pic.twitter.com/Ab12Cd") and post.kind == "post" and post.lang == "en"


def test_unsigned_post_spans_paragraphs_until_its_link():
    article = structure_article(ARTICLE, BOOKS)
    kinds = [(b.kind, b.post_id) for b in article.blocks]
    assert kinds == [("paragraph", None), ("headline", None), ("paragraph", None), ("post", 0),
                     ("paragraph", None), ("post", 1), ("post", 1), ("post", 1), ("caption", None)]
    assert article.lang == "el" and article.published == "2023-03-14"


def test_headlines_are_short_and_unpunctuated():
    assert is_headline("Αντιδράσεις στη Βουλή")
    assert is_headline("«Νέα μέτρα για τα καύσιμα»")
    assert not is_headline("Ο υπουργός μίλησε στη Βουλή.")
    assert not is_headline("Διευκρίνισε ότι θα μείνει. Θα παραμείνει στην πρωτεύουσα (πρώην Αστάνα)")
    assert not is_headline("Οι διαδηλώσεις συνεχίστηκαν και χθες:")
    assert not is_headline(" ".join(["λέξη"] * 30))


def test_signature_variants():
    assert SIGNATURE.search("text — BBC Breaking News (@BBCBreaking) 5 January 2022").group("handle") == "BBCBreaking"
    assert SIGNATURE.search("text — Malay Mail (@malaymail) January 6, 2022").group("name") == "Malay Mail"
    assert SIGNATURE.search("Az ország — hosszú idő után — újra nyugodt.") is None or \
        not SIGNATURE.search("Az ország — hosszú idő után — újra nyugodt.").group("handle")


def test_hungarian_article_caption_and_language_hint():
    text = "A tüntetők a parlament elé vonultak.\n\nTüntetők Budapesten Fotó: MTI/Kovács Attila"
    article = structure_article(text, BOOKS, lang="hu")
    assert [b.kind for b in article.blocks] == ["paragraph", "caption"]


def test_signature_with_a_dotted_or_instance_handle_and_an_iso_date():
    bluesky = SIGNATURE.search("Talks have failed. — Dockworkers United (@dockworkers.bsky.social) 2024-03-12")
    assert (bluesky.group("name"), bluesky.group("handle"), bluesky.group("date")) == \
        ("Dockworkers United", "dockworkers.bsky.social", "2024-03-12")
    assert SIGNATURE.search("Szavazzatok! — Jane (@jane@mastodon.social) 2024-03-12").group("handle") == \
        "jane@mastodon.social"
    post = structure_article("A kormány döntött. — Kovács Péter 2022-01-06", BOOKS).blocks[0]
    assert (post.kind, post.author, post.handle, post.posted) == ("post", "Kovács Péter", None, "2022-01-06")
