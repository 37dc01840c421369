"""Per-language codebooks: language data in YAML, loaded, validated and overridable.

Each language has ``attrib/languages/codebooks/<lang>.yaml``. A user's file of the same layout (with
``lang:`` naming the language) extends it: mappings merge key by key and lists grow, or,
with ``mode: replace`` at its top, the sections it names replace the packaged ones.
Mistakes are reported with the file, the line and what to fix.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from attrib.errors import ConfigError

KNOWN_SCRIPTS = ("Greek", "Latin", "Cyrillic")


@dataclass(frozen=True)
class Codebook:
    """One language's codebook.

    Attributes:
        lang: language code.
        name: English name of the language.
        data: the merged YAML content.
        sources: files it was read from, packaged first.
    """

    lang: str
    name: str
    data: dict
    sources: tuple[str, ...]

    def section(self, name: str) -> dict:
        """Return a top-level section (empty mapping when absent)."""
        return self.data.get(name) or {}

    def digest(self) -> str:
        """Short sha256 of the merged content, recorded in output metadata."""
        blob = json.dumps(self.data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]


def yaml_line(text: str, path: tuple) -> int | None:
    """Return the 1-based line of the node at ``path`` (keys and list indexes) in ``text``."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == step]
            if not match:
                return node.start_mark.line + 1
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


def config_error(where: str, text: str, path: tuple, problem: str) -> ConfigError:
    """Build a ConfigError that names the file, the line and the key path."""
    line = yaml_line(text, path)
    key = ".".join(str(p) for p in path)
    return ConfigError(f"{where}:{line or '?'}: {key}: {problem}")


