#!/usr/bin/env python3
"""Waits, after a region's deploy, for the next run of that region's canaries to pass, so a broken release stops
at the first region it breaks.

The global stack runs a CloudWatch Synthetics canary in every region it lists (canary.* keys; README, "Synthetic
API checks"). Their names are derived here exactly as the program derives them, from the stack files:
<canary.namePrefix>-<stack> (default prefix api), in the regional stack's aws:region.

    wait_for_canaries.py --stack STACK [--root DIR] [--list] [--timeout SECONDS] [--poll SECONDS]

For each global stack file whose regions name STACK and whose canaries are on (canary.enabled, default true in
prod and wherever rehearsal.enabled is, which is by default in staging): if the canary does not exist yet (the global stack creates it after the regions, so a first deploy has
none) or is not running, says so in a notice and waits for nothing; otherwise waits for the first run that starts
after this script did, with the AWS CLI (synthetics get-canary, get-canary-runs; the job's credentials), and passes
when that run passed. --list prints the canaries as JSON and calls nothing. The wait ends after --timeout seconds
(default: two schedule intervals plus the longest a run may take, plus a minute).

Exit codes: 0 every canary's next run passed, or there was none to wait for; 1 a run failed, no run finished in
time, an AWS call failed, or the stack files are invalid (every problem is listed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

DEFAULT_PREFIX = "api"
DEFAULT_SCHEDULE = "rate(5 minutes)"
MAX_NAME_LENGTH = 21  # CanarySettings.MaxNameLength
MAX_RUN_SECONDS = 840  # CanarySchedule.MaxRunSeconds
NAME_FORMAT = re.compile(r"^[0-9a-z_-]+$")
RATE = re.compile(r"^rate\((?P<n>[0-9]{1,3}) (?P<unit>minute|minutes|hour|hours)\)$")


@dataclass(frozen=True)
class Canary:
    """One canary to wait for: its name, its AWS region, how often it runs, and the global stack that owns it."""

    name: str
    region: str
    interval_seconds: int
    global_stack: str


def text(value: object) -> str | None:
    """A scalar configuration value as the Pulumi CLI hands it to the program: its text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def interval_minutes(expression: str) -> int | None:
    """Minutes between runs of a rate expression the program accepts (CanarySchedule.Parse), or None."""
    match = RATE.match(expression)
    if not match:
        return None
    n = int(match.group("n"))
    unit = match.group("unit")
    minutes = n * 60 if unit.startswith("hour") else n
    if (not unit.endswith("s")) != (n == 1) or not 1 <= minutes <= 60:
        return None
    return minutes


def canary_name(prefix: str, stack: str) -> str:
    """CanarySettings.CanaryName."""
    return f"{prefix}-{stack}"


def read_config(root: Path, stack: str, problems: list[str]) -> dict:
    path = root / f"Pulumi.{stack}.yaml"
    if not path.is_file():
        problems.append(f"{path.name}: not found")
        return {}
    document = yaml.safe_load(path.read_text()) or {}
    config = document.get("config") if isinstance(document, dict) else None
    if not isinstance(config, dict):
        problems.append(f"{path.name}: no `config` mapping")
        return {}
    return config


def canaries_of(root: Path, stack: str) -> tuple[list[Canary], list[str]]:
    """The canaries of STACK's region, from the stack files, and every problem found."""
    problems: list[str] = []
    project_file = root / "Pulumi.yaml"
    if not project_file.is_file():
        return [], [f"no Pulumi.yaml in {root}"]
    project = (yaml.safe_load(project_file.read_text()) or {}).get("name")

    def key(short: str) -> str:
        return f"{project}:{short}"

    regional = read_config(root, stack, problems)
    if problems:
        return [], problems
    if (text(regional.get(key("stackKind"))) or "regional") != "regional":
        return [], [f"Pulumi.{stack}.yaml: {key('stackKind')} is not regional; only a region has canaries to wait for"]
    region = text(regional.get("aws:region"))
    if not region:
        return [], [f"Pulumi.{stack}.yaml: aws:region is unset"]

    canaries: list[Canary] = []
    for path in sorted(root.glob("Pulumi.*.yaml")):
        name = path.name[len("Pulumi."):-len(".yaml")]
        if not name:
            continue
        config = read_config(root, name, problems)
        if text(config.get(key("stackKind"))) != "global":
            continue
        regions = config.get(key("regions")) or []
        if not isinstance(regions, list) or stack not in [str(r) for r in regions]:
            continue
        environment = text(config.get(key("environment")))
        enabled = text(config.get(key("canary.enabled")))
        if enabled not in (None, "true", "false"):
            problems.append(f"{path.name}: {key('canary.enabled')} is '{enabled}'; allowed: true or false")
            continue
        # As the program decides: on by default in prod and wherever rehearsals are on (on by default in
        # staging), since a rehearsal stops on its region's canary alarm.
        rehearsals = text(config.get(key("rehearsal.enabled")))
        rehearsing = rehearsals == "true" or (rehearsals is None and environment == "staging")
        if not (enabled == "true" or (enabled is None and (environment == "prod" or rehearsing))):
            continue
        prefix = text(config.get(key("canary.namePrefix"))) or DEFAULT_PREFIX
        schedule = text(config.get(key("canary.schedule"))) or DEFAULT_SCHEDULE
        minutes = interval_minutes(schedule)
        canary = canary_name(prefix, stack)
        if minutes is None:
            problems.append(f"{path.name}: {key('canary.schedule')} is '{schedule}'; allowed: rate(1 minute), rate(N minutes) with N from 2 to 60, or rate(1 hour)")
        if not NAME_FORMAT.match(canary) or len(canary) > MAX_NAME_LENGTH:
            problems.append(f"{path.name}: the canary of {stack} would be '{canary}'; allowed: at most {MAX_NAME_LENGTH} lower-case letters, digits, '-' and '_'")
        if minutes is not None and not problems:
            canaries.append(Canary(canary, region, minutes * 60, name))
    return canaries, problems


