#!/usr/bin/env bash
# The README's run command: installs what is missing, then runs Likeness.
# Until the Rekognition-compatible server lands, this runs the CLI demo on a sample photo that the
# pinned @vladmandic/face-api package ships; arguments are passed to `likeness demo`.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
likeness_setup
likeness_cli demo "$@"
