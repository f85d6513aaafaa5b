// `scw-infra plan` on the shipped stacks, on broken copies of them, and in every report format.
import "@microsoft/jest-sarif";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../cli/plan/plan-stack";
import { CONTRACT_RULES } from "@scaleway-infra/contracts/rules/catalog";
import { runCli } from "../plan/cli-harness";
import { REPORT_OPTIONS } from "../../cli/commands/report-args";

const plan = (...args: string[]) => runCli(["plan", ...args], { cwd: PROJECT_ROOT });

/** A copy of a shipped stack file with one edit, in a temporary directory. */
function brokenCopy(stack: string, from: string, to: string): string {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, `Pulumi.${stack}.yaml`), "utf8");
  if (!text.includes(from)) throw new Error(`Pulumi.${stack}.yaml has no ${JSON.stringify(from)}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-broken-")), `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, text.replace(from, to));
  return file;
}

interface ErrorResponse {
  code: string;
  details: { problems: Array<{ rule: string; line?: number; file?: string }> };
}

describe("scw-infra plan on the shipped stacks", () => {
  it.each(["staging", "production"])(
    "exits 0 on %s with every rule passing, attested or not applicable",
    async (stack) => {
      const run = await plan("--stack", stack);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Result: PASS");
      expect(run.stdout).toMatch(
        new RegExp(
          `^${CONTRACT_RULES.length} rules: \\d+ pass, 0 fail, 0 waived, 0 indeterminate, \\d+ attested, \\d+ not applicable$`,
          "m",
        ),
      );
      // Issue 9 §4: what the stack file only declares is attested, never passed.
      for (const id of ["ENV-5", "ALR-3", "DB-6", "STA-3", "SEC-6", "COMP-2", "OPS-2", "PERF-3"])
        expect(run.stdout).toMatch(new RegExp(`^ATTESTED\\s+${id}\\s`, "m"));
    },
  );

  it("prints the resource tree before the compliance table", async () => {
    const { stdout } = await plan("--stack", "staging");
    expect(stdout).toMatch(
      /^pulumi:pulumi:Stack {2}scaleway-infra-staging\n└─ scaleway-infra:environment:Environment/m,
    );
    expect(stdout.indexOf("scaleway:containers:Container  staging-documentation")).toBeLessThan(
      stdout.indexOf("Compliance ("),
    );
  });

  it("reports slow steps on stderr, keeping stdout for the report", async () => {
    const run = await runCli(["plan", "--stack", "staging", "--format", "json"], {
      cwd: PROJECT_ROOT,
      env: { SCW_INFRA_PROGRESS_AFTER_MS: "0" },
    });
    expect(run.stderr).toMatch(
      /^scw-infra plan: running the program for stack staging under mocks: done in \d+\.\d s$/m,
    );
    expect(run.stderr).toMatch(
      /^scw-infra plan: evaluating the policy pack on \d+ resources: done in \d+\.\d s$/m,
    );
    expect(JSON.parse(run.stdout).stack).toBe("staging");
  });

  it("writes no colour codes when stdout is not a terminal", async () => {
    expect((await plan("--stack", "staging")).stdout).not.toContain("\u001b[");
  });
});

describe("scw-infra plan --format json", () => {
  let report: {
    schemaVersion: string;
    exitCode: number;
    stack: string;
    environment: string;
    source: string;
    summary: { resources: number; mandatoryViolations: number; rules: Record<string, number> };
    rules: Array<{
      ruleId: string;
      status: string;
      enforcedBy: string[];
      note: string | null;
      findings: unknown[];
    }>;
    policies: Array<{ name: string; ruleIds: string[]; severity: string; enforcementLevel: string }>;
    resources: Array<{
      urn: string;
      type: string;
      name: string;
      parent: string | null;
      inputs: Record<string, unknown>;
      secretPaths: string[];
      source: { file: string; line: number; configKey?: string } | null;
    }>;
  };
  beforeAll(async () => {
    report = JSON.parse((await plan("--stack", "production", "--format", "json")).stdout);
  });

  it("is versioned and names the stack, the source and the exit code", () => {
    expect(report).toMatchObject({
      schemaVersion: "2.1",
      stack: "production",
      environment: "production",
      source: "plan",
      exitCode: 0,
    });
  });

  it("has one result per rule ID of the catalog", () => {
    expect(report.rules.map((r) => r.ruleId)).toEqual(CONTRACT_RULES.map((r) => r.id));
  });

  it("says why deployment-workflow rules are not applicable to a plan", () => {
    const dep = report.rules.find((r) => r.ruleId === "DEP-3");
    expect(dep).toMatchObject({
      status: "not_applicable",
      note: expect.stringContaining("deployment workflow"),
    });
  });

  it("lists the policies that decided each preview rule", () => {
    const ctr4 = report.rules.find((r) => r.ruleId === "CTR-4");
    expect(ctr4?.status).toBe("pass");
    expect(ctr4?.enforcedBy.length).toBeGreaterThan(0);
    for (const name of ctr4?.enforcedBy ?? []) expect(report.policies.map((p) => p.name)).toContain(name);
  });

  it("locates a container at its container_spec entry in the stack file", () => {
    const container = report.resources.find(
      (r) => r.type === "scaleway:containers/container:Container" && r.name === "production-runners",
    );
    expect(container?.source).toMatchObject({
      file: "Pulumi.production.yaml",
      configKey: "scaleway-infra:containers",
    });
    const line = fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.production.yaml"), "utf8").split("\n")[
      (container?.source?.line ?? 0) - 1
    ];
    expect(line).toContain("name: runners");
  });

  it("gives each resource its parent and marks secret inputs without printing them", () => {
    const database = report.resources.find((r) => r.type === "scaleway:databases/instance:Instance");
    expect(database?.parent).toMatch(/scaleway-infra:database:PostgresDatabase::/);
    expect(database?.secretPaths).toContain("password");
    expect(database?.inputs.password).toBe("[secret]");
  });

  it("counts the custom resources in the summary", () => {
    expect(report.summary.resources).toBe(
      report.resources.filter(
        (r) => !r.type.startsWith("scaleway-infra:") && r.type !== "pulumi:pulumi:Stack",
      ).length,
    );
  });
});

