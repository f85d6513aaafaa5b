#!/usr/bin/env bash
# Builds the Pulumi toolchain from Go modules (issue 6), or reuses it from a cache
# outside the repository:
#
#   pulumi                    github.com/pulumi/pulumi/pkg/v3 ./cmd/pulumi
#   pulumi-language-nodejs    github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
#   pulumi-resource-random    github.com/pulumi/pulumi-random/provider/v4 ./cmd/pulumi-resource-random
#   pulumi-resource-scaleway  github.com/pulumiverse/pulumi-scaleway/provider ./cmd/pulumi-resource-scaleway
#
# Versions: scripts/toolchain-versions.env. Docs: docs/real-engine.md.
#
# Usage: scripts/pulumi-toolchain.sh [--force]
#   --force   rebuild even what is cached
#
# Environment:
#   SCW_INFRA_TOOLCHAIN_CACHE  cache root (default ~/.cache/scaleway-infra/toolchain)
#   SCW_INFRA_SRC_PULUMI       optional checkout of the pulumi/pulumi repository at the
#                              release commit; used for the language host when the Go
#                              proxy does not serve its module
#   SCW_INFRA_SRC_RANDOM       optional checkout of pulumi/pulumi-random at v$RANDOM_VERSION
#   SCW_INFRA_SRC_SCALEWAY     optional checkout of pulumiverse/pulumi-scaleway at $SCALEWAY_COMMIT
#
# Output: progress lines on stderr; on stdout one line `TOOLCHAIN_DIR=<dir>`. That
# directory holds bin/ and toolchain.env (KEY=value lines, one *_STATUS per binary:
# built | cached | unobtainable | failed, and *_REASON).
#
# Exit status:
#   0  every binary is available
#   3  some binary is unobtainable: the Go module proxy refuses or cannot be
#      reached for a module it needs (the rest was still built)
#   1  a build failed for any other reason (or bad usage)
set -uo pipefail
# The whole script is one compound command, so bash parses all of it before running it:
# editing or checking out this file during a run cannot break that run.
{

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=toolchain-versions.env
. "$HERE/toolchain-versions.env"

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h | --help)
      sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "pulumi-toolchain: unknown argument: $arg" >&2
      exit 1
      ;;
  esac
done

T_START=$(date +%s)
log() { printf '[%s] toolchain: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  if [ -x /usr/local/go/bin/go ]; then
    export PATH="/usr/local/go/bin:$PATH"
  else
    log "no go command on PATH: install Go (see docs/real-engine.md)"
    echo "TOOLCHAIN_DIR="
    exit 1
  fi
fi

GOOS=$(go env GOOS)
GOARCH=$(go env GOARCH)
GOVERSION=$(go env GOVERSION)

# Only the module proxy: never fall back to direct VCS access (no network for it here,
# and it would only turn a clear proxy answer into a DNS error).
GP=$(go env GOPROXY)
GP=$(printf '%s' "$GP" | tr ',|' '\n\n' | grep -vx 'direct' | paste -sd, -)
[ -n "$GP" ] || GP=off
export GOPROXY="$GP"
export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

CACHE_ROOT="${SCW_INFRA_TOOLCHAIN_CACHE:-$HOME/.cache/scaleway-infra/toolchain}"
KEY="pulumi-${PULUMI_VERSION}_random-${RANDOM_VERSION}_scaleway-${SCALEWAY_VERSION}_${GOOS}-${GOARCH}_r${TOOLCHAIN_RECIPE}"
DIR="$CACHE_ROOT/$KEY"
BIN="$DIR/bin"
mkdir -p "$BIN" "$DIR/status" || {
  log "cannot create $DIR"
  exit 1
}

exec 9>"$DIR/.lock"
if ! flock -n 9; then
  log "another build holds $DIR/.lock; waiting"
  flock 9
fi

WORK=$(mktemp -d "$CACHE_ROOT/.work.XXXXXX") && mkdir -p "$WORK/out"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"

log "cache $DIR ($GOVERSION, GOPROXY without direct, GOMODCACHE $(go env GOMODCACHE))"

# ---------------------------------------------------------------------------------
UNOBTAINABLE_RE='403 Forbidden|404 Not Found|410 Gone|not available|unrecognized import path|Could not resolve host|no such host|dial tcp|connection refused|connection reset|i/o timeout|TLS handshake timeout|network is unreachable|50[234] (Bad Gateway|Service Unavailable|Gateway Timeout)|GOPROXY=off|module lookup disabled'

# Runs a command with a heartbeat on stderr every 60 s; its output goes to $2.
run_logged() {
  local label="$1" out="$2"
  shift 2
  local t0 pid
  t0=$(date +%s)
  "$@" >"$out" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$pid" 2>/dev/null && log "  … $label still running ($(($(date +%s) - t0)) s)"
  done
  wait "$pid"
}

# mod_dir MODULE@VERSION: prints the module's directory in GOMODCACHE; on failure
# leaves the go error for mod_err, which puts it in $MOD_ERR.
MOD_ERR=""
mod_dir() {
  local json dir err
  json=$(go mod download -json "$1" 2>&1)
  dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -1)
  err=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' | head -1)
  if [ -n "$dir" ] && [ -d "$dir" ] && [ -z "$err" ]; then
    printf '%s\n' "$dir"
    return 0
  fi
  [ -n "$err" ] || err=$(printf '%s' "$json" | tr '\n' ' ' | cut -c1-600)
  # Runs in a command substitution: hand the error over through a file.
  printf '%s' "go mod download -json $1: $(printf '%b' "$err" | tr '\n\t' '  ' | sed 's/\\"/"/g')" >"$WORK/mod_err"
  return 1
}
mod_err() { MOD_ERR=$(cat "$WORK/mod_err" 2>/dev/null); }

