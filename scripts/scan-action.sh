#!/usr/bin/env bash
# The GitHub Action's step (action.yml): scan the repository's MCP configs, write SARIF for the
# code-scanning upload and a Markdown table to the job summary, and record whether --fail-on was
# met as the step output `failed`, so the upload still runs before the job fails.
# Environment: MCP_RISK_CONFIGS (paths, space-separated; empty means the usual locations),
# MCP_RISK_FAIL_ON, MCP_RISK_SARIF (the SARIF file), MCP_RISK_LOCK (optional lock file),
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY (set by the runner).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli=(node "$here/bin/mcp-risk.mjs" scan)
read -r -a configs <<< "${MCP_RISK_CONFIGS:-}"
if [ "${#configs[@]}" -eq 0 ]; then configs=(--auto); fi
lock=()
if [ -n "${MCP_RISK_LOCK:-}" ]; then lock=(--lock "$MCP_RISK_LOCK"); fi
sarif="${MCP_RISK_SARIF:-mcp-risk.sarif}"

"${cli[@]}" "${configs[@]}" "${lock[@]}" --format sarif > "$sarif"
sarif_code=$?
if [ "$sarif_code" -ge 2 ]; then
  echo "mcp-risk: the scan could not run (exit $sarif_code)" >&2
  exit "$sarif_code"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { echo '## MCP tool risk'; echo; "${cli[@]}" "${configs[@]}" --format markdown; } >> "$GITHUB_STEP_SUMMARY"
fi

failed=false
if [ -n "${MCP_RISK_FAIL_ON:-}" ]; then
  "${cli[@]}" "${configs[@]}" "${lock[@]}" --format json --fail-on "$MCP_RISK_FAIL_ON" > /dev/null
  case $? in
    0) ;;
    1) failed=true ;;
    *) echo "mcp-risk: --fail-on check could not run" >&2; exit 2 ;;
  esac
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "failed=$failed"; echo "sarif=$sarif"; } >> "$GITHUB_OUTPUT"
fi
echo "mcp-risk: SARIF in $sarif; fail-on ${MCP_RISK_FAIL_ON:-none}: failed=$failed"
