#!/usr/bin/env bash
# The main job on a fresh machine: build the CLI, generate a sample commune survey with real unit codes,
# score it, and print the commune summary. Needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

year=${YEAR:-2025}
province=${PROVINCE:-01}
households=${HOUSEHOLDS:-2000}
work=.artifacts/demo
rm -rf "$work"
mkdir -p "$work"

dotnet build tools/GiamNgheo.Cli -c Release -nologo -v quiet
cli=(dotnet tools/GiamNgheo.Cli/bin/Release/net10.0/giamngheo.dll)

"${cli[@]}" template --year "$year" --out "$work/mau-phieu-$year.xlsx"
"${cli[@]}" generate --province "$province" --communes 1 --households "$households" --seed 42 --year "$year" --format xlsx --out "$work/surveys"
survey=$(ls "$work"/surveys/*.xlsx | head -n 1)
echo
"${cli[@]}" score "$survey" --year "$year" --out "$work/ket-qua.csv" 2>"$work/canh-bao.txt"
echo
echo "Warnings (if any): $work/canh-bao.txt ($(wc -l <"$work/canh-bao.txt") lines)"
echo "Per-household results: $work/ket-qua.csv"
