"""Find the models attrib runs on and load stanza pipelines from them.

Resolution order: ``--models PATH`` (library: ``models=``), then ``$ATTRIB_MODELS``, then the
pack shipped in the repository (``data/models``). The word ``stanza`` instead of a path
means stanza's own resources directory with its official models, which stanza downloads
where a network exists. Every failure becomes a :class:`ModelError` naming the language,
the processor and how to get the model, never a stanza traceback.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from attrib.errors import ModelError
from attrib.parsing.pack import pack as packlib
from attrib.parsing.pack.batching import bound_parser_batches
from attrib.parsing.pack.cycles import use_head_cycles
from attrib.parsing.pack.windows import bound_tokenizer_windows

SHIPPED_PACK = Path(__file__).resolve().parents[3] / "data" / "models"
STANZA = "stanza"
PIPELINE_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
# Padded cells (sentences x the longest one's length) per batch of the dependency parser,
# passed as stanza's ``depparse_batch_size`` (stanza counts words; attrib counts cells, see
# attrib.parsing.pack.batching). Measured (one thread, the parser alone, parses identical): on a
# 68,000-character Greek call 5.7 s against 6.2 s with 500-word batches; on 50 posts' English
# sentences (one of 59 words among short ones) 0.27 s and a 20 MB peak against 0.48 s and
# 198 MB. stanza's default of 5,000 words was 20-50 % slower than 500 words.
DEPPARSE_BATCH_CELLS = 500


@dataclass(frozen=True)
class ModelSource:
    """Where models come from: an attrib pack folder or stanza's own resources."""

    kind: str  # "pack" or "stanza"
    path: Path

    def describe(self) -> str:
        """Short human description used in messages and file metadata."""
        return f"{self.kind}:{self.path}"


def resolve_models(models: str | os.PathLike | None = None) -> ModelSource:
    """Decide which models to use.

    Args:
        models: a pack folder, the word ``stanza``, or None for ``$ATTRIB_MODELS`` or the
            shipped pack.

    Returns:
        The model source.
    """
    choice = str(models) if models is not None else os.environ.get("ATTRIB_MODELS") or None
    if choice == STANZA:
        from stanza.resources.common import DEFAULT_MODEL_DIR

        return ModelSource("stanza", Path(DEFAULT_MODEL_DIR))
    return ModelSource("pack", Path(choice) if choice else SHIPPED_PACK)


def _how_to_build(lang: str, proc: str | None = None) -> str:
    """The command that (re)builds a model of the pack."""
    only = f" --processor {proc}" if proc else ""
    return (f"build it with `attrib models build --lang {lang}{only}` (needs ../shared/ud), "
            f"restore the shipped pack with `git checkout -- data/models`, "
            f"or use stanza's official models with --models stanza")


