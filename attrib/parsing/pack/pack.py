"""The model pack on disk: a stanza resources directory plus attrib's manifest.

Layout (a valid ``stanza.Pipeline(lang, dir=PACK, download_method=None)`` directory)::

    PACK/resources.json              stanza's index of languages, processors, packages
    PACK/manifest.json               attrib's record: versions, scores, hyperparameters, sha256
    PACK/<lang>/<processor>/<package>.pt
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
from pathlib import Path
from typing import Any, Iterator

from attrib.atomic import write_json_atomic

# The order stanza runs its processors in (and the recipes name them in).
PROCESSOR_ORDER = ("tokenize", "mwt", "pos", "lemma", "depparse")
MANIFEST = "manifest.json"
RESOURCES = "resources.json"
LICENCE_NOTE = (
    "Models trained on Universal Dependencies treebanks: UD_Greek-GDT (CC BY-NC-SA 3.0), "
    "UD_Hungarian-Szeged (CC BY-NC-SA 4.0), UD_English-EWT (CC BY-SA 4.0), UD_English-GUM "
    "(CC BY-SA 4.0 / CC BY-NC-SA for the Reddit part). Models derived from them carry the "
    "treebanks' terms: the Greek and Hungarian models are for non-commercial use."
)


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(pack: Path) -> dict:
    """Return the pack's manifest, or an empty skeleton when there is none yet."""
    path = pack / MANIFEST
    if not path.is_file():
        return {"format": 1, "licence": LICENCE_NOTE, "languages": {}}
    return json.loads(path.read_text("utf-8"))


@contextlib.contextmanager
def locked_manifest(pack: Path) -> Iterator[dict]:
    """Yield the manifest for update under an exclusive lock; write it back on exit.

    Two builds (say, one per language on two cores) may install models at the same time.
    """
    pack.mkdir(parents=True, exist_ok=True)
    with open(pack / ".manifest.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        manifest = read_manifest(pack)
        yield manifest
        write_json_atomic(pack / MANIFEST, manifest)
        write_json_atomic(pack / RESOURCES, resources_json(manifest))


def model_path(pack: Path, lang: str, proc: str, package: str) -> Path:
    """Where stanza expects a processor's model inside the pack."""
    return pack / lang / proc / f"{package}.pt"


def resources_json(manifest: dict) -> dict:
    """Build stanza's ``resources.json`` from the manifest's installed models."""
    out: dict[str, Any] = {}
    for lang, entry in manifest["languages"].items():
        models = entry.get("models", {})
        procs = [p for p in PROCESSOR_ORDER if p in models]
        lang_res: dict[str, Any] = {"lang_name": entry.get("name", lang)}
        for proc in procs:
            lang_res[proc] = {entry["package"]: {"md5": models[proc]["md5"], **_dependencies(models[proc])}}
        used = {models[p]["pretrain"] for p in procs if models[p].get("pretrain")}
        if used:  # the static vectors a tagger or parser was trained with (stanza's "pretrain" model)
            lang_res["pretrain"] = {name: {"md5": entry["pretrain"][name]["md5"]} for name in sorted(used)}
        lang_res["default_processors"] = {p: entry["package"] for p in procs}
        # stanza.Pipeline(lang) asks for package "default": map it to the pack's models.
        lang_res["packages"] = {"default": dict(lang_res["default_processors"])}
        lang_res["default_dependencies"] = {}
        out[lang] = lang_res
    return out


def _dependencies(model: dict) -> dict:
    """stanza's ``dependencies`` of a model trained with pretrained vectors (none otherwise)."""
    if not model.get("pretrain"):
        return {}
    return {"dependencies": [{"model": "pretrain", "package": model["pretrain"]}]}


def md5(path: Path) -> str:
    """Return the hex md5 of a file (stanza's resources.json records it)."""
    digest = hashlib.md5()
    digest.update(path.read_bytes())
    return digest.hexdigest()


def half_precision(src: Path, dst: Path) -> None:
    """Copy a stanza checkpoint, storing its float32 weights as float16.

    stanza loads weights with ``load_state_dict``, which copies them into the float32
    parameters of a freshly built model, so the halved file predicts in float32.
    """
    import torch

    checkpoint = torch.load(src, map_location="cpu", weights_only=False)
    torch.save(_halve(checkpoint), dst)


def _halve(obj: Any) -> Any:
    """Recursively turn float32 tensors into float16 inside dicts and lists."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.dtype == torch.float32 else obj
    if isinstance(obj, dict):
        return {k: _halve(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_halve(v) for v in obj)
    return obj
