#!/usr/bin/env bash
# Footprint of IngestWorker beside a bare `dotnet new worker`, both built and measured in this run:
# resident memory after an idle period, CPU time spent in that period, and the time from start to
# the first useful log line (IngestWorker: the first "New figure" of the shipped samples source on
# its 10-minute schedule; the bare worker: its first "Worker running at"). Prints the ratios.
#
#   tests/footprint/run.sh [IDLE_SECONDS]      (default 600, the ten minutes of the issue)
#
# Not part of `dotnet test`. Needs Linux (/proc) and the .NET SDK; works offline: the bare worker
# is pinned to the Microsoft.Extensions.Hosting version IngestWorker uses, which restore finds in
# the local package cache (the template's own newer pin may not be there).
set -euo pipefail

idle=${1:-600}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ingestworker-footprint.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_gcServer=0

echo "building both (Release) in $work ..." >&2
dotnet publish "$repo/src/IngestWorker" -c Release -o "$work/ingestworker" -v quiet -nologo >&2
hosting=$(sed -n 's/.*Include="Microsoft.Extensions.Hosting" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")
(cd "$work" && dotnet new worker -o bare -n BareWorker >/dev/null)
sed -i "s/Include=\"Microsoft.Extensions.Hosting\" Version=\"[^\"]*\"/Include=\"Microsoft.Extensions.Hosting\" Version=\"$hosting\"/" "$work/bare/BareWorker.csproj"
dotnet publish "$work/bare" -c Release -o "$work/bare-out" -v quiet -nologo >&2

# A fresh content root for IngestWorker: the shipped config/ (samples source, 10-minute schedule).
mkdir -p "$work/root"
cp -r "$work/ingestworker/config" "$work/root/config"

ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# measure NAME DLL PATTERN ROOT -> "startup_ms rss_kib idle_cpu_ms"
measure() {
  local name=$1 dll=$2 pattern=$3 root=$4 log="$work/$1.out"
  local start end pid
  start=$(date +%s%N)
  (cd "$root" && INGESTWORKER_ROOT="$root" exec dotnet "$dll" >"$log" 2>&1) &
  pid=$!
  until grep -q "$pattern" "$log" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited before logging '$pattern':" >&2; cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  sleep 5 # let start-up work (the samples run) finish before the idle period
  local before after
  before=$(cpu_ticks "$pid")
  echo "$name: idle for $idle s ..." >&2
  sleep "$idle"
  after=$(cpu_ticks "$pid")
  local rss
  rss=$(rss_kib "$pid")
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $rss $(( (after - before) * 1000 / ticks ))"
}

read -r iw_start iw_rss iw_cpu < <(measure ingestworker "$work/ingestworker/ingestworker.dll" "New figure" "$work/root")
read -r bare_start bare_rss bare_cpu < <(measure bare "$work/bare-out/BareWorker.dll" "Worker running at" "$work/bare-out")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
printf '\n%-28s %14s %14s %8s %8s\n' "after $idle s idle" "IngestWorker" "bare worker" "ratio" "target"
printf '%-28s %11s MB %11s MB %8s %8s\n' "resident memory" "$(awk -v k="$iw_rss" 'BEGIN{printf "%.1f", k/1024}')" "$(awk -v k="$bare_rss" 'BEGIN{printf "%.1f", k/1024}')" "$(ratio "$iw_rss" "$bare_rss")" "<= 1.6"
printf '%-28s %11s ms %11s ms %8s %8s\n' "start-up to first log line" "$iw_start" "$bare_start" "$(ratio "$iw_start" "$bare_start")" "<= 2"
printf '%-28s %11s ms %11s ms %8s %8s\n' "CPU time while idle" "$iw_cpu" "$bare_cpu" "$(ratio "$iw_cpu" "$bare_cpu")" ""
echo "(the bare worker is the template as generated: it logs a line every second; CPU time has a resolution of $((1000 / ticks)) ms)"
