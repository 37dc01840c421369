"""Command lines for stanza's own data preparation, training and prediction modules.

The build runs every step as ``python -m stanza...`` in a subprocess, so that a step can be
interrupted, re-run and given its own thread count, exactly as stanza's ``run_*`` scripts
would call the same modules. This module only builds argument lists; ``build.py`` runs them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from attrib.training.pack.recipe import LanguageRecipe
from attrib.training.pack.staging import read_sentences, short_name

PREPARE_MODULES = {
    "tokenize": "stanza.utils.datasets.prepare_tokenizer_treebank",
    "mwt": "stanza.utils.datasets.prepare_mwt_treebank",
    "pos": "stanza.utils.datasets.prepare_pos_treebank",
    "lemma": "stanza.utils.datasets.prepare_lemma_treebank",
    "depparse": "stanza.utils.datasets.prepare_depparse_treebank",
}
# Keys that stanza's training modules read as flags rather than "--key value".
FLAG_KEYS = {"no_pretrain", "fix_eval_interval", "no_char", "share_hid", "use_dictionary"}
# Model options the predict step must repeat because stanza reads them from the command line.
PREDICT_KEYS = {"no_pretrain"}
# attrib's own keys, never passed to stanza: ``epochs`` sets the tagger's and the parser's
# ``max_steps`` from the size of the prepared training data (see :func:`epoch_steps`);
# ``vectors`` gives the tagger and the parser static word vectors distilled from the shared
# encoder (:mod:`attrib.training.pack.vectors`) as their pretrained vectors, read from the
# texts VECTOR_SOURCES names: ``distilled`` the treebank's train split and the pool,
# ``pool`` the pool alone (train words then have vectors no more often than unseen words).
DERIVED_KEYS = {"epochs", "vectors"}
VECTOR_SOURCES = {"distilled": ("train", "pool"), "pool": ("pool",)}
EPOCH_PROCESSORS = ("pos", "depparse")
# Processors whose training data carry tags predicted by the pack's own tagger.
RETAGGED = ("lemma", "depparse")


@dataclass(frozen=True)
class WorkPaths:
    """Folders of one build's working area (kept out of git)."""

    root: Path

    @property
    def udbase(self) -> Path:
        """Staged treebanks, handed to stanza as ``UDBASE``."""
        return self.root / "ud"

    @property
    def data_root(self) -> Path:
        """Prepared datasets, handed to stanza as ``DATA_ROOT``."""
        return self.root / "data"

    def saved(self, lang: str) -> Path:
        """Folder of the freshly trained models of one language."""
        return self.root / "saved" / lang

    def data(self, proc: str) -> Path:
        """Prepared data folder of a processor (stanza's layout)."""
        return self.data_root / ("tokenize" if proc == "tokenize" else proc)

    def vectors(self, lang: str) -> Path:
        """The static word vectors distilled for a language (stanza's pretrain format)."""
        return self.root / "vectors" / f"{lang}.pt"

    def env(self) -> dict[str, str]:
        """Environment variables stanza's scripts read their paths from."""
        return {"UDBASE": str(self.udbase), "DATA_ROOT": str(self.data_root)}


def hyper_args(hyper: dict, keys: set[str] | None = None) -> list[str]:
    """Turn a hyperparameter mapping into command-line arguments."""
    args: list[str] = []
    for key, value in hyper.items():
        if key in DERIVED_KEYS or (keys is not None and key not in keys):
            continue
        if key in FLAG_KEYS:
            args += [f"--{key}"] if value else []
        else:
            args += [f"--{key}", str(value)]
    return args


def vector_args(recipe: LanguageRecipe, proc: str, work: WorkPaths) -> list[str]:
    """``--wordvec_pretrain_file`` when the processor's hyperparameters ask for distilled vectors."""
    if recipe.hyper.get(proc, {}).get("vectors") not in VECTOR_SOURCES:
        return []
    return ["--wordvec_pretrain_file", str(work.vectors(recipe.lang))]


def prepare_command(recipe: LanguageRecipe, proc: str) -> list[str]:
    """Return the stanza command that prepares a processor's data from the staged treebank."""
    cmd = ["-m", PREPARE_MODULES[proc], recipe.treebank]
    if proc in RETAGGED:
        # stanza would download an official tagger to retag with; the build retags
        # with the pack's own tagger afterwards instead (see retag_command).
        cmd.append("--gold")
    return cmd


def retag_command(recipe: LanguageRecipe, proc: str, work: WorkPaths, split: str,
                  out: Path, tagger: Path) -> list[str]:
    """Return the command that re-tags a prepared split with the freshly trained tagger.

    stanza trains its lemmatizer and parser on predicted, not gold, tags so that they see
    at training time the kind of tags the pipeline will give them.
    """
    d, sn = work.data(proc), short_name(recipe)
    return (["-m", "stanza.models.tagger", "--mode", "predict", "--lang", recipe.lang,
             "--shorthand", sn, "--save_dir", str(tagger.parent), "--save_name", tagger.name]
            + ["--eval_file", str(d / f"{sn}.{split}.in.conllu"), "--output_file", str(out)]
            + hyper_args(recipe.hyper["pos"], PREDICT_KEYS) + vector_args(recipe, "pos", work))


def _model_io(recipe: LanguageRecipe, proc: str, work: WorkPaths, model: Path | None = None) -> list[str]:
    """Arguments naming the language and where the model is saved or loaded.

    ``model`` loads another model file than the one this build trains (the installed one).
    """
    lang = [] if proc == "lemma" else ["--lang", recipe.lang]  # the lemmatizer takes no --lang
    where = model or work.saved(recipe.lang) / f"{proc}.pt"
    return lang + ["--shorthand", short_name(recipe), "--save_dir", str(where.parent), "--save_name", where.name]


