"""Train the learned attribution: ``python -m attrib.training.learned.train [--recipe R] --out DIR``.

Seeded and resumable: the frozen layers' output over every gold window is computed once
and cached beside the checkpoints (``--work``); a checkpoint is written every
``checkpoint_every`` steps, and a run started again with the same work folder goes on
from the latest one. After each epoch the model answers the dev windows and its scores
(:mod:`attrib.training.learned.scoring`) go into the curve; the best epoch's weights are what
``--out`` receives (fp16 safetensors and a JSON config). ``--fraction 0.25`` trains on that
share of the training documents (the learning curve).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from pathlib import Path

import torch
import yaml

from attrib.training.learned.data import chain_gold_docs, span_gold_docs
from attrib.attribution.learned.decode import PredictedSentence, decode_target
from attrib.attribution.learned.features import examples
from attrib.attribution.learned.modeling import AttributionModel, from_recipe
from attrib.training.learned.scoring import score_predictions

RECIPE = Path(__file__).with_name("recipe.yaml")
ROOT = Path(__file__).resolve().parents[3]


def load_recipe(path: Path = RECIPE) -> dict:
    """The recipe (YAML, safe-loaded)."""
    return yaml.safe_load(Path(path).read_text("utf-8"))


def gold_docs(section: dict, *, pool: Path, ud: Path, seeds: Path, gold: Path = ROOT / "data" / "gold") -> list:
    """The gold documents a recipe section names: pool splits and chain-gold files."""
    docs = []
    for split in section.get("pool_splits") or []:
        for path in sorted((gold / "pool").glob(f"{split}-*.yaml")):
            docs += span_gold_docs(path, pool)
    for name in section.get("chain_gold") or []:
        docs += chain_gold_docs(gold / name, ud=ud, seeds=seeds)
    return docs


def sample_docs(docs: list, fraction: float, seed: int) -> list:
    """A seeded share of the documents (all when ``fraction`` is 1)."""
    if fraction >= 1:
        return docs
    chosen = sorted(random.Random(seed).sample(range(len(docs)), max(1, round(len(docs) * fraction))))
    return [docs[i] for i in chosen]


def build_examples(docs: list, tokenizer, recipe: dict) -> list:
    """Windows with answers for every document."""
    win = recipe["window"]
    return [ex for i, doc in enumerate(docs) for ex in examples(i, doc, tokenizer, max_len=win["max_len"], new=win["new"])]


def _pad(rows: list[torch.Tensor], value=0) -> tuple[torch.Tensor, torch.Tensor]:
    n = max(len(r) for r in rows)
    out = torch.full((len(rows), n, *rows[0].shape[1:]), value, dtype=rows[0].dtype)
    mask = torch.zeros(len(rows), n, dtype=torch.long)
    for i, r in enumerate(rows):
        out[i, :len(r)], mask[i, :len(r)] = r, 1
    return out, mask


@torch.no_grad()
def cache_bottom(exs: list, bottom, path: Path, batch: int = 8) -> list[torch.Tensor]:
    """The frozen layers' output per window (fp16), computed once and kept in ``path``."""
    if path.is_file():
        return torch.load(path)
    out = []
    for i in range(0, len(exs), batch):
        ids, mask = _pad([torch.tensor(ex.window.ids) for ex in exs[i:i + batch]])
        hidden = bottom(ids, mask)
        out += [hidden[j, :len(ex.window.ids)].half() for j, ex in enumerate(exs[i:i + batch])]
        print(f"\rcaching frozen layers: {min(i + batch, len(exs))}/{len(exs)} windows", end="", file=sys.stderr)
    print(file=sys.stderr)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(out, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").rename(path)
    return out


def heads_out(model: AttributionModel, hidden: torch.Tensor, ex) -> dict:
    """The heads' scores for one window's targets."""
    return model.heads(hidden, torch.tensor(ex.ranges), torch.tensor(ex.window.token_sent), torch.tensor(ex.window.targets))


def _nll(scores: torch.Tensor, positives: list[int]) -> torch.Tensor | None:
    picked = scores[positives]
    if not torch.isfinite(picked).any():
        return None
    return torch.logsumexp(scores, 0) - torch.logsumexp(picked, 0)


def window_loss(out: dict, ex, weights: dict) -> torch.Tensor:
    """The training loss of one window (see :mod:`attrib.attribution.learned.features` for the answers)."""
    ce = torch.nn.functional.cross_entropy
    loss = weights["count"] * ce(out["count"], torch.tensor(ex.count), ignore_index=-100)
    if any(q >= 0 for q in ex.quote):
        loss = loss + weights["quote"] * ce(out["quote"], torch.tensor(ex.quote), ignore_index=-100)
    n_tok = out["pointers"].shape[-1]
    for t, links in enumerate(ex.links):
        for k, lab in enumerate(links):
            terms = []
            if lab.known:
                start = torch.cat([out["pointers"][t, k, 0], out["specials"][t, k]])
                terms.append((weights["link"], _nll(start, lab.starts or [n_tok + lab.special])))
            if lab.ends:
                terms.append((weights["end"], _nll(out["pointers"][t, k, 1], lab.ends)))
            if lab.cue_starts:
                terms.append((weights["cue"], _nll(out["pointers"][t, k, 2], lab.cue_starts)))
                terms.append((weights["cue"], _nll(out["pointers"][t, k, 3], lab.cue_ends)))
            loss = loss + sum(w * term for w, term in terms if term is not None)
    return loss


@torch.no_grad()
def predict_examples(model: AttributionModel, exs: list, cache: list, batch: int = 8,
                     threshold: float = 0.5) -> dict[int, list]:
    """Decoded answers for every target of the windows, by document index."""
    model.eval()
    out: dict[int, list] = {}
    for i in range(0, len(exs), batch):
        hidden, mask = _pad([cache[j].float() for j in range(i, min(i + batch, len(exs)))])
        top = model(hidden, mask)
        for j, ex in enumerate(exs[i:i + batch]):
            scores = heads_out(model, top[j, :len(ex.window.ids)], ex)
            for t, s in enumerate(ex.window.targets):
                p, quote, links = decode_target(scores, t, ex.window.offsets, ex.window.token_sent, threshold)
                out.setdefault(ex.window.doc, []).append(PredictedSentence(s, p, quote, links))
    return out


def _optimizer(model: AttributionModel, tr: dict, total: int):
    groups = [{"params": model.top.parameters(), "lr": tr["lr_encoder"]},
              {"params": model.heads.parameters(), "lr": tr["lr_heads"]}]
    opt = torch.optim.AdamW(groups, weight_decay=tr["weight_decay"])
    warm = max(1, int(total * tr["warmup"]))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min(1.0, (step + 1) / warm) * max(0.0, 0.5 * (1 + math.cos(math.pi * min(1.0, step / total)))))
    return opt, sched


