#!/usr/bin/env bash
# Starts and stops a local Azurite (the Azure Storage emulator: blob, queue, table) for a local run of the
# Functions host. Tests do not use this script: they start their own Azurite per test class
# (tests/GiamNgheo.Testing/AzuriteServer.cs).
#
#   scripts/azurite.sh start [--blob-port N] [--queue-port N] [--table-port N] [--location DIR]
#   scripts/azurite.sh stop [--location DIR] [--timeout SECONDS]
#
# start installs Azurite from package-lock.json when needed, starts it in the background on 127.0.0.1 (ports the
# operating system picks, unless given), waits until all three services accept connections, writes
# DIR/azurite.pid and DIR/connection-string, and prints the connection string on stdout (everything else goes to
# stderr, so `export AzureWebJobsStorage=$(scripts/azurite.sh start)` works). The storage stays in DIR, so a later
# start sees the same data. DIR defaults to .artifacts/azurite (git-ignored).
set -euo pipefail

# Relative --location paths mean relative to where the caller stands, so remember that before moving.
caller_dir=$PWD
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

readonly account_name=devstoreaccount1
# The emulator's well-known public key, the same in every Azurite; not a secret.
readonly account_key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
readonly launcher=node_modules/.bin/azurite
script_path=$repo_root/scripts/$(basename "${BASH_SOURCE[0]}")
service_name=Azurite
process_pattern=azurite
# shellcheck source=lib/background-service.sh
source scripts/lib/background-service.sh
readonly start_timeout_seconds=60

command=${1:-}
case $command in
  start | stop) shift ;;
  '' | -h | --help | help) usage ;;
  *) die "unknown command '$command'; use start or stop (see scripts/azurite.sh --help)." ;;
esac