def _tokenize_train(recipe: LanguageRecipe, work: WorkPaths) -> list[str]:
    """Training inputs of the tokenizer, as stanza's run_tokenizer builds them."""
    from stanza.utils.avg_sent_len import avg_sent_len
    from stanza.utils.training.run_tokenizer import default_feat_funcs

    d, sn = work.data("tokenize"), short_name(recipe)
    labels = d / f"{sn}-ud-train.toklabels"
    seqlen = math.ceil(avg_sent_len(str(labels)) * 3 / 100) * 100
    args = ["--label_file", str(labels), "--txt_file", str(d / f"{sn}.train.txt"),
            "--max_seqlen", str(seqlen), "--mwt_json_file", str(d / f"{sn}-ud-dev-mwt.json"),
            "--dev_txt_file", str(d / f"{sn}.dev.txt"),
            "--dev_label_file", str(d / f"{sn}-ud-dev.toklabels"),
            "--dev_conll_gold", str(d / f"{sn}.dev.gold.conllu")]
    funcs = default_feat_funcs(recipe.lang)
    return args + (["--feat_funcs", ",".join(funcs)] if funcs else [])


def _mwt_train(recipe: LanguageRecipe, work: WorkPaths) -> list[str]:
    """Training inputs of the MWT expander, as stanza's run_mwt builds them."""
    from stanza.utils.max_mwt_length import max_mwt_length

    d, sn = work.data("mwt"), short_name(recipe)
    jsons = [str(d / f"{sn}-ud-{s}-mwt.json") for s in ("train", "dev")]
    max_len = math.ceil(max_mwt_length(jsons) * 1.1 + 1)
    return ["--train_file", str(d / f"{sn}.train.in.conllu"),
            "--eval_file", str(d / f"{sn}.dev.in.conllu"),
            "--gold_file", str(d / f"{sn}.dev.gold.conllu"), "--max_dec_len", str(max_len)]


def _tagged_train(recipe: LanguageRecipe, proc: str, work: WorkPaths) -> list[str]:
    """Training inputs of the tagger, lemmatizer and parser (train + dev ``.in`` files)."""
    d, sn = work.data(proc), short_name(recipe)
    args = ["--train_file", str(d / f"{sn}.train.in.conllu"),
            "--eval_file", str(d / f"{sn}.dev.in.conllu")]
    if proc == "depparse":
        args += ["--output_file", str(d / f"{sn}.dev.pred.conllu")]
    return args


def _words(block: str) -> int:
    """Syntactic words of a CoNLL-U sentence (no multiword-token or empty-node lines)."""
    ids = (line.split("\t", 1)[0] for line in block.splitlines() if line and not line.startswith("#"))
    return sum(1 for i in ids if i.isdigit())


def epoch_steps(proc: str, hyper: dict, train_file: Path) -> int | None:
    """``max_steps`` that make ``hyper["epochs"]`` passes over the training data, or None.

    stanza's tagger batches ``batch_size`` sentences, its parser ``batch_size`` words, so an
    epoch is ceil(sentences / batch_size) or ceil(words / batch_size) steps: a step count
    set from the data, not stanza's GPU default of 50,000 steps.
    """
    if "epochs" not in hyper or proc not in EPOCH_PROCESSORS:
        return None
    blocks = read_sentences(Path(train_file))
    size = len(blocks) if proc == "pos" else sum(map(_words, blocks))
    return math.ceil(float(hyper["epochs"]) * math.ceil(size / int(hyper.get("batch_size", 5000))))


def train_command(recipe: LanguageRecipe, proc: str, module: str, work: WorkPaths) -> list[str]:
    """Return the stanza command that trains one processor of one language."""
    hyper = dict(recipe.hyper[proc])
    steps = epoch_steps(proc, hyper, work.data(proc) / f"{short_name(recipe)}.train.in.conllu")
    if steps:
        hyper["max_steps"] = steps
    if proc == "tokenize":
        inputs = _tokenize_train(recipe, work)
    elif proc == "mwt":
        inputs = _mwt_train(recipe, work)
    else:
        inputs = _tagged_train(recipe, proc, work)
    return (["-m", module, "--mode", "train"] + inputs + _model_io(recipe, proc, work) + hyper_args(hyper)
            + vector_args(recipe, proc, work))


def gold_file(recipe: LanguageRecipe, proc: str, split: str, work: WorkPaths) -> Path:
    """The gold CoNLL-U file a processor's prediction on ``split`` is scored against."""
    d, sn = work.data(proc), short_name(recipe)
    name = "gold" if proc in ("tokenize", "mwt") else "in"
    return d / f"{sn}.{split}.{name}.conllu"


def predict_command(recipe: LanguageRecipe, proc: str, module: str, work: WorkPaths,
                    split: str, out: Path, model: Path | None = None) -> list[str]:
    """Return the stanza command that runs a trained processor (or ``model``) over one split."""
    d, sn = work.data(proc), short_name(recipe)
    base = ["-m", module, "--mode", "predict"] + _model_io(recipe, proc, work, model)
    if proc == "tokenize":
        return base + ["--txt_file", str(d / f"{sn}.{split}.txt"), "--conll_file", str(out),
                       "--mwt_json_file", str(d / f"{sn}-ud-{split}-mwt.json")]
    inputs = ["--eval_file", str(d / f"{sn}.{split}.in.conllu"), "--output_file", str(out)]
    if proc == "mwt":
        inputs += ["--gold_file", str(gold_file(recipe, proc, split, work))]
    return base + inputs + hyper_args(recipe.hyper[proc], PREDICT_KEYS) + vector_args(recipe, proc, work)
