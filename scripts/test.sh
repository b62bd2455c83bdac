#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test of the solution.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
likeness_setup
likeness_ensure_aws_clients
likeness_ensure_browser

results="$LIKENESS_ROOT/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test "$LIKENESS_ROOT/Likeness.slnx" -c "$LIKENESS_CONFIGURATION" --no-build --nologo \
  --logger "trx" --results-directory "$results" || status=$?

# One closing line over all test assemblies, in the plain form CI reads.
cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); n[kv[1]] += kv[2] } }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", n["passed"], n["failed"], n["total"] - n["executed"] }'
exit $status
