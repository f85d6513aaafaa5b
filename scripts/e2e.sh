#!/usr/bin/env bash
# End-to-end previews with the real Pulumi engine (issue 6), run by `npm run e2e`.
#
# 1. Builds or reuses the toolchain (scripts/pulumi-toolchain.sh). If the CLI or the
#    Node.js language host cannot be obtained from the Go module proxy, prints
#    `SKIPPED: <reason>` and exits 0. Any other build failure exits non-zero.
# 2. Private PULUMI_HOME, file:// backend and passphrase secrets in a temporary
#    directory, fake Scaleway credentials, SCW_API_URL on 127.0.0.1; installs the
#    provider plugins with `pulumi plugin install resource <name> <ver> --file <bin>`.
#    A provider plugin that cannot be built is replaced by the stand-in provider
#    (tests/e2e/stand-in-provider: accepts any input, previews only), and every check
#    that needs the real provider prints SKIPPED.
# 3. Checks, each printing PASS, FAIL or SKIPPED:
#    - the CLI runs and reports its version; `pulumi login file://…` works;
#    - tests/e2e/fixtures/random-only previews clean with the smoke pack
#      (tests/e2e/smoke-pack) and with the contract pack (policies/) when it exists,
#      and a short password is blocked by the smoke pack's mandatory policy;
#      its secret canary never appears in clear (output, stack file, preview --json);
#    - the shipped stacks (Pulumi.staging.yaml, Pulumi.production.yaml) preview with
#      `--policy-pack policies` and zero mandatory violations, and no secret value of
#      their config appears in clear (preview output, `preview --json`, stack file);
#    - for every stack and fixture, `scw-infra plan` under mocks (scripts/plan-fixture.ts
#      for fixture programs) names exactly the resources the engine's
#      `pulumi preview --json --show-sames` names (URNs, parent type chains and default
#      providers included), reports the same violated rule IDs, and, for fixture programs,
#      its failing and waived findings sit on the same URNs as `scw-infra scan` of the
#      engine's preview;
#    - each fixture under tests/e2e/fixtures/<name>/ that has an `expect` file fails
#      preview with the policies it names. A fixture is either a program (its own
#      Pulumi.yaml) or a stack file for the root program (`stack.yaml`). A program may
#      have more `expect.<variant>` files, each a check of its own (`fixture-<name>.<variant>`
#      for SCW_INFRA_E2E_ONLY), usually with its own `config-file`. `expect`
#      lines: `violation <policy-name> [<type>::<name>]` (mandatory violation expected,
#      on that resource when given), `advisory <policy-name> [<type>::<name>]` (an advisory
#      violation that does not block: a medium or low severity policy; on that resource
#      when given), `exact` (the listed violation, advisory and undecided
#      findings, each with its resource or `(stack)`, are all the preview reports besides
#      waived ones), `clean`
#      (preview must pass), `stack <name>` (stack name, default the fixture name),
#      `config-file <file>` (a stack config file of the fixture program, passed as
#      `--config-file` to the previews and decrypted with `pulumi config --show-secrets`
#      for the offline plan), `pack <dir>` (policy pack, default policies/),
#      `waivers <file>` (a waivers file of the fixture: SCW_INFRA_WAIVERS_FILE for the
#      preview, --waivers for scw-infra), `waived <policy-name>` (reported as an advisory
#      "waived by", not mandatory, and as waived by scw-infra), `undecided <policy-name>
#      [<type>::<name>]` (the engine says it "can't run" the policy during preview; without
#      a resource, scw-infra reports it indeterminate too), `foreign` (a program we did not write: say what the stand-in
#      provider leaves unchecked on it, and preview it with the packed pack too, below);
#      `#` starts a comment.
#    - the packed pack: `npm pack` in policies/ (its prepack compiles the pack and the rule
#      book it bundles to JavaScript), unpacked in the temporary directory, its dependencies
#      installed with `npm install --offline` (or `--prefer-offline` when the npm cache lacks
#      their metadata); every `foreign` fixture previewed with it reports exactly what it
#      reports with policies/. While it packs, policies/ holds the compiled files (removed
#      by the postpack step): do not run tests in the same checkout meanwhile.
#
# Environment: SCW_INFRA_E2E_PASSPHRASE (default: the example passphrase of the shipped
# stack files, scaleway-infra-example; it must match the passphrase that
# encrypted the `secure:` values of the shipped stack files), SCW_INFRA_E2E_KEEP=1 keeps
# the temporary directory, SCW_INFRA_E2E_ONLY=<regex> runs only matching checks.
# Ends with `N passed, N failed, N skipped`; exit 0 when nothing failed.
set -uo pipefail
# The whole script is one compound command, so bash parses all of it before running it:
# editing or checking out this file during a run cannot break that run.
{

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

PASSED=0
FAILED=0
SKIPPED=0
FAILURES=()
pass() {
  echo "PASS: $*"
  PASSED=$((PASSED + 1))
}
fail() {
  echo "FAIL: $*"
  FAILED=$((FAILED + 1))
  FAILURES+=("$*")
}
skip() {
  echo "SKIPPED: $*"
  SKIPPED=$((SKIPPED + 1))
}
note() { printf '[%s] e2e: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
summary() {
  echo
  if [ "$FAILED" -gt 0 ]; then
    echo "Failures:"
    printf '  - %s\n' "${FAILURES[@]}"
  fi
  echo "e2e: $PASSED passed, $FAILED failed, $SKIPPED skipped"
}
want() { [ -z "${SCW_INFRA_E2E_ONLY:-}" ] || [[ "$1" =~ $SCW_INFRA_E2E_ONLY ]]; }

# --- 1. toolchain -----------------------------------------------------------------
note "building or reusing the Pulumi toolchain (scripts/pulumi-toolchain.sh)"
T0=$(date +%s)
TC_OUT=$(bash "$ROOT/scripts/pulumi-toolchain.sh")
TC_RC=$?
TOOLCHAIN_DIR=$(printf '%s\n' "$TC_OUT" | sed -n 's/^TOOLCHAIN_DIR=//p' | tail -1)
note "toolchain step: exit $TC_RC after $(($(date +%s) - T0)) s ($TOOLCHAIN_DIR)"
if [ "$TC_RC" != 0 ] && [ "$TC_RC" != 3 ]; then
  echo "FAILED: the Pulumi toolchain build failed (scripts/pulumi-toolchain.sh exit $TC_RC); see the log above"
  exit "$TC_RC"
fi
if [ -z "$TOOLCHAIN_DIR" ] || [ ! -f "$TOOLCHAIN_DIR/toolchain.env" ]; then
  echo "FAILED: scripts/pulumi-toolchain.sh wrote no toolchain.env"
  exit 1
fi
# shellcheck disable=SC1091
. "$TOOLCHAIN_DIR/toolchain.env"

ok_status() { [ "$1" = built ] || [ "$1" = cached ]; }
for c in PULUMI LANGHOST; do
  st_var="${c}_STATUS"
  rs_var="${c}_REASON"
  if ! ok_status "${!st_var}"; then
    what=$([ "$c" = PULUMI ] && echo "the pulumi CLI" || echo "the Node.js language host (pulumi-language-nodejs)")
    if [ "${!st_var}" = unobtainable ]; then
      echo "SKIPPED: the real-engine previews need $what, which cannot be obtained from the Go module proxy: ${!rs_var}"
      [ "$c" = PULUMI ] ||
        echo "SKIPPED: see docs/real-engine.md: SCW_INFRA_SRC_PULUMI=<pulumi/pulumi checkout at v$PULUMI_VERSION> builds it"
      exit 0
    fi
    echo "FAILED: building $what failed: ${!rs_var}"
    exit 1
  fi
done

# --- 2. environment ---------------------------------------------------------------
if [ ! -d "$ROOT/node_modules/@pulumi/pulumi" ]; then
  echo "FAILED: node_modules/@pulumi/pulumi is missing: run npm ci first"
  exit 1
fi

E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/scw-infra-e2e.XXXXXX")
cleanup() {
  if [ "${SCW_INFRA_E2E_KEEP:-0}" = 1 ]; then
    note "kept $E2E_TMP"
  else
    rm -rf "$E2E_TMP"
  fi
}
trap cleanup EXIT

export PULUMI_HOME="$E2E_TMP/pulumi-home"
export PULUMI_BACKEND_URL="file://$E2E_TMP/state"
export PULUMI_CONFIG_PASSPHRASE="${SCW_INFRA_E2E_PASSPHRASE:-scaleway-infra-example}"
unset PULUMI_CONFIG_PASSPHRASE_FILE PULUMI_ACCESS_TOKEN
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_DISABLE_REGISTRY_RESOLVE=true
export PULUMI_SKIP_CONFIRMATIONS=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
export NO_COLOR=1
export PULUMI_COPILOT=false
# Fake Scaleway credentials in valid formats; any stray API call fails fast on loopback.
export SCW_ACCESS_KEY="SCWE2EFAKE00000000A"
export SCW_SECRET_KEY="11111111-2222-4333-8444-555555555555"
export SCW_DEFAULT_PROJECT_ID="22222222-3333-4444-8555-666666666666"
export SCW_DEFAULT_ORGANIZATION_ID="33333333-4444-4555-8666-777777777777"
export SCW_DEFAULT_REGION=fr-par
export SCW_DEFAULT_ZONE=fr-par-1
export SCW_API_URL="http://127.0.0.1:9"
unset SCW_PROFILE SCW_CONFIG_PATH
export PATH="$TOOLCHAIN_BIN:$ROOT/node_modules/@pulumi/pulumi:$ROOT/node_modules/.bin:$PATH"
mkdir -p "$PULUMI_HOME" "$E2E_TMP/state"

PREVIEW_TIMEOUT="${SCW_INFRA_E2E_TIMEOUT:-900}"

# --- providers ----------------------------------------------------------------------
STANDIN_DIR=""
build_stand_in() { # name version -> prints binary path
  local name="$1" ver="$2" src="$ROOT/tests/e2e/stand-in-provider" hash out
  hash=$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-12)
  STANDIN_DIR="$TOOLCHAIN_DIR/stand-in-$hash"
  out="$STANDIN_DIR/$name-$ver/pulumi-resource-$name"
  if [ ! -x "$out" ]; then
    note "building the stand-in provider as pulumi-resource-$name $ver" >&2
    mkdir -p "$(dirname "$out")"
    local gp
    gp=$(go env GOPROXY | tr ',|' '\n\n' | grep -vx direct | paste -sd, -)
    if ! (cd "$src" && GOPROXY="${gp:-off}" GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
      -ldflags "-X main.Version=$ver" -o "$out.tmp" . >"$E2E_TMP/stand-in-$name.log" 2>&1); then
      cat "$E2E_TMP/stand-in-$name.log" >&2
      return 1
    fi
    mv -f "$out.tmp" "$out"
  fi
  printf '%s\n' "$out"
}

declare -A REAL
install_provider() { # name version status reason
  local name="$1" ver="$2" st="$3" reason="$4" bin
  if ok_status "$st"; then
    bin="$TOOLCHAIN_BIN/pulumi-resource-$name"
    REAL[$name]=1
  else
    REAL[$name]=0
    echo "SKIPPED: real pulumi-resource-$name $ver is $st (${reason:0:300}); previews use the stand-in provider, which validates no input"
    SKIPPED=$((SKIPPED + 1))
    if ! bin=$(build_stand_in "$name" "$ver"); then
      fail "building the stand-in pulumi-resource-$name"
      return 1
    fi
  fi
  if pulumi plugin install resource "$name" "$ver" --file "$bin" >"$E2E_TMP/plugin-$name.log" 2>&1; then
    pass "pulumi plugin install resource $name $ver --file $(basename "$bin")$([ "${REAL[$name]}" = 1 ] || echo ' (stand-in)')"
  else
    cat "$E2E_TMP/plugin-$name.log"
    fail "pulumi plugin install resource $name $ver"
    return 1
  fi
}

# --- helpers ------------------------------------------------------------------------
# Copy a Pulumi program into the temp dir so that stack files written by `stack init`
# or `config set` never touch the repository; node_modules is the repository's.
stage_project() { # src dest
  mkdir -p "$2"
  (cd "$1" && tar -cf - --exclude=./node_modules --exclude=./.git --exclude=./policies \
    --exclude=./tests --exclude=./bench --exclude=./coverage --exclude=./dist .) | (cd "$2" && tar -xf -)
  ln -sfn "$ROOT/node_modules" "$2/node_modules"
}

# Extra arguments of every preview of the current fixture (its `--config-file`), none by default.
PREVIEW_EXTRA=()

# preview dir stack log packs... ; sets PREVIEW_RC
preview() {
  local dir="$1" stack="$2" log="$3"
  shift 3
  local args=()
  for p in "$@"; do args+=(--policy-pack "$p"); done
  (cd "$dir" && timeout "$PREVIEW_TIMEOUT" pulumi preview --non-interactive --diff=false --stack "$stack" \
    "${PREVIEW_EXTRA[@]}" "${args[@]}" >"$log" 2>&1)
  PREVIEW_RC=$?
}

# engine_rule_ids log: the rule IDs of every violation the real engine printed ("[CTR-4, PERF-1] …"
# under a policy of the Policies block), sorted, space-separated. A violation the pack reports as
# "waived by <waiver>" is left out: scw-infra reports its rule as waived, not failed.
engine_rule_ids() {
  sed -n '/^Policies:/,/^\(Diagnostics\|Outputs\|Resources\):/p' "$1" |
    awk '
      function flush() { if (!waived && ids != "") print ids; ids = ""; waived = 0 }
      /^[[:space:]]*- \[(mandatory|advisory)\]/ { flush(); next }
      /^[[:space:]]*waived by / { waived = 1; next }
      match($0, /^[[:space:]]*\[[A-Z][A-Z0-9]*-[0-9]+(, [A-Z][A-Z0-9]*-[0-9]+)*\]/) {
        m = substr($0, RSTART, RLENGTH); sub(/^[[:space:]]*\[/, "", m); sub(/\]$/, "", m)
        ids = ids (ids == "" ? "" : ",") m
      }
      END { flush() }' |
    tr ',' '\n' | tr -d ' ' | grep -v '^$' | sort -u | paste -sd' ' -
}

# offline_rule_ids json: the rule IDs with status "fail" in a scw-infra plan/scan JSON report. A rule
# that fails with no finding of its own only summarises others (COMP-3 summarises SECU-4): no policy
# carries its ID, so the engine never prints it, and it is left out here too.
offline_rule_ids() {
  node -e '
    let j; try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(2); }
    if (!Array.isArray(j.rules)) process.exit(2);
    const failing = j.rules.filter((r) => r.status === "fail" && (r.findings || []).length > 0);
    process.stdout.write([...new Set(failing.map((r) => r.ruleId))].sort().join(" "));' "$1"
}

