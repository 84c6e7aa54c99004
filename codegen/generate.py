"""The only writer of generated code: `make generate` runs it, `make check-generated` adds `--check`.

Outputs (all committed, each file headed "generated from ...; do not edit"):

- server/src/zndraw_joblib/_generated/models.py  REST models       (datamodel-codegen)
- server/src/zndraw_joblib/_generated/events.py  event models      (datamodel-codegen, AsyncAPI)
- server/src/zndraw_joblib/_generated/api.py     stubs + router    (codegen/stubs.py)
- server/src/zndraw_joblib/_generated/{openapi,asyncapi}.json  the two documents, served as is
- server/src/zndraw_joblib/_generated/event_names.py    event name ↔ model maps (codegen/event_map.py)
- clients/python/src/zndraw_joblib_client/_generated/   REST client (openapi-python-client), events.py,
  event_names.py
- clients/ts/src/generated/{openapi,events}.ts   types             (openapi-typescript)
- clients/ts/src/generated/event-map.ts          Socket.IO maps    (codegen/event_map.py)
- conformance/src/zndraw_joblib_conformance/_generated/{openapi,asyncapi}.yaml  the documents the
  conformance package ships and checks (verbatim, under a header line)

`--check` renders everything into a temporary tree and compares it with the working tree; it
prints the differing files and exits 1 on any drift (also when a generated file was edited by
hand or is missing).
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from codegen import event_map, stubs  # noqa: E402 - after the sys.path tweak above

OPENAPI = ROOT / "openapi.yaml"
ASYNCAPI = ROOT / "asyncapi.yaml"
SERVER_GEN = Path("server/src/zndraw_joblib/_generated")
CLIENT_GEN = Path("clients/python/src/zndraw_joblib_client/_generated")
TS_GEN = Path("clients/ts/src/generated")
CONFORMANCE_GEN = Path("conformance/src/zndraw_joblib_conformance/_generated")
GENERATED_DIRS = (SERVER_GEN, CLIENT_GEN, TS_GEN, CONFORMANCE_GEN)

PY_HEADER = "# generated from {source} by `make generate` (codegen/); do not edit"
YAML_HEADER = "# copied from {source} by `make generate` (codegen/); do not edit"
TS_HEADER = "// generated from {source} by `make generate` (codegen/); do not edit"

DATAMODEL_ARGS = [
    "--output-model-type", "pydantic_v2.BaseModel",
    "--target-python-version", "3.11",
    "--target-pydantic-version", "2.14",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-annotated",
    "--use-subclass-enum",
    "--use-specialized-enum",
    "--collapse-root-models",
    "--strict-nullable",
    "--enable-faux-immutability",
    "--use-missing-sentinel",
    "--allow-population-by-field-name",  # services build models by field name; the edge validates by alias only
    "--use-double-quotes",
    "--disable-timestamp",
    "--aliases", str(ROOT / "codegen" / "aliases.json"),
    "--formatters", "builtin",
]  # fmt: skip

# ruff in isolated mode with fixed settings: the output must not depend on where it is written
# (a plain `ruff format` would pick up the nearest pyproject.toml).
RUFF_CHECK = ["ruff", "check", "--isolated", "--fix-only", "--quiet", "--select", "I,F401,UP"]
RUFF_FORMAT = ["ruff", "format", "--isolated", "--quiet", "--line-length", "100"]


def run(cmd: list[str], cwd: Path = ROOT) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"generator failed: {' '.join(cmd)}")


def ruff(*paths: Path) -> None:
    run([*RUFF_CHECK, *map(str, paths)])
    run([*RUFF_FORMAT, *map(str, paths)])


def datamodel(source: Path, kind: str, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    header = PY_HEADER.format(source=source.name)
    run(
        [
            "datamodel-codegen", "--input", str(source), "--input-file-type", kind,
            "--output", str(output), "--custom-file-header", header, *DATAMODEL_ARGS,
        ]
    )  # fmt: skip
    ruff(output)


def python_client(out: Path) -> None:
    target = out / CLIENT_GEN
    if target.exists():
        shutil.rmtree(target)
    run(
        [
            "openapi-python-client", "generate", "--path", str(OPENAPI),
            "--config", str(ROOT / "codegen" / "openapi-python-client.yaml"),
            "--meta", "none", "--output-path", str(target), "--fail-on-warning",
        ]
    )  # fmt: skip
    ruff(target)
    header = PY_HEADER.format(source="openapi.yaml") + " (openapi-python-client)\n"
    for path in sorted(target.rglob("*.py")):
        path.write_text(header + path.read_text())
    datamodel(ASYNCAPI, "asyncapi", target / "events.py")
    event_names(target / "event_names.py")


def event_names(path: Path) -> None:
    path.write_text(PY_HEADER.format(source="asyncapi.yaml") + "\n" + event_map.render_python(ASYNCAPI))
    ruff(path)


def server(out: Path) -> None:
    target = out / SERVER_GEN
    target.mkdir(parents=True, exist_ok=True)
    (target / "__init__.py").write_text(
        PY_HEADER.format(source="openapi.yaml and asyncapi.yaml") + "\n"
        '"""Code generated from the two spec files; see codegen/generate.py."""\n'
    )
    datamodel(OPENAPI, "openapi", target / "models.py")
    datamodel(ASYNCAPI, "asyncapi", target / "events.py")
    for source in (OPENAPI, ASYNCAPI):  # served verbatim at /openapi.json and /asyncapi.json
        document = yaml.safe_load(source.read_text())
        (target / f"{source.stem}.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    api = target / "api.py"
    api.write_text(stubs.render(OPENAPI))
    ruff(api)
    event_names(target / "event_names.py")


def typescript(out: Path) -> None:
    target = out / TS_GEN
    target.mkdir(parents=True, exist_ok=True)
    ts_dir = ROOT / "clients" / "ts"
    binary = ts_dir / "node_modules" / ".bin" / "openapi-typescript"
    if not binary.exists():
        raise SystemExit("clients/ts/node_modules is missing: run `make install` first")
    flags = ["--default-non-nullable", "false", "--root-types", "--root-types-no-schema-prefix"]
    with tempfile.TemporaryDirectory() as tmp:
        events_doc = Path(tmp) / "events.openapi.json"
        doc = yaml.safe_load(ASYNCAPI.read_text())
        wrapped = {
            "openapi": "3.1.0",
            "info": {"title": doc["info"]["title"], "version": doc["info"]["version"]},
            "paths": {},
            "components": {"schemas": doc["components"]["schemas"]},
        }
        events_doc.write_text(json.dumps(wrapped))
        for source, name, label in (
            (OPENAPI, "openapi.ts", "openapi.yaml"),
            (events_doc, "events.ts", "asyncapi.yaml"),
        ):
            run([str(binary), str(source), "-o", str(target / name), *flags], cwd=ts_dir)
            path = target / name
            path.write_text(TS_HEADER.format(source=label) + "\n" + path.read_text())
    (target / "event-map.ts").write_text(TS_HEADER.format(source="asyncapi.yaml") + "\n" + event_map.render(ASYNCAPI))


def conformance(out: Path) -> None:
    """The conformance package ships the documents it checks, so it needs nothing else at run time."""
    target = out / CONFORMANCE_GEN
    target.mkdir(parents=True, exist_ok=True)
    (target / "__init__.py").write_text(
        PY_HEADER.format(source="openapi.yaml and asyncapi.yaml") + "\n"
        '"""The two documents this package checks, copied verbatim by codegen/generate.py."""\n'
    )
    for source in (OPENAPI, ASYNCAPI):
        (target / source.name).write_text(YAML_HEADER.format(source=source.name) + "\n" + source.read_text())


def generate(out: Path) -> None:
    server(out)
    python_client(out)
    typescript(out)
    conformance(out)


def _tree(base: Path) -> set[Path]:
    return {
        p.relative_to(base) for d in GENERATED_DIRS if (base / d).exists() for p in (base / d).rglob("*") if p.is_file()
    }


def check(tree: Path = ROOT) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        generate(fresh)
        expected, actual = _tree(fresh), _tree(tree)
        actual = {p for p in actual if "__pycache__" not in p.parts}
        problems = [f"missing: {rel}" for rel in sorted(expected - actual)]
        problems += [f"not generated (remove it): {rel}" for rel in sorted(actual - expected)]
        for rel in sorted(expected & actual):
            if not filecmp.cmp(fresh / rel, tree / rel, shallow=False):
                problems.append(f"differs: {rel}")
                diff = difflib.unified_diff(
                    (tree / rel).read_text().splitlines(keepends=True),
                    (fresh / rel).read_text().splitlines(keepends=True),
                    fromfile=f"committed/{rel}",
                    tofile=f"generated/{rel}",
                    n=1,
                )
                sys.stdout.writelines(list(diff)[:40])
    if problems:
        print("\n".join(problems))
        print("generated code is stale or was edited by hand: run `make generate`")
        return 1
    print("generated code is up to date")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with a fresh generation, change nothing")
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="with --check: the tree to compare (default: this repo)"
    )
    args = parser.parse_args()
    if args.check:
        return check(args.tree.resolve())
    generate(ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
