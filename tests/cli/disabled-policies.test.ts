// Disabling a policy through --policy-pack-config shows in every report, and under --strict or with
// CI set a disabled mandatory policy fails the run with exit 1 (issue 11 §4).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

const FIXTURE = "tests/fixtures/scan/production-compliant.stack.json";

function configFile(document: Record<string, unknown>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ppc-")), "policy-config.json");
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}

const scan = (config: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(["scan", FIXTURE, "--policy-pack-config", config, ...extra], { env });

describe("a policy disabled by the policy pack config", () => {
  const config = configFile({ "database-acl-restricted": "disabled" });

  it("is listed in the JSON report with its rule IDs and where it was disabled", async () => {
    const run = await scan(config, ["--format", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { disabledPolicies: unknown[] };
    expect(report.disabledPolicies).toEqual([
      {
        name: "database-acl-restricted",
        ruleIds: expect.arrayContaining(["DB-4"]),
        source: expect.stringMatching(/policy-config\.json: "database-acl-restricted"$/),
        mandatory: true,
        blocking: false,
      },
    ]);
  });

  it("shows in the text and Markdown reports", async () => {
    const text = await scan(config);
    expect(text.stdout).toContain("Disabled by the policy pack config (1):");
    expect(text.stdout).toMatch(
      /database-acl-restricted \(mandatory; DB-4[^)]*\) disabled by .*: not checked/,
    );
    const markdown = await scan(config, ["--format", "markdown"]);
    expect(markdown.stdout).toContain("Policies disabled by the policy pack config (1)");
  });

  it("names the 'all' key when every policy is disabled", async () => {
    const run = await scan(configFile({ all: "disabled" }), ["--format", "json"]);
    const report = JSON.parse(run.stdout) as { disabledPolicies: Array<{ source: string }> };
    expect(report.disabledPolicies.length).toBeGreaterThan(10);
    expect(report.disabledPolicies.every((p) => p.source.endsWith(': "all"'))).toBe(true);
  });

  it.each([
    ["--strict", ["--strict"], {}],
    ["CI=true", [], { CI: "true" }],
    ["CI=1", [], { CI: "1" }],
  ])("fails the run with exit 1 under %s", async (_name, extra, env) => {
    const run = await scan(config, [...extra, "--format", "json"], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      exitCode: number;
      disabledPolicies: Array<{ blocking: boolean }>;
      findings: Array<{ policy: string; status: string; message: string }>;
    };
    expect(report.exitCode).toBe(1);
    expect(report.disabledPolicies[0].blocking).toBe(true);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ policy: "database-acl-restricted", status: "fail" }),
    );
  });

  it("does not fail when CI is empty or false", async () => {
    expect((await scan(config, [], { CI: "false" })).code).toBe(0);
    expect((await scan(config, [], { CI: "" })).code).toBe(0);
  });

  it("says FAIL in the text verdict when it blocks", async () => {
    const run = await scan(config, [], { CI: "true" });
    expect(run.stdout).toContain("Result: FAIL");
    expect(run.stdout).toContain("FAILS the run (--strict or CI)");
  });
});