def _read_resources(source: ModelSource, lang: str = "LANG") -> dict:
    """Read the pack's resources.json, with a clear error when there is none."""
    res_file = source.path / packlib.RESOURCES
    if not res_file.is_file():
        raise ModelError(f"no model pack at {source.path} (no {packlib.RESOURCES}); "
                         f"pass --models PATH or set ATTRIB_MODELS, or {_how_to_build(lang)}")
    try:
        return json.loads(res_file.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{res_file} is unreadable ({exc}); {_how_to_build(lang)}") from exc


def pack_languages(source: ModelSource) -> list[str]:
    """Languages the pack has models for."""
    return sorted(_read_resources(source))


def _pack_resources(source: ModelSource, lang: str) -> dict:
    """Read the pack's resources.json and return the language's entry."""
    resources = _read_resources(source, lang)
    if lang not in resources:
        raise ModelError(f"the model pack at {source.path} has no models for language "
                         f"'{lang}'; {_how_to_build(lang)}")
    return resources[lang]


def pack_processors(source: ModelSource, lang: str) -> list[str]:
    """Processors the pack holds for a language, in pipeline order."""
    entry = _pack_resources(source, lang)
    return [p for p in PIPELINE_PROCESSORS if p in entry.get("default_processors", {})]


def verify_pack(source: ModelSource, lang: str, processors: list[str]) -> None:
    """Check that every needed model file is present and matches the manifest's sha256.

    Raises:
        ModelError: naming the language, the processor and how to get the model.
    """
    entry = _pack_resources(source, lang)
    recorded = packlib.read_manifest(source.path)["languages"].get(lang, {})
    manifest = recorded.get("models", {})
    for proc in processors:
        package = entry.get("default_processors", {}).get(proc)
        if package is None:
            raise ModelError(f"the model pack has no {proc} model for '{lang}'; "
                             f"{_how_to_build(lang, proc)}")
        path = packlib.model_path(source.path, lang, proc, package)
        if not path.is_file():
            raise ModelError(f"the {lang} {proc} model is missing ({path}); "
                             f"{_how_to_build(lang, proc)}")
        _verify_file(path, manifest.get(proc, {}).get("sha256"), lang, proc)
        vectors = manifest.get(proc, {}).get("pretrain")
        if vectors:
            record = recorded.get("pretrain", {}).get(vectors, {})
            _verify_file(packlib.model_path(source.path, lang, "pretrain", vectors), record.get("sha256"), lang, proc)


def _verify_file(path: Path, expected: str | None, lang: str, proc: str) -> None:
    """A model file (or the vectors it was trained with) is there and matches its sha256."""
    if not path.is_file():
        raise ModelError(f"the {lang} {proc} model needs {path}, which is missing; {_how_to_build(lang, proc)}")
    if expected and _file_sha256(str(path), path.stat().st_mtime_ns) != expected:
        raise ModelError(f"the {lang} {proc} model file {path} is corrupt (sha256 differs "
                         f"from manifest.json); {_how_to_build(lang, proc)}")


@lru_cache(maxsize=64)
def _file_sha256(path: str, mtime_ns: int) -> str:
    """sha256 of a file, cached per path and modification time."""
    return packlib.sha256(Path(path))


def _unloadable(source: ModelSource, lang: str, processors: list[str]) -> str | None:
    """Return the first processor whose model file torch cannot read, if any."""
    import torch

    entry = _pack_resources(source, lang)
    for proc in processors:
        path = packlib.model_path(source.path, lang, proc, entry["default_processors"][proc])
        try:
            torch.load(path, map_location="cpu", weights_only=False)
        except Exception:  # noqa: BLE001 - any failure means the file is unusable
            return proc
    return None


def _stanza_pipeline(lang: str, source: ModelSource, processors: list[str], **kwargs):
    """Construct the stanza pipeline (its parser batched by padded cells, its tokenizer's
    windows over unfinished paragraphs only, its tree decoder finding cycles by walking heads),
    translating its failures into ModelError."""
    import stanza

    download = None if source.kind == "pack" else stanza.DownloadMethod.REUSE_RESOURCES
    logging.getLogger("stanza").setLevel(logging.WARNING)
    try:
        pipeline = stanza.Pipeline(lang, dir=str(source.path), processors=",".join(processors),
                                   download_method=download, logging_level="WARN", **kwargs)
    except Exception as exc:  # noqa: BLE001 - stanza raises many kinds; all mean "cannot load"
        if source.kind == "stanza":
            raise ModelError(
                f"stanza's official {lang} models ({', '.join(processors)}) could not be loaded "
                f"from {source.path} ({type(exc).__name__}: {exc}); download them where a "
                f"network exists with `python -c \"import stanza; stanza.download('{lang}')\"`, "
                f"or drop --models stanza to use attrib's pack") from exc
        bad = _unloadable(source, lang, processors)
        what = f"the {lang} {bad} model" if bad else f"the {lang} models"
        raise ModelError(f"stanza could not load {what} from {source.path} "
                         f"({type(exc).__name__}: {exc}); {_how_to_build(lang, bad)}") from exc
    bound_parser_batches(pipeline)
    use_head_cycles()
    bound_tokenizer_windows(pipeline)
    return pipeline


def load_pipeline(lang: str, *, models: str | os.PathLike | None = None,
                  processors: tuple[str, ...] | None = PIPELINE_PROCESSORS, **kwargs):
    """Load a stanza pipeline for one language, checked and cached.

    Args:
        lang: language code (``el``, ``hu``, ``en``).
        models: pack folder, ``stanza``, or None (``$ATTRIB_MODELS`` or the shipped pack).
        processors: processors wanted (a pack's missing optional ``mwt`` is skipped);
            None for every processor the pack has.
        **kwargs: passed on to ``stanza.Pipeline`` (e.g. ``tokenize_batch_size``);
            ``depparse_batch_size`` defaults to ``DEPPARSE_BATCH_CELLS``
            (padded cells: see :mod:`attrib.parsing.pack.batching`).

    Returns:
        A ready ``stanza.Pipeline``.

    Raises:
        ModelError: when a model is missing, corrupt or cannot be loaded.
    """
    source = resolve_models(models)
    kwargs.setdefault("depparse_batch_size", DEPPARSE_BATCH_CELLS)
    options = tuple(sorted(kwargs.items()))
    request = (lang, source, processors, options)
    if request not in _RESOLVED:  # the pack is read and checked once per request, not per call
        wanted = list(processors or PIPELINE_PROCESSORS)
        if source.kind == "pack":
            have = pack_processors(source, lang)
            wanted = [p for p in wanted if p in have or (p != "mwt" and processors is not None)]
            verify_pack(source, lang, wanted)
        _RESOLVED[request] = (lang, source, tuple(wanted), options)
    key = _RESOLVED[request]
    if key not in _PIPELINES:
        _PIPELINES[key] = _stanza_pipeline(lang, source, list(key[2]), **kwargs)
    return _PIPELINES[key]


_PIPELINES: dict[tuple, object] = {}
_RESOLVED: dict[tuple, tuple] = {}


def available_languages(models: str | os.PathLike | None = None) -> list[str]:
    """Languages the resolved models cover (for stanza's own models: attrib's languages)."""
    source = resolve_models(models)
    if source.kind == "stanza":
        from attrib.languages.codebook import packaged_languages

        return packaged_languages()
    return pack_languages(source)


def check_models(*, models: str | os.PathLike | None = None, langs: list[str] | None = None) -> list[str]:
    """Load every language's pipeline once and report what was loaded.

    Raises:
        ModelError: for the first language whose models are missing, corrupt or unloadable.
    """
    source = resolve_models(models)
    if langs is None and source.kind == "pack":
        langs = pack_languages(source)
    if not langs:
        raise ModelError("name the languages to check with --lang")
    lines = []
    for lang in langs:
        nlp = load_pipeline(lang, models=models, processors=None if source.kind == "pack" else PIPELINE_PROCESSORS)
        missing = [p for p in PIPELINE_PROCESSORS if p not in nlp.processors and p != "mwt"]
        note = f"; not built yet: {', '.join(missing)}" if missing else ""
        lines.append(f"{lang}: ok ({', '.join(nlp.processors)}) from {source.describe()}{note}")
    return lines


def check_model_pack(models=None) -> list[str]:
    """The models a run loads are there: a pack folder (``resources.json``) whose every listed
    language has its model files, intact (sha256 as in ``manifest.json``); or ``stanza``.

    A pack without a language splits that language's paragraphs into sentences unparsed,
    as ``attrib parse`` leaves them as text; a pack that names a model it does not hold stops.

    Returns:
        The languages the models cover.

    Raises:
        ModelError: no pack there, or a listed model missing or corrupt; the message says
            how to get the models.
    """
    languages = available_languages(models)
    source = resolve_models(models)
    if source.kind == "pack":
        for lang in languages:
            verify_pack(source, lang, pack_processors(source, lang))
    return languages
