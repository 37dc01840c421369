"""The source registry: who a source is, whatever the script, case or spelling.

Packaged registries live in ``attrib/attribution/registries/*.yaml``; a user's file (``--registry FILE``)
adds sources, and an entry with an existing ``id`` replaces the packaged one. Matching is
case- and accent-insensitive, by lemma or surface form, tolerant of inflectional endings
("Tokajevet", "υπουργείου"), and prefers the name of the phrase's head over names inside
its modifiers ("the Kremlin's spokesman Dmitry Peskov" is Peskov, not the Kremlin).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from attrib.languages.codebook import config_error, parse_yaml
from attrib.errors import ConfigError
from attrib.parsing.sent import Sent, Word, fold

TYPES = ("wire_agency", "state_media", "media", "government", "igo", "ngo", "company", "person",
         "social_media", "unnamed", "eyewitness", "document", "unknown")
LIST_FIELDS = ("domains", "handles", "aliases", "roles")
IDENTITY_RELS = {"flat", "appos", "compound", "nummod"}


@dataclass(frozen=True)
class Source:
    """A registry entry."""

    id: str
    name: str
    type: str
    country: str | None = None
    state_affiliated: bool | None = None
    domains: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def _validate_entry(raw, index: int, text: str, where: str) -> Source:
    """Check one registry entry and turn it into a Source."""
    path = ("sources", index)
    if not isinstance(raw, dict):
        raise config_error(where, text, path, "each source is a mapping with id, name, type, ...")
    for key in ("id", "name", "type"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise config_error(where, text, path + (key,), f"missing; every source needs '{key}'")
    if raw["type"] not in TYPES:
        raise config_error(where, text, path + ("type",), f"unknown type {raw['type']!r}; use one of {list(TYPES)}")
    for key in LIST_FIELDS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise config_error(where, text, path + (key,), "must be a list of strings")
    unknown = set(raw) - {"id", "name", "type", "country", "state_affiliated", *LIST_FIELDS}
    if unknown:
        raise config_error(where, text, path + (sorted(unknown)[0],), f"unknown field; allowed: id, name, type, country, state_affiliated, {', '.join(LIST_FIELDS)}")
    lists = {k: tuple(str(v) for v in raw.get(k, [])) for k in LIST_FIELDS}
    return Source(raw["id"], raw["name"], raw["type"], raw.get("country"), raw.get("state_affiliated"), **lists)


def read_registry_file(text: str, where: str) -> list[Source]:
    """Parse and validate one registry file."""
    data = parse_yaml(text, where)
    entries = data.get("sources")
    if not isinstance(entries, list):
        raise config_error(where, text, ("sources",), "missing; a registry is 'sources:' followed by a list")
    sources = [_validate_entry(raw, i, text, where) for i, raw in enumerate(entries)]
    seen: dict[str, int] = {}
    for index, source in enumerate(sources):
        if source.id in seen:
            raise config_error(where, text, ("sources", index, "id"), f"duplicate id {source.id!r} (also entry {seen[source.id]})")
        seen[source.id] = index
    return sources


KEY = 3  # token_matches needs the first KEY letters equal (a shorter token: all of it)


ACRONYM = "\u0000"  # marks a folded alias token written in capitals in the registry
CAPITAL = "\u0001"  # marks a folded alias token written with a capital ("Independent")


def token_matches(alias_token: str, word: Word) -> bool:
    """Whether a folded alias token names this word, allowing inflectional endings; an
    acronym ("WHO", "ΠΟΥ", "EP") names only a word written in capitals, not "who" or "που"."""
    if alias_token.startswith(ACRONYM):
        letters = [ch for ch in word.text if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters):
            return False
        alias_token = alias_token[1:]
    elif alias_token.startswith(CAPITAL):
        if not word.text[:1].isupper():
            return False  # "the independent candidate" is not The Independent
        alias_token = alias_token[1:]
    surface, lemma = fold(word.text), fold(word.lemma)
    if alias_token in (surface, lemma):
        return True
    if len(alias_token) < 4:
        return False
    stem = alias_token[:-1] if len(alias_token) > 4 else alias_token
    return any(f.startswith(stem) and len(f) - len(alias_token) <= 6 for f in (surface, lemma))


def _tokens(alias: str) -> tuple[str, ...]:
    """Folded tokens of an alias ("Kassym-Jomart Tokayev" -> kassym-jomart, tokayev), each
    marked with how it must be written (:func:`_mark`)."""
    tokens = alias.replace("’", "'").replace("'s", " 's").split()
    return tuple(_mark(t) + fold(t) for t in tokens)


def _mark(token: str) -> str:
    """How a word must be written to match an alias token: in capitals (an acronym), with
    a capital (a name word of three letters or more, "the" aside), or any way."""
    if _is_acronym(token):
        return ACRONYM
    if token[:1].isupper() and len(token) >= 3 and token.casefold() != "the":
        return CAPITAL
    return ""


def _is_acronym(token: str) -> bool:
    """Two or more letters, all capitals ("WHO", "ΠΟΥ"; not "Reuters", not "A")."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@dataclass(frozen=True)