is_unobtainable() { printf '%s' "$1" | grep -Eq "$UNOBTAINABLE_RE"; }

# Records a component whose `go mod download` failed (MOD_ERR): unobtainable when the module cannot
# be had here (UNOBTAINABLE_RE), failed otherwise.
mod_failed() {
  if is_unobtainable "$MOD_ERR"; then set_result "$1" unobtainable "$MOD_ERR"; else set_result "$1" failed "$MOD_ERR"; fi
}

# Writable copy of a module directory (module cache files are read-only).
copy_tree() {
  mkdir -p "$(dirname "$2")"
  cp -R "$1" "$2" && chmod -R u+w "$2"
}

declare -A STATUS REASON SECS
OVERALL=0 # 0 ok, 3 unobtainable, 1 failed

set_result() { # component status reason
  STATUS[$1]="$2"
  REASON[$1]="$3"
  case "$2" in
    unobtainable) [ "$OVERALL" = 1 ] || OVERALL=3 ;;
    failed) OVERALL=1 ;;
  esac
  printf '%s %s %s\n' "$2" "$(date -u +%FT%TZ)" "$3" >"$DIR/status/$1"
}

# go_build component tree-dir package output-name ldflags...
# Downloads the module graph first so that a proxy refusal is told apart from a
# compile error, then builds into a temporary file and moves it into bin/.
go_build() {
  local comp="$1" dir="$2" pkg="$3" name="$4" ldflags="$5" logf out
  logf="$WORK/$comp.log"
  log "$comp: go mod download (in $(basename "$(dirname "$dir")")/$(basename "$dir"))"
  if ! (cd "$dir" && run_logged "$comp download" "$logf" go mod download); then
    out=$(tr '\n' ' ' <"$logf" | cut -c1-1500)
    if is_unobtainable "$out"; then
      set_result "$comp" unobtainable "dependency not served: $out"
    else
      set_result "$comp" failed "go mod download: $out"
    fi
    return 1
  fi
  log "$comp: go build $pkg"
  if ! (cd "$dir" && run_logged "$comp build" "$logf" go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "$ldflags" -o "$WORK/out/$name" "$pkg"); then
    out=$(tr '\n' ' ' <"$logf" | cut -c1-1500)
    sed 's/^/    /' "$logf" | tail -40 >&2
    if is_unobtainable "$out"; then
      set_result "$comp" unobtainable "dependency not served: $out"
    else
      set_result "$comp" failed "go build: $out"
    fi
    return 1
  fi
  # Atomic publish: same filesystem, rename(2).
  if [ ! -f "$WORK/out/$name" ]; then
    set_result "$comp" failed "go build wrote no $name"
    return 1
  fi
  [ ! -d "$BIN/$name" ] || rm -rf "${BIN:?}/$name"
  cp -f "$WORK/out/$name" "$BIN/.$name.tmp" && mv -f "$BIN/.$name.tmp" "$BIN/$name"
}

