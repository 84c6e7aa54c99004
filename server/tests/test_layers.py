"""The server's import graph: arrows point down the layers, and there is no circle.

A newcomer's map (README "What is where"): the generated code at the bottom, then pure
foundations, the store, the real-time plumbing, the unit of work, transitions, the identity
edge, the operations (REST services, sweeper, internal executor), the Socket.IO handlers, and
the composition on top. A module may import its own layer or any layer below, never above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import zndraw_joblib

PACKAGE = Path(zndraw_joblib.__file__).parent
LAYERS: list[tuple[str, set[str]]] = [
    ("generated", {"_generated"}),
    (
        "foundations",
        {
            "names", "problems", "prefer", "task_states", "settings", "schemas", "payloads", "access",
            "views", "providers_cache", "routing", "faults", "metrics", "request_ids", "ahead", "logs", "testing",
        },
    ),
    ("store", {"store"}),
    ("realtime plumbing", {"realtime"}),
    ("unit of work", {"context", "announce"}),
    ("transitions", {"transitions", "cleanup"}),
    ("identity and HTTP edge", {"auth", "http_errors", "dependencies", "request_context", "edge", "ui"}),
    ("operations", {"services", "sweeper", "internal"}),
    ("sockets", {"sockets"}),
    ("composition", {"app", "serving", "cli", "internal_worker", "internal_jobs", "__init__"}),
]  # fmt: skip


def top(module: str) -> str:
    """`services.tasks` → `services`; `app` → `app`."""
    return module.split(".", 1)[0]


def rank(module: str) -> int:
    for index, (_, members) in enumerate(LAYERS):
        if top(module) in members:
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" and len(relative.parts) > 1 else relative.parts
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> set[str]:
    """Modules of the package that `module` imports (any import statement, nested ones too)."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(["zndraw_joblib", *package[: len(package) - node.level + 1]])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            submodules = {f"{source}.{alias.name}" for alias in node.names}
            known = {name for name in submodules if name.removeprefix("zndraw_joblib.") in MODULES}
            # `from . import sibling` imports the sibling module, not (in effect) the package's code
            names.update(known if known == submodules else {source, *known})
    found = {_known(name.removeprefix("zndraw_joblib.")) for name in names if name.startswith("zndraw_joblib.")}
    return found - {module, ""}


def _known(name: str) -> str:
    """The longest module of the package that `name` is or is inside."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


MODULES = modules()
GRAPH = {module: imports_of(module, path) for module, path in MODULES.items()}


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        if module != "__init__":
            rank(module)


def test_imports_never_point_up_a_layer() -> None:
    upward = [
        f"{module} ({LAYERS[rank(module)][0]}) imports {target} ({LAYERS[rank(target)][0]})"
        for module, targets in GRAPH.items()
        for target in targets
        if target and rank(target) > rank(module)
    ]
    assert upward == []


def test_there_is_no_import_circle() -> None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH.get(module, ())):
            if state.get(target) == 1:
                raise AssertionError(" → ".join([*path[path.index(target) :], target]))
            if target in GRAPH and state.get(target) is None:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if state.get(module) is None:
            visit(module)