HAVE_CLI=0
[ -f "$ROOT/cli/scw-infra.js" ] && HAVE_CLI=1

# compare_rule_ids label engine-log report-json how: the real engine and scw-infra agree.
compare_rule_ids() {
  local label="$1" log="$2" report="$3" how="$4" engine offline
  engine=$(engine_rule_ids "$log")
  if ! offline=$(offline_rule_ids "$report"); then
    sed 's/^/    | /' "$report.err" 2>/dev/null | tail -20
    fail "$label: $how wrote no JSON report"
    return
  fi
  if [ "$engine" = "$offline" ]; then
    pass "$label: violated rule IDs, real engine = $how: {${engine:-none}}"
  else
    fail "$label: violated rule IDs differ: real engine {${engine:-none}}, $how {${offline:-none}}"
  fi
}

# preview_urns json: every resource URN of a `pulumi preview --json` document: the steps' URNs and
# the providers they reference (the engine shows no step for a default provider), one per line.
preview_urns() {
  node -e '
    let j; try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(2); }
    if (!Array.isArray(j.steps)) process.exit(2);
    const urns = new Set();
    for (const s of j.steps) {
      if (typeof s.urn === "string") urns.add(s.urn);
      const p = s.provider || (s.newState && s.newState.provider) || "";
      if (p) urns.add(p.slice(0, p.lastIndexOf("::")));
    }
    process.stdout.write([...urns].sort().join("\n"));' "$1"
}

