#!/usr/bin/env bash
# Starts and stops a local MailDev (npm maildev: a real SMTP server with a web inbox) for a local run: the function app
# sends its email there and you read it in the browser. Tests do not use this script: they use netDumbster in-process.
#
#   scripts/maildev.sh start [--smtp-port N] [--web-port N] [--location DIR]
#   scripts/maildev.sh stop [--location DIR] [--timeout SECONDS]
#
# start installs MailDev from package-lock.json when needed, starts it in the background on 127.0.0.1 (free ports the
# operating system offers, unless given), waits until SMTP and the web inbox accept connections, writes DIR/maildev.pid
# and DIR/endpoints, and prints "SMTP_PORT WEB_PORT" on stdout (everything else goes to stderr). The inbox is at
# http://127.0.0.1:WEB_PORT/ (its REST API under /api/email). Mail is kept in DIR/mail, so a later start shows the
# earlier mail. DIR defaults to .artifacts/maildev (git-ignored). The SMTP server offers no TLS and no authentication:
# the app connects with Smtp__Security=None.
set -euo pipefail

caller_dir=$PWD
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

readonly launcher=node_modules/.bin/maildev
script_path=$repo_root/scripts/$(basename "${BASH_SOURCE[0]}")
service_name=MailDev
process_pattern=maildev
# shellcheck source=lib/background-service.sh
source scripts/lib/background-service.sh
readonly start_timeout_seconds=30

# MailDev refuses port 0, so ask the operating system for free ports (two at once, so they differ) and pass them on.
# Another process could take one before MailDev binds it; start_maildev then tries again with new ports.
free_ports() {
  node -e '
    const net = require("net");
    const a = net.createServer(), b = net.createServer();
    a.listen(0, "127.0.0.1", () => b.listen(0, "127.0.0.1", () => {
      console.log(a.address().port + " " + b.address().port);
      a.close(); b.close();
    }));'
}

command=${1:-}
case $command in
  start | stop) shift ;;
  '' | -h | --help | help) usage ;;
  *) die "unknown command '$command'; use start or stop (see scripts/maildev.sh --help)." ;;
esac

smtp_port=0
web_port=0
location=.artifacts/maildev
stop_timeout_tenths=50
while [ $# -gt 0 ]; do
  case $1 in
    --smtp-port | --web-port | --location | --timeout)
      [ $# -ge 2 ] || die "$1 needs a value."
      ;;
  esac
  case $1 in
    --smtp-port) check_port_argument "$1" "$2"; smtp_port=$2; shift 2 ;;
    --web-port) check_port_argument "$1" "$2"; web_port=$2; shift 2 ;;
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
    *) die "unknown option '$1' (see scripts/maildev.sh --help)." ;;
  esac
done

if [ "$command" = stop ] && [ ! -d "$location" ]; then
  echo "maildev.sh: no MailDev running for $location." >&2
  exit 0
fi
mkdir -p "$location"
location=$(cd "$location" && pwd)
exec 8>"$location/maildev.lock"
if command -v flock >/dev/null 2>&1; then
  flock 8
fi
pid_file=$location/maildev.pid
endpoints_file=$location/endpoints
log_file=$location/maildev.log

# Starts MailDev on the given ports; succeeds when both accept connections, fails (and leaves nothing running) otherwise.
launch() {
  local smtp=$1 web=$2
  : >"$log_file"
  # As scripts/azurite.sh: its own session (a group Ctrl+C does not reach it, so run.sh stops the app first), nohup,
  # no stdin, and not holding the lock on fd 8.
  setsid nohup "$launcher" \
    --smtp "$smtp" --ip 127.0.0.1 \
    --web "$web" --web-ip 127.0.0.1 \
    --mail-directory "$location/mail" \
    >>"$log_file" 2>&1 </dev/null 8>&- &
  local pid=$!
  # shellcheck disable=SC2064
  trap "kill -TERM $pid 2>/dev/null || true" EXIT
  local deadline=$((SECONDS + start_timeout_seconds))
  while ! { port_open "$smtp" && port_open "$web"; }; do
    if ! kill -0 "$pid" 2>/dev/null; then
      trap - EXIT
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "maildev.sh: MailDev did not accept connections within ${start_timeout_seconds} s. Its output ($log_file):" >&2
      cat "$log_file" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$pid" >"$pid_file"
  echo "$smtp $web" >"$endpoints_file"
  trap - EXIT
  echo "maildev.sh: MailDev (pid $pid) is listening: SMTP 127.0.0.1:$smtp, inbox http://127.0.0.1:$web/; mail in $location/mail." >&2
}

start_maildev() {
  if [ -f "$pid_file" ]; then
    local running
    running=$(cat "$pid_file")
    if is_service "$running" && [ -f "$endpoints_file" ]; then
      local existing
      existing=$(cat "$endpoints_file")
      if { [ "$smtp_port" != 0 ] && [ "$smtp_port" != "${existing% *}" ]; } || { [ "$web_port" != 0 ] && [ "$web_port" != "${existing#* }" ]; }; then
        die "MailDev is already running for $location (pid $running) on other ports; run 'scripts/maildev.sh stop' first."
      fi
      echo "maildev.sh: MailDev is already running (pid $running)." >&2
      echo "$existing"
      return 0
    fi
    rm -f "$pid_file" "$endpoints_file"
  fi

  local name port
  for name in smtp web; do
    port=${name}_port
    port=${!port}
    if [ "$port" != 0 ] && port_open "$port"; then
      die "the $name port $port on 127.0.0.1 is already in use; choose another with --$name-port, or omit it to get a free one."
    fi
  done

  install_node_tools

  local attempt smtp web ports
  for attempt in 1 2 3; do
    ports=$(free_ports)
    smtp=$smtp_port web=$web_port
    [ "$smtp" != 0 ] || smtp=${ports% *}
    [ "$web" != 0 ] || web=${ports#* }
    if launch "$smtp" "$web"; then
      echo "$smtp $web"
      return 0
    fi
    echo "maildev.sh: MailDev exited while starting (attempt $attempt). Its output ($log_file):" >&2
    cat "$log_file" >&2
    # Only ports we picked can be picked again.
    [ "$smtp_port" = 0 ] || [ "$web_port" = 0 ] || break
  done
  die "MailDev did not start."
}

case $command in
  start) start_maildev ;;
  stop) stop_service "$pid_file" "$stop_timeout_tenths" "mail stays in $location/mail" "$endpoints_file" ;;
esac