def aws(*arguments: str) -> tuple[int, str, str]:
    """Runs the AWS CLI with JSON output; returns its exit code, stdout and stderr."""
    completed = subprocess.run(["aws", *arguments, "--output", "json"], capture_output=True, text=True, check=False)
    return completed.returncode, completed.stdout, completed.stderr


def timestamp(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def notice(message: str) -> None:
    print(f"::notice title=canaries::{message}")


def error(message: str) -> None:
    print(f"::error title=canaries::{message}")


def wait(canary: Canary, since: datetime, timeout: float, poll: float) -> bool:
    """Whether the first run of CANARY that started at or after SINCE passed; False when it failed or none finished in time."""
    code, out, err = aws("synthetics", "get-canary", "--name", canary.name, "--region", canary.region)
    if code != 0:
        if "ResourceNotFoundException" in err:
            notice(f"{canary.name} in {canary.region} does not exist yet ({canary.global_stack} creates it after the regions): nothing to wait for")
            return True
        error(f"aws synthetics get-canary --name {canary.name} --region {canary.region} failed: {err.strip()}")
        return False
    state = (json.loads(out).get("Canary") or {}).get("Status", {}).get("State", "")
    if state != "RUNNING":
        notice(f"{canary.name} in {canary.region} is {state or 'in no state'}, not RUNNING: no run to wait for")
        return True

    deadline = time.monotonic() + timeout
    print(f"waiting for the first run of {canary.name} in {canary.region} that starts after {since.isoformat()} (at most {timeout:.0f} s)")
    while True:
        code, out, err = aws("synthetics", "get-canary-runs", "--name", canary.name, "--region", canary.region, "--max-results", "10")
        if code != 0:
            error(f"aws synthetics get-canary-runs --name {canary.name} --region {canary.region} failed: {err.strip()}")
            return False
        finished = []
        for run in json.loads(out).get("CanaryRuns") or []:
            started = (run.get("Timeline") or {}).get("Started")
            run_state = (run.get("Status") or {}).get("State")
            if started and run_state in ("PASSED", "FAILED") and timestamp(started) >= since:
                finished.append((timestamp(started), run))
        if finished:
            started, run = min(finished, key=lambda r: r[0])
            status = run.get("Status") or {}
            if status.get("State") == "PASSED":
                print(f"{canary.name} in {canary.region}: the run started {started.isoformat()} passed")
                return True
            error(f"{canary.name} in {canary.region}: the run started {started.isoformat()} failed: {status.get('StateReason') or 'no reason given'}")
            return False
        if time.monotonic() >= deadline:
            error(f"{canary.name} in {canary.region}: no run that started after {since.isoformat()} finished within {timeout:.0f} s")
            return False
        time.sleep(poll)


def longest_wait(canary: Canary) -> int:
    """Seconds to wait at most for a run that starts after now: two intervals, the longest run, a minute."""
    return 2 * canary.interval_seconds + min(canary.interval_seconds, MAX_RUN_SECONDS) + 60


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", required=True, help="the regional stack just deployed")
    parser.add_argument("--root", default=".", help="the folder holding Pulumi.yaml and the stack files")
    parser.add_argument("--list", action="store_true", help="print the stack's canaries as JSON and call nothing")
    parser.add_argument("--timeout", type=float, help="seconds to wait for each canary's next run")
    parser.add_argument("--poll", type=float, default=15.0, help="seconds between two looks at the runs")
    arguments = parser.parse_args(argv)

    since = datetime.now(timezone.utc)
    canaries, problems = canaries_of(Path(arguments.root), arguments.stack)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    if arguments.list:
        print(json.dumps([dict(asdict(c), wait_seconds=longest_wait(c)) for c in canaries]))
        return 0
    if not canaries:
        notice(f"no global stack runs a canary in {arguments.stack}: nothing to wait for")
        return 0
    passed = True
    for canary in canaries:
        timeout = arguments.timeout if arguments.timeout is not None else longest_wait(canary)
        passed = wait(canary, since, timeout, arguments.poll) and passed
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
