#!/usr/bin/env bash
# The main job on a fresh machine: start Azurite (installed locally through npm), build and start the function app's
# handler in local-host mode (a development-only runner delivers blob, queue and timer events the way the Functions
# host does), upload the bundled demo surveys of one province, wait until they are scored, print the province summary
# and the export link, then keep serving until Ctrl+C.
#
#   ./run.sh [--port 7071] [--blob-port N --queue-port N --table-port N]
#
# Needs the .NET SDK and Node.js (for Azurite). Data persists in .artifacts/azurite, so a second start finds the
# earlier uploads (the same files are recognised by their content and not counted twice).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

port=7071
azurite_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --blob-port|--queue-port|--table-port) azurite_args+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option: $1 (use --port N, --blob-port N, --queue-port N, --table-port N)" >&2; exit 2 ;;
  esac
done

year=2025
province=01
location=.artifacts/azurite
handler_pid=

stop_all() {
  if [ -n "$handler_pid" ] && kill -0 "$handler_pid" 2>/dev/null; then
    kill "$handler_pid" 2>/dev/null || true
    wait "$handler_pid" 2>/dev/null || true
  fi
  scripts/azurite.sh stop --location "$location" >/dev/null 2>&1 || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port is already in use; choose another with ./run.sh --port N" >&2
  exit 1
fi

mkdir -p .artifacts
echo "Starting Azurite…"
connection=$(scripts/azurite.sh start --location "$location" "${azurite_args[@]}" | tail -n 1)

echo "Building the handler…"
dotnet build functions/GiamNgheo.Functions -c Release -nologo -v quiet
AzureWebJobsStorage="$connection" dotnet functions/GiamNgheo.Functions/bin/Release/net10.0/GiamNgheo.Functions.dll \
  --local-host --port "$port" --app-root "$PWD" >.artifacts/handler.log 2>&1 &
handler_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  if node -e "fetch('$base/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  if ! kill -0 "$handler_pid" 2>/dev/null; then
    echo "The handler stopped; its log:" >&2
    cat .artifacts/handler.log >&2
    exit 1
  fi
  sleep 0.5
done

echo "Uploading the demo surveys of province $province ($year)…"
node scripts/demo-upload.mjs "$base" "$year" "$province" "demo/surveys/$year-$province"

echo
echo "Serving on $base (API under /api; handler log: .artifacts/handler.log). Ctrl+C stops the handler and Azurite."
wait "$handler_pid"
