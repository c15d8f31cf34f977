#!/usr/bin/env python3.11
"""Holds the built offline stand-in against the real packages' API: the shared listings, plus the lines
this project declared from the real packages' source in offline/unlisted/*.api.txt.

It runs pulumi-api-check on the built MultiRegionInfra.OfflineSdk.dll and reads its report. The checker
knows only the shared listings, so it reports every line of a type those listings lack. Such a line is
accepted only if
  * it is, verbatim, a line of one of offline/unlisted/*.api.txt, and
  * the checker says of it "this type is not in the reference listings", or "T has no such member" for a
    type T that is itself declared in offline/unlisted/*.api.txt.
Any other mismatch is a real failure: a line that is in no listing, or an unlisted line whose key the
shared listings have with another line (an unlisted line may never contradict a listed one).

usage: check_api.py [--checker PATH] [--dll PATH] [--unlisted-dir DIR] [--lines]
  --checker       pulumi-api-check to run (default ../shared/tools/pulumi-api-check from the repository
                  root; env PULUMI_API_CHECK)
  --dll           the built stand-in (default offline/bin/offline/Debug/net10.0/MultiRegionInfra.OfflineSdk.dll)
  --unlisted-dir  where the unlisted listings are (default offline/unlisted)
  --lines         also print every accepted unlisted line
exit: 0 every line matches the real listings or is an accepted unlisted line, 1 some do not,
      2 could not run (no checker, no assembly, the checker failed or printed something unexpected)
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OFFLINE = HERE.parent
ROOT = OFFLINE.parent
DEFAULT_CHECKER = Path(os.environ.get("PULUMI_API_CHECK", ROOT / ".." / "shared" / "tools" / "pulumi-api-check"))
DEFAULT_DLL = OFFLINE / "bin" / "offline" / "Debug" / "net10.0" / "MultiRegionInfra.OfflineSdk.dll"
DEFAULT_UNLISTED = OFFLINE / "unlisted"

SUMMARY_RE = re.compile(r"^pulumi-api-check: (\d+) of (\d+) lines of (.+?) match the real Pulumi API")
NOT_LISTED = "this type is not in the reference listings"
NO_MEMBER_RE = re.compile(r"^(\S+) has no such member\b")
SOURCE_RE = re.compile(r"^#\s*(\S+) from (\S+) (\S+) @ ([0-9a-fA-F]{7,40})\b")


class CannotRun(Exception):
    pass


@dataclass
class Mismatch:
    ours: str
    real: list[str] = field(default_factory=list)


@dataclass
class Unlisted:
    lines: dict[str, str] = field(default_factory=dict)      # line -> file name
    types: dict[str, str] = field(default_factory=dict)      # declared type -> file name
    sources: dict[str, str] = field(default_factory=dict)    # type -> "repo path @ commit"

    def owner(self, line: str) -> str | None:
        head = line.split(" | ", 1)[0].split("(", 1)[0]
        if head in self.types:
            return head
        owner = head.rsplit(".", 1)[0] if "." in head else None
        return owner if owner in self.types else None


def is_type_line(line: str) -> bool:
    key, _, desc = line.partition(" | ")
    return "(" not in key and re.match(r"^(sealed class|static class|abstract class|class|struct|interface|enum)\b", desc) is not None


def read_unlisted(directory: Path) -> Unlisted:
    u = Unlisted()
    if not directory.is_dir():
        return u
    for path in sorted(directory.glob("*.api.txt")):
        for raw in path.read_text().splitlines():
            line = raw.rstrip()
            if not line.strip():
                continue
            if line.lstrip().startswith("#"):
                m = SOURCE_RE.match(line.strip())
                if m:
                    u.sources[m.group(1)] = f"{m.group(2)} {m.group(3)} @ {m.group(4)}"
                continue
            u.lines.setdefault(line, path.name)
            if is_type_line(line):
                u.types.setdefault(line.split(" | ", 1)[0], path.name)
    return u


def run_checker(checker: Path, dll: Path) -> tuple[int, str]:
    if not checker.is_file():
        raise CannotRun(f"no checker at {checker}")
    if not dll.is_file():
        raise CannotRun(f"no assembly at {dll}; build it first: dotnet build offline -p:PulumiSdk=offline")
    try:
        r = subprocess.run([sys.executable, str(checker), str(dll)], capture_output=True, text=True, cwd=ROOT)
    except OSError as e:
        raise CannotRun(f"could not run {checker}: {e}") from e
    if r.returncode not in (0, 1):
        raise CannotRun(f"{checker.name} exited {r.returncode}:\n{(r.stdout + r.stderr)[-3000:]}")
    return r.returncode, r.stdout


def parse(output: str) -> tuple[int, int, list[Mismatch]]:
    lines = output.splitlines()
    summary = next((SUMMARY_RE.match(l) for l in lines if SUMMARY_RE.match(l)), None)
    if summary is None:
        raise CannotRun("the checker's output has no summary line:\n" + output[-3000:])
    matched, total = int(summary.group(1)), int(summary.group(2))
    mismatches: list[Mismatch] = []
    for l in lines:
        if l.startswith("  ours: "):
            mismatches.append(Mismatch(l[len("  ours: "):]))
        elif l.startswith("  real: "):
            if not mismatches:
                raise CannotRun(f"the checker printed a 'real:' line before any 'ours:' line: {l}")
            mismatches[-1].real.append(l[len("  real: "):])
    if total - matched != len(mismatches):
        raise CannotRun(f"the checker reported {total - matched} mismatching lines but listed {len(mismatches)}")
    return matched, total, mismatches


def judge(m: Mismatch, u: Unlisted, label: str) -> str | None:
    """None if the mismatch is an accepted unlisted line, else why it is a real failure."""
    if m.ours not in u.lines:
        if m.real and not m.real[0].startswith(NOT_LISTED) and not NO_MEMBER_RE.match(m.real[0]):
            return "differs from the real listings: " + " | ".join(m.real)
        return f"is neither in the real listings nor in {label}"
    if not m.real:
        return "the checker gave no verdict for it"
    verdict = m.real[0]
    if verdict.startswith(NOT_LISTED):
        return None
    nm = NO_MEMBER_RE.match(verdict)
    if nm:
        owner = nm.group(1)
        if owner in u.types:
            return None
        return (f"is declared in {label}/{u.lines[m.ours]} for a member of {owner}, a type of the "
                "shared listings: unlisted lines may not extend listed types")
    return f"contradicts the real listings ({label}/{u.lines[m.ours]}): real " + " | ".join(m.real)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--checker", type=Path, default=DEFAULT_CHECKER)
    ap.add_argument("--dll", type=Path, default=DEFAULT_DLL)
    ap.add_argument("--unlisted-dir", type=Path, default=DEFAULT_UNLISTED)
    ap.add_argument("--lines", action="store_true")
    a = ap.parse_args(argv)
    checker = a.checker.resolve()
    dll = a.dll if a.dll.is_absolute() else (Path.cwd() / a.dll)
    try:
        rc, out = run_checker(checker, dll.resolve())
        matched, total, mismatches = parse(out)
    except CannotRun as e:
        print(f"check_api: cannot check: {e}")
        return 2
    if rc == 1 and not mismatches:
        print("check_api: cannot check: the checker failed without listing a mismatching line")
        return 2
    u = read_unlisted(a.unlisted_dir)
    udir = a.unlisted_dir.resolve()
    label = str(udir.relative_to(ROOT)) if udir.is_relative_to(ROOT) else str(udir)

    accepted: dict[str, list[str]] = {}
    failures: list[tuple[Mismatch, str]] = []
    for m in mismatches:
        why = judge(m, u, label)
        if why is None:
            accepted.setdefault(u.owner(m.ours) or "?", []).append(m.ours)
        else:
            failures.append((m, why))
    n_accepted = sum(len(v) for v in accepted.values())

    print(f"check_api: {dll.name}: {total} lines")
    print(f"  {matched} lines match the real listings ({checker.parent.parent / 'pulumi-api'})")
    print(f"  {n_accepted} lines are declared from source in {label}/*.api.txt, by type "
          f"({len(accepted)} types, none of them in the real listings):")
    for t in sorted(accepted):
        src = u.sources.get(t, "no source comment")
        print(f"    {t}: {len(accepted[t])} line(s), from {src}")
        if a.lines:
            for l in sorted(accepted[t]):
                print(f"      {l}")
    built = {m.ours for m in mismatches}
    not_built = sorted(l for l in u.lines if l not in built)
    if not_built:
        print(f"  ({len(not_built)} line(s) of {label}/ are not in the assembly: their types are not in the "
              "manifest, or the generator skipped them; that is allowed)")
    if failures:
        print(f"  {len(failures)} real failure(s):")
        for m, why in failures:
            print(f"    ours: {m.ours}")
            print(f"      {why}")
        print("check_api: FAILED")
        return 1
    print("  0 real failures")
    print("check_api: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
