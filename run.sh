#!/usr/bin/env bash
# The main job on a fresh machine: start Azurite (installed locally through npm), build and start the function app in
# the local host (one ordinary process running the app's functions, storage triggers and Durable orchestrations without
# the Functions host; ADR 0005), upload the bundled demo surveys of one province, wait until they are scored, print the
# province summary and the export link, publish a demo reporting plan whose deadlines lie around today (its reminders
# reach the inbox at once), then keep serving until Ctrl+C. MailDev (a real SMTP server with a web inbox,
# installed through npm) receives the app's email; the script prints where to read it.
#
#   ./run.sh [--port 7071] [--blob-port N --queue-port N --table-port N] [--smtp-port N --inbox-port N]
#
# Needs the .NET SDK and Node.js (for Azurite). Data persists in .artifacts/azurite, so a second start finds the
# earlier uploads (the same files are recognised by their content and not counted twice) and resumes unfinished work.
#
# Stopping: Ctrl+C, or SIGINT/SIGTERM to this script or to its whole process group (as a supervisor does), stops the
# local host first (it finishes or abandons what is in flight; everything durable is in storage and resumes at the next
# start), then MailDev and Azurite, within 10 s. Azurite runs in a process group of its own, so a group signal cannot take it down
# before the host.
set -euo pipefail
# A script started in the background by another script inherits SIGINT as ignored, and bash cannot trap a signal that was
# ignored on entry: re-run once with the default dispositions so the traps below always see SIGINT and SIGTERM.
if [ -z "${GIAMNGHEO_RUN_SIGNALS_RESET:-}" ]; then
  export GIAMNGHEO_RUN_SIGNALS_RESET=1
  exec env --default-signal=INT,TERM "$0" "$@"
fi
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

port=7071
azurite_args=()
maildev_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --blob-port|--queue-port|--table-port) azurite_args+=("$1" "$2"); shift 2 ;;
    --smtp-port) maildev_args+=(--smtp-port "$2"); shift 2 ;;
    --inbox-port) maildev_args+=(--web-port "$2"); shift 2 ;;
    *) echo "unknown option: $1 (use --port N, --blob-port N, --queue-port N, --table-port N, --smtp-port N, --inbox-port N)" >&2; exit 2 ;;
  esac
done

year=2025
province=01
location=.artifacts/azurite
mail_location=.artifacts/maildev
host_log=.artifacts/local-host.log
# Stopping must be over within 10 s: the host's own shutdown is bounded (about 4 s) and is killed past 5 s; Azurite gets
# what is left, since it writes its metadata on the way out (a kill could lose the last writes).
host_stop_tenths=50
total_stop_tenths=95
host_pid=

