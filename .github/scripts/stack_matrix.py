#!/usr/bin/env python3
"""Derives the workflows' stack matrices from the Pulumi.<stack>.yaml files at the project root.

The workflows never list stacks: their `stacks` job runs this script and feeds its output to the matrices,
so adding a region is adding its stack file (and naming it in the global stack's `regions`).

    stack_matrix.py [--root DIR] [--format json|github]

Prints, in deploy order:
  primaries  regional stacks with role primary, by name
  replicas   regional stacks with role replica, each after the stack its primaryStack names, ties by name
  global     global stacks, by name
  all        primaries, then replicas, then global stacks
as one JSON object (json, the default) or as `name=<JSON list>` lines for $GITHUB_OUTPUT (github).
The order it reads is the configuration: stackKind (regional|global, default regional), role
(primary|replica) and primaryStack, under the project's namespace from Pulumi.yaml.

Exit codes: 0 derived; 1 a stack file is invalid or missing (every problem is listed, naming the file, the
key, the value and what is allowed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

KINDS = ("regional", "global")
ROLES = ("primary", "replica")
OUTPUTS = ("primaries", "replicas", "global", "all")


@dataclass(frozen=True)
class Stack:
    """What decides a stack's place in the deploy order."""

    name: str
    kind: str
    role: str | None
    primary_stack: str | None
    regions: tuple[str, ...]

    @property
    def file(self) -> str:
        return stack_file_name(self.name)


def stack_file_name(name: str) -> str:
    return f"Pulumi.{name}.yaml"


def stack_name(file_name: str) -> str | None:
    """The stack of `Pulumi.<stack>.yaml`, or None for any other file name (Pulumi.yaml included)."""
    prefix, suffix = "Pulumi.", ".yaml"
    if file_name.startswith(prefix) and file_name.endswith(suffix) and len(file_name) > len(prefix) + len(suffix):
        return file_name[len(prefix):-len(suffix)]
    return None


def text(value: object) -> str | None:
    """A scalar configuration value as the Pulumi CLI hands it to the program: its text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_stack(name: str, document: object, project: str, problems: list[str]) -> Stack | None:
    """Reads one stack file's parsed YAML; appends what is wrong to `problems`."""
    file = stack_file_name(name)
    if document is None:
        document = {}
    if not isinstance(document, dict):
        problems.append(f"{file}: expected a mapping with a `config` key, found {type(document).__name__}")
        return None
    config = document.get("config") or {}
    if not isinstance(config, dict):
        problems.append(f"{file}: `config` is {type(config).__name__}, expected a mapping of keys to values")
        return None

    def key(short: str) -> str:
        return f"{project}:{short}"

    kind = text(config.get(key("stackKind"))) or "regional"
    role = text(config.get(key("role")))
    primary_stack = text(config.get(key("primaryStack")))
    regions_value = config.get(key("regions"))
    regions: tuple[str, ...] = ()
    if regions_value is not None:
        if isinstance(regions_value, list) and all(isinstance(r, (str, int, float)) for r in regions_value):
            regions = tuple(str(r) for r in regions_value)
        else:
            problems.append(f"{file}: {key('regions')} is {regions_value!r}; allowed: a list of regional stack names")
    if kind not in KINDS:
        problems.append(f"{file}: {key('stackKind')} is '{kind}'; allowed: {', '.join(KINDS)}")
    elif kind == "regional" and role not in ROLES:
        problems.append(f"{file}: {key('role')} is {quoted(role)}; allowed: {', '.join(ROLES)}")
    return Stack(name, kind, role, primary_stack, regions)


def quoted(value: str | None) -> str:
    return "unset" if value is None else f"'{value}'"


def check_references(stacks: list[Stack], project: str, unreadable: frozenset[str] = frozenset()) -> list[str]:
    """A replica's primaryStack is a primary stack file; a global stack's regions are regional stack files.
    Names in `unreadable` have a stack file that could not be read (reported already): not reported again."""
    by_name = {s.name: s for s in stacks}
    problems: list[str] = []
    for stack in stacks:
        if stack.kind == "regional" and stack.role == "replica":
            primary = by_name.get(stack.primary_stack or "")
            if stack.primary_stack in unreadable:
                pass
            elif stack.primary_stack is None:
                problems.append(f"{stack.file}: {project}:primaryStack is unset; a replica names its primary's stack, e.g. us-east")
            elif primary is None:
                problems.append(f"{stack.file}: {project}:primaryStack is '{stack.primary_stack}', which has no {stack_file_name(stack.primary_stack)}")
            elif not (primary.kind == "regional" and primary.role == "primary"):
                problems.append(f"{stack.file}: {project}:primaryStack is '{stack.primary_stack}', which is not a primary (its role is {primary.role or primary.kind})")
        if stack.kind == "global":
            if not stack.regions:
                problems.append(f"{stack.file}: {project}:regions is unset or empty; allowed: the regional stacks this global stack connects")
            for region in (r for r in stack.regions if r not in unreadable):
                target = by_name.get(region)
                if target is None:
                    problems.append(f"{stack.file}: {project}:regions names '{region}', which has no {stack_file_name(region)}")
                elif target.kind != "regional":
                    problems.append(f"{stack.file}: {project}:regions names '{region}', which is a {target.kind} stack, not a regional one")
    if not unreadable and not any(s.kind == "regional" and s.role == "primary" for s in stacks):
        problems.append(f"no stack file has {project}:role primary; the deploy starts with the primaries")
    return problems


