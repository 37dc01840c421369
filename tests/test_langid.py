"""Language identification on sentences that are not in the seeds."""

import pytest

from attrib.codebook import load_codebooks
from attrib.langid import detect_language, script_of

BOOKS = load_codebooks()


@pytest.mark.parametrize("text, lang", [
    ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια στα καύσιμα.", "el"),
    ("Ο υπουργός δήλωσε ότι δεν θα υπάρξει αύξηση των φόρων.", "el"),
    ("A miniszter szerint a kormány nem emeli az adókat jövőre.", "hu"),
    ("Az ellenzék szerint a döntés törvénytelen volt, ezért bírósághoz fordulnak.", "hu"),
    ("The minister said the government would not raise taxes next year.", "en"),
    ("Police fired tear gas at protesters in the capital on Tuesday.", "en"),
    ("Ünnepélyesen átadták az új hidat", "hu"),  # headline: distinctive letters decide
])
def test_languages_of_news_sentences(text, lang):
    assert detect_language(text, BOOKS).lang == lang


def test_urls_handles_and_tags_are_no_evidence():
    guess = detect_language("pic.twitter.com/AbCdEf @someone #Almaty", BOOKS, default="el")
    assert guess.lang == "el" and guess.confidence == 0.0


def test_text_without_letters_takes_default():
    assert detect_language("12:45 — 2022", BOOKS, default="hu").lang == "hu"


def test_script_of_letters():
    assert script_of("λ") == "Greek" and script_of("ő") == "Latin" and script_of("7") is None


def test_names_in_another_script_do_not_outvote_the_language_around_them():
    from attrib.codebook import load_codebooks
    from attrib.langid import detect_language
    books = load_codebooks()
    assert detect_language("Η οργάνωση Amnesty International ανακοίνωσε στο Twitter:", books).lang == "el"
    assert detect_language("Ο Boris Johnson μίλησε στο BBC News", books).lang == "el"
    assert detect_language("Greek Prime Minister Κυριάκος Μητσοτάκης said on Monday", books).lang == "en"
