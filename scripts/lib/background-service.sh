# Shared by scripts/azurite.sh and scripts/maildev.sh: a Node.js dev tool installed by npm ci from package-lock.json and
# run in the background for a local run. Sourced, not run. The caller sets, before sourcing:
#   script_path      its own path (its top comment block is the help text)
#   service_name     how messages name it ("Azurite", "MailDev")
#   process_pattern  a word of its command line, to recognise its pid ("azurite", "maildev")
#   launcher         the executable under node_modules/.bin

# npm writes this copy at the end of every install (npm ci, npm install, test.sh, AzuriteServer), so a
# package-lock.json newer than it was changed (git pull, branch switch) after the last install.
readonly installed_lock=node_modules/.package-lock.json
# Also taken by AzuriteServer (a .NET FileShare.None open is an flock on Linux), so tests and these scripts never run
# npm ci at the same time.
readonly install_lock=.artifacts/npm-install.lock

script_label=$(basename "$script_path")

die() {
  echo "$script_label: $*" >&2
  exit 1
}

usage() {
  # The comment block at the top of the calling script is the help text.
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$script_path" >&2
  exit 2
}

needs_install() {
  [ ! -x "$launcher" ] || [ ! -f "$installed_lock" ] || [ package-lock.json -nt "$installed_lock" ]
}

# One npm ci installs every dev tool of package.json (Azurite and MailDev alike).
install_node_tools() {
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
    echo "$script_label: installing the Node.js dev tools with npm ci (package-lock.json is new or changed)..." >&2
    # npm's progress and warnings (EBADENGINE on Node 20) go to stderr; errors stay visible there too.
    npm ci --no-audit --no-fund >&2
  fi
  exec 9>&-
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp; no nc needed).
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when $1 is alive and is the service; guards against a stale pid file whose number was reused.
is_service() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -o args= -p "$pid" 2>/dev/null | grep -q "$process_pattern"
}

check_port_argument() {
  [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -le 65535 ] || die "$1 needs a port number (0-65535, 0 = any free port), got '$2'."
}

# Seconds as given to --timeout (10 or 2.5) in tenths.
timeout_tenths() {
  [[ $1 =~ ^[0-9]+(\.[0-9])?$ ]] || die "--timeout needs seconds (e.g. 10 or 2.5), got '$1'."
  echo $(( ${1%.*} * 10 + $( [[ $1 == *.* ]] && echo "${1#*.}" || echo 0) ))
}

# Stops the service whose pid is in $1 within $2 tenths of a second (SIGTERM, then SIGKILL), then removes $1 and the
# other files named after it; $3 says what is kept ("data stays in …").
stop_service() {
  local pid_file=$1 tenths=$2 kept=$3
  shift 3
  if [ ! -f "$pid_file" ]; then
    echo "$script_label: no $service_name running for $location." >&2
    return 0
  fi
  local pid
  pid=$(cat "$pid_file")
  if is_service "$pid"; then
    # SIGTERM lets the service finish its writes (Azurite's metadata database); killing it outright could lose them.
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt "$tenths" ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$script_label: $service_name (pid $pid) did not stop within $((tenths / 10)).$((tenths % 10)) s; killing it." >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "$script_label: stopped $service_name (pid $pid); $kept." >&2
  else
    echo "$script_label: $service_name (pid $pid) was not running any more." >&2
  fi
  rm -f "$pid_file" "$@"
}