def parse_yaml(text: str, where: str) -> dict:
    """Parse a YAML mapping, reporting syntax errors with file and line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}:{line}: not valid YAML ({problem}); fix the syntax there") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}:1: expected a mapping of sections (key: value) at the top")
    return data


def merge(base: dict, extra: dict) -> dict:
    """Merge ``extra`` into a copy of ``base``: mappings recursively, lists extended."""
    out = copy.deepcopy(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        else:
            out[key] = copy.deepcopy(value)
    return out


def _check_langid(data: dict, text: str, where: str) -> None:
    """Validate the ``langid`` section."""
    langid = data.get("langid")
    if not isinstance(langid, dict):
        raise config_error(where, text, ("langid",), "missing; add scripts and function_words")
    scripts = langid.get("scripts")
    if not isinstance(scripts, list) or not set(scripts) <= set(KNOWN_SCRIPTS):
        raise config_error(where, text, ("langid", "scripts"),
                           f"must be a list drawn from {list(KNOWN_SCRIPTS)}")
    words = langid.get("function_words")
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise config_error(where, text, ("langid", "function_words"), "must be a list of words")


def _check_encodings(data: dict, text: str, where: str) -> None:
    """Validate the optional ``encodings`` list: every entry must be a Python codec."""
    import codecs

    for index, name in enumerate(data.get("encodings") or []):
        try:
            codecs.lookup(str(name))
        except LookupError:
            raise config_error(where, text, ("encodings", index),
                               f"unknown encoding {name!r}; use a Python codec name such as cp1253") from None


def _word_lists(value) -> bool:
    """True for a list of lists of strings (word sequences)."""
    return isinstance(value, list) and all(
        isinstance(seq, list) and seq and all(isinstance(w, str) for w in seq) for seq in value)


VERB_OPTIONS = {"needs_content", "deponent", "forms", "except", "impersonal", "learning"}


def _check_attribution(data: dict, text: str, where: str) -> None:
    """Validate the ``attribution`` section, if present."""
    section = data.get("attribution")
    if section is None:
        return
    verbs = section.get("speech_verbs", {})
    if not isinstance(verbs, dict):
        raise config_error(where, text, ("attribution", "speech_verbs"), "must map lemmas to options ({} or {needs_content: true})")
    for lemma, options in verbs.items():
        if not isinstance(options, dict) or not set(options) <= VERB_OPTIONS \
                or not all(isinstance(options.get(k, []), list) for k in ("forms", "except")):
            raise config_error(where, text, ("attribution", "speech_verbs", lemma),
                               "options must be {} or some of {needs_content: true, deponent: true, "
                               "impersonal: true, learning: true, forms: [inflected forms a lemmatizer may "
                               "miss], except: [dependents that make it no reporting verb]}")
    for key in ("according_to", "impersonal_markers", "idioms"):
        if not _word_lists(section.get(key, [])):
            raise config_error(where, text, ("attribution", key), "must be a list of word sequences like [according, to]")
    for index, entry in enumerate(section.get("anaphora", [])):
        if not isinstance(entry, dict) or not entry.get("words") or not entry.get("types"):
            raise config_error(where, text, ("attribution", "anaphora", index), "needs words: [...] and types: [...]")
    for key in ("relay_verbs", "content_nouns", "as_markers", "weak_markers", "post_intro", "complementizers",
                "from_cases", "from_markers", "non_subject_cases", "non_sources", "genitive_markers",
                "unreal_markers", "indefinite_sources", "quantity_nouns", "impersonal_place_cases",
                "told_markers", "told_cases", "document_markers", "document_cases",
                "addressee_verbs", "first_person_endings", "passive_endings", "own_outlet_forms", "cataphora",
                "title_markers", "oblique_endings"):
        value = section.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise config_error(where, text, ("attribution", key), "must be a list of words")


def _check_hedges_and_quotes(data: dict, text: str, where: str) -> None:
    """Validate the ``hedges`` and ``quotes`` sections, if present."""
    for category, sequences in (data.get("hedges") or {}).items():
        if not _word_lists(sequences):
            raise config_error(where, text, ("hedges", category), "must be a list of word sequences like [without, ..., evidence]")
    for index, pair in enumerate((data.get("quotes") or {}).get("pairs", [])):
        if not isinstance(pair, str) or len(pair) != 2:
            raise config_error(where, text, ("quotes", "pairs", index), "each pair is two characters: opening and closing mark")


TARGETS = ("protesters", "state_forces")


def _check_framing(data: dict, text: str, where: str) -> None:
    """Validate the optional ``framing`` section: categories with a target and terms."""
    section = data.get("framing")
    if section is None:
        return
    categories = section.get("categories") if isinstance(section, dict) else None
    if not isinstance(categories, dict):
        raise config_error(where, text, ("framing", "categories"), "must map category names to {target, terms}")
    for name, spec in categories.items():
        if not isinstance(spec, dict) or spec.get("target") not in TARGETS:
            raise config_error(where, text, ("framing", "categories", name),
                               f"needs target: one of {list(TARGETS)} (the actor the category labels)")
        terms = spec.get("terms")
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise config_error(where, text, ("framing", "categories", name, "terms"),
                               "must be a list of terms (lemmas; \"a b\" for phrases, \"a|b\" for forms)")
        for term in terms:
            if term.split()[0] == "..." or term.split()[-1] == "...":
                raise config_error(where, text, ("framing", "categories", name, "terms"),
                                   f"{term!r}: '...' may only stand between words (\"trained ... abroad\")")


def validate(data: dict, text: str, where: str) -> None:
    """Check the parts of a codebook every language must have."""
    for key, kind in (("version", int), ("lang", str), ("name", str)):
        if not isinstance(data.get(key), kind):
            raise config_error(where, text, (key,), f"missing or not a {kind.__name__}")
    _check_langid(data, text, where)
    _check_encodings(data, text, where)
    _check_attribution(data, text, where)
    _check_hedges_and_quotes(data, text, where)
    _check_framing(data, text, where)


def _packaged(lang: str) -> tuple[str, str]:
    """Text and display path of a packaged codebook."""
    res = resources.files("attrib.languages").joinpath("codebooks").joinpath(f"{lang}.yaml")
    if not res.is_file():
        raise ConfigError(f"attrib has no codebook for language '{lang}'; "
                          f"give one with --codebook FILE (see attrib/languages/codebooks/en.yaml)")
    return res.read_text("utf-8"), f"attrib/languages/codebooks/{lang}.yaml"


def packaged_languages() -> list[str]:
    """Languages attrib ships codebooks for."""
    files = resources.files("attrib.languages").joinpath("codebooks").iterdir()
    return sorted(f.name[:-5] for f in files if f.name.endswith(".yaml"))


def _apply_override(base: dict, path: Path) -> tuple[str, dict]:
    """Read a user's codebook file and combine it with ``base``; return (lang, merged)."""
    text = path.read_text("utf-8")
    data = parse_yaml(text, str(path))
    if data.pop("mode", "extend") == "replace":
        merged = {**copy.deepcopy(base), **data}
    else:
        merged = merge(base, data)
    validate(merged, text, str(path))
    return merged["lang"], merged


def load_codebooks(overrides: list[Path] | tuple = ()) -> dict[str, Codebook]:
    """Load every packaged codebook, then apply the user's files in order.

    Args:
        overrides: user YAML files; each names its language with ``lang:``. A file for a
            language attrib does not ship adds that language.

    Returns:
        language -> codebook.

    Raises:
        ConfigError: naming the file, the line and what to fix.
    """
    books: dict[str, tuple[dict, list[str]]] = {}
    for lang in packaged_languages():
        text, where = _packaged(lang)
        data = parse_yaml(text, where)
        validate(data, text, where)
        books[lang] = (data, [where])
    for path in map(Path, overrides):
        if not path.is_file():
            raise ConfigError(f"codebook file {path} not found; check the --codebook path")
        lang = parse_yaml(path.read_text("utf-8"), str(path)).get("lang")
        base = books.get(lang, ({}, []))
        lang, merged = _apply_override(base[0], path)
        books[lang] = (merged, base[1] + [str(path)])
    return {lang: Codebook(lang, data["name"], data, tuple(src)) for lang, (data, src) in books.items()}