class RegistryMatch:
    """A registry source found in a phrase."""

    source: Source
    words: tuple[Word, ...]
    via_role: bool
    covers_head: bool


class Registry:
    """Sources by id, handle and domain, and alias matching inside phrases."""

    def __init__(self, sources: list[Source], files: tuple[str, ...] = ()):
        self.sources = {s.id: s for s in sources}
        self.files = files
        self._handles = {h.casefold(): s for s in sources for h in s.handles}
        self._domains = {d.casefold(): s for s in sources for d in s.domains}
        names = [(_tokens(a), s, False) for s in sources for a in (s.name, *s.aliases)]
        names += [(_tokens(r), s, True) for s in sources for r in s.roles]
        self._names: dict[str, list] = {}  # by the first three letters of the first token
        for order, entry in enumerate(names):
            if entry[0]:
                self._names.setdefault(entry[0][0].lstrip(ACRONYM + CAPITAL)[:KEY], []).append((order, *entry))

    def by_id(self, source_id: str) -> Source | None:
        """The source with this id."""
        return self.sources.get(source_id)

    def by_handle(self, handle: str) -> Source | None:
        """The source owning a social-media handle (with or without @)."""
        return self._handles.get(handle.lstrip("@").casefold())

    def by_domain(self, domain: str) -> Source | None:
        """The source owning a web domain (``www.`` ignored)."""
        return self._domains.get(domain.casefold().removeprefix("www."))

    def match(self, sent: Sent, words: list[Word], head: Word | None = None) -> RegistryMatch | None:
        """Best registry source named in ``words`` (a phrase of ``sent``), if any."""
        identity = _identity(sent, head) if head is not None else set()
        best, best_key = None, None
        for _, tokens, source, via_role in self._candidates(words):
            for found in _find(tokens, words):
                covers = bool({w.id for w in found} & identity)
                key = (covers, len(tokens), not via_role)
                if best_key is None or key > best_key:
                    best, best_key = RegistryMatch(source, tuple(found), via_role, covers), key
        return best

    def _candidates(self, words: list[Word]) -> list:
        """Names whose first token could match one of ``words`` (a token matches a form
        only if both start with the same three letters, see :func:`token_matches`), in
        registry order so that ties are broken the same way every run."""
        keys = {fold(f)[:KEY] for w in words for f in (w.text, w.lemma)}
        return sorted(entry for key in keys for entry in self._names.get(key, ()))


def _find(tokens: tuple[str, ...], words: list[Word]):
    """Yield runs of ``words`` whose tokens match ``tokens`` in order."""
    n = len(tokens)
    for start in range(len(words) - n + 1):
        run = words[start:start + n]
        if all(token_matches(t, w) for t, w in zip(tokens, run)):
            yield run


def _identity(sent: Sent, head: Word) -> set[int]:
    """The head and the words that name it (flat names, appositions, compounds)."""
    ids, todo = {head.id}, [head]
    while todo:
        for kid in sent.children(todo.pop()):
            if kid.rel in IDENTITY_RELS and kid.id not in ids:
                ids.add(kid.id)
                todo.append(kid)
    return ids


def _packaged_files() -> list[tuple[str, str]]:
    """(text, display path) of every packaged registry file."""
    folder = resources.files("attrib.attribution").joinpath("registries")
    # The label names the folder as it was before issue 24's layout; it is kept because it
    # is written into every table's metadata (provenance.registry_files).
    return [(f.read_text("utf-8"), f"attrib/registries/{f.name}")
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".yaml")]


def load_registry(extra: list[Path] | tuple = ()) -> Registry:
    """Load the packaged registries plus a user's files (same id replaces).

    Raises:
        ConfigError: naming the file, the line and what to fix.
    """
    sources: dict[str, Source] = {}
    files = []
    texts = _packaged_files()
    for path in map(Path, extra):
        if not path.is_file():
            raise ConfigError(f"registry file {path} not found; check the --registry path")
        texts.append((path.read_text("utf-8"), str(path)))
    for text, where in texts:
        for source in read_registry_file(text, where):
            sources[source.id] = source
        files.append(where)
    return Registry(list(sources.values()), tuple(files))
