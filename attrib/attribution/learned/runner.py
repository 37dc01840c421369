"""The learned attribution for an annotator: which mode per language, and the model's
answers for the documents of a chunk (one encoder pass over all of them).

``attribution`` is ``rules``, ``model``, ``hybrid`` or ``default``: the modes the pack's
model config names per language (what the dev gold said is best, written by the gate),
rules for a language it does not name or when the pack has no learned attribution.
"""

from __future__ import annotations

import json
from pathlib import Path

from attrib.errors import ConfigError
from attrib.attribution.learned.combine import MODES, Learned

CHOICES = (*MODES, "default")


def pack_modes(pack: Path) -> dict[str, str]:
    """The per-language default modes a pack's learned attribution records (empty without one)."""
    config = Path(pack) / "attribution" / "config.json"
    if not config.is_file():
        return {}
    return dict(json.loads(config.read_text("utf-8")).get("default_modes") or {})


def modes_for(attribution: str, pack: Path, languages=("el", "hu", "en")) -> dict[str, str]:
    """Mode per language for an ``--attribution`` choice.

    Raises:
        ConfigError: for an unknown choice, or a model mode with no model in the pack.
    """
    if attribution not in CHOICES:
        raise ConfigError(f"--attribution must be one of {', '.join(CHOICES)}, not {attribution!r}")
    if attribution == "default":
        return pack_modes(pack)
    if attribution != "rules" and not (Path(pack) / "attribution" / "model.safetensors").is_file():
        raise ConfigError(f"--attribution {attribution} needs the learned attribution in {pack}/attribution; "
                          "train it (python -m attrib.training.learned.train) or use --attribution rules")
    return {lang: attribution for lang in languages}


class LearnedRunner:
    """Loads the model on first use and answers for the documents of a chunk."""

    def __init__(self, pack: Path, modes: dict[str, str], device: str = "cpu"):
        self.pack, self.modes, self.device, self._loaded = Path(pack), modes, device, None

    @property
    def active(self) -> bool:
        return any(mode != "rules" for mode in self.modes.values())

    def learned(self, texts: list[str], parsed: list) -> list[Learned | None]:
        """Per document (its text and its parse: sentences per block, or None), the
        model's answers, or None where no paragraph's language uses the model."""
        from attrib.attribution.learned.infer import load_model, predict_documents

        wanted = [i for i, p in enumerate(parsed) if p is not None and self._uses(p)]
        if not wanted:
            return [None] * len(texts)
        if self._loaded is None:
            self._loaded = load_model(self.pack, device=self.device)
        docs = [(texts[i], _sentence_spans(parsed[i])) for i in wanted]
        answers = predict_documents(self._loaded, docs)
        out: list[Learned | None] = [None] * len(texts)
        for i, ans in zip(wanted, answers):
            out[i] = Learned(self.modes, ans)
        return out

    def _uses(self, parse) -> bool:
        return any(self.modes.get(sent.lang, "rules") != "rules" for sents in parse[0] for sent in sents)


def _sentence_spans(parse) -> list[tuple[int, int, str]]:
    """Document offsets and language of the parsed sentences, in order."""
    return [(s.start, s.words[-1].end if s.words else s.start + len(s.text), s.lang)
            for sents in parse[0] for s in sents]
