#!/usr/bin/env bash
# Vector index benchmark: builds bench/Likeness.Bench.Vectors (Release) and runs it. Arguments go to the
# harness (e.g. --sizes 100000 --sets identities --queries 200; --real ../shared/data for real face
# embeddings). Tables on stdout and in bench/results/vectors-*.md; progress on stderr. Build output: artifacts/bench-vectors (or $LIKENESS_BENCH_ARTIFACTS).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="${LIKENESS_BENCH_ARTIFACTS:-$root/artifacts/bench-vectors}"

command -v dotnet >/dev/null 2>&1 || { echo "bench: 'dotnet' is not installed; install the .NET 10 SDK." >&2; exit 1; }
printf '[vectors] building bench/Likeness.Bench.Vectors (Release) into %s\n' "$artifacts" >&2
dotnet build bench/Likeness.Bench.Vectors -c Release --artifacts-path "$artifacts" --nologo -v quiet -clp:ErrorsOnly >&2

exec dotnet "$artifacts/bin/Likeness.Bench.Vectors/release/likeness-bench-vectors.dll" "$@"
