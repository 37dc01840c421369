"""Web pages as articles: main text, metadata and embedded posts, on pages written for the tests."""

from pathlib import Path

import pytest

from attrib.languages.codebook import load_codebooks
from attrib.inputs.embeds import Post
from attrib.inputs.html import HtmlError, decode_html, declared_charset, extract_html
from attrib.inputs.reader import read_corpus
from attrib.article.structure import structure_article

BOOKS = load_codebooks()
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html"

GREEK_TITLE = "Καζακστάν: Κατάσταση έκτακτης ανάγκης μετά τις διαδηλώσεις"
GREEK = [
    GREEK_TITLE,
    "Ο πρόεδρος του Καζακστάν, Κασίμ-Ζομάρτ Τοκάγεφ, κήρυξε την Τετάρτη κατάσταση έκτακτης ανάγκης στο "
    "Αλμάτι και στην επαρχία Μανγκιστάου, μετά από δύο ημέρες βίαιων διαδηλώσεων για την αύξηση της τιμής "
    "του υγραερίου.",
    "Σύμφωνα με το πρακτορείο Interfax, η κυβέρνηση της χώρας υπέβαλε την παραίτησή της, την οποία ο "
    "πρόεδρος έκανε δεκτή λίγες ώρες αργότερα.",
    "Το ρωσικό κρατικό δίκτυο RT μετέδωσε εικόνες από τις συγκρούσεις στο κέντρο της πόλης:",
    "Protesters storm the mayor's office in Almaty as unrest over fuel prices spreads across Kazakhstan "
    "pic.twitter.com/Qw3RtY7uIo — RT (@RT_com) 2022-01-05",
    "Οι αρχές διέκοψαν την πρόσβαση στο διαδίκτυο σε ολόκληρη τη χώρα, όπως ανέφερε ο οργανισμός NetBlocks, "
    "ενώ τα κρατικά μέσα ενημέρωσης έκαναν λόγο για «τρομοκρατικές ομάδες».",
    "Το υπουργείο Εξωτερικών συνέστησε στους Έλληνες πολίτες να αποφεύγουν κάθε μη αναγκαίο ταξίδι στην "
    "περιοχή.",
]
GREEK_BOILERPLATE = ["cookies", "Αποδοχή", "Πολιτισμός", "Αναζήτηση", "Διαφήμιση", "Αρχική", "Διαβάστε επίσης",
                     "Η Μόσχα εξετάζει", "Σχετικά άρθρα", "Ο Τοκάγεφ ανακοίνωσε", "Τα πιο διαβασμένα",
                     "Χιονοπτώσεις", "Ποιοι είμαστε", "Με την επιφύλαξη", "gtag", "dataLayer", "Όλες οι εξελίξεις",
                     "@eidiseis_tora", "Facebook", "Καζακστάν Διαδηλώσεις"]

HUNGARIAN = [
    "Meghosszabbítják az üzemanyagár-stopot",
    "Február közepéig marad a benzin és a gázolaj hatósági ára, jelentette be pénteken a kormány szóvivője.",
    "A literenként 480 forintos árplafon eredetileg január végén járt volna le, a kormány azonban a "
    "csütörtöki ülésén a meghosszabbításról döntött.",
    "Kovács Péter államtitkár a közösségi oldalán azt írta, hogy a döntés a családokat és a fuvarozókat "
    "egyaránt védi:",
    "A kormány döntött: február 15-ig marad az üzemanyagár-stop. Nem hagyjuk, hogy a világpiaci drágulás a "
    "magyar családokat terhelje! — Kovács Péter 2022-01-06",
    "A Magyar Ásványolaj Szövetség szerint a hatósági ár miatt több kisebb töltőállomás is ellátási "
    "nehézségekről számolt be.",
    "Az ellenzék szerint az intézkedés csak a választásokig szól, utána jelentős áremelés várható.",
    "A kormányszóvivő sajtótájékoztatójáról készült videó:",
    "A kabinet a következő hetekben dönt arról, hogy az élelmiszerek árát is befagyasztja-e.",
]
HUNGARIAN_BOILERPLATE = ["sütiket", "Elfogadom", "Előfizetés", "Belföld", "Vélemény", "Kapcsolódó",
                         "Kifogyott a gázolaj", "hírlevelünkre", "postafiókjába", "További cikkek", "infláció",
                         "Legolvasottabb", "Havazás", "Impresszum", "független hírportál", "Címkék", "Megosztás",
                         "hirpontAds", "Közzétette", "YouTube video player"]

