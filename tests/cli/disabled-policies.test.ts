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
        from: "mandatory",
        to: "disabled",
        mandatory: true,
        blocking: false,
      },
    ]);
  });

  it("shows in the text and Markdown reports", async () => {
    const text = await scan(config);
    expect(text.stdout).toContain("Disabled or downgraded by the policy pack config (1):");
    expect(text.stdout).toMatch(
      /database-acl-restricted \(DB-4[^)]*\): mandatory -> disabled by .*: not checked/,
    );
    const markdown = await scan(config, ["--format", "markdown"]);
    expect(markdown.stdout).toContain("Policies disabled or downgraded by the policy pack config (1)");
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

// A mandatory policy downgraded to advisory blocks nothing, so it switches the gate off as surely as
// disabling it: it is listed beside the disabled ones and fails the run alike (issue 11, gate review).
describe("a mandatory policy downgraded to advisory by the policy pack config", () => {
  const VIOLATIONS = "tests/fixtures/scan/production-violations.stack.json";
  const scanViolations = (config: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    runCli(["scan", VIOLATIONS, "--policy-pack-config", config, ...extra], { env });

  interface Listed {
    name: string;
    ruleIds: string[];
    source: string;
    from: string;
    to: string;
    mandatory: boolean;
    blocking: boolean;
  }

  it.each([
    ['"all": "advisory"', { all: "advisory" }],
    ["the policy's own entry", { "database-acl-restricted": "advisory" }],
    ["the object form", { "database-acl-restricted": { enforcementLevel: "advisory" } }],
    [
      '"all": "advisory" beside a policy that keeps its level',
      { all: "advisory", "container-scaling-redundant": "mandatory" },
    ],
  ])("fails a non-compliant production export under --strict and CI (%s)", async (_name, document) => {
    const config = configFile(document);
    for (const [extra, env] of [
      [["--strict"], {}],
      [[], { CI: "true" }],
      [[], { CI: "1" }],
    ] as const) {
      const run = await scanViolations(config, [...extra, "--format", "json"], env);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { exitCode: number; disabledPolicies: Listed[] };
      expect(report.exitCode).toBe(1);
      expect(report.disabledPolicies).toContainEqual(
        expect.objectContaining({
          name: "database-acl-restricted",
          ruleIds: expect.arrayContaining(["DB-4"]),
          from: "mandatory",
          to: "advisory",
          mandatory: true,
          blocking: true,
        }),
      );
    }
    const text = await scanViolations(config, ["--strict"]);
    expect(text.stdout).toContain("Result: FAIL");
    expect(text.stdout).not.toContain("Result: PASS");
  });

  it("lists the downgrade without failing when neither --strict nor CI is set, with where it was made", async () => {
    const run = await scanViolations(configFile({ all: "advisory" }), ["--format", "json"], { CI: "false" });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { disabledPolicies: Listed[] };
    expect(report.disabledPolicies.length).toBeGreaterThan(10);
    for (const listed of report.disabledPolicies) {
      expect(listed).toMatchObject({ from: "mandatory", to: "advisory", blocking: false });
      expect(listed.source).toMatch(/policy-config\.json: "all"$/);
    }
  });

  it("names the policy's own key when the policy's entry made the downgrade", async () => {
    const run = await scanViolations(
      configFile({ all: "mandatory", "database-acl-restricted": "advisory" }),
      ["--format", "json"],
    );
    const report = JSON.parse(run.stdout) as { disabledPolicies: Listed[] };
    expect(report.disabledPolicies).toEqual([
      expect.objectContaining({
        name: "database-acl-restricted",
        source: expect.stringMatching(/: "database-acl-restricted"$/),
      }),
    ]);
  });

  it("says disabled -> the level and the effect in the text, Markdown, JUnit, SARIF and HTML reports", async () => {
    const config = configFile({
      "database-acl-restricted": "advisory",
      "database-backup-retention": "disabled",
    });
    const env = { CI: "true" };
    const text = (await scanViolations(config, [], env)).stdout;
    expect(text).toContain("Disabled or downgraded by the policy pack config (2):");
    expect(text).toMatch(
      /database-acl-restricted \(DB-4[^)]*\): mandatory -> advisory by .*policy-config\.json: "database-acl-restricted": FAILS the run/,
    );
    expect(text).toMatch(/database-backup-retention \(DB-3[^)]*\): mandatory -> disabled by /);

    const markdown = (await scanViolations(config, ["--format", "markdown"], env)).stdout;
    expect(markdown).toContain("Policies disabled or downgraded by the policy pack config (2)");
    expect(markdown).toMatch(/database-acl-restricted.*mandatory -&gt; advisory/);

    const junit = (await scanViolations(config, ["--format", "junit"], env)).stdout;
    expect(junit).toMatch(/<testsuite name="[^"]*\.policy-pack-config" tests="2" failures="2"/);
    expect(junit).toMatch(/<testcase name="database-acl-restricted \(DB-4[^"]*\): mandatory -&gt; advisory"/);

    const sarif = JSON.parse((await scanViolations(config, ["--format", "sarif"], env)).stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        invocations: Array<{
          executionSuccessful: boolean;
          ruleConfigurationOverrides: Array<{
            descriptor: { id: string; index: number };
            configuration: { enabled?: boolean; level?: string };
          }>;
          toolConfigurationNotifications: Array<{ descriptor: { id: string }; message: { text: string } }>;
        }>;
      }>;
    };
    const [run] = sarif.runs;
    const overrides = run.invocations[0].ruleConfigurationOverrides;
    expect(overrides).toContainEqual({
      descriptor: {
        id: "database-acl-restricted",
        index: run.tool.driver.rules.findIndex((r) => r.id === "database-acl-restricted"),
      },
      configuration: { level: "warning" },
    });
    expect(overrides).toContainEqual(
      expect.objectContaining({ configuration: { enabled: false, level: "none" } }),
    );
    expect(run.invocations[0].toolConfigurationNotifications.map((n) => n.message.text)).toContainEqual(
      expect.stringMatching(/database-acl-restricted .*mandatory -> advisory/),
    );

    const html = (await scanViolations(config, ["--format", "html"], env)).stdout;
    expect(html).toContain("Policies disabled or downgraded by the policy pack config (2)");
    expect(html).toMatch(
      /database-acl-restricted<\/th><td>DB-4[^<]*<\/td><td>mandatory -&gt; advisory<\/td>/,
    );
  });

  it("treats remediate as mandatory: the policy's own checks still fail the run, and nothing is listed", async () => {
    const run = await scanViolations(configFile({ all: "remediate" }), ["--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      disabledPolicies: Listed[];
      findings: Array<{ policy: string; status: string; enforcementLevel: string }>;
    };
    expect(report.disabledPolicies).toEqual([]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        policy: "database-acl-restricted",
        status: "fail",
        enforcementLevel: "mandatory",
      }),
    );
  });

  it.each([
    ["an unknown policy name", { "database-acl-restrictd": "advisory" }],
    ["a prototype key", JSON.parse('{"__proto__": "advisory"}') as Record<string, unknown>],
    [
      "a prototype key holding levels",
      JSON.parse('{"__proto__": {"database-acl-restricted": "disabled"}}') as Record<string, unknown>,
    ],
    ["a level in another case", { all: "Advisory" }],
  ])("refuses %s with INFRA_001 (exit 2) instead of ignoring it", async (_name, document) => {
    const run = await scanViolations(configFile(document), ["--format", "json"], { CI: "true" });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
  });

  it("refuses inline JSON given where a file is expected with INFRA_001, not a missing file", async () => {
    const run = await scanViolations('{"all":"advisory"}', ["--strict"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("INFRA_001");
    expect(run.stderr).toMatch(/takes a file/);
  });

  it("fails plan on a compliant stack in CI when the config downgrades every policy", async () => {
    const config = configFile({ all: "advisory" });
    const run = await runCli(
      ["plan", "--stack", "production", "--policy-pack-config", config, "--format", "json"],
      {
        env: { CI: "true" },
      },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { disabledPolicies: Listed[] };
    expect(report.disabledPolicies.every((p) => p.blocking && p.to === "advisory")).toBe(true);
  });
});

// A policy's config properties can switch its check off as surely as a level
// (privateNetworkingRequired: false makes database-private-network not applicable; encryptionRequired:
// false no longer switches database-encryption-at-rest off: SECU-4 requires encryption anyway). At plan, the stack states them itself
// (environment_config): the plan takes them from the stack, and a config contradicting the stack is
// refused instead of silently switching the check off (gate review §1 sibling).
describe("policy config properties the stack states", () => {
  const projectWith = (edit: (text: string) => string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-props-"));
    fs.copyFileSync("Pulumi.yaml", path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.production.yaml"),
      edit(fs.readFileSync("Pulumi.production.yaml", "utf8")),
    );
    return dir;
  };

  it.each([
    ["database-private-network", "privateNetworkingRequired"],
    ["database-encryption-at-rest", "encryptionRequired"],
  ])("refuses %s.%s: false when the stack requires it (INFRA_001, exit 2)", async (policy, property) => {
    const config = configFile({ [policy]: { [property]: false } });
    const run = await runCli(
      ["plan", "--stack", "production", "--policy-pack-config", config, "--format", "json"],
      {
        env: { CI: "true" },
      },
    );
    expect(run.code).toBe(2);
    const error = JSON.parse(run.stdout) as {
      code: string;
      details: { problems: Array<{ message: string }> };
    };
    expect(error.code).toBe("INFRA_001");
    expect(error.details.problems[0].message).toContain(`${policy}.${property}`);
    expect(error.details.problems[0].message).toMatch(/Pulumi\.production\.yaml:\d+/);
  });

  it("accepts the same value as the stack", async () => {
    const config = configFile({ "database-encryption-at-rest": { encryptionRequired: true } });
    const run = await runCli([
      "plan",
      "--stack",
      "production",
      "--policy-pack-config",
      config,
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
  });

  it("takes the value from the stack: a stack that does not require encryption plans without a DB-8 failure", async () => {
    const dir = projectWith((text) =>
      text.replace("encryption_required: true", "encryption_required: false"),
    );
    const run = await runCli(["plan", "--stack", "production", "--format", "json"], {
      cwd: dir,
      env: { CI: "true" },
    });
    const report = JSON.parse(run.stdout) as { rules: Array<{ ruleId: string; status: string }> };
    expect(report.rules.find((r) => r.ruleId === "DB-8")?.status).not.toBe("fail");
    expect(run.code).toBe(0);
  });

  // Attack 2 finding 1: the program encrypts the database whatever encryption_required says, so
  // SECU-4 and COMP-3 pass because the database is encrypted, not because nothing was checked.
  it("encrypts the database even when the stack does not require encryption (SECU-4 is unconditional)", async () => {
    const dir = projectWith((text) =>
      text.replace("encryption_required: true", "encryption_required: false"),
    );
    const run = await runCli(["plan", "--stack", "production", "--format", "json"], { cwd: dir });
    const report = JSON.parse(run.stdout) as {
      rules: Array<{ ruleId: string; status: string; note?: string }>;
    };
    for (const id of ["DB-8", "SECU-4", "COMP-3"]) {
      expect(report.rules.find((r) => r.ruleId === id)?.status).toBe("pass");
    }
    expect(run.code).toBe(0);
  });
});

describe("an unencrypted database with encryptionRequired: false (attack 2 finding 1)", () => {
  const UNENCRYPTED = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "unenc-")), "stack.json");
  fs.writeFileSync(
    UNENCRYPTED,
    fs.readFileSync(FIXTURE, "utf8").replace('"encryptionAtRest": true', '"encryptionAtRest": false'),
  );

  it("fails SECU-4: the config does not switch the check off", async () => {
    const config = configFile({ "database-encryption-at-rest": { encryptionRequired: false } });
    const run = await runCli(["scan", UNENCRYPTED, "--policy-pack-config", config, "--format", "json"], {});
    const report = JSON.parse(run.stdout) as {
      rules: Array<{ ruleId: string; status: string }>;
      disabledPolicies: unknown[];
    };
    expect(report.rules.find((r) => r.ruleId === "SECU-4")?.status).toBe("fail");
    expect(report.disabledPolicies).toEqual([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("SECU-4 requires encryption of the database");
  });
});

describe("a policy switched off through its own property in scan (no stack file to take it from)", () => {
  it.each([["database-private-network", "privateNetworkingRequired"]])(
    "lists %s.%s: false as disabled, and fails the run in CI",
    async (policy, property) => {
      const config = configFile({ [policy]: { [property]: false } });
      const listed = JSON.parse((await scan(config, ["--format", "json"])).stdout) as {
        disabledPolicies: Array<{
          name: string;
          from: string;
          to: string;
          source: string;
          blocking: boolean;
        }>;
      };
      expect(listed.disabledPolicies).toEqual([
        expect.objectContaining({ name: policy, from: "mandatory", to: "disabled", blocking: false }),
      ]);
      expect(listed.disabledPolicies[0].source).toContain(`"${property}": false`);

      const inCi = await scan(config, [], { CI: "true" });
      expect(inCi.code).toBe(1);
      expect(inCi.stdout).toMatch(
        new RegExp(`${policy} \\([^)]*\\): mandatory -> disabled by .*FAILS the run`),
      );
    },
  );

  it("lists nothing when the property is true", async () => {
    const config = configFile({ "database-encryption-at-rest": { encryptionRequired: true } });
    const run = await scan(config, ["--format", "json"], { CI: "true" });
    expect((JSON.parse(run.stdout) as { disabledPolicies: unknown[] }).disabledPolicies).toEqual([]);
    expect(run.code).toBe(0);
  });
});
