#!/usr/bin/env bash
# The web console's cold load in headless Chromium (/usr/bin/chromium through /usr/bin/chromedriver, as the
# console tests use): builds bench/Likeness.Bench.Console in Release and runs it; arguments go to it
# (--runs N, --warmup N, --out DIR). Prints a Markdown table and writes bench/results/console-<time>.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="${LIKENESS_BENCH_ARTIFACTS:-$root/artifacts/bench}"
dotnet build bench/Likeness.Bench.Console -c Release --artifacts-path "$artifacts" --nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$artifacts/bin/Likeness.Bench.Console/release/likeness-bench-console.dll" "$@"