ENGLISH = [
    "Port workers walk out as pay talks collapse",
    "Hundreds of dock workers at the city's container terminal walked out on Tuesday morning after eleven "
    "weeks of negotiations over pay ended without an agreement.",
    "The union said its members had rejected a final offer of a 4.5% rise, arguing that it fell well short "
    "of inflation over the past two years.",
    "Announcing the strike shortly after midnight, the union wrote:",
    "Talks have failed. From 6am our members at the container terminal are on strike.\nNobody takes this step "
    "lightly, but a real-terms pay cut is not an offer. — Dockworkers United (@dockworkers.bsky.social) 2024-03-12",
    "The port authority said in a statement that contingency plans were in place and that ferry services "
    "would not be affected.",
    "A local campaign group that monitors shipping traffic posted pictures of idle cranes:",
    "Not a single crane moving at the terminal this morning. #portstrike — Harbour Watch (@harbourwatch) "
    "2024-03-12",
    "A city councillor who sits on the port's board also commented on the walkout:",
    "Talks are expected to resume at the conciliation service on Thursday.",
]
ENGLISH_BOILERPLATE = ["cookies", "Accept all", "Subscribe", "Weather", "Industrial action", "Transport "
                       "correspondent", "Read more", "Ferry timetable", "View this post on Instagram",
                       "A post shared by", "Harbour Watch on Instagram", "View on Mastodon", "Post by",
                       "Share this article", "WhatsApp", "Comments", "Most read", "Bridge to close",
                       "All rights reserved", "Privacy policy", "analytics"]


def page(name: str) -> str:
    """A fixture page, decoded as attrib decodes it."""
    text, _, error = decode_html((PAGES / name).read_bytes(), BOOKS)
    assert error is None
    return text


@pytest.mark.parametrize("name, expected, boilerplate", [
    ("greek_news.html", GREEK, GREEK_BOILERPLATE),
    ("hungarian_news.html", HUNGARIAN, HUNGARIAN_BOILERPLATE),
    ("english_news.html", ENGLISH, ENGLISH_BOILERPLATE),
])
def test_main_text_is_the_article_paragraphs_and_nothing_else(name, expected, boilerplate):
    article = extract_html(page(name))
    assert article.text.split("\n\n") == expected
    assert [word for word in boilerplate if word in article.text] == []


def test_greek_page_metadata():
    article = extract_html(page("greek_news.html"))
    assert article.meta() == {
        "published": "2022-01-05", "outlet": "Ειδήσεις Τώρα", "site_name": "Ειδήσεις Τώρα", "title": GREEK_TITLE,
        "author": "Μαρία Παπαδοπούλου",
        "url": "https://www.eidiseis-tora.gr/kosmos/kazakstan-katastasi-ektaktis-anagkis"}


def test_embedded_tweet_is_read_from_its_markup_and_kept_in_place_as_a_post_of_its_author():
    article = extract_html(page("greek_news.html"))
    assert article.posts == (Post(
        "twitter", "https://twitter.com/RT_com/status/1478745102366212098", "RT", "RT_com", "2022-01-05",
        "Protesters storm the mayor's office in Almaty as unrest over fuel prices spreads across Kazakhstan "
        "pic.twitter.com/Qw3RtY7uIo"),)
    blocks = structure_article(article.text, BOOKS).blocks
    assert [b.kind for b in blocks] == ["headline", "paragraph", "paragraph", "paragraph", "post", "paragraph",
                                        "paragraph"]
    post = blocks[4]
    assert (post.author, post.handle, post.posted, post.lang) == ("RT", "RT_com", "2022-01-05", "en")
    assert post.text.endswith("pic.twitter.com/Qw3RtY7uIo") and "RT_com" not in post.text