cached() { # component binary
  if [ "$FORCE" = 0 ] && [ -f "$BIN/$2" ] && [ -x "$BIN/$2" ]; then
    set_result "$1" cached ""
    log "$1: cached ($BIN/$2)"
    return 0
  fi
  return 1
}

timed() { # component function args...
  local comp="$1" t0
  shift
  t0=$(date +%s)
  "$@"
  SECS[$comp]=$(($(date +%s) - t0))
  log "$comp: ${STATUS[$comp]:-?} after ${SECS[$comp]} s${REASON[$comp]:+ — ${REASON[$comp]:0:400}}"
}

VERSION_LDFLAG_PULUMI="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}"
PULUMI_TREE="$WORK/pulumi" # laid out like the pulumi/pulumi repository: pkg/, sdk/

prepare_pulumi_tree() {
  [ -d "$PULUMI_TREE/pkg" ] && return 0
  local pkg sdk
  log "go mod download $PULUMI_PKG_MODULE@v$PULUMI_VERSION, $PULUMI_SDK_MODULE@v$PULUMI_VERSION"
  pkg=$(mod_dir "$PULUMI_PKG_MODULE@v$PULUMI_VERSION") || return 1
  sdk=$(mod_dir "$PULUMI_SDK_MODULE@v$PULUMI_VERSION") || return 1
  copy_tree "$pkg" "$PULUMI_TREE/pkg" && copy_tree "$sdk" "$PULUMI_TREE/sdk"
}

build_pulumi() {
  cached pulumi pulumi && return 0
  if ! prepare_pulumi_tree; then
    mod_err
    mod_failed pulumi
    return
  fi
  go_build pulumi "$PULUMI_TREE/pkg" ./cmd/pulumi pulumi "$VERSION_LDFLAG_PULUMI" || return
  set_result pulumi built "$PULUMI_PKG_MODULE@v$PULUMI_VERSION"
}

