#!/usr/bin/env bash
# Runs every test of the solution. Needs the .NET SDK, Node.js (Azurite) and Debian's chromium (installed when missing).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The storage tests start their own Azurite from node_modules; a fresh clone (CI) has none yet. npm ci installs
# exactly package-lock.json; --loglevel=error hides the EBADENGINE warnings of Node 20 but not a failure.
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The browser tests (tests/GiamNgheo.Web.Tests) drive Debian's Chromium; a fresh machine installs it here (about 75 s).
scripts/chromium.sh >/dev/null

dotnet build GiamNgheo.sln -c Release -nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test GiamNgheo.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies, so CI and people see the total at a glance.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