def test_a_post_outside_the_article_is_left_out_with_a_warning():
    article = extract_html(page("greek_news.html"))
    assert article.warnings == ("embedded twitter post https://twitter.com/eidiseis_tora/status/1478760011223344556 "
                                "lies outside the article text: left out",)


def test_hungarian_facebook_post_in_a_social_box_and_a_youtube_player():
    article = extract_html(page("hungarian_news.html"))
    facebook, youtube = article.posts
    assert facebook == Post("facebook", "https://www.facebook.com/kovacspeter.allamtitkar/posts/4521873310012345",
                            "Kovács Péter", None, "2022-01-06", HUNGARIAN[4].split(" — ")[0])
    assert youtube == Post("youtube", "https://www.youtube.com/watch?v=b7Xq2LmNp4E")
    assert article.warnings == ("embedded YouTube video https://www.youtube.com/watch?v=b7Xq2LmNp4E: a video has "
                                "no text to annotate",)
    post = next(b for b in structure_article(article.text, BOOKS).blocks if b.kind == "post")
    assert (post.author, post.handle, post.posted, post.lang) == ("Kovács Péter", None, "2022-01-06", "hu")


def test_english_bluesky_instagram_telegram_and_mastodon_embeds():
    article = extract_html(page("english_news.html"))
    assert [(p.platform, p.author, p.handle, p.date, p.url) for p in article.posts] == [
        ("bluesky", "Dockworkers United", "dockworkers.bsky.social", "2024-03-12",
         "https://bsky.app/profile/did:plc:q4z7vd2kfx3hmwyd5rj6nbtc/post/3kni7xrq2lk2p"),
        ("telegram", None, "harbourauthority", None, "https://t.me/harbourauthority/1847"),
        ("instagram", "Harbour Watch", "harbourwatch", "2024-03-12", "https://www.instagram.com/p/C4YqT2hNkZx/"),
        ("mastodon", None, "cllr_jane_okafor@mastodon.social", None,
         "https://mastodon.social/@cllr_jane_okafor/112083450219337561")]
    assert [w.split(" has ")[0] for w in article.warnings] == [
        "embedded telegram post https://t.me/harbourauthority/1847",
        "embedded mastodon post https://mastodon.social/@cllr_jane_okafor/112083450219337561"]
    posts = [b for b in structure_article(article.text, BOOKS).blocks if b.kind == "post"]
    assert [(b.author, b.handle, b.post_id) for b in posts] == [
        ("Dockworkers United", "dockworkers.bsky.social", 0), ("Harbour Watch", "harbourwatch", 1)]
    assert posts[0].text == ENGLISH[4].split(" — ")[0]


def test_an_embed_trafilatura_drops_with_its_box_comes_back_after_the_paragraph_before_it():
    html = (PAGES / "english_news.html").read_text("utf-8")
    boxed = html.replace('<figure class="embed embed--instagram">',
                         '<div class="share-tools social"><span>Follow us</span><figure class="x">').replace(
        "<figcaption>Harbour Watch on Instagram</figcaption>\n</figure>", "</figure></div>")
    assert extract_html(boxed).text.split("\n\n") == ENGLISH


def test_two_tweets_in_a_row_keep_their_order():
    tweet = ('<blockquote class="twitter-tweet"><p lang="en">{text}</p>&mdash; {name} (@{handle}) '
             '<a href="https://twitter.com/{handle}/status/{id}">March 1, 2023</a></blockquote>')
    body = "".join(tweet.format(text=t, name=n, handle=h, id=i) for t, n, h, i in [
        ("First we heard the sirens.", "Ann Lee", "annlee", 1), ("Then the lights went out.", "Bob Roe", "bobroe", 2)])
    before = "Residents described the night on social media as the storm reached the coast and power lines came down. "
    after = "Engineers worked through the night to restore power to most homes. "
    html = (f"<html><head><title>Blackout</title></head><body><article><h1>Blackout</h1><p>{before * 3}</p>{body}"
            f"<p>{after * 3}</p></article></body></html>")
    posts = [b for b in structure_article(extract_html(html).text, BOOKS).blocks if b.kind == "post"]
    assert [(b.author, b.handle, b.posted, b.text) for b in posts] == [
        ("Ann Lee", "annlee", "2023-03-01", "First we heard the sirens."),
        ("Bob Roe", "bobroe", "2023-03-01", "Then the lights went out.")]