# report_urns json: the URNs of a scw-infra JSON report, one per line: of its resources, or (with a
# second argument) of its findings with status fail or waived.
report_urns() {
  node -e '
    let j; try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(2); }
    if (!Array.isArray(j.resources) || !Array.isArray(j.findings)) process.exit(2);
    const list = process.argv[2]
      ? j.findings.filter((f) => f.status === "fail" || f.status === "waived").map((f) => `${f.status} ${f.policy} ${f.urn || "(stack)"}`)
      : j.resources.map((r) => r.urn);
    process.stdout.write([...new Set(list)].sort().join("\n"));' "$1" "${2:-}"
}

# compare_urns label preview-json report-json how: the engine and scw-infra name the same resources.
compare_urns() {
  local label="$1" engine offline n
  if ! engine=$(preview_urns "$2"); then
    sed 's/^/    | /' "$2.err" 2>/dev/null | tail -20
    fail "$label: the engine wrote no preview --json"
    return
  fi
  if ! offline=$(report_urns "$3"); then
    fail "$label: $4 wrote no JSON report"
    return
  fi
  n=$(printf '%s\n' "$engine" | grep -c .)
  if [ "$engine" = "$offline" ]; then
    pass "$label: the $n resource URNs of $4 = the real engine's (parent type chains, default providers)"
  else
    diff <(printf '%s\n' "$engine") <(printf '%s\n' "$offline") | sed 's/^/    | /' | head -20
    fail "$label: resource URNs differ between the real engine (<) and $4 (>)"
  fi
}

# compare_finding_urns label a-json b-json how-a how-b: failing and waived findings on the same URNs.
compare_finding_urns() {
  local a b
  a=$(report_urns "$2" findings) || { fail "$1: $4 wrote no JSON report"; return; }
  b=$(report_urns "$3" findings) || { fail "$1: $5 wrote no JSON report"; return; }
  if [ "$a" = "$b" ]; then
    pass "$1: failing and waived findings on the same URNs in $4 and $5 ($(printf '%s\n' "$a" | grep -c .) findings)"
  else
    diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | sed 's/^/    | /' | head -20
    fail "$1: findings differ between $4 (<) and $5 (>)"
  fi
}

# preview_json dir stack out: `pulumi preview --json --show-sames` (every resource, unchanged ones too).
preview_json() {
  (cd "$1" && timeout "$PREVIEW_TIMEOUT" pulumi preview --non-interactive --json --show-sames --stack "$2" \
    "${PREVIEW_EXTRA[@]}" >"$3" 2>"$3.err")
}

secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

show_log() { sed 's/^/    | /' "$1" | tail -"${2:-60}"; }