stop_all() {
  trap - INT TERM EXIT
  local waited=0
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    echo "Stopping the local host…" >&2
    # A background job of a script ignores SIGINT, so the host is always told with SIGTERM (a graceful stop).
    kill -TERM "$host_pid" 2>/dev/null || true
    while kill -0 "$host_pid" 2>/dev/null && [ $waited -lt $host_stop_tenths ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$host_pid" 2>/dev/null; then
      echo "The local host did not stop within $((host_stop_tenths / 10)) s; killing it (its work resumes at the next start)." >&2
      kill -KILL "$host_pid" 2>/dev/null || true
    fi
    wait "$host_pid" 2>/dev/null || true
  fi
  echo "Stopping MailDev and Azurite…" >&2
  local left=$((total_stop_tenths - waited))
  # Independent of each other, so stopped side by side within the same time left.
  scripts/maildev.sh stop --location "$mail_location" --timeout "$((left / 10)).$((left % 10))" >/dev/null 2>&1 &
  local maildev_stop=$!
  scripts/azurite.sh stop --location "$location" --timeout "$((left / 10)).$((left % 10))" >/dev/null 2>&1 || true
  wait "$maildev_stop" 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port is already in use; choose another with ./run.sh --port N" >&2
  exit 1
fi

mkdir -p .artifacts
echo "Starting Azurite…"
connection=$(scripts/azurite.sh start --location "$location" "${azurite_args[@]}" | tail -n 1)
echo "Starting MailDev (SMTP server with a web inbox)…"
mail_ports=$(scripts/maildev.sh start --location "$mail_location" "${maildev_args[@]}" | tail -n 1)
smtp_port=${mail_ports% *}
inbox="http://127.0.0.1:${mail_ports#* }/"
echo "The app's email goes to the MailDev inbox: $inbox"

echo "Building the function app, its local host and the CLI…"
dotnet build functions/GiamNgheo.LocalHost -c Release -nologo -v quiet
dotnet build tools/GiamNgheo.Cli -c Release -nologo -v quiet
# The local host and `giamngheo token` share the development issuer's key (per user; ADR 0009), so tokens printed here
# or later by the CLI are accepted until the host stops trusting that key file.
token() { dotnet tools/GiamNgheo.Cli/bin/Release/net10.0/giamngheo.dll token "$@"; }
commune=$(ls "demo/surveys/$year-$province" | head -n 1 | cut -c1-5)
# The web app's local sign-in offers the same people as the tokens printed below (GET /dev/sign-in, ADR 0012).
identities=.artifacts/demo-identities.json
cat >"$identities" <<JSON
[
  { "label": "Cán bộ xã $commune", "roles": ["commune-officer"], "units": ["$commune"], "name": "Cán bộ xã $commune", "email": "xa-$commune@hanoi.example" },
  { "label": "Cán bộ Sở (tỉnh $province)", "roles": ["province-officer"], "units": ["$province"], "name": "Cán bộ Sở (trình diễn)" },
  { "label": "Chuyên viên phân tích (tỉnh $province)", "roles": ["analyst"], "units": ["$province"], "name": "Chuyên viên phân tích" },
  { "label": "Sở Y tế (cơ quan báo cáo, tỉnh $province)", "roles": ["agency"], "units": ["$province"], "name": "Sở Y tế", "email": "so-y-te@hanoi.example" },
  { "label": "Quản trị", "roles": ["admin"], "units": [], "name": "Quản trị" }
]
JSON
# Email goes to MailDev (plain SMTP on loopback); webhooks are signed with a key that is only for local runs.
AzureWebJobsStorage="$connection" \
  Smtp__Host=127.0.0.1 Smtp__Port="$smtp_port" Smtp__Security=None \
  Smtp__SenderAddress=giamngheo@localhost Smtp__SenderName="Hệ thống GiamNgheo (chạy thử)" \
  Webhook__SigningKey=local-development-only \
  dotnet functions/GiamNgheo.LocalHost/bin/Release/net10.0/GiamNgheo.LocalHost.dll \
  --port "$port" --demo-identities "$identities" >"$host_log" 2>&1 </dev/null &
host_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  if node -e "fetch('$base/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  if ! kill -0 "$host_pid" 2>/dev/null; then
    echo "The local host stopped; its log:" >&2
    cat "$host_log" >&2
    exit 1
  fi
  sleep 0.5
done

export GIAMNGHEO_TOKEN
GIAMNGHEO_TOKEN=$(token --role province-officer --unit "$province" --name "Cán bộ Sở (trình diễn)")
echo "Uploading the demo surveys of province $province ($year) as a province officer…"
node scripts/demo-upload.mjs "$base" "$year" "$province" "demo/surveys/$year-$province"

echo
echo "Publishing a demo reporting plan of province $province with deadlines around today (reminders go out at once)…"
node scripts/demo-plan.mjs "$base" "$inbox"

echo
echo "Sign-in tokens of the local development issuer, one per role (Authorization: Bearer …; 12 h; more with"
echo "  dotnet tools/GiamNgheo.Cli/bin/Release/net10.0/giamngheo.dll token --role ROLE --unit CODE[,CODE…]):"
echo "  commune-officer (xã $commune):  $(token --role commune-officer --unit "$commune" --name "Cán bộ xã $commune" --email "xa-$commune@hanoi.example")"
echo "  province-officer (tỉnh $province): $GIAMNGHEO_TOKEN"
echo "  analyst (tỉnh $province):          $(token --role analyst --unit "$province" --name "Chuyên viên phân tích")"
echo "  agency (Sở Y tế, tỉnh $province):  $(token --role agency --unit "$province" --name "Sở Y tế" --email so-y-te@hanoi.example)"
echo "  admin:                           $(token --role admin --name "Quản trị")"
echo
echo "Mail the app sends (reminders) arrives in the inbox: $inbox (SMTP 127.0.0.1:$smtp_port)."
echo "Serving on $base: the web app at $base/ (sign in as one of the people above), the API under /api; log: $host_log."
echo "Ctrl+C stops the local host, then MailDev and Azurite."
# wait returns early when a trapped signal arrives, so the traps run at once.
wait "$host_pid" || true