def _checkpoint(path: Path, state: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").rename(path)


def _key(recipe: dict, docs: list, fraction: float) -> str:
    ident = json.dumps([recipe, fraction, [(d.doc_id, len(d.text)) for d in docs]], sort_keys=True, default=str)
    return hashlib.sha1(ident.encode()).hexdigest()[:12]


def _epoch_batches(n: int, size: int, seed: int, epoch: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed * 1000 + epoch).shuffle(order)
    return [order[i:i + size] for i in range(0, n, size)]


def _train_step(model, opt, sched, batch: list, exs: list, cache: list, weights: dict) -> float:
    model.train()
    hidden, mask = _pad([cache[j].float() for j in batch])
    top = model(hidden, mask)
    loss = sum(window_loss(heads_out(model, top[b, :len(exs[j].window.ids)], exs[j]), exs[j], weights)
               for b, j in enumerate(batch)) / len(batch)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    return float(loss)


def _dev_score(scores: dict) -> float:
    s = scores.get("all", {})
    return (s.get("f1", 0) + s.get("chain", 0) + s.get("exact", 0)) / 3


def run_training(*, recipe: dict, work: Path, out: Path, pool: Path, ud: Path, seeds: Path,
                 fraction: float = 1.0) -> dict:
    """Train (or resume) the model of a recipe; write the best epoch's weights to ``out``.

    Returns:
        The run's record: data sizes, curve (loss and dev scores per epoch), best epoch, time.
    """
    from attrib.parsing.encoder.convert import load_encoder

    torch.manual_seed(recipe["seed"])
    tr = recipe["train"]
    torch.set_num_threads(tr.get("threads", 1))
    encoder, tokenizer = load_encoder()
    bottom, model = from_recipe(recipe, encoder)
    train_docs = sample_docs(gold_docs(tr, pool=pool, ud=ud, seeds=seeds), fraction, recipe["seed"])
    dev_docs = gold_docs(recipe["dev"], pool=pool, ud=ud, seeds=seeds)
    key = _key(recipe, train_docs + dev_docs, fraction)
    caches = Path(work) / "cache" / _key({"encoder": recipe["encoder"], "window": recipe["window"]},
                                         train_docs + dev_docs, fraction)
    work = Path(work) / key
    train_ex, dev_ex = build_examples(train_docs, tokenizer, recipe), build_examples(dev_docs, tokenizer, recipe)
    train_cache = cache_bottom(train_ex, bottom, caches / "train-cache.pt")
    dev_cache = cache_bottom(dev_ex, bottom, caches / "dev-cache.pt")
    batches_per_epoch = math.ceil(len(train_ex) / tr["batch_windows"])
    opt, sched = _optimizer(model, tr, batches_per_epoch * tr["epochs"])
    state = _resume(work / "checkpoint.pt", model, opt, sched)
    record = state.get("record") or {"key": key, "fraction": fraction, "train_documents": len(train_docs),
                                     "train_sentences": sum(len(d.sentences) for d in train_docs),
                                     "dev_documents": len(dev_docs), "train_windows": len(train_ex),
                                     "curve": [], "seconds": 0.0, "best": None}
    for epoch in range(state.get("epoch", 0), tr["epochs"]):
        started, losses = time.time(), state.get("losses", [])
        for step, batch in enumerate(_epoch_batches(len(train_ex), tr["batch_windows"], recipe["seed"], epoch)):
            if step < state.get("step", 0):
                continue
            losses.append(_train_step(model, opt, sched, batch, train_ex, train_cache, tr["loss"]))
            print(f"\repoch {epoch + 1} step {step + 1}/{batches_per_epoch} loss {sum(losses[-20:]) / len(losses[-20:]):.3f}",
                  end="", file=sys.stderr)
            if (step + 1) % tr["checkpoint_every"] == 0:
                record["seconds"] += time.time() - started
                started = time.time()
                _checkpoint(work / "checkpoint.pt", _state(model, opt, sched, epoch, step + 1, losses, record))
        record["seconds"] += time.time() - started
        scores = score_predictions(dev_docs, predict_examples(model, dev_ex, dev_cache))
        record["curve"].append({"epoch": epoch + 1, "loss": round(sum(losses) / max(1, len(losses)), 4), "dev": scores})
        print(f"\nepoch {epoch + 1}: dev {json.dumps(scores.get('all'))}", file=sys.stderr)
        if record["best"] is None or _dev_score(scores) > _dev_score(record["curve"][record["best"] - 1]["dev"]):
            record["best"] = epoch + 1
            save_model(model, Path(out), recipe, record)
        state = {"epoch": epoch + 1, "step": 0, "losses": []}
        _checkpoint(work / "checkpoint.pt", _state(model, opt, sched, epoch + 1, 0, [], record))
    record["thresholds"] = tune_thresholds(Path(out), recipe, dev_docs, dev_ex, dev_cache)
    save_record(Path(out), record)
    return record


THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(15))  # 0.2 ... 0.9


