#!/usr/bin/env bash
# Makes sure the system Chromium that the browser tests (tests/GiamNgheo.Web.Tests) drive through Playwright is
# installed: Debian's package `chromium`, never a browser build downloaded by Playwright (this machine, developers'
# and CI's reach only the package registries). Prints the browser's path on stdout.
#
#   scripts/chromium.sh
#
# Installs it with apt-get when /usr/bin/chromium is missing: as root directly (CI), through sudo otherwise when
# sudo works without a password; else it stops with what to run. Measured on a fresh 2-core machine: apt-get update
# about 16 s, the install (25 packages, --no-install-recommends) about 60 s.
set -euo pipefail

readonly browser=${GIAMNGHEO_CHROMIUM:-/usr/bin/chromium}

if [ -x "$browser" ]; then
  echo "$browser"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "chromium.sh: $browser is missing and this user cannot install packages." >&2
  echo "Install it once with: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium" >&2
  exit 1
fi

echo "chromium.sh: installing Debian's chromium for the browser tests…" >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
if [ ! -x "$browser" ]; then
  echo "chromium.sh: apt-get finished but $browser is still missing." >&2
  exit 1
fi
echo "$browser"