blob_port=0
queue_port=0
table_port=0
location=.artifacts/azurite
stop_timeout_tenths=100
while [ $# -gt 0 ]; do
  case $1 in
    --blob-port | --queue-port | --table-port | --location | --timeout)
      [ $# -ge 2 ] || die "$1 needs a value."
      ;;
  esac
  case $1 in
    --blob-port) check_port_argument "$1" "$2"; blob_port=$2; shift 2 ;;
    --queue-port) check_port_argument "$1" "$2"; queue_port=$2; shift 2 ;;
    --table-port) check_port_argument "$1" "$2"; table_port=$2; shift 2 ;;
    --location)
      case $2 in
        /*) location=$2 ;;
        *) location=$caller_dir/$2 ;;
      esac
      shift 2
      ;;
    --timeout)
      stop_timeout_tenths=$(timeout_tenths "$2")
      shift 2
      ;;
    -h | --help) usage ;;
    *) die "unknown option '$1' (see scripts/azurite.sh --help)." ;;
  esac
done

if [ "$command" = stop ] && [ ! -d "$location" ]; then
  echo "azurite.sh: no Azurite running for $location." >&2
  exit 0
fi
mkdir -p "$location"
location=$(cd "$location" && pwd)
# Two starts (or a start and a stop) for one location at once would each see no pid file and launch a second
# Azurite on the same data; serialise them. Azurite must not inherit fd 8 (see the launch below), or the lock
# would live as long as Azurite.
exec 8>"$location/azurite.lock"
if command -v flock >/dev/null 2>&1; then
  flock 8
fi
pid_file=$location/azurite.pid
connection_file=$location/connection-string
log_file=$location/azurite.log

start_azurite() {
  if [ -f "$pid_file" ]; then
    local running
    running=$(cat "$pid_file")
    if is_service "$running" && [ -f "$connection_file" ]; then
      # Starting twice is not an error, but silently ignoring ports the caller asked for would be.
      local existing
      existing=$(cat "$connection_file")
      local port
      for port in "$blob_port" "$queue_port" "$table_port"; do
        if [ "$port" != 0 ] && [[ $existing != *":$port/"* ]]; then
          die "Azurite is already running for $location (pid $running) on other ports; run 'scripts/azurite.sh stop' first."
        fi
      done
      echo "azurite.sh: Azurite is already running (pid $running)." >&2
      echo "$existing"
      return 0
    fi
    # The previous Azurite died without 'stop' (reboot, kill); its pid file means nothing now.
    rm -f "$pid_file" "$connection_file"
  fi

  local name port
  for name in blob queue table; do
    port=${name}_port
    port=${!port}
    if [ "$port" != 0 ] && port_open "$port"; then
      die "the $name port $port on 127.0.0.1 is already in use; choose another with --$name-port, or omit it to get a free one."
    fi
  done

  install_node_tools

  # Port 0 makes the operating system pick free ports; Azurite prints the ones it got. setsid puts Azurite in a session
  # (and process group) of its own: Ctrl+C, or a signal a supervisor sends to the caller's whole process group, does not
  # reach it, so the caller can stop the function app first and Azurite last (run.sh). This script runs without job
  # control, so the background job is no group leader and setsid execs in place: $! is Azurite's pid. nohup keeps it
  # alive after the caller's terminal is gone; stdin from /dev/null so it never holds the caller's terminal.
  # --disableTelemetry: telemetry would try to reach the internet. --skipApiVersionCheck: the Azure SDK may be newer
  # than this Azurite. --loose: ignore unsupported headers instead of failing. The access log stays on (no
  # --silent) in azurite.log, which is what you read when a request misbehaves.
  # The log is created here, not by the background job's redirection, which may run after the first read below.
  : >"$log_file"
  setsid nohup "$launcher" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" \
    --location "$location" \
    --disableTelemetry --skipApiVersionCheck --loose \
    >>"$log_file" 2>&1 </dev/null 8>&- &
  local pid=$!
  # Until the pid file is written nobody could stop this Azurite, so any failure below (a timeout, an error under
  # set -e, Ctrl+C) must take it down; expanded now because the trap runs after this function's locals are gone.
  # shellcheck disable=SC2064
  trap "kill -TERM $pid 2>/dev/null || true" EXIT

  local deadline=$((SECONDS + start_timeout_seconds))
  local blob='' queue='' table=''
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "azurite.sh: Azurite exited while starting. Its output ($log_file):" >&2
      cat "$log_file" >&2
      exit 1
    fi
    # Lines look like "Azurite Blob service is successfully listening at http://127.0.0.1:10000".
    blob=$(sed -n 's/^Azurite Blob service is successfully listening at .*:\([0-9]*\)$/\1/p' "$log_file" | tail -n 1)
    queue=$(sed -n 's/^Azurite Queue service is successfully listening at .*:\([0-9]*\)$/\1/p' "$log_file" | tail -n 1)
    table=$(sed -n 's/^Azurite Table service is successfully listening at .*:\([0-9]*\)$/\1/p' "$log_file" | tail -n 1)
    if [ -n "$blob" ] && [ -n "$queue" ] && [ -n "$table" ] &&
      port_open "$blob" && port_open "$queue" && port_open "$table"; then
      break
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "azurite.sh: Azurite did not accept connections within ${start_timeout_seconds} s. Its output ($log_file):" >&2
      cat "$log_file" >&2
      exit 1
    fi
    sleep 0.1
  done

  local connection_string="DefaultEndpointsProtocol=http;AccountName=$account_name;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob/$account_name;QueueEndpoint=http://127.0.0.1:$queue/$account_name;TableEndpoint=http://127.0.0.1:$table/$account_name;"
  echo "$pid" >"$pid_file"
  echo "$connection_string" >"$connection_file"
  trap - EXIT
  echo "azurite.sh: Azurite (pid $pid) is listening: blob $blob, queue $queue, table $table; data and log in $location." >&2
  echo "$connection_string"
}

case $command in
  start) start_azurite ;;
  stop) stop_service "$pid_file" "$stop_timeout_tenths" "data stays in $location" "$connection_file" ;;
esac
