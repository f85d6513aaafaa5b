// Runs promtool (Debian's `prometheus` package) on the generated rule groups: `check rules` on the
// rule file exactly as it is pushed, then `test rules` on one test file per case, and reads back
// which case passed. Time-limited, so a stuck promtool never hangs the command.
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { stringify } from "yaml";
import { ruleFileYaml, type RuleGroup } from "../../components/alerting/rule-groups";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { showValue } from "@scaleway-infra/contracts/errors/shown-value";
import type { AlertCases, RuleCase } from "./rule-cases";

const TIMEOUT_MS = 60_000;

/** Names the promtool binary explicitly; without it, `promtool` is looked up on PATH. */
export const PROMTOOL_ENV = "SCW_INFRA_PROMTOOL";

/** An absolute path to an executable regular file, or undefined. */
function executableFile(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/**
 * promtool's absolute path: $SCW_INFRA_PROMTOOL when set (relative to `cwd`), else the first
 * executable `promtool` on PATH. No fixed fallback: a promtool nobody put on PATH or named is not
 * the one to trust. The path is absolute because promtool runs in a temporary directory.
 */
export function locatePromtool(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): { path: string } | { problem: string; fix: string } {
  const named = env[PROMTOOL_ENV];
  if (named !== undefined && named !== "") {
    const found = executableFile(resolve(cwd, named));
    if (found) return { path: found };
    return {
      problem: `${PROMTOOL_ENV} names ${showValue(named)}, which is not an executable file, so the alerts cannot be tested.`,
      fix: `Point ${PROMTOOL_ENV} at the promtool binary (Debian: /usr/bin/promtool), or unset it to use the promtool on PATH.`,
    };
  }
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const found = executableFile(resolve(cwd, dir, "promtool"));
    if (found) return { path: found };
  }
  return {
    problem: "promtool was not found on PATH, so the alerts cannot be tested.",
    fix: `Install it (Debian: apt-get install prometheus) and put it on PATH, or set ${PROMTOOL_ENV} to its path.`,
  };
}

/** promtool's absolute path, or undefined when locatePromtool finds none. */
export function findPromtool(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const located = locatePromtool(env, cwd);
  return "path" in located ? located.path : undefined;
}

export interface CaseResult {
  case: RuleCase;
  passed: boolean;
  /** promtool's words when the case failed. */
  detail?: string;
}

export interface AlertResult {
  alert: string;
  group: string;
  results: CaseResult[];
  problem?: string;
  passed: boolean;
}

function run(promtool: string, args: string[], cwd: string): { status: number | null; output: string } {
  // One stream, in order: promtool prints each file's header on stdout and its failures on stderr.
  // `exec`: the shell becomes promtool, so the time limit's kill stops promtool itself, not only a
  // shell that would leave it running (and growing) behind.
  const result = spawnSync("/bin/sh", ["-c", 'exec "$0" "$@" 2>&1', promtool, ...args], {
    cwd,
    encoding: "utf8",
    timeout: TIMEOUT_MS,
  });
  if (result.error || result.signal) {
    throw new InfraError(
      "INFRA_005",
      `promtool could not run: ${result.error?.message ?? `stopped by ${result.signal} (time limit ${TIMEOUT_MS / 1000}s)`}`,
      {
        details: { promtool, fix: "Check that promtool runs (`promtool --version`)." },
      },
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** promtool's verdict per test file: `Unit Testing:  <file>` then SUCCESS or FAILED with details. */
export function verdictsOf(output: string): Map<string, { passed: boolean; detail: string }> {
  const verdicts = new Map<string, { passed: boolean; detail: string }>();
  const blocks = output.split(/^Unit Testing:\s+/m).slice(1);
  for (const block of blocks) {
    const [file, ...rest] = block.split("\n");
    const body = rest.join("\n").trim();
    verdicts.set(file.trim(), {
      passed: /^SUCCESS/.test(body),
      detail: body.replace(/\s+/g, " ").slice(0, 600),
    });
  }
  return verdicts;
}

/** Checks the rule file and runs every case; returns one result per alert. */
export function runRuleTests(
  promtool: string,
  groups: readonly RuleGroup[],
  alerts: readonly AlertCases[],
): AlertResult[] {
  const dir = mkdtempSync(join(tmpdir(), "scw-infra-alerts-"));
  try {
    writeFileSync(join(dir, "rules.yaml"), ruleFileYaml(groups));
    const check = run(promtool, ["check", "rules", "rules.yaml"], dir);
    if (check.status !== 0) {
      throw new InfraError("INFRA_001", "promtool refuses the generated rule groups.", {
        details: {
          promtool: check.output.slice(0, 2000),
          fix: "Correct the alert named in promtool's message in scaleway-infra:alerts (queries, message templates).",
        },
      });
    }
    const files: string[] = [];
    alerts.forEach((alert, a) =>
      alert.cases.forEach((c, i) => {
        const file = `case-${a}-${i}.yaml`;
        const test = {
          rule_files: ["rules.yaml"],
          evaluation_interval: intervalOf(groups, alert.group),
          tests: [c.test],
        };
        writeFileSync(join(dir, file), stringify(test, { lineWidth: 0 }));
        files.push(file);
      }),
    );
    const verdicts =
      files.length === 0 ? new Map() : verdictsOf(run(promtool, ["test", "rules", ...files], dir).output);
    return alerts.map((alert, a) => {
      const results = alert.cases.map((c, i): CaseResult => {
        const verdict = verdicts.get(`case-${a}-${i}.yaml`);
        return verdict?.passed
          ? { case: c, passed: true }
          : { case: c, passed: false, detail: verdict?.detail ?? "promtool reported nothing for this case" };
      });
      const complete =
        results.some((r) => r.case.kind === "FIRES") && results.some((r) => r.case.kind === "SILENT");
      return {
        alert: alert.alert,
        group: alert.group,
        results,
        ...(alert.problem === undefined ? {} : { problem: alert.problem }),
        passed: alert.problem === undefined && complete && results.every((r) => r.passed),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function intervalOf(groups: readonly RuleGroup[], name: string): string {
  return groups.find((g) => g.name === name)?.interval ?? "60s";
}
