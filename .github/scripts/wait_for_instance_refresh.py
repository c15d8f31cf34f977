#!/usr/bin/env python3
"""Waits, after a regional stack's `pulumi up`, for its auto scaling group's latest instance refresh to end, and
fails unless it succeeded, so a release whose new instances fail stops at the first region.

A new launch template version rolls out by instance refresh (infra/Compute/AppTier.cs: 100 % healthy capacity,
automatic rollback when the new instances fail their health checks). `pulumi up` returns once the refresh has
started, and while it runs the old instances keep answering, so neither the deploy nor the canaries prove that the
new version works: the end of the refresh does.

    wait_for_instance_refresh.py --stack STACK --since TIME [--org ORG] [--root DIR] [--timeout SECONDS] [--poll SECONDS]

Reads the stack outputs autoScalingGroupName and region with the Pulumi CLI (pulumi stack output --json, of
ORG/<project>/STACK with --org, the project's name from Pulumi.yaml in --root; of STACK without), then the group's
latest instance refresh with the AWS CLI (autoscaling describe-instance-refreshes --max-records 1; the job's
credentials) until it ends. TIME is when the deploy started, before its pulumi up (ISO 8601, e.g.
2025-01-31T12:00:00Z): a refresh that started before it (a minute of clock skew allowed), or none at all, is not
this deploy's, and there is nothing to wait for (a notice says so). The wait ends after --timeout seconds (default
3000).

Exit codes: 0 the refresh ended Successful, or this deploy started none; 1 it ended Failed, Cancelled,
RollbackSuccessful or RollbackFailed (a rollback means the new version failed), it did not end in time, a Pulumi
or AWS call failed, or an output is missing; 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

GROUP_OUTPUT = "autoScalingGroupName"  # RegionalContract.AutoScalingGroupName
REGION_OUTPUT = "region"  # RegionalContract.Region
DEFAULT_TIMEOUT = 3000.0
CLOCK_SKEW = timedelta(minutes=1)

SUCCEEDED = {"Successful"}
FAILED = {"Failed", "Cancelled", "RollbackSuccessful", "RollbackFailed"}
WHY = {
    "Failed": "the refresh failed",
    "Cancelled": "the refresh was cancelled before it replaced every instance",
    "RollbackSuccessful": "the new instances failed and the group rolled back to the previous launch template version",
    "RollbackFailed": "the new instances failed and the rollback to the previous launch template version failed too",
}


def timestamp(value: str) -> datetime:
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def since_argument(value: str) -> datetime:
    try:
        return timestamp(value)
    except ValueError as exception:
        raise argparse.ArgumentTypeError(f"'{value}' is not an ISO 8601 time (e.g. 2025-01-31T12:00:00Z)") from exception


def notice(message: str) -> None:
    print(f"::notice title=instance refresh::{message}")


def error(message: str) -> None:
    print(f"::error title=instance refresh::{message}")


def run(*arguments: str) -> tuple[int, str, str]:
    """Runs a command; returns its exit code, stdout and stderr (127 when it is not installed)."""
    try:
        completed = subprocess.run(list(arguments), capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return 127, "", f"{arguments[0]}: command not found"
    return completed.returncode, completed.stdout, completed.stderr


def pulumi_stack(root: Path, stack: str, org: str | None) -> str:
    """The stack's name as the Pulumi CLI takes it: ORG/<project>/STACK, or STACK without an organization."""
    if not org:
        return stack
    project_file = root / "Pulumi.yaml"
    if not project_file.is_file():
        raise ValueError(f"no Pulumi.yaml in {root}")
    project = (yaml.safe_load(project_file.read_text()) or {}).get("name")
    if not project:
        raise ValueError(f"{project_file} has no name")
    return f"{org}/{project}/{stack}"


