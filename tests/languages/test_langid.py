"""Language identification on sentences that are not in the seeds."""

import pytest

from attrib.languages.codebook import load_codebooks
from attrib.languages.langid import detect_language, script_of

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
    from attrib.languages.codebook import load_codebooks
    from attrib.languages.langid import detect_language
    books = load_codebooks()
    assert detect_language("Η οργάνωση Amnesty International ανακοίνωσε στο Twitter:", books).lang == "el"
    assert detect_language("Ο Boris Johnson μίλησε στο BBC News", books).lang == "el"
    assert detect_language("Greek Prime Minister Κυριάκος Μητσοτάκης said on Monday", books).lang == "en"


@pytest.mark.parametrize("text, lang", [
    ("Die Bundesregierung hat am Montag neue Hilfen für Landwirte angekündigt.", "de"),
    ("Le gouvernement a annoncé lundi de nouvelles mesures contre l'inflation.", "fr"),
    ("Президент заявил, что порядок в стране полностью восстановлен.", "ru"),
    ("El Gobierno aprobó este martes una subida del salario mínimo.", "es"),
    ("Başbakan, enflasyonla mücadelede yeni adımlar atılacağını söyledi.", "tr"),
])
def test_languages_without_a_codebook_get_their_own_code(text, lang):
    """German is not English, French not Hungarian, Russian not Greek."""
    assert detect_language(text, BOOKS).lang == lang


def test_a_word_or_two_the_model_cannot_place_is_no_evidence():
    assert detect_language("?? Report:", BOOKS, default="en").lang == "en"


def test_codebook_evidence_breaks_a_tie_between_codebook_languages(monkeypatch):
    import attrib.languages.langid as langid

    monkeypatch.setattr(langid, "predictions", lambda text, k=3: [("en", 0.5), ("hu", 0.45)])
    assert detect_language("A kormány szerint a döntés végleges", BOOKS).lang == "hu"
    monkeypatch.setattr(langid, "predictions", lambda text, k=3: [("de", 0.9), ("hu", 0.05)])
    assert detect_language("A kormány szerint", BOOKS).lang == "de"  # not a contender