# pack_ran log pack-dir: the "Policies:" block of the output names the local pack.
pack_ran() { grep -q "(local: $2)" "$1"; }
pack_crashed() { grep -Eq "policy pack .* failed to start|policy pack not started|failed to load Pulumi policy project|Running program '$2' failed" "$1"; }
# "- [mandatory]  <policy>  (<type>: <name>)", with "[severity: <level>]" when the policy sets one.
mandatory_violation() { grep -Eq "\[mandatory\]( \[severity: [a-z]+\])?[[:space:]]+$2[[:space:]]" "$1"; }
any_mandatory() { grep -q "\[mandatory\]" "$1"; }
# advisory_violation log policy: "- [advisory]  <policy>  (...)", as a medium or low severity policy reports.
advisory_violation() { grep -Eq "\[advisory\]( \[severity: [a-z]+\])?[[:space:]]+$2[[:space:]]" "$1"; }
# waived_violation log policy: an "[advisory]" entry of that policy whose message says "waived by".
waived_violation() {
  awk -v pol="$2" '
    /^[[:space:]]*- \[(mandatory|advisory)\]/ { inside = ($0 ~ /- \[advisory\]/ && index($0, "  " pol "  ") > 0); next }
    inside && /^[[:space:]]*waived by / { found = 1 }
    END { exit !found }' "$1"
}
# engine_undecided log policy: the engine reports that it can't run the policy during preview.
engine_undecided() { grep -q "can't run policy '$2'" "$1"; }

# policy_entries log: every finding of the Policies block, one per line, sorted:
# "<level> <policy> <type>::<name>" (from "- [mandatory] [severity: high]  <policy>  (<type>: <name>)",
# "(stack)" for a finding on no resource), level mandatory, advisory, waived (an advisory entry
# whose message says "waived by") or undecided (the engine's advisory "can't run policy ... during
# preview").
policy_entries() {
  sed -n '/^Policies:/,/^\(Diagnostics\|Outputs\|Resources\):/p' "$1" |
    awk '
      function flush() {
        if (entry != "") print (waived ? "waived" : undecided ? "undecided" : level) " " entry
        entry = ""; waived = 0; undecided = 0
      }
      /^[[:space:]]*- \[(mandatory|advisory)\]/ {
        flush()
        level = ($0 ~ /- \[mandatory\]/) ? "mandatory" : "advisory"
        line = $0
        sub(/^[[:space:]]*- \[[a-z]+\]( \[severity: [a-z]+\])?[[:space:]]+/, "", line)
        policy = line
        sub(/[[:space:]].*$/, "", policy)
        subject = "(stack)"
        if (match(line, /\([^()]*: [^()]*\)[[:space:]]*$/)) {
          s = substr(line, RSTART + 1)
          sub(/\)[[:space:]]*$/, "", s)
          i = index(s, ": ")
          subject = substr(s, 1, i - 1) "::" substr(s, i + 2)
        }
        entry = policy " " subject
        next
      }
      /^[[:space:]]*waived by / { waived = 1 }
      /can.t run policy / { undecided = 1 }
      END { flush() }' | sort -u
}
# offline_undecided report policy: scw-infra reports a finding of that policy as indeterminate.
offline_undecided() {
  node -e '
    let j; try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(2); }
    process.exit((j.findings || []).some((f) => f.policy === process.argv[2] && f.status === "indeterminate") ? 0 : 1);' "$1" "$2"
}

# offline_waived report policy: scw-infra reports a finding of that policy with status "waived".
offline_waived() {
  node -e '
    let j; try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(2); }
    const hit = (j.rules || []).some((r) => (r.findings || []).some((f) => f.policy === process.argv[2] && f.status === "waived"));
    process.exit(hit ? 0 : 1);' "$1" "$2"
}