build_langhost() {
  cached langhost pulumi-language-nodejs && return 0
  if ! prepare_pulumi_tree; then
    mod_err
    mod_failed langhost
    return
  fi
  local dst="$PULUMI_TREE/sdk/nodejs/cmd/pulumi-language-nodejs" src origin
  log "go mod download $LANGHOST_MODULE@$LANGHOST_PSEUDO_VERSION"
  if src=$(mod_dir "$LANGHOST_MODULE@$LANGHOST_PSEUDO_VERSION"); then
    origin="$LANGHOST_MODULE@$LANGHOST_PSEUDO_VERSION"
  else
    mod_err
    if [ -n "${SCW_INFRA_SRC_PULUMI:-}" ] && [ -f "$SCW_INFRA_SRC_PULUMI/sdk/nodejs/cmd/pulumi-language-nodejs/go.mod" ]; then
      log "langhost: the proxy refused ($MOD_ERR); using the checkout in SCW_INFRA_SRC_PULUMI"
      src="$SCW_INFRA_SRC_PULUMI/sdk/nodejs/cmd/pulumi-language-nodejs"
      if ! grep -qx "module $LANGHOST_MODULE" "$src/go.mod"; then
        set_result langhost failed "$src/go.mod is not module $LANGHOST_MODULE"
        return
      fi
      origin="checkout $SCW_INFRA_SRC_PULUMI"
    else
      mod_failed langhost
      return
    fi
  fi
  rm -rf "$dst" && copy_tree "$src" "$dst" || {
    set_result langhost failed "cannot copy $src"
    return
  }
  rm -rf "$dst/testdata" "$dst"/*_test.go
  go_build langhost "$dst" . pulumi-language-nodejs "$VERSION_LDFLAG_PULUMI" || return
  set_result langhost built "$origin"
}

# build_bridged component name version module-dir-or-empty source-env sdk-module sdk-version
# For a Terraform-bridged provider laid out as <repo>/provider and <repo>/sdk.
build_bridged() {
  local comp="$1" name="$2" ver="$3" provmod="$4" provver="$5" srcvar="$6" sdkmod="$7" sdkver="$8" verpkg="$9"
  cached "$comp" "pulumi-resource-$name" && return 0
  local tree="$WORK/$name" src origin sdk
  log "go mod download $provmod@$provver"
  if src=$(mod_dir "$provmod@$provver"); then
    origin="$provmod@$provver"
  else
    mod_err
    if [ -n "${!srcvar:-}" ] && [ -f "${!srcvar}/provider/go.mod" ]; then
      log "$comp: the proxy refused ($MOD_ERR); using the checkout in $srcvar"
      src="${!srcvar}/provider"
      origin="checkout ${!srcvar}"
    else
      mod_failed "$comp"
      return
    fi
  fi
  copy_tree "$src" "$tree/provider" || {
    set_result "$comp" failed "cannot copy $src"
    return
  }
  # The provider's go.mod may replace its sdk with ../sdk: put the sdk module beside it.
  if [ -n "${!srcvar:-}" ] && [ -d "${!srcvar}/sdk" ]; then
    copy_tree "${!srcvar}/sdk" "$tree/sdk"
  elif sdk=$(mod_dir "$sdkmod@$sdkver"); then
    copy_tree "$sdk" "$tree/sdk"
  fi
  log "$comp: VERSION=$ver go generate ./cmd/pulumi-resource-$name (schema-embed.json)"
  if ! (cd "$tree/provider" && VERSION="$ver" run_logged "$comp generate" "$WORK/$comp.gen.log" go generate "./cmd/pulumi-resource-$name"); then
    local out
    out=$(tr '\n' ' ' <"$WORK/$comp.gen.log" | cut -c1-1500)
    if is_unobtainable "$out"; then set_result "$comp" unobtainable "go generate: $out"; else set_result "$comp" failed "go generate: $out"; fi
    return
  fi
  go_build "$comp" "$tree/provider" "./cmd/pulumi-resource-$name" "pulumi-resource-$name" \
    "-X $verpkg.Version=$ver" || return
  set_result "$comp" built "$origin"
}

log "step 1/4: pulumi CLI v$PULUMI_VERSION"
timed pulumi build_pulumi
log "step 2/4: pulumi-language-nodejs v$PULUMI_VERSION"
timed langhost build_langhost
log "step 3/4: pulumi-resource-random $RANDOM_VERSION"
timed random build_bridged random random "$RANDOM_VERSION" "$RANDOM_PROVIDER_MODULE" "v$RANDOM_VERSION" \
  SCW_INFRA_SRC_RANDOM github.com/pulumi/pulumi-random/sdk/v4 "v$RANDOM_VERSION" \
  github.com/pulumi/pulumi-random/provider/v4/pkg/version
log "step 4/4: pulumi-resource-scaleway $SCALEWAY_VERSION"
timed scaleway build_bridged scaleway scaleway "$SCALEWAY_VERSION" "$SCALEWAY_PROVIDER_MODULE" "$SCALEWAY_PSEUDO_VERSION" \
  SCW_INFRA_SRC_SCALEWAY "$SCALEWAY_SDK_MODULE" "v$SCALEWAY_VERSION" \
  github.com/pulumiverse/pulumi-scaleway/provider/pkg/version

# Summary for scripts/e2e.sh (written atomically).
{
  printf 'TOOLCHAIN_KEY=%q\nTOOLCHAIN_DIR=%q\nTOOLCHAIN_BIN=%q\nTOOLCHAIN_GO=%q\n' "$KEY" "$DIR" "$BIN" "$GOVERSION"
  printf 'PULUMI_VERSION=%q\nRANDOM_VERSION=%q\nSCALEWAY_VERSION=%q\n' "$PULUMI_VERSION" "$RANDOM_VERSION" "$SCALEWAY_VERSION"
  for c in pulumi langhost random scaleway; do
    u=$(printf '%s' "$c" | tr '[:lower:]' '[:upper:]')
    printf '%s_STATUS=%q\n%s_REASON=%q\n%s_SECONDS=%q\n' "$u" "${STATUS[$c]:-failed}" "$u" "${REASON[$c]:-}" "$u" "${SECS[$c]:-0}"
  done
  printf 'TOOLCHAIN_EXIT=%q\n' "$OVERALL"
} >"$DIR/.toolchain.env.tmp" && mv -f "$DIR/.toolchain.env.tmp" "$DIR/toolchain.env"

log "done in $(($(date +%s) - T_START)) s: pulumi=${STATUS[pulumi]} langhost=${STATUS[langhost]} random=${STATUS[random]} scaleway=${STATUS[scaleway]} (exit $OVERALL)"
echo "TOOLCHAIN_DIR=$DIR"
exit "$OVERALL"
}
