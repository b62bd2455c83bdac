#!/usr/bin/env bash
# The service under load (requests/s, p50/p99 per operation, with a 1M-face collection for
# SearchFacesByImage): builds bench/Likeness.Bench.Server in Release and runs it; arguments go to it
# (--faces N, --concurrency 1,2,4, --seconds S, --data-dir DIR, --threads N: ONNX Runtime threads per model run,
# default the server's, 0 one per core). The gallery is built on the first run
# (a few minutes for 1M faces) and reused from --data-dir afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="${LIKENESS_BENCH_ARTIFACTS:-$root/artifacts/bench}"
dotnet build bench/Likeness.Bench.Server -c Release --artifacts-path "$artifacts" --nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$artifacts/bin/Likeness.Bench.Server/release/likeness-bench-server.dll" "$@"