# no_clear_secrets label dir stack log [preview-json]: every secret leaf of the stack's config
# (6 characters or more) must not appear in the log, the stack file or the `pulumi preview --json`
# document (the file users hand to `scw-infra scan`). `pulumi stack export` is not searched: after
# a preview it holds no resources, so searching it proved nothing (issue 11 §9). The secret
# leaves are the `secure:` entries of Pulumi.<stack>.yaml, decrypted through
# `pulumi config --json --show-secrets` (so a structured value with a few secure leaves is
# handled: only those leaves count).
no_clear_secrets() {
  local label="$1" dir="$2" stack="$3" log="$4" json="${5:-}" values n leaks=()
  local stack_file="$dir/Pulumi.$stack.yaml"
  # The fixture's --config-file, when it has one, is its stack file.
  [ "${#PREVIEW_EXTRA[@]}" -gt 0 ] && [ "${PREVIEW_EXTRA[0]}" = --config-file ] && stack_file="${PREVIEW_EXTRA[1]}"
  (cd "$dir" && pulumi config --stack "$stack" "${PREVIEW_EXTRA[@]}" --json --show-secrets >"$log.config-shown.json" 2>/dev/null)
  values=$(node -e '
    const fs = require("fs");
    const YAML = require(process.argv[3]);
    let shown = {}, file = {};
    try { shown = JSON.parse(fs.readFileSync(process.argv[2], "utf8")); } catch {}
    try { file = YAML.parse(fs.readFileSync(process.argv[1], "utf8")) || {}; } catch {}
    const parse = (v) => { if (typeof v !== "string") return v; try { return JSON.parse(v); } catch { return v; } };
    const out = new Set();
    const walk = (y, s) => {
      if (y && typeof y === "object" && !Array.isArray(y) && Object.keys(y).length === 1 && "secure" in y) {
        if (typeof s === "string" && s.length >= 6) {
          out.add(s);
          // Secret payloads are often base64 (the secrets component decodes them): the decoded
          // text must not leak either.
          const d = Buffer.from(s, "base64");
          if (d.toString("base64").replace(/=+$/, "") === s.replace(/=+$/, "")) {
            const t = d.toString("utf8");
            if (t.length >= 6 && /^[\x20-\x7e\s]+$/.test(t)) out.add(t.trim());
          }
        }
        return;
      }
      if (y && s && typeof y === "object" && typeof s === "object") for (const k of Object.keys(y)) walk(y[k], s[k]);
    };
    for (const [k, y] of Object.entries(file.config || {})) {
      const e = shown[k];
      if (!e) continue;
      walk(y, e.objectValue ?? parse(e.value));
    }
    process.stdout.write([...out].join("\n"));' "$stack_file" "$log.config-shown.json" "$ROOT/node_modules/yaml")
  rm -f "$log.config-shown.json"
  if [ -z "$values" ]; then
    skip "$label: no secret value of 6+ characters in the stack config to look for"
    return
  fi
  n=$(printf '%s\n' "$values" | wc -l)
  local files=("$log" "$stack_file")
  [ -n "$json" ] && files+=("$json")
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    local hits=0
    while IFS= read -r v; do
      grep -qF -- "$v" "$f" && hits=$((hits + 1))
    done <<<"$values"
    [ "$hits" = 0 ] || leaks+=("$(basename "$f"): $hits")
  done
  if [ "${#leaks[@]}" = 0 ]; then
    pass "$label: none of $n secret value(s) appears in clear (preview output, stack file$([ -n "$json" ] && echo ', preview --json'))"
  else
    fail "$label: secret values of the stack config appear in clear (${leaks[*]})"
  fi
}

# --- 3. checks ----------------------------------------------------------------------
note "PULUMI_HOME=$PULUMI_HOME backend=$PULUMI_BACKEND_URL"
if v=$(pulumi version 2>&1) && [ "$v" = "v$PULUMI_VERSION" ]; then
  pass "pulumi version = $v ($TOOLCHAIN_BIN/pulumi)"
else
  fail "pulumi version printed '$v', expected v$PULUMI_VERSION"
fi
if out=$(pulumi login "$PULUMI_BACKEND_URL" 2>&1); then
  pass "pulumi login $PULUMI_BACKEND_URL"
else
  fail "pulumi login: $out"
  summary
  exit 1
fi

install_provider random "$RANDOM_VERSION" "$RANDOM_STATUS" "$RANDOM_REASON"
install_provider scaleway "$SCALEWAY_VERSION" "$SCALEWAY_STATUS" "$SCALEWAY_REASON"

POLICIES="$ROOT/policies"
HAVE_POLICIES=0
if [ -f "$POLICIES/PulumiPolicy.yaml" ] && [ -f "$POLICIES/package.json" ]; then
  main=$(node -p 'require(process.argv[1]).main || "index.js"' "$POLICIES/package.json")
  if [ -e "$POLICIES/$main" ] || [ -e "$POLICIES/index.ts" ] || [ -e "$POLICIES/index.js" ]; then
    HAVE_POLICIES=1
    # The root `npm ci` installs the pack as a workspace: its dependencies and the rule book
    # (@scaleway-infra/contracts) resolve from the root node_modules.
    if ! (cd "$POLICIES" && node -e 'require.resolve("@pulumi/policy"); require.resolve("@scaleway-infra/contracts/thresholds.ts")') 2>/dev/null; then
      fail "the policy pack's dependencies do not resolve from policies/: run npm ci at the root"
    fi
  fi
fi
[ "$HAVE_POLICIES" = 1 ] || skip "policies/ has no policy pack entry point yet: previews run without the contract pack"

SMOKE_PACK="$ROOT/tests/e2e/smoke-pack"

# 3a. random-only fixture
if want random-only; then
  FX="$E2E_TMP/random-only"
  stage_project "$ROOT/tests/e2e/fixtures/random-only" "$FX"
  CANARY="e2e-canary-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  (cd "$FX" && pulumi stack init e2e --non-interactive >/dev/null 2>&1 &&
    pulumi config set --secret canary "$CANARY" --stack e2e >/dev/null 2>&1)
  packs=("$SMOKE_PACK")
  [ "$HAVE_POLICIES" = 1 ] && packs+=("$POLICIES")
  LOG="$E2E_TMP/random-only.log"
  T0=$(date +%s)
  preview "$FX" e2e "$LOG" "${packs[@]}"
  note "random-only preview: exit $PREVIEW_RC in $(($(date +%s) - T0)) s"
  rsuffix=$([ "${REAL[random]}" = 1 ] || echo " (stand-in random provider)")
  if [ "$PREVIEW_RC" = 0 ] && pack_ran "$LOG" "$SMOKE_PACK"; then
    pass "random-only: real preview passes; the smoke pack ran in the analyzer$rsuffix"
  elif [ "$PREVIEW_RC" != 0 ] && pack_ran "$LOG" "$SMOKE_PACK" && ! mandatory_violation "$LOG" e2e-min-password-length &&
    [ "$HAVE_POLICIES" = 1 ] && any_mandatory "$LOG"; then
    pass "random-only: real preview ran both packs (the contract pack reports mandatory findings on this non-Scaleway program)"
  else
    show_log "$LOG"
    fail "random-only: preview exit $PREVIEW_RC, expected a clean preview with the smoke pack"
  fi
  if [ "$HAVE_POLICIES" = 1 ]; then
    if pack_ran "$LOG" "$POLICIES" && ! pack_crashed "$LOG" "$POLICIES"; then
      pass "random-only: the contract pack (policies/) loads and runs in Pulumi's analyzer"
    else
      show_log "$LOG"
      fail "random-only: the contract pack (policies/) did not run in Pulumi's analyzer"
    fi
  fi
  preview_json "$FX" e2e "$LOG.preview.json"
  no_clear_secrets "random-only" "$FX" e2e "$LOG" "$LOG.preview.json"
  if grep -q "secure:" "$FX/Pulumi.e2e.yaml" 2>/dev/null; then
    pass "random-only: the canary is stored as a secure: value"
  else
    fail "random-only: the canary is not stored as a secure: value in Pulumi.e2e.yaml"
  fi

  (cd "$FX" && pulumi config set passwordLength 8 --stack e2e >/dev/null 2>&1)
  LOG="$E2E_TMP/random-only-short.log"
  preview "$FX" e2e "$LOG" "$SMOKE_PACK"
  if [ "$PREVIEW_RC" != 0 ] && mandatory_violation "$LOG" e2e-min-password-length; then
    pass "random-only: a mandatory violation (e2e-min-password-length) blocks the real preview$rsuffix"
  else
    show_log "$LOG"
    fail "random-only: expected the preview to fail on e2e-min-password-length (exit $PREVIEW_RC)"
  fi
fi

# 3b. shipped stacks
ROOT_PROGRAM=0
if [ -f "$ROOT/Pulumi.yaml" ] && { [ -f "$ROOT/index.ts" ] || [ -f "$ROOT/index.js" ]; }; then
  ROOT_PROGRAM=1
fi
PROJECT="$E2E_TMP/project"
if [ "$ROOT_PROGRAM" = 1 ]; then
  stage_project "$ROOT" "$PROJECT"
fi

stack_preview() { # label stack packs...
  local label="$1" stack="$2"
  shift 2
  local log="$E2E_TMP/$label.log"
  (cd "$PROJECT" && { pulumi stack select "$stack" >/dev/null 2>&1 || pulumi stack init "$stack" --non-interactive >"$log.init" 2>&1; })
  local t0
  t0=$(date +%s%N)
  preview "$PROJECT" "$stack" "$log" "$@"
  PREVIEW_MS=$((($(date +%s%N) - t0) / 1000000))
  note "$label: preview exit $PREVIEW_RC in $(secs "$PREVIEW_MS") s"
  LAST_LOG="$log"
}

