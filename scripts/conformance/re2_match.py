#!/usr/bin/env python3
"""Matches label-matcher patterns with RE2 itself (google-re2), as the oracle for Steady's regex engine.

Input (stdin, JSON): {"cases": [{"pattern": "a+", "inputs": ["a", "b"], "dot_nl": true}, ...]}
Output (stdout, JSON): {"results": [{"error": null, "matches": [true, false]}, ...]}

A pattern is matched the way Prometheus and Alertmanager match label values: against the whole value, with `.`
matching newlines as Prometheus 3 does (`^(?s:pattern)$`), or not, as Alertmanager (`^(?:pattern)$`) when
`dot_nl` is false. `error` is RE2's message when the pattern alone does not compile.
"""
import json
import sys

import re2


def main() -> None:
    request = json.load(sys.stdin)
    results = []
    for case in request["cases"]:
        pattern = case["pattern"]
        try:
            re2.compile(pattern)
            anchored = re2.compile(("(?s:" if case.get("dot_nl", True) else "(?:") + pattern + ")")
        except re2.error as error:
            results.append({"error": str(error) or "invalid", "matches": []})
            continue
        results.append(
            {"error": None, "matches": [anchored.fullmatch(value) is not None for value in case["inputs"]]}
        )
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
