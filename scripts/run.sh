#!/usr/bin/env bash
# The README's run command: installs what is missing, then starts the Rekognition-compatible service
# on 127.0.0.1:8080 (LIKENESS_PORT to change) with embedded storage in the data directory
# ($LIKENESS_DATA_DIR, else ~/.local/share/likeness). On the first start it prints a development
# access key, once. Arguments go to `likeness serve` (e.g. --port 9000 --s3-root DIR).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
likeness_setup
exec dotnet "$LIKENESS_ROOT/src/Likeness.Cli/bin/$LIKENESS_CONFIGURATION/net10.0/likeness.dll" serve "$@"