def test_list_items_table_rows_and_line_breaks_are_paragraphs_and_lines():
    lead = "Η ανακοίνωση του υπουργείου περιλαμβάνει τρία σημεία και έναν πίνακα με τα αποτελέσματα. " * 3
    html = (f"<html><body><article><h1>Αποτελέσματα</h1><p>{lead}</p><ul><li>Πρώτο σημείο.</li>"
            "<li>Δεύτερο <b>σημείο</b>.</li></ul><table><tr><td>Κόμμα</td><td>Ψήφοι</td></tr>"
            "<tr><td>Α</td><td>12</td></tr></table><p>Γραμμή ένα<br>γραμμή δύο</p></article></body></html>")
    assert extract_html(html).text.split("\n\n")[2:] == ["Πρώτο σημείο.", "Δεύτερο σημείο.", "Κόμμα | Ψήφοι",
                                                         "Α | 12", "Γραμμή ένα\nγραμμή δύο"]


def test_declared_charsets_and_their_fallbacks():
    greek = "<html><head><meta charset='windows-1253'></head><body><p>Ο υπουργός δήλωσε ότι θα παραιτηθεί.</p>"
    assert decode_html(greek.encode("cp1253"), BOOKS)[:2] == (greek, "windows-1253")
    assert decode_html(greek.encode("iso-8859-7"), BOOKS, charset="ISO-8859-7")[:2] == (greek, "iso-8859-7")
    utf8_page = greek.replace("windows-1253", "utf-8")
    lying = greek.replace("windows-1253", "utf-8").encode("cp1253")  # declares UTF-8, is cp1253
    assert decode_html(lying, BOOKS)[1] in {"cp1253", "iso-8859-7"}
    assert decode_html(b"\xef\xbb\xbf" + utf8_page.encode("utf-8"), BOOKS, charset="latin1")[1] == "utf-8-sig"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">') == "cp1252"
    assert declared_charset(b"<meta charset=x-unknown-thing>") is None


def test_a_page_without_an_article_and_no_html_at_all():
    assert extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>").text == ""
    with pytest.raises(HtmlError, match="not an HTML page"):
        extract_html("")


def test_reading_a_folder_with_a_page_gives_one_document_with_the_text_and_metadata(tmp_path: Path):
    (tmp_path / "kazakhstan.html").write_bytes((PAGES / "greek_news.html").read_bytes())
    (tmp_path / "hirpont.htm").write_bytes((PAGES / "hungarian_news.html").read_bytes())
    (tmp_path / "menu.html").write_text("<html><body><ul><li><a href='/a'>A</a></li></ul></body></html>", "utf-8")
    docs = {d.doc_id: d for d in read_corpus([str(tmp_path)], BOOKS)}
    assert sorted(docs) == ["hirpont", "kazakhstan", "menu"]
    greek = docs["kazakhstan"]
    assert greek.ok and greek.text == "\n\n".join(GREEK) and greek.encoding == "utf-8"
    assert greek.meta == extract_html(page("greek_news.html")).meta()
    assert greek.meta["published"] == "2022-01-05" and greek.meta["outlet"] == "Ειδήσεις Τώρα"
    assert len(greek.warnings) == 1 and "lies outside the article" in greek.warnings[0]
    assert docs["hirpont"].encoding == "iso-8859-2" and docs["hirpont"].text == "\n\n".join(HUNGARIAN)
    assert not docs["menu"].ok and "no article text found" in docs["menu"].error
