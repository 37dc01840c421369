from pathlib import Path

from attrib.training.pack.jobs import (
    WorkPaths,
    hyper_args,
    predict_command,
    prepare_command,
    retag_command,
    train_command,
)
from attrib.training.pack.recipe import load_recipe


def test_hyper_args_turn_flags_and_values_into_arguments():
    args = hyper_args({"no_pretrain": True, "hidden_dim": 128, "fix_eval_interval": False})
    assert args == ["--no_pretrain", "--hidden_dim", "128"]


def test_depparse_and_lemma_are_prepared_with_gold_tags_then_retagged():
    recipe = load_recipe().languages["el"]
    assert prepare_command(recipe, "depparse")[-1] == "--gold"
    assert "--gold" not in prepare_command(recipe, "pos")
    cmd = retag_command(recipe, "lemma", WorkPaths(Path("/w")), "train", Path("/w/out"),
                        Path("/pack/el/pos/gdt.pt"))
    assert cmd[:2] == ["-m", "stanza.models.tagger"]
    assert "/pack/el/pos" in cmd and "gdt.pt" in cmd
    assert cmd[cmd.index("--eval_file") + 1] == "/w/data/lemma/el_gdt.train.in.conllu"


def test_parser_training_command_carries_hyperparameters_and_paths():
    rec = load_recipe()
    lang = rec.languages["hu"]
    cmd = train_command(lang, "depparse", rec.modules["depparse"], WorkPaths(Path("/w")))
    assert cmd[:4] == ["-m", "stanza.models.parser", "--mode", "train"]
    assert cmd[cmd.index("--train_file") + 1] == "/w/data/depparse/hu_szeged.train.in.conllu"
    assert cmd[cmd.index("--deep_biaff_hidden_dim") + 1] == "200"
    assert "--no_pretrain" in cmd


def test_lemmatizer_gets_no_lang_argument():
    rec = load_recipe()
    cmd = predict_command(rec.languages["el"], "lemma", rec.modules["lemma"], WorkPaths(Path("/w")),
                          "test", Path("/w/p.conllu"))
    assert "--lang" not in cmd and "--shorthand" in cmd


def test_epochs_set_the_step_count_from_the_training_data(tmp_path: Path):
    import dataclasses

    from attrib.training.pack.jobs import epoch_steps

    sent = "# text = a b\n1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t1\tdep\t_\t_"
    train = tmp_path / "train.conllu"
    train.write_text("\n\n".join([sent] * 10) + "\n\n")  # 10 sentences, 20 words
    assert epoch_steps("pos", {"epochs": 3, "batch_size": 4}, train) == 9  # ceil(10/4)=3 steps an epoch
    assert epoch_steps("depparse", {"epochs": 2.5, "batch_size": 6}, train) == 10  # ceil(20/6)=4
    assert epoch_steps("depparse", {"max_steps": 400}, train) is None
    recipe = load_recipe().languages["hu"]
    recipe = dataclasses.replace(recipe, hyper={**recipe.hyper, "depparse": {**recipe.hyper["depparse"], "epochs": 2,
                                                                             "batch_size": 6}})
    work = WorkPaths(tmp_path / "w")
    work.data("depparse").mkdir(parents=True)
    (work.data("depparse") / "hu_szeged.train.in.conllu").write_text(train.read_text())
    cmd = train_command(recipe, "depparse", "stanza.models.parser", work)
    assert cmd[cmd.index("--max_steps") + 1] == "8" and "--epochs" not in cmd
