#!/usr/bin/env bash
# Builds the Azure Functions deployment zip: .artifacts/giamngheo-functions.zip
#   1. publishes the function app (functions/GiamNgheo.Functions, .NET isolated worker) for linux-x64,
#      framework-dependent: Flex Consumption runs it on the .NET runtime that functionAppConfig.runtime
#      (dotnet-isolated 10.0, infra/main.bicep) selects, and the host starts it with `dotnet <app>.dll`;
#   2. packs the publish folder, as it is, at the zip root with tools/GiamNgheo.Packaging, which first checks that it
#      holds what the host reads (host.json, functions.metadata, worker.config.json, extensions.json, .azurefunctions/)
#      and nothing from tests, tools or benchmarks, and writes the entries in a fixed order with a fixed timestamp.
# Deploy it with: az functionapp deployment source config-zip -g <rg> -n <app> --src .artifacts/giamngheo-functions.zip
#
# Publish options:
#   - Framework-dependent, no apphost (UseAppHost=false): worker.config.json says `dotnet GiamNgheo.Functions.dll`, so
#     a native launcher would never run; a self-contained publish would ship a second .NET runtime (and the packager
#     refuses it, since the host would then start the launcher instead of `dotnet`).
#   - ReadyToRun on (PUBLISH_READY_TO_RUN=false turns it off): the app's and its packages' IL (Azure SDK, gRPC,
#     DurableTask, OpenXml/ClosedXML) is precompiled, which Microsoft's isolated-worker guide recommends against cold
#     starts on consumption plans, and Flex scales to zero. The .NET framework itself ships precompiled either way.
#     Cost, measured here on 2 cores: publish ~2.3 min instead of ~0.5 min, zip ~26 MiB instead of ~13 MiB.
#   - No trimming: the Azure SDK, System.Text.Json, the Functions worker and ClosedXML use reflection that trimming breaks.
#
# Environment: ARTIFACTS_DIR (default .artifacts) moves the publish folder and the zip, e.g. for tests.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

configuration=Release
runtime=linux-x64
artifacts_dir=${ARTIFACTS_DIR:-.artifacts}
publish_dir=$artifacts_dir/publish/functions
output_zip=$artifacts_dir/giamngheo-functions.zip
ready_to_run=${PUBLISH_READY_TO_RUN:-true}

rm -rf "$publish_dir"
start=$(date +%s)
dotnet publish functions/GiamNgheo.Functions -nologo -v quiet \
  -c "$configuration" -r "$runtime" --self-contained false -p:UseAppHost=false \
  -p:PublishReadyToRun="$ready_to_run" -p:PublishTrimmed=false \
  -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false \
  -o "$publish_dir"
published=$(date +%s)
echo "published the function app in $((published - start)) s: $(du -sh "$publish_dir" | cut -f1) in $publish_dir (ReadyToRun=$ready_to_run)"

dotnet build tools/GiamNgheo.Packaging -nologo -v quiet -clp:NoSummary -c "$configuration"
dotnet run --project tools/GiamNgheo.Packaging -c "$configuration" --no-build -- \
  --publish-dir "$publish_dir" --out "$output_zip"

size=$(stat -c %s "$output_zip")
echo "package: $output_zip, $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB), built in $(( $(date +%s) - start )) s"
