"""The package's import graph: no import circle between modules or between packages."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "attrib"



def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in PKG.rglob("*.py"):
        parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _targets(node: ast.AST, name: str, is_package: bool, mods: dict) -> set[str]:
    """The package's modules one import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in mods}
    base = name.split(".") if is_package else name.split(".")[:-1]
    module = ".".join(base[: len(base) - node.level + 1] + [node.module or ""]).strip(".") if node.level else node.module
    return {f"{module}.{a.name}" if f"{module}.{a.name}" in mods else module for a in node.names} & set(mods)


def graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at any level (inside functions too)."""
    mods, edges = modules(), {}
    for name, path in mods.items():
        nodes = [n for n in ast.walk(ast.parse(path.read_text("utf-8"))) if isinstance(n, (ast.Import, ast.ImportFrom))]
        edges[name] = set().union(*(_targets(n, name, path.name == "__init__.py", mods) for n in nodes)) - {name}
    return edges


def circles(edges: dict[str, set[str]]) -> set[frozenset]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, found, counter = {}, {}, [], set(), [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = {stack.pop()}
            while v not in component:
                component.add(stack.pop())
            if len(component) > 1:
                found.add(frozenset(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_walker_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset("abc")}
    assert circles({"a": {"b"}, "b": set()}) == set()


def test_no_import_circle_between_modules():
    assert circles(graph()) == set()


STAGES = ("languages", "inputs", "article", "parsing", "attribution", "dataset", "report")
RUNTIME = STAGES + ("engines", "options", "errors", "atomic", "progress", "_face")
TOOLS = ("evaluation", "training")


def unit(module: str) -> str:
    """The top-level unit of a module: its subpackage, or the module itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "attrib"


def package_graph() -> dict[str, set[str]]:
    """Top-level unit -> the units it imports."""
    units: dict[str, set[str]] = {}
    for module, targets in graph().items():
        units.setdefault(unit(module), set()).update(unit(t) for t in targets if unit(t) != unit(module))
    return units


def test_no_import_circle_between_packages():
    assert circles(package_graph()) == set()


def test_stages_and_engines_never_import_the_tools_the_orchestration_or_the_cli():
    bad = {(a, b) for a, targets in graph().items() for b in targets
           if unit(a) in RUNTIME and unit(b) in TOOLS + ("pipeline", "cli", "_compat")}
    assert bad == set()


def test_annotating_reaches_no_evaluation_or_training_module():
    edges, seen, todo = graph(), set(), ["attrib.pipeline"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += edges.get(module, ())
    assert "attrib.attribution.annotator" in seen
    assert sorted(m for m in seen if unit(m) in TOOLS) == []


def test_the_cli_imports_package_faces_only():
    """attrib.cli names packages (``from attrib.parsing import parse_corpus``) and the
    foundation modules, never a module inside a package."""
    assert all(t.count(".") <= 1 for t in graph()["attrib.cli"]), graph()["attrib.cli"]


def test_every_package_says_what_it_takes_and_gives_and_imports_nothing_of_its_own():
    for package in STAGES + ("engines", "evaluation", "training"):
        tree = ast.parse((PKG / package / "__init__.py").read_text("utf-8"))
        doc = ast.get_docstring(tree) or ""
        assert "Takes" in doc and "Gives" in doc, package
        imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert all(getattr(n, "module", "") == "attrib._face" for n in imports), package


def test_every_face_name_resolves():
    import importlib

    for package in STAGES + ("engines", "evaluation", "training"):
        face = importlib.import_module(f"attrib.{package}")
        assert face.__all__ and all(getattr(face, name) is not None for name in face.__all__), package