def outputs_of(stack: str) -> tuple[str, str] | None:
    """The group's name and region from the stack's outputs, or None (after saying why)."""
    code, out, err = run("pulumi", "stack", "output", "--json", "--stack", stack)
    if code != 0:
        error(f"pulumi stack output --json --stack {stack} failed: {err.strip()}")
        return None
    try:
        outputs = json.loads(out)
    except json.JSONDecodeError:
        error(f"pulumi stack output --json --stack {stack} printed no JSON: {out.strip()[:200]}")
        return None
    values = {}
    for name in (GROUP_OUTPUT, REGION_OUTPUT):
        value = outputs.get(name) if isinstance(outputs, dict) else None
        if not isinstance(value, str) or not value:
            error(f"stack {stack} has no output {name}; only a deployed regional stack has an auto scaling group to wait for")
            return None
        values[name] = value
    return values[GROUP_OUTPUT], values[REGION_OUTPUT]


def latest_refresh(group: str, region: str) -> tuple[bool, dict | None]:
    """(True, the group's latest instance refresh or None when it has none), or (False, None) when the call failed."""
    code, out, err = run("aws", "autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", group,
                         "--region", region, "--max-records", "1", "--output", "json")
    if code != 0:
        error(f"aws autoscaling describe-instance-refreshes --auto-scaling-group-name {group} --region {region} failed: {err.strip()}")
        return False, None
    refreshes = json.loads(out).get("InstanceRefreshes") or []
    return True, (refreshes[0] if refreshes else None)


def wait(group: str, region: str, since: datetime, timeout: float, poll: float) -> bool:
    """Whether the group's latest instance refresh, if this deploy started one, ended Successful in time."""
    deadline = time.monotonic() + timeout
    where = f"{group} in {region}"
    last_progress = None
    while True:
        ok, refresh = latest_refresh(group, region)
        if not ok:
            return False
        if refresh is None:
            notice(f"{where} has had no instance refresh: this deploy started none, nothing to wait for")
            return True
        refresh_id = refresh.get("InstanceRefreshId") or "(no ID)"
        started = refresh.get("StartTime")
        if started and timestamp(started) < since - CLOCK_SKEW:
            notice(f"the latest instance refresh of {where} ({refresh_id}, {refresh.get('Status')}) started {started}, "
                   f"before this deploy ({since.isoformat()}): this deploy started none, nothing to wait for")
            return True
        status = refresh.get("Status") or ""
        reason = refresh.get("StatusReason") or "no reason given"
        if status in SUCCEEDED:
            print(f"instance refresh {refresh_id} of {where}: Successful, every instance runs the new launch template")
            return True
        if status in FAILED:
            error(f"instance refresh {refresh_id} of {where} ended {status}: {WHY[status]} ({reason})")
            return False
        if time.monotonic() >= deadline:
            error(f"instance refresh {refresh_id} of {where} is still {status or 'in no state'} after {timeout:.0f} s "
                  f"({refresh.get('PercentageComplete', 0)} % complete); it goes on, but this region's deploy has not shown the new version works")
            return False
        progress = (refresh_id, status, refresh.get("PercentageComplete"), refresh.get("InstancesToUpdate"))
        if progress != last_progress:
            print(f"instance refresh {refresh_id} of {where}: {status}, {refresh.get('PercentageComplete', 0)} % complete, "
                  f"{refresh.get('InstancesToUpdate', '?')} instance(s) to update (at most {timeout:.0f} s in all)")
            last_progress = progress
        time.sleep(poll)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stack", required=True, help="the regional stack just deployed")
    parser.add_argument("--since", required=True, type=since_argument, help="when the deploy started, before pulumi up (ISO 8601)")
    parser.add_argument("--org", help="the Pulumi organization that owns the stack")
    parser.add_argument("--root", default=".", help="the folder holding Pulumi.yaml")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait for the refresh to end")
    parser.add_argument("--poll", type=float, default=15.0, help="seconds between two looks at the refresh")
    arguments = parser.parse_args(argv)

    try:
        stack = pulumi_stack(Path(arguments.root), arguments.stack, arguments.org)
    except ValueError as exception:
        print(exception, file=sys.stderr)
        return 1
    found = outputs_of(stack)
    if found is None:
        return 1
    group, region = found
    return 0 if wait(group, region, arguments.since, arguments.timeout, arguments.poll) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
