# Sourced by scripts/run.sh and scripts/test.sh: brings a fresh Debian 12 machine (with the .NET 10
# SDK and node/npm) to the point where Likeness builds and runs. Every step checks first, so a
# machine that already has everything spends its time in `dotnet build` only.
set -euo pipefail

LIKENESS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIKENESS_CONFIGURATION="${LIKENESS_CONFIGURATION:-Release}"

# Native libraries the image decoders bind to (P/Invoke); runtime packages only, no -dev headers.
LIKENESS_APT_PACKAGES=(libturbojpeg0 libspng0)

likeness_log() { printf '[setup] %s\n' "$*" >&2; }

likeness_need_command() {
  command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is not installed. $2" >&2; exit 1; }
}

likeness_apt_install() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The real AWS clients the end-to-end tests drive the server with (tests/e2e): any python3 with boto3
# and an `aws` command will do; Debian's packages where they are missing.
likeness_ensure_aws_clients() {
  local missing=()
  command -v python3 >/dev/null 2>&1 && python3 -c "import boto3" 2>/dev/null || missing+=(python3 python3-boto3)
  command -v aws >/dev/null 2>&1 || missing+=(awscli)
  [ ${#missing[@]} -eq 0 ] && return 0
  likeness_log "installing the AWS clients for the end-to-end tests: ${missing[*]}"
  likeness_apt_install "${missing[@]}"
}

# The web console's tests drive Debian's Chromium through its WebDriver.
likeness_ensure_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ ${#missing[@]} -eq 0 ] && return 0
  likeness_log "installing the browser for the console tests: ${missing[*]}"
  likeness_apt_install "${missing[@]}"
}

likeness_ensure_apt_packages() {
  local missing=()
  for pkg in "${LIKENESS_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  likeness_log "installing Debian packages: ${missing[*]}"
  likeness_apt_install "${missing[@]}"
}

likeness_build() {
  likeness_log "building ($LIKENESS_CONFIGURATION)"
  dotnet build "$LIKENESS_ROOT/Likeness.slnx" -c "$LIKENESS_CONFIGURATION" --nologo -v quiet -clp:ErrorsOnly
}

# The CLI, run from the build output (no second build).
likeness_cli() {
  dotnet "$LIKENESS_ROOT/src/Likeness.Cli/bin/$LIKENESS_CONFIGURATION/net10.0/likeness.dll" "$@"
}

likeness_setup() {
  likeness_need_command dotnet "Install the .NET 10 SDK: https://learn.microsoft.com/dotnet/core/install/linux-debian"
  likeness_need_command npm "Install Node.js and npm (Debian: apt-get install nodejs npm)."
  likeness_ensure_apt_packages
  likeness_build
  likeness_log "models: fetching pinned assets and converting to ONNX where missing"
  likeness_cli models install
}
