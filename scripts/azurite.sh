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
# npm writes this copy at the end of every install (npm ci, npm install, test.sh, AzuriteServer), so a
# package-lock.json newer than it was changed (git pull, branch switch) after the last install.
readonly installed_lock=node_modules/.package-lock.json
# Also taken by AzuriteServer (a .NET FileShare.None open is an flock on Linux), so tests and this script never run
# npm ci at the same time.
readonly install_lock=.artifacts/npm-install.lock
readonly start_timeout_seconds=60

usage() {
  # The comment block at the top of this file is the help text.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  exit 2
}

die() {
  echo "azurite.sh: $*" >&2
  exit 1
}

needs_install() {
  [ ! -x "$launcher" ] || [ ! -f "$installed_lock" ] || [ package-lock.json -nt "$installed_lock" ]
}

install_azurite() {
  needs_install || return 0
  command -v npm >/dev/null 2>&1 || die "npm not found; install Node.js 20 or later (it brings npm)."
  mkdir -p "$(dirname "$install_lock")"
  # Hold the lock on fd 9 for the rest of this function when flock exists; without it, just install.
  exec 9>"$install_lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
  # Another process may have installed while we waited for the lock.
  if needs_install; then
    echo "azurite.sh: installing Azurite with npm ci (package-lock.json is new or changed)..." >&2
    # npm's progress and warnings (EBADENGINE on Node 20) go to stderr; errors stay visible there too.
    npm ci --no-audit --no-fund >&2
  fi
  exec 9>&-
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp; no nc needed).
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when $1 is alive and is an Azurite; guards against a stale pid file whose number was reused.
is_azurite() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -o args= -p "$pid" 2>/dev/null | grep -q azurite
}

check_port_argument() {
  [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -le 65535 ] || die "$1 needs a port number (0-65535, 0 = any free port), got '$2'."
}

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
      [[ $2 =~ ^[0-9]+(\.[0-9])?$ ]] || die "--timeout needs seconds (e.g. 10 or 2.5), got '$2'."
      stop_timeout_tenths=$(( ${2%.*} * 10 + $( [[ $2 == *.* ]] && echo "${2#*.}" || echo 0) ))
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

stop_azurite() {
  if [ ! -f "$pid_file" ]; then
    echo "azurite.sh: no Azurite running for $location." >&2
    return 0
  fi
  local pid
  pid=$(cat "$pid_file")
  if is_azurite "$pid"; then
    # SIGTERM lets Azurite write its metadata database; killing it outright could lose the last writes.
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt "$stop_timeout_tenths" ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "azurite.sh: Azurite (pid $pid) did not stop within $((stop_timeout_tenths / 10)).$((stop_timeout_tenths % 10)) s; killing it." >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "azurite.sh: stopped Azurite (pid $pid); data stays in $location." >&2
  else
    echo "azurite.sh: Azurite (pid $pid) was not running any more." >&2
  fi
  rm -f "$pid_file" "$connection_file"
}

start_azurite() {
  if [ -f "$pid_file" ]; then
    local running
    running=$(cat "$pid_file")
    if is_azurite "$running" && [ -f "$connection_file" ]; then
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

  install_azurite

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
  stop) stop_azurite ;;
esac