for stack in staging production; do
  want "stack-$stack" || continue
  if [ "$ROOT_PROGRAM" = 0 ] || [ ! -f "$ROOT/Pulumi.$stack.yaml" ]; then
    skip "stack $stack: the program (Pulumi.yaml, index.ts) or Pulumi.$stack.yaml does not exist yet"
    continue
  fi
  if [ "$HAVE_POLICIES" = 0 ]; then
    skip "stack $stack: no policy pack in policies/ yet"
    continue
  fi
  stack_preview "stack-$stack" "$stack" "$POLICIES"
  suffix=$([ "${REAL[scaleway]}" = 1 ] || echo " (stand-in scaleway provider)")
  if [ "$PREVIEW_RC" = 0 ] && pack_ran "$LAST_LOG" "$POLICIES" && ! any_mandatory "$LAST_LOG"; then
    pass "stack $stack: pulumi preview --policy-pack policies, zero mandatory violations$suffix"
  else
    show_log "$LAST_LOG" 80
    fail "stack $stack: preview exit $PREVIEW_RC or mandatory violations$suffix"
  fi
  preview_json "$PROJECT" "$stack" "$LAST_LOG.preview.json"
  no_clear_secrets "stack $stack" "$PROJECT" "$stack" "$LAST_LOG" "$LAST_LOG.preview.json"
  if [ "$HAVE_CLI" = 1 ]; then
    T1=$(date +%s%N)
    (cd "$ROOT" && timeout "$PREVIEW_TIMEOUT" node cli/scw-infra.js plan --stack "$stack" --format json \
      >"$LAST_LOG.plan.json" 2>"$LAST_LOG.plan.json.err")
    PLAN_MS=$((($(date +%s%N) - T1) / 1000000))
    note "stack $stack: wall time of the real-engine preview $(secs "$PREVIEW_MS") s, of scw-infra plan $(secs "$PLAN_MS") s"
    compare_rule_ids "stack $stack" "$LAST_LOG" "$LAST_LOG.plan.json" "scw-infra plan"
    compare_urns "stack $stack" "$LAST_LOG.preview.json" "$LAST_LOG.plan.json" "scw-infra plan"
  fi
  [ "${REAL[scaleway]}" = 1 ] ||
    skip "stack $stack: the Scaleway provider's Check of every input (needs the real pulumi-resource-scaleway)"
done

# scan_program dir stack log: `pulumi preview --json` of a fixture program, then the offline
# policy evaluation of those resources (`scw-infra scan`) into <log>.offline.json.
scan_program() {
  preview_json "$1" "$2" "$3.preview.json"
  (cd "$ROOT" && timeout "$PREVIEW_TIMEOUT" node cli/scw-infra.js scan "$3.preview.json" --stack "$2" --format json \
    "${OFFLINE_ARGS[@]}" >"$3.offline.json" 2>"$3.offline.json.err")
}

# plan_program dir stack log staged-dir: the offline plan of a fixture program under mocks into
# <log>.plan.json, with the stack config the engine used (`pulumi config --show-secrets` in the staged
# copy, --config-file included), so `secure:` values reach the program as the same secrets.
plan_program() {
  local extra=()
  [ "${#OFFLINE_ARGS[@]}" -gt 0 ] && extra=("${OFFLINE_ARGS[1]}")
  if (cd "$4" && pulumi config --stack "$2" "${PREVIEW_EXTRA[@]}" --json --show-secrets >"$3.config.json" 2>/dev/null); then
    extra+=(--config-json "$3.config.json")
  fi
  (cd "$ROOT" && timeout "$PREVIEW_TIMEOUT" node -r ./cli/register-ts.js scripts/plan-fixture.ts "$1" "$2" \
    "${extra[@]}" >"$3.plan.json" 2>"$3.plan.json.err")
  rm -f "$3.config.json"
}

# plan_stack_file stack file log: the offline plan of the root program with that stack file.
plan_stack_file() {
  (cd "$ROOT" && timeout "$PREVIEW_TIMEOUT" node cli/scw-infra.js plan --stack "$1" --config-file "$2" --format json \
    "${OFFLINE_ARGS[@]}" >"$3.offline.json" 2>"$3.offline.json.err")
}

