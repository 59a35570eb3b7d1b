#!/usr/bin/env bash
# What the tests need from the system, installed from Debian's packages when missing and the user is
# root: Chromium for the browser tests (driven through playwright-core; a test tool's own browser
# download does not work on machines without general network access) and bubblewrap, the sandbox
# every crawled server runs in. Elsewhere, say what is missing and how to get it.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v bwrap >/dev/null || missing+=(bubblewrap)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
for m in "${missing[@]}"; do
  case "$m" in
    chromium) echo "Chromium is needed at $CHROMIUM for the browser tests (set CHROMIUM_PATH, or install Debian's chromium package as root)." >&2 ;;
    bubblewrap) echo "bubblewrap (bwrap) is needed: the crawler starts every server inside it (Debian/Ubuntu: apt-get install bubblewrap)." >&2 ;;
  esac
done
exit 1
