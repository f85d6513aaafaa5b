// Runs promtool (Debian's `prometheus` package) on the generated rule groups: `check rules` on the
// rule file exactly as it is pushed, then `test rules` on one test file per case, and reads back
// which case passed. Time-limited, so a stuck promtool never hangs the command.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { stringify } from "yaml";
import { ruleFileYaml, type RuleGroup } from "../../components/alerting/rule-groups";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { AlertCases, RuleCase } from "./rule-cases";

const TIMEOUT_MS = 60_000;

/** promtool's path: $PROMTOOL, else the first `promtool` on PATH; undefined when absent. */
export function findPromtool(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PROMTOOL) return existsSync(env.PROMTOOL) ? env.PROMTOOL : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, "promtool");
    if (existsSync(candidate)) return candidate;
  }
  return existsSync("/usr/bin/promtool") ? "/usr/bin/promtool" : undefined;
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