# packed_pack: `npm pack` of policies/ into the temporary directory, unpacked and installed there,
# once; sets PACKED_PACK to the unpacked folder, or leaves it empty (and says why).
PACKED_PACK=""
PACKED_PACK_TRIED=0
packed_pack() {
  [ "$PACKED_PACK_TRIED" = 1 ] && { [ -n "$PACKED_PACK" ]; return; }
  PACKED_PACK_TRIED=1
  local dest="$E2E_TMP/packed-pack" tarball t0 how
  if ! node -e 'const p = require(process.argv[1]); process.exit(p.scripts && p.scripts.prepack && (p.bundleDependencies || p.bundledDependencies) ? 0 : 1)' "$POLICIES/package.json"; then
    skip "the packed pack: policies/package.json has no prepack build and bundled rule book yet"
    return 1
  fi
  mkdir -p "$dest/tarball" "$dest/pack"
  t0=$(date +%s)
  local before after
  before=$(git -C "$ROOT" status --porcelain --untracked-files=all -- policies)
  if ! (cd "$POLICIES" && npm pack --pack-destination "$dest/tarball" >"$dest/npm-pack.log" 2>&1); then
    show_log "$dest/npm-pack.log" 40
    fail "the packed pack: npm pack in policies/ failed"
    return 1
  fi
  tarball=$(ls "$dest"/tarball/*.tgz 2>/dev/null | head -1)
  if [ -z "$tarball" ] || ! tar -xzf "$tarball" -C "$dest/pack" --strip-components=1; then
    fail "the packed pack: npm pack wrote no tarball that tar can unpack"
    return 1
  fi
  local listing ts_files bundled
  listing=$(tar -tzf "$tarball")
  ts_files=$(printf '%s\n' "$listing" | grep -E '\.ts$' | grep -vc '\.d\.ts$')
  bundled=$(printf '%s\n' "$listing" | grep -c '^package/node_modules/@scaleway-infra/contracts/.*\.js$')
  after=$(git -C "$ROOT" status --porcelain --untracked-files=all -- policies)
  # What the prepack step wrote must be gone: compiled modules beside the sources, the bundled copy.
  if [ -e "$POLICIES/.pack-build.json" ] ||
    { [ -d "$POLICIES/node_modules/@scaleway-infra/contracts" ] && [ ! -L "$POLICIES/node_modules/@scaleway-infra/contracts" ]; }; then
    after="$after (and the prepack's build is still there)"
  fi
  node "$POLICIES/build-pack.js" --clean # a no-op after a good npm pack; keeps the checkout usable otherwise
  if [ "$ts_files" = 0 ] && [ "$bundled" -gt 0 ] && [ "$before" = "$after" ]; then
    pass "the packed pack: npm pack in policies/ gives $(basename "$tarball") ($(printf '%s\n' "$listing" | grep -c .) files, JavaScript only, the rule book bundled as $bundled compiled modules) and leaves policies/ as it was"
  else
    printf '%s\n' "$listing" | sed 's/^/    | /' | head -20
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed 's/^/    | /'
    fail "the packed pack: expected JavaScript only ($ts_files .ts files), a bundled rule book ($bundled modules) and policies/ as before npm pack"
    return 1
  fi
  how="--offline"
  if ! (cd "$dest/pack" && npm install --offline --omit=dev --no-audit --no-fund >"$dest/npm-install.log" 2>&1); then
    how="--prefer-offline"
    if ! (cd "$dest/pack" && npm install --prefer-offline --omit=dev --no-audit --no-fund >"$dest/npm-install.log" 2>&1); then
      show_log "$dest/npm-install.log" 40
      fail "the packed pack: npm install in the unpacked pack failed"
      return 1
    fi
  fi
  pass "the packed pack: its dependencies installed with npm install $how --omit=dev in $(($(date +%s) - t0)) s (npm pack included)"
  PACKED_PACK="$dest/pack"
}

# 3c. violation fixtures
# expect_files fixture-dir: its `expect` file, then its `expect.<variant>` files.
expect_files() {
  [ -f "$1/expect" ] && printf '%s\n' "$1/expect"
  for f in "$1"/expect.*; do [ -f "$f" ] && printf '%s\n' "$f"; done
  return 0
}

for fx in "$ROOT"/tests/e2e/fixtures/*/; do
  fx="${fx%/}"
  name=$(basename "$fx")
  while IFS= read -r expect_file <&3; do
    variant="${expect_file##*/expect}"
    label="$name${variant}"
    want "fixture-$label" || continue
    stack="$name"
    pack="$POLICIES"
    expect_clean=0
    expect_exact=0
    foreign=0
    config_file=""
    violations=()
    expected_entries=()
    waived=()
    advisory=()
    undecided=()
    engine_undecided_only=()
    waivers=""
    while read -r kw arg subject _; do
      case "$kw" in
        "" | \#*) ;;
        violation)
          violations+=("$arg")
          [ -n "$subject" ] && [[ "$subject" != \#* ]] && expected_entries+=("mandatory $arg $subject")
          ;;
        advisory)
          if [ -n "$subject" ] && [[ "$subject" != \#* ]]; then
            expected_entries+=("advisory $arg $subject")
          else
            advisory+=("$arg")
          fi
          ;;
        exact) expect_exact=1 ;;
        clean) expect_clean=1 ;;
        stack) stack="$arg" ;;
        config-file) config_file="$arg" ;;
        pack) pack="$ROOT/$arg" ;;
        waivers) waivers="$fx/$arg" ;;
        waived) waived+=("$arg") ;;
        undecided)
          if [ -n "$subject" ] && [[ "$subject" != \#* ]]; then
            # On a resource, in an exact list: the engine's view only (the offline plan under mocks
            # may well decide it; the rule IDs comparisons below still hold it to the engine).
            expected_entries+=("undecided $arg $subject")
            engine_undecided_only+=("$arg")
          else
            undecided+=("$arg")
          fi
          ;;
        foreign) foreign=1 ;;
        *) note "fixture $label: ignoring expect line '$kw $arg'" ;;
      esac
    done <"$expect_file"
    PREVIEW_EXTRA=()
    if [ ! -f "$pack/PulumiPolicy.yaml" ] || { [ "$pack" = "$POLICIES" ] && [ "$HAVE_POLICIES" = 0 ]; }; then
      skip "fixture $label: policy pack $pack does not exist yet"
      continue
    fi
    # The fixture's own waivers, or none: the pack would otherwise read the repository's waivers.yaml.
    OFFLINE_ARGS=()
    if [ -n "$waivers" ]; then
      # A waiver may expire at most 180 days ahead (docs/policy-pack.md, waiver limits): the fixtures
      # write "2999-12-31" for "still valid", which becomes a date 30 days from today here.
      sed "s/2999-12-31/$(date -u -d '+30 days' +%F)/" "$waivers" >"$E2E_TMP/waivers-$label.yaml"
      waivers="$E2E_TMP/waivers-$label.yaml"
      export SCW_INFRA_WAIVERS_FILE="$waivers"
      OFFLINE_ARGS=(--waivers "$waivers")
    else
      unset SCW_INFRA_WAIVERS_FILE
    fi
    if [ -f "$fx/Pulumi.yaml" ]; then
      dir="$E2E_TMP/fixture-$label"
      stage_project "$fx" "$dir"
      (cd "$dir" && { pulumi stack select "$stack" >/dev/null 2>&1 || pulumi stack init "$stack" --non-interactive >/dev/null 2>&1; })
      [ -z "$config_file" ] || PREVIEW_EXTRA=(--config-file "$dir/$config_file")
      log="$E2E_TMP/fixture-$label.log"
      preview "$dir" "$stack" "$log" "$pack"
      offline_how="scw-infra scan of pulumi preview --json"
      offline_cmd=(scan_program "$dir" "$stack" "$log")
      preview_dir="$dir"
    elif [ -f "$fx/stack.yaml" ]; then
      if [ "$ROOT_PROGRAM" = 0 ]; then
        skip "fixture $label: the root program does not exist yet"
        continue
      fi
      cp "$fx/stack.yaml" "$PROJECT/Pulumi.$stack.yaml"
      stack_preview "fixture-$label" "$stack" "$pack"
      log="$LAST_LOG"
      offline_how="scw-infra plan --config-file"
      offline_cmd=(plan_stack_file "$stack" "$fx/stack.yaml" "$log")
      preview_dir="$PROJECT"
    else
      skip "fixture $label: neither Pulumi.yaml nor stack.yaml"
      continue
    fi
    main_rc=$PREVIEW_RC
    suffix=$([ "${REAL[scaleway]}" = 1 ] || echo " (stand-in scaleway provider)")
    if ! pack_ran "$log" "$pack" || pack_crashed "$log" "$pack"; then
      show_log "$log"
      fail "fixture $label: the policy pack did not run (exit $PREVIEW_RC)"
      continue
    fi
    if [ "$expect_clean" = 1 ]; then
      if [ "$PREVIEW_RC" = 0 ] && ! any_mandatory "$log"; then
        pass "fixture $label: previews clean$suffix"
      else
        show_log "$log"
        fail "fixture $label: expected a clean preview, got exit $PREVIEW_RC"
      fi
    else
      missing=()
      for pol in "${violations[@]}"; do
        mandatory_violation "$log" "$pol" || missing+=("$pol")
      done
      for entry in "${expected_entries[@]}"; do
        policy_entries "$log" | grep -qxF -- "$entry" || missing+=("$entry")
      done
      if [ "$PREVIEW_RC" != 0 ] && [ "${#missing[@]}" = 0 ] && [ "${#violations[@]}" -gt 0 ]; then
        pass "fixture $label: preview blocked by $(printf '%s\n' "${violations[@]}" | sort -u | paste -sd' ' -)$suffix"
      else
        show_log "$log"
        fail "fixture $label: expected exit != 0 with mandatory $(printf '%s\n' "${violations[@]}" | sort -u | paste -sd' ' -); exit $PREVIEW_RC, missing: ${missing[*]:-none}"
      fi
    fi
    if [ "$expect_exact" = 1 ]; then
      reported=$(policy_entries "$log" | grep -v '^waived ')
      expected=$(printf '%s\n' "${expected_entries[@]}" | grep . | sort -u)
      if [ "$reported" = "$expected" ]; then
        pass "fixture $label: the preview reports exactly the $(printf '%s\n' "$expected" | grep -c .) findings of $(basename "$expect_file") (mandatory, advisory and undecided, each on its resource)"
      else
        diff <(printf '%s\n' "$expected") <(printf '%s\n' "$reported") | sed 's/^/    | /' | head -40
        fail "fixture $label: findings differ between $(basename "$expect_file") (<) and the preview (>)"
      fi
    fi
    for pol in "${waived[@]}"; do
      if waived_violation "$log" "$pol" && ! mandatory_violation "$log" "$pol"; then
        pass "fixture $label: $pol is waived by $(basename "$waivers"): advisory, it does not block$suffix"
      else
        show_log "$log"
        fail "fixture $label: expected $pol as an advisory \"waived by\" entry and not mandatory"
      fi
    done
    for pol in "${advisory[@]}"; do
      if advisory_violation "$log" "$pol" && ! mandatory_violation "$log" "$pol"; then
        pass "fixture $label: $pol is reported as an advisory violation, which does not block$suffix"
      else
        show_log "$log"
        fail "fixture $label: expected an advisory, not mandatory, violation of $pol"
      fi
    done
    for pol in "${undecided[@]}" "${engine_undecided_only[@]}"; do
      if engine_undecided "$log" "$pol"; then
        pass "fixture $label: the real engine can't decide $pol during preview, and says so"
      else
        show_log "$log"
        fail "fixture $label: expected the engine to report it can't run $pol during preview"
      fi
    done
    if [ "$pack" != "$POLICIES" ]; then
      :
    elif [ "$HAVE_CLI" = 1 ]; then
      "${offline_cmd[@]}"
      compare_rule_ids "fixture $label" "$log" "$log.offline.json" "$offline_how"
      reports=("$log.offline.json|$offline_how")
      if [ -f "$fx/Pulumi.yaml" ]; then
        # The plan under mocks of the same program, besides the scan of the engine's preview.
        plan_program "$fx" "$stack" "$log" "$dir"
        compare_rule_ids "fixture $label" "$log" "$log.plan.json" "scw-infra plan (mocks)"
        compare_urns "fixture $label" "$log.preview.json" "$log.plan.json" "scw-infra plan (mocks)"
        compare_finding_urns "fixture $label" "$log.plan.json" "$log.offline.json" "scw-infra plan (mocks)" "$offline_how"
        reports+=("$log.plan.json|scw-infra plan (mocks)")
      else
        preview_json "$preview_dir" "$stack" "$log.preview.json"
        compare_urns "fixture $label" "$log.preview.json" "$log.offline.json" "$offline_how"
      fi
      for entry in "${reports[@]}"; do
        for pol in "${waived[@]}"; do
          if offline_waived "${entry%%|*}" "$pol"; then
            pass "fixture $label: ${entry#*|} reports $pol as waived"
          else
            fail "fixture $label: ${entry#*|} does not report $pol as waived"
          fi
        done
        for pol in "${undecided[@]}"; do
          if offline_undecided "${entry%%|*}" "$pol"; then
            pass "fixture $label: ${entry#*|} reports $pol as indeterminate"
          else
            fail "fixture $label: ${entry#*|} does not report $pol as indeterminate"
          fi
        done
      done
    else
      skip "fixture $label: cli/scw-infra.js does not exist yet (offline plan comparison)"
    fi
    if [ -f "$fx/Pulumi.yaml" ] && grep -q 'secure:' "$dir/${config_file:-Pulumi.$stack.yaml}" 2>/dev/null; then
      no_clear_secrets "fixture $label" "$dir" "$stack" "$log" "$log.preview.json"
    fi
    if [ "$foreign" = 1 ] && [ "$pack" = "$POLICIES" ] && packed_pack; then
      # The same preview with the pack as another team installs it: the same findings, the same verdict.
      plog="$log.packed"
      preview "$dir" "$stack" "$plog" "$PACKED_PACK"
      if ! pack_ran "$plog" "$PACKED_PACK" || pack_crashed "$plog" "$PACKED_PACK"; then
        show_log "$plog"
        fail "fixture $label: the packed pack did not run (exit $PREVIEW_RC)"
      elif [ "$(policy_entries "$plog")" = "$(policy_entries "$log")" ] && [ "$PREVIEW_RC" = "$main_rc" ]; then
        pass "fixture $label: the packed pack (npm pack, unpacked, installed) reports the same $(policy_entries "$plog" | grep -c .) findings as policies/, exit $PREVIEW_RC"
      else
        diff <(policy_entries "$log") <(policy_entries "$plog") | sed 's/^/    | /' | head -40
        fail "fixture $label: the packed pack (>) and policies/ (<) disagree (exit $PREVIEW_RC, policies/ $main_rc)"
      fi
    fi
    if [ "$foreign" = 1 ] && [ "${REAL[scaleway]}" != 1 ]; then
      skip "fixture $label: left unchecked by the stand-in provider: the real provider's Check (input types, enums and validators, and the defaults it fills in before the policies see the inputs), the outputs a real preview computes, the data sources a program like this one would call (account.getProject, observability.getPreconfiguredAlert), and whether Scaleway accepts these resources at all (pulumi up); needs the real pulumi-resource-scaleway"
    fi
    PREVIEW_EXTRA=()
  done 3< <(expect_files "$fx")
done

summary
[ "$FAILED" = 0 ]
exit
}
