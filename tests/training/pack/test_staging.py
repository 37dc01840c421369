from pathlib import Path

from attrib.training.pack.recipe import LanguageRecipe
from attrib.training.pack.staging import read_sentences, short_name, stage_treebank

SENT = "# sent_id = {n}\n# text = w{n}\n1\tw{n}\tw{n}\tX\t_\t_\t0\troot\t_\t_"


def _conllu(path: Path, first: int, count: int) -> None:
    path.write_text("\n\n".join(SENT.format(n=n) for n in range(first, first + count)) + "\n\n")


def _recipe(splits) -> LanguageRecipe:
    return LanguageRecipe("en", "English", "t", "UD_English-Test", splits, ("tokenize",), {"tokenize": {}})


def test_short_name_follows_stanza():
    assert short_name(_recipe({})) == "en_test"


def test_concatenation_and_holdout(tmp_path: Path):
    ud = tmp_path / "ud"
    ud.mkdir()
    _conllu(ud / "a.conllu", 0, 10)
    _conllu(ud / "b.conllu", 10, 10)
    _conllu(ud / "c.conllu", 100, 3)
    recipe = _recipe({"train": ["a.conllu", "b.conllu"], "dev": {"holdout_from": "train", "every": 5},
                      "test": ["c.conllu"]})
    folder = stage_treebank(recipe, ud, tmp_path / "base")
    train = read_sentences(folder / "en_test-ud-train.conllu")
    dev = read_sentences(folder / "en_test-ud-dev.conllu")
    test = read_sentences(folder / "en_test-ud-test.conllu")
    assert len(train) == 16 and len(dev) == 4 and len(test) == 3
    assert not set(train) & set(dev), "held-out sentences must leave the training split"
    assert "w4" in dev[0] and "w9" in dev[1]


def test_holdout_from_one_file_only(tmp_path: Path):
    """Train on train + dev, holding out every fourth sentence of dev alone for early stopping."""
    ud = tmp_path / "ud"
    ud.mkdir()
    _conllu(ud / "train.conllu", 0, 10)
    _conllu(ud / "dev.conllu", 50, 8)
    _conllu(ud / "test.conllu", 100, 2)
    recipe = _recipe({"train": ["train.conllu", "dev.conllu"],
                      "dev": {"holdout_from": "train", "every": 4, "files": ["dev.conllu"]},
                      "test": ["test.conllu"]})
    folder = stage_treebank(recipe, ud, tmp_path / "base")
    train = read_sentences(folder / "en_test-ud-train.conllu")
    dev = read_sentences(folder / "en_test-ud-dev.conllu")
    assert ["w53" in dev[0], "w57" in dev[1], len(dev)] == [True, True, 2]
    assert len(train) == 16 and all(f"w{n}\n" in "\n".join(train) + "\n" for n in range(10))
