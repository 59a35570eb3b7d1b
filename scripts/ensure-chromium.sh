#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core (a test tool's own browser download
# does not work on machines without general network access). Installs it when it is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is needed at $CHROMIUM for the browser tests (set CHROMIUM_PATH, or install Debian's chromium package as root)." >&2
exit 1
