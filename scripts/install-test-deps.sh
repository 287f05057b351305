#!/usr/bin/env bash
# Installs the Debian packages Steady's tests use as oracles and peers (promtool from prometheus, amtool from
# prometheus-alertmanager, openssl for the receivers' TLS test certificates).
# Safe to run repeatedly; does nothing when everything is present.
set -euo pipefail
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# --- BEGIN pybreaker (Resilience conformance oracle) ---------------------------------------------------------
# Tests/ResilienceTests/Conformance replays breaker sequences through pybreaker, and Tests/SteadyModelTests matches
# label-matcher regexes with RE2 itself (google-re2), both installed from PyPI into a venv (the tests look for it
# in the same place). Needs python3 with venv; installed from Debian when missing.
STEADY_PYVENV="${STEADY_PYVENV:-$HOME/.cache/steady-pyvenv}"
PYBREAKER_VERSION="1.4.1"
GOOGLE_RE2_VERSION="1.1.20251105"
if ! "$STEADY_PYVENV/bin/python" -c "import pybreaker, re2" >/dev/null 2>&1; then
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
  fi
  NEED_PYBREAKER=1
fi
# --- END pybreaker ----------------------------------------------------------------------------------------------
if [ ${#missing[@]} -eq 0 ] && [ -z "${NEED_PYBREAKER:-}" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: need ${missing[*]} but apt-get is not available" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# Packaged daemons must not start during installation (containers have no init system).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# --- BEGIN pybreaker (continued) --------------------------------------------------------------------------------
if [ -n "${NEED_PYBREAKER:-}" ]; then
  [ -x "$STEADY_PYVENV/bin/python" ] || python3 -m venv "$STEADY_PYVENV"
  "$STEADY_PYVENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pybreaker==$PYBREAKER_VERSION" "google-re2==$GOOGLE_RE2_VERSION"
  "$STEADY_PYVENV/bin/python" -c "import pybreaker, re2"
fi
# --- END pybreaker ----------------------------------------------------------------------------------------------