def with_threshold(predictions: dict[int, list], threshold: float) -> dict[int, list]:
    """Answers decoded at ``threshold = 0`` cut at another threshold."""
    return {d: [PredictedSentence(p.sent, p.p_attributed, p.quote if p.p_attributed >= threshold else "none",
                                  p.links if p.p_attributed >= threshold else []) for p in preds]
            for d, preds in predictions.items()}


def tune_thresholds(out: Path, recipe: dict, dev_docs: list, dev_ex: list, dev_cache: list) -> dict[str, float]:
    """Per language, the probability above which the best epoch's model calls a sentence
    attributed: the dev threshold with the best sentence accuracy (what the gate counts:
    a false "attributed" costs as much as a wrong chain)."""
    from safetensors.torch import load_file

    from attrib.parsing.encoder.convert import load_encoder

    encoder, _ = load_encoder()
    model = from_recipe(recipe, encoder, inference=True)[1]
    model.load_state_dict({k: v.float() for k, v in load_file(str(out / "model.safetensors")).items()})
    raw = predict_examples(model, dev_ex, dev_cache, threshold=0.0)
    by_threshold = {t: score_predictions(dev_docs, with_threshold(raw, t)) for t in THRESHOLDS}
    langs = {doc.lang for doc in dev_docs}
    return {lang: max(THRESHOLDS, key=lambda t: (_lang_score(by_threshold[t], lang), -abs(t - 0.5))) for lang in langs}


