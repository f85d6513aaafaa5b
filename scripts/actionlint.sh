#!/usr/bin/env bash
# Builds actionlint from its Go module into a cache outside the repository, or reuses it, so that
# tests/workflows can lint .github/workflows with the real linter. CI (.ci/run) calls this before
# `npm test`; when Go or the module proxy is unavailable the test falls back to a schema check and
# says so.
#
# Usage: scripts/actionlint.sh [--force]
# Environment: SCW_INFRA_ACTIONLINT_CACHE  cache root (default ~/.cache/scaleway-infra/actionlint)
# Output: on stdout one line `ACTIONLINT=<path to binary>`; progress on stderr.
# Exit status: 0 built or cached; 3 Go missing or the module not obtainable; 1 other failure.
set -uo pipefail

ACTIONLINT_VERSION="v1.7.12"
ACTIONLINT_MODULE="github.com/rhysd/actionlint/cmd/actionlint"
CACHE_ROOT="${SCW_INFRA_ACTIONLINT_CACHE:-$HOME/.cache/scaleway-infra/actionlint}"
DIR="$CACHE_ROOT/$ACTIONLINT_VERSION"
BIN="$DIR/actionlint"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

log() { printf 'actionlint.sh: %s\n' "$*" >&2; }

if [ "$FORCE" = 0 ] && [ -x "$BIN" ]; then
  log "cached $BIN"
  echo "ACTIONLINT=$BIN"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  log "no Go toolchain on PATH; tests/workflows will fall back to its schema check"
  exit 3
fi
mkdir -p "$DIR" || { log "cannot create $DIR"; exit 1; }
# Build into a temporary GOBIN, then rename: a half-written binary is never published.
WORK=$(mktemp -d "$CACHE_ROOT/.work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "go install $ACTIONLINT_MODULE@$ACTIONLINT_VERSION"
if ! GOBIN="$WORK" GOFLAGS="${GOFLAGS:-} -trimpath" go install "$ACTIONLINT_MODULE@$ACTIONLINT_VERSION" >"$WORK/log" 2>&1; then
  sed 's/^/    /' "$WORK/log" | tail -20 >&2
  if grep -Eq '403 Forbidden|404 Not Found|not available|no such host|dial tcp|connection refused|i/o timeout|GOPROXY=off' "$WORK/log"; then
    log "module not obtainable from the Go proxy"
    exit 3
  fi
  exit 1
fi
mv -f "$WORK/actionlint" "$BIN.tmp" && mv -f "$BIN.tmp" "$BIN"
log "built $BIN ($("$BIN" -version | head -1))"
echo "ACTIONLINT=$BIN"