describe("scw-infra plan in every format", () => {
  it("renders markdown with the verdict heading", async () => {
    expect((await plan("--stack", "staging", "--format", "markdown")).stdout).toMatch(
      /^## scw-infra plan: `staging` — ✅ compliant/,
    );
  });

  it("renders valid SARIF 2.1.0 with every policy as a rule", async () => {
    const sarif = JSON.parse((await plan("--stack", "staging", "--format", "sarif")).stdout);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].tool.driver.rules.length).toBeGreaterThanOrEqual(20);
  });

  it("renders JUnit XML with one test case per rule", async () => {
    const xml = (await plan("--stack", "staging", "--format", "junit")).stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.match(/<testcase /g)?.length).toBe(CONTRACT_RULES.length);
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);
  });

  it("writes the report to --output", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-")), "plan.sarif");
    const run = await plan("--stack", "staging", "--format", "sarif", "--output", out);
    expect(run.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(out, "utf8")).version).toBe("2.1.0");
  });
});

describe("scw-infra plan on a broken copy of a stack file", () => {
  const cases: Array<[string, string, string, string, string]> = [
    ["production min_instances 1", "CTR-4", "production", "min_instances: 2", "min_instances: 1"],
    ["production without HA", "DB-2", "production", "high_availability: true", "high_availability: false"],
    ["production retention of 14 days", "DB-3", "production", "retention_days: 30", "retention_days: 14"],
    ["a world-open ACL", "DB-4", "staging", "allowed_ips:\n", "allowed_ips:\n        - 0.0.0.0/0\n"],
    ["a non-EU region", "ENV-4", "staging", "scaleway:region: fr-par", "scaleway:region: us-east-1"],
    [
      "a plaintext secret value",
      "SEC-3",
      "production",
      "      value:\n        secure: ",
      "      value: c3VwZXItc2VjcmV0LWtleQ==\n      unused_secure: ",
    ],
  ];

  it.each(cases)(
    "exits 2 on %s and names %s with its file and line",
    async (_label, ruleId, stack, from, to) => {
      const file = brokenCopy(stack, from, to);
      const run = await plan("--stack", stack, "--config-file", file);
      expect(run.code).toBe(2);
      const response = JSON.parse(run.stderr.slice(run.stderr.indexOf("{"))) as ErrorResponse;
      expect(response.code).toBe("INFRA_001");
      const problem = response.details.problems.find((p) => p.rule === ruleId);
      expect(problem).toMatchObject({ file, line: expect.any(Number) });
      expect(run.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
    },
  );

  it("prints the error_response on stdout with --format json", async () => {
    const file = brokenCopy("production", "min_instances: 2", "min_instances: 1");
    const run = await plan("--stack", "production", "--config-file", file, "--format", "json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
  });
});

describe("scw-infra plan --format sarif on an invalid stack file", () => {
  it("still writes a valid SARIF log with each problem at its stack-file line, and exits 2", async () => {
    const file = brokenCopy("production", "min_instances: 2", "min_instances: 1");
    const output = path.join(path.dirname(file), "plan.sarif");
    const run = await plan("--stack", "production", "--config-file", file, "--format", "sarif", "-o", output);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^INFRA_001 /);
    const log = JSON.parse(fs.readFileSync(output, "utf8")) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }>;
        }>;
      }>;
    };
    expect(log).toBeValidSarifLog();
    const text = fs.readFileSync(file, "utf8").split("\n");
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe("CTR-4");
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    expect(artifactLocation.uri).toBe(`file://${file}`);
    expect(text[region.startLine - 1]).toContain("min_instances: 1");
  });
});

describe("scw-infra plan arguments", () => {
  it("exits 2 without --stack", async () => {
    expect((await plan()).code).toBe(2);
  });

  it("exits 2 on an unknown format", async () => {
    expect((await plan("--stack", "staging", "--format", "pdf")).code).toBe(2);
  });

  it("exits 3 with INFRA_004 when the stack file does not exist", async () => {
    const run = await plan("--stack", "qa");
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("INFRA_004");
  });

  it("names the stacks it can find when the stack has no Pulumi.<stack>.yaml", async () => {
    const run = await plan("--stack", "prod");
    expect(run.stderr).toMatch(/fix: Use one of the stacks here: production, staging /);
  });

  it.each(["plan", "scan"])("%s --help describes every option the command accepts", async (command) => {
    const run = await runCli([command, "--help"], { cwd: PROJECT_ROOT });
    const options = [...Object.keys(REPORT_OPTIONS), ...(command === "plan" ? ["config-file"] : [])];
    for (const option of options) expect(run.stdout).toMatch(new RegExp(`^\\s+(-\\w, )?--${option}\\b`, "m"));
  });

  it("exits 2 on a malformed policy pack config", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-ppc-")), "policy-config.json");
    fs.writeFileSync(file, "{ not json");
    expect((await plan("--stack", "staging", "--policy-pack-config", file)).code).toBe(2);
  });

  it("exits 2 on a waivers file with an entry missing its owner", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-waivers-")), "waivers.yaml");
    fs.writeFileSync(
      file,
      'waivers:\n  - rule: CTR-4\n    name: "*"\n    reason: migration\n    expires: "2099-01-01"\n',
    );
    const run = await plan("--stack", "staging", "--waivers", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("owner");
  });
});
