"""Model-backed tests: the shipped pack on real text (run with ``-m model``; part of CI)."""

import json
import shutil
from pathlib import Path

import pytest

from attrib.errors import ModelError
from attrib.training.pack.evaluate import write_test_split
from attrib.training.pack.recipe import load_recipe
from attrib.parsing.pack.resolve import load_pipeline
from attrib.training.pack.score import conll18_scores, restore_unknown_tokens
from tests.conftest import PACK, ROOT, need_models

pytestmark = pytest.mark.model
SEED_000 = ROOT / "seeds" / "000_682c177d4bc24c92.txt"


def test_greek_reuters_sentence_stays_one_sentence():
    need_models("el", "tokenize", "mwt")
    paragraph = next(p for p in SEED_000.read_text("utf-8").split("\n\n")
                     if p.startswith("Σύμφωνα με το Reuters"))
    doc = load_pipeline("el", models=PACK, processors=("tokenize", "mwt"))(paragraph)
    assert len(doc.sentences) == 1
    assert doc.sentences[0].text.endswith("περιοχές της χώρας")


@pytest.mark.parametrize("lang", ["el", "hu", "en"])
def test_sentence_splitting_of_the_test_split_scores_above_85(lang, ud_root, tmp_path):
    need_models(lang, "tokenize")
    gold, txt = write_test_split(load_recipe().languages[lang], ud_root, tmp_path)
    nlp = load_pipeline(lang, models=PACK, processors=("tokenize", "mwt"))
    pred = tmp_path / "pred.conllu"
    raw = txt.read_text("utf-8")
    doc = nlp(raw)
    restore_unknown_tokens(doc, raw)
    pred.write_text("{:C}\n\n".format(doc), "utf-8")
    scores = conll18_scores(gold, pred, ("Tokens", "Sentences"))
    assert scores["Sentences"] > 85, scores
    assert scores["Tokens"] > 97, scores


@pytest.mark.parametrize("lang, sentence, form, lemma", [
    ("el", "Η αστυνομία εξάρθρωσε χθες έναν πυρήνα τρομοκρατών στην Αθήνα.", "τρομοκρατών", "τρομοκράτης"),
    ("hu", "A rendőrség tegnap elfogta a terroristákat a határ közelében.", "terroristákat", "terrorista"),
    ("en", "The police arrested dozens of protesters near the square on Monday.", "protesters", "protester"),
])
def test_lemmas_of_inflected_forms(lang, sentence, form, lemma):
    need_models(lang, "tokenize", "pos", "lemma")
    doc = load_pipeline(lang, models=PACK, processors=("tokenize", "mwt", "pos", "lemma"))(sentence)
    lemmas = {w.text: w.lemma for s in doc.sentences for w in s.words}
    assert lemmas[form] == lemma


def _copy_language(lang: str, dst: Path) -> None:
    """Copy one language of the shipped pack (resources, manifest, model files) to ``dst``."""
    shutil.copytree(PACK / lang, dst / lang)
    for name in ("resources.json", "manifest.json"):
        shutil.copy(PACK / name, dst / name)


def test_corrupt_model_file_fails_with_a_clear_message(tmp_path):
    need_models("hu", "tokenize", "pos")
    _copy_language("hu", tmp_path)
    model = tmp_path / "hu" / "pos" / "szeged.pt"
    model.write_bytes(model.read_bytes()[: model.stat().st_size // 2])
    with pytest.raises(ModelError, match=r"hu pos model file .* is corrupt.*attrib models build"):
        load_pipeline("hu", models=tmp_path, processors=("tokenize", "pos"))
    (tmp_path / "manifest.json").unlink()  # without checksums, stanza's own failure is translated
    with pytest.raises(ModelError, match=r"could not load the hu pos model.*--processor pos"):
        load_pipeline("hu", models=tmp_path, processors=("tokenize", "pos"))


def test_missing_model_file_fails_with_a_clear_message(tmp_path):
    need_models("hu", "tokenize", "lemma")
    _copy_language("hu", tmp_path)
    (tmp_path / "hu" / "lemma" / "szeged.pt").unlink()
    with pytest.raises(ModelError, match=r"the hu lemma model is missing"):
        load_pipeline("hu", models=tmp_path)


def test_manifest_records_provenance():
    need_models("hu", "tokenize")
    manifest = json.loads((PACK / "manifest.json").read_text("utf-8"))
    assert "CC BY-NC-SA" in manifest["licence"]
    hu = manifest["languages"]["hu"]
    assert hu["treebanks"]["UD_Hungarian-Szeged"] == "8f08ba648e6f6345212a721b7cb1ad78c5924f0e"
    model = hu["models"]["tokenize"]
    assert model["versions"]["stanza"] and len(model["sha256"]) == 64
    assert (PACK / model["file"]).stat().st_size == model["bytes"]