def replica_order(replicas: list[Stack]) -> tuple[list[str], list[str]]:
    """Replicas after the replicas they name as primaryStack (name order among equals), and any cycle found."""
    names = {r.name for r in replicas}
    order: list[str] = []
    state: dict[str, bool] = {}  # False: being visited, True: placed
    problems: list[str] = []
    by_name = {r.name: r for r in replicas}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) is True:
            return
        if state.get(name) is False:
            problems.append(f"{stack_file_name(name)}: primaryStack forms a cycle ({' -> '.join(path + [name])})")
            return
        state[name] = False
        upstream = by_name[name].primary_stack
        if upstream in names:
            visit(upstream, path + [name])
        state[name] = True
        order.append(name)

    for replica in sorted(replicas, key=lambda r: r.name):
        visit(replica.name, [])
    return order, problems


def derive(stacks: list[Stack]) -> dict[str, list[str]]:
    """The matrices, in deploy order, of valid stacks."""
    primaries = sorted(s.name for s in stacks if s.kind == "regional" and s.role == "primary")
    replicas, _ = replica_order([s for s in stacks if s.kind == "regional" and s.role == "replica"])
    global_stacks = sorted(s.name for s in stacks if s.kind == "global")
    return {"primaries": primaries, "replicas": replicas, "global": global_stacks, "all": primaries + replicas + global_stacks}


def read_project(root: Path) -> tuple[str | None, list[str]]:
    path = root / "Pulumi.yaml"
    if not path.is_file():
        return None, [f"{path}: not found; --root must be the folder of the project's Pulumi.yaml"]
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return None, [f"Pulumi.yaml: not valid YAML: {one_line(error)}"]
    name = document.get("name") if isinstance(document, dict) else None
    if not isinstance(name, str) or not name:
        return None, ["Pulumi.yaml: `name` is unset; it is the namespace of the stack files' keys"]
    return name, []


def read_stacks(root: Path, project: str) -> tuple[list[Stack], list[str], frozenset[str]]:
    """The stack files that could be read, every problem found, and the names of the unreadable files."""
    problems: list[str] = []
    stacks: list[Stack] = []
    unreadable: set[str] = set()
    names = sorted(n for n in (stack_name(p.name) for p in root.glob("Pulumi.*.yaml")) if n is not None)
    if not names:
        problems.append(f"{root}: no Pulumi.<stack>.yaml; every stack the workflows deploy is a stack file")
    for name in names:
        try:
            document = yaml.safe_load((root / stack_file_name(name)).read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            problems.append(f"{stack_file_name(name)}: not valid YAML: {one_line(error)}")
            unreadable.add(name)
            continue
        stack = parse_stack(name, document, project, problems)
        if stack is None:
            unreadable.add(name)
        else:
            stacks.append(stack)
    return stacks, problems, frozenset(unreadable)


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def render(matrices: dict[str, list[str]], output_format: str) -> str:
    if output_format == "github":
        return "".join(f"{key}={json.dumps(matrices[key], separators=(',', ':'))}\n" for key in OUTPUTS)
    return json.dumps({key: matrices[key] for key in OUTPUTS}, indent=2) + "\n"


def describe(stacks: list[Stack], matrices: dict[str, list[str]]) -> str:
    """The deploy order in words, for the log."""
    by_name = {s.name: s for s in stacks}

    def label(name: str) -> str:
        stack = by_name[name]
        if stack.kind == "global":
            return f"{name} (global)"
        return f"{name} (replica of {stack.primary_stack})" if stack.role == "replica" else f"{name} (primary)"

    return "deploy order: " + ", then ".join(label(n) for n in matrices["all"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the folder of Pulumi.yaml and the stack files (default: .)")
    parser.add_argument("--format", choices=("json", "github"), default="json", dest="output_format")
    args = parser.parse_args(argv)

    root = Path(args.root)
    project, problems = read_project(root)
    stacks: list[Stack] = []
    if project is not None:
        stacks, problems, unreadable = read_stacks(root, project)
        problems += check_references(stacks, project, unreadable)
        problems += replica_order([s for s in stacks if s.kind == "regional" and s.role == "replica"])[1]
    if problems:
        for problem in problems:
            print(f"stack_matrix: {problem}", file=sys.stderr)
        print(f"stack_matrix: FAILED: {len(problems)} problem(s) in the stack files of {root}", file=sys.stderr)
        return 1

    matrices = derive(stacks)
    print(describe(stacks, matrices), file=sys.stderr)
    sys.stdout.write(render(matrices, args.output_format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
