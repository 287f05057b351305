#!/usr/bin/env python3
"""Replays scripted call sequences through pybreaker on a fake clock and prints what happened as JSON.

Used by Tests/ResilienceTests/Conformance/PybreakerConformanceTests.swift to check that Resilience's
`CircuitBreakerConfiguration.consecutive(...)` mode behaves exactly like pybreaker.

Input (stdin), JSON:
  {"sequences": [{"name": "...", "fail_max": 3, "reset_timeout": 10.0, "success_threshold": 1,
                  "steps": [["call", "success"], ["call", "failure"], ["call", "excluded"],
                            ["call", "timeout", 0.5], ["advance", 10.0]]}]}
  "timeout" is a call that runs for the given seconds and then fails with a timeout error.
Output (stdout), JSON: {"<name>": {"results": ["ok" | "error" | "rejected", ...],
                                  "transitions": [{"at": seconds, "from": state, "to": state}, ...],
                                  "state": final state}}
States use pybreaker's names: "closed", "open", "half-open".
"""

import datetime as _datetime
import json
import sys

import pybreaker

_BASE = _datetime.datetime(2026, 1, 1, tzinfo=_datetime.timezone.utc)


class FakeTime:
    offset = 0.0


class FakeDatetime(_datetime.datetime):
    """pybreaker reads `datetime.now(UTC)`; this returns the scripted time instead."""

    @classmethod
    def now(cls, tz=None):
        moment = _BASE + _datetime.timedelta(seconds=FakeTime.offset)
        return moment if tz is not None else moment.replace(tzinfo=None)


pybreaker.datetime = FakeDatetime


class ExcludedError(Exception):
    pass


class TimeoutFailure(Exception):
    pass


class Recorder(pybreaker.CircuitBreakerListener):
    def __init__(self):
        self.transitions = []

    def state_change(self, cb, old_state, new_state):
        self.transitions.append(
            {"at": FakeTime.offset, "from": old_state.name if old_state else None, "to": new_state.name}
        )


def replay(sequence):
    FakeTime.offset = 0.0
    recorder = Recorder()
    breaker = pybreaker.CircuitBreaker(
        fail_max=sequence["fail_max"],
        reset_timeout=sequence["reset_timeout"],
        success_threshold=sequence.get("success_threshold", 1),
        exclude=[ExcludedError],
        listeners=[recorder],
    )
    results = []
    for step in sequence["steps"]:
        if step[0] == "advance":
            FakeTime.offset += float(step[1])
            continue
        outcome = step[1]
        ran = []

        def operation():
            ran.append(True)
            if outcome == "success":
                return "ok"
            if outcome == "excluded":
                raise ExcludedError()
            if outcome == "timeout":
                FakeTime.offset += float(step[2])
                raise TimeoutFailure()
            raise RuntimeError("failure")

        try:
            breaker.call(operation)
            results.append("ok")
        except pybreaker.CircuitBreakerError:
            results.append("error" if ran else "rejected")
        except Exception:  # the operation's own error
            results.append("error")
    return {"results": results, "transitions": recorder.transitions, "state": breaker.current_state}


def main():
    document = json.load(sys.stdin)
    output = {sequence["name"]: replay(sequence) for sequence in document["sequences"]}
    json.dump(output, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