def _lang_score(scores: dict, lang: str) -> float:
    return scores.get(lang, {}).get("sentence_accuracy", 0)


def _state(model, opt, sched, epoch: int, step: int, losses: list, record: dict) -> dict:
    return {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "epoch": epoch,
            "step": step, "losses": losses, "record": record, "rng": torch.get_rng_state()}


def _resume(path: Path, model, opt, sched) -> dict:
    if not path.is_file():
        return {}
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    opt.load_state_dict(state["opt"])
    sched.load_state_dict(state["sched"])
    torch.set_rng_state(state["rng"])
    print(f"resuming at epoch {state['epoch'] + 1}, step {state['step']}", file=sys.stderr)
    return state


def save_model(model: AttributionModel, out: Path, recipe: dict, record: dict) -> None:
    """The trained part (top layers and heads) in fp16, and its config."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().half().contiguous() for k, v in model.state_dict().items()}
    save_file(tensors, str(out / "model.tmp"))
    (out / "model.tmp").rename(out / "model.safetensors")
    save_record(out, record, recipe)


def save_record(out: Path, record: dict, recipe: dict | None = None) -> None:
    """The model's config: its recipe and its training record."""
    path = out / "config.json"
    old = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    config = {"recipe": recipe or old.get("recipe"), "record": record}
    path.write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: train, resume, or train a share of the data for the learning curve."""
    parser = argparse.ArgumentParser(prog="python -m attrib.training.learned.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipe", type=Path, default=RECIPE)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "models" / "attribution")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "learned")
    parser.add_argument("--pool", type=Path, default=ROOT.parent / "shared" / "pool")
    parser.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "ud")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--thresholds-only", action="store_true",
                        help="only tune the per-language thresholds of the model in --out on the dev gold")
    args = parser.parse_args(argv)
    if args.thresholds_only:
        return _thresholds_only(args)
    record = run_training(recipe=load_recipe(args.recipe), work=args.work, out=args.out, pool=args.pool,
                          ud=args.ud, seeds=args.seeds, fraction=args.fraction)
    print(json.dumps({"best": record["best"], "dev": record["curve"][record["best"] - 1]["dev"]}))
    return 0


def _thresholds_only(args) -> int:
    """Tune the thresholds of a trained model (``--out``) and record them in its config."""
    from attrib.parsing.encoder.convert import load_encoder

    config = json.loads((args.out / "config.json").read_text("utf-8"))
    recipe = config["recipe"]
    torch.set_num_threads(recipe["train"].get("threads", 1))
    encoder, tokenizer = load_encoder()
    bottom = from_recipe(recipe, encoder)[0]
    dev_docs = gold_docs(recipe["dev"], pool=args.pool, ud=args.ud, seeds=args.seeds)
    dev_ex = build_examples(dev_docs, tokenizer, recipe)
    cache = cache_bottom(dev_ex, bottom, args.work / "thresholds" / f"{_key(recipe, dev_docs, 1.0)}-dev.pt")
    config["record"]["thresholds"] = tune_thresholds(args.out, recipe, dev_docs, dev_ex, cache)
    save_record(args.out, config["record"], recipe)
    print(json.dumps(config["record"]["thresholds"]))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
