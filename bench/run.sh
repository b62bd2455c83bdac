#!/usr/bin/env bash
# One command for every benchmark: builds the harness (Release), installs the peer's npm packages when
# they are missing, then runs Likeness and the TF.js peer in one run and writes bench/results/bench-*.json
# and .md. Arguments go to the harness (e.g. --reps 10, --models blazeface,faceres, --no-peer).
#
# Build output goes to artifacts/bench (gitignored; LIKENESS_BENCH_ARTIFACTS moves it), apart from the
# bin/ folders scripts/setup.sh and the tests build into.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="${LIKENESS_BENCH_ARTIFACTS:-$root/artifacts/bench}"

log() { printf '[bench] %s\n' "$*" >&2; }

command -v dotnet >/dev/null 2>&1 || { echo "bench: 'dotnet' is not installed; install the .NET 10 SDK." >&2; exit 1; }

if [ ! -d bench/peer/node_modules/@tensorflow/tfjs-backend-wasm ]; then
  if command -v npm >/dev/null 2>&1; then
    log "installing the peer's npm packages (pinned in bench/peer/package-lock.json)"
    npm ci --ignore-scripts --no-audit --no-fund --prefix bench/peer >&2
  else
    log "npm is not installed: the peer columns stay empty (Debian: apt-get install nodejs npm)"
  fi
fi

log "building bench/Likeness.Bench (Release) into $artifacts"
dotnet build bench/Likeness.Bench -c Release --artifacts-path "$artifacts" --nologo -v quiet -clp:ErrorsOnly >&2

exec dotnet "$artifacts/bin/Likeness.Bench/release/likeness-bench.dll" "$@"
