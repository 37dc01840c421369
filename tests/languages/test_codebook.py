from pathlib import Path

import pytest

from attrib.languages.codebook import load_codebooks, merge, yaml_line
from attrib.errors import ConfigError


def test_packaged_codebooks_load_and_validate():
    books = load_codebooks()
    assert {"el", "hu", "en"} <= set(books)
    assert "on" in books["en"].section("langid")["function_words"], "YAML 1.1 would read on as True"
    assert books["el"].digest() != books["hu"].digest()


def test_user_file_extends_lists_without_duplicates(tmp_path: Path):
    extra = tmp_path / "hu.yaml"
    extra.write_text("lang: hu\nlangid:\n  function_words: [hogy, illetve]\n")
    book = load_codebooks([extra])["hu"]
    words = book.section("langid")["function_words"]
    assert words.count("hogy") == 1 and "illetve" in words
    assert book.sources[-1] == str(extra)


def test_user_file_can_replace_a_section(tmp_path: Path):
    extra = tmp_path / "en.yaml"
    extra.write_text("mode: replace\nlang: en\nlangid:\n  scripts: [Latin]\n  function_words: [the]\n")
    assert load_codebooks([extra])["en"].section("langid")["function_words"] == ["the"]


def test_user_file_can_add_a_language(tmp_path: Path):
    extra = tmp_path / "ru.yaml"
    extra.write_text("version: 1\nlang: ru\nname: Russian\nlangid:\n  scripts: [Cyrillic]\n"
                     "  function_words: [и, в, не]\n")
    assert load_codebooks([extra])["ru"].name == "Russian"


def test_mistake_is_reported_with_file_and_line(tmp_path: Path):
    bad = tmp_path / "el.yaml"
    bad.write_text("lang: el\nlangid:\n  scripts: [Greek, Klingon]\n")
    with pytest.raises(ConfigError, match=r"el.yaml:3: langid.scripts: must be a list drawn from"):
        load_codebooks([bad])


def test_syntax_error_is_reported_with_line(tmp_path: Path):
    bad = tmp_path / "el.yaml"
    bad.write_text("lang: el\nlangid: {scripts: [Greek\n")
    with pytest.raises(ConfigError, match=r"el.yaml:\d+: not valid YAML"):
        load_codebooks([bad])


def test_missing_file_says_which():
    with pytest.raises(ConfigError, match="nope.yaml not found"):
        load_codebooks([Path("nope.yaml")])


def test_merge_and_yaml_line_helpers():
    assert merge({"a": [1], "b": {"c": 1}}, {"a": [1, 2], "b": {"d": 2}}) == {"a": [1, 2], "b": {"c": 1, "d": 2}}
    assert yaml_line("a: 1\nb:\n  c: [x, y]\n", ("b", "c", 1)) == 3


def test_verb_forms_must_be_a_list(tmp_path: Path):
    bad = tmp_path / "el.yaml"
    bad.write_text("lang: el\nattribution:\n  speech_verbs:\n    λέω: {forms: είπε}\n")
    with pytest.raises(ConfigError, match=r"el.yaml:4: attribution.speech_verbs.λέω: .*forms"):
        load_codebooks([bad])


def test_framing_category_needs_a_known_target(tmp_path: Path):
    bad = tmp_path / "hu.yaml"
    bad.write_text("lang: hu\nframing:\n  categories:\n    riot: {target: police, terms: [zavargó]}\n")
    with pytest.raises(ConfigError, match=r"hu.yaml:4: framing.categories.riot: needs target"):
        load_codebooks([bad])


def test_user_file_adds_framing_terms(tmp_path: Path):
    extra = tmp_path / "en.yaml"
    extra.write_text("lang: en\nframing:\n  categories:\n    riot: {target: protesters, terms: [hooligan]}\n")
    terms = load_codebooks([extra])["en"].section("framing")["categories"]["riot"]["terms"]
    assert "hooligan" in terms and "rioter|rioters" in terms


def test_framing_term_cannot_start_or_end_with_a_gap(tmp_path: Path):
    bad = tmp_path / "en.yaml"
    bad.write_text("lang: en\nframing:\n  categories:\n    riot:\n      target: protesters\n"
                   "      terms: [hooligan, '... abroad']\n")
    with pytest.raises(ConfigError, match=r"en.yaml:6: framing.categories.riot.terms: '... abroad'"):
        load_codebooks([bad])
