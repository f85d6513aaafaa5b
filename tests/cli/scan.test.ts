// `scw-infra scan` on hand-written stack exports and previews (tests/fixtures/scan).
import "@microsoft/jest-sarif";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../plan/cli-harness";

/** A date `days` from today (UTC), as waivers write it: within the 180-day horizon. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const FIXTURES = "tests/fixtures/scan";
const scan = (...args: string[]) => runCli(["scan", ...args]);

interface JsonReport {
  exitCode: number;
  stack: string;
  source: string;
  rules: Array<{
    ruleId: string;
    status: string;
    findings: Array<{
      resourceName: string | null;
      message: string;
      source: { file: string; line: number } | null;
    }>;
  }>;
}
const rule = (report: JsonReport, id: string) => report.rules.find((r) => r.ruleId === id);

describe("scw-infra scan", () => {
  it("exits 1 on a production export with a public ACL, a non-HA database, a plaintext password and one instance", async () => {
    const run = await scan(`${FIXTURES}/production-violations.stack.json`);
    expect(run.code).toBe(1);
    for (const id of ["DB-4", "DB-2", "CTR-6", "CTR-4"])
      expect(run.stdout).toMatch(new RegExp(`FAIL\\s+${id}\\s`));
  });

  it("names the resource and the fix of each violation in the JSON report", async () => {
    const report = JSON.parse(
      (await scan(`${FIXTURES}/production-violations.stack.json`, "--format", "json")).stdout,
    ) as JsonReport;
    expect(report.exitCode).toBe(1);
    expect(rule(report, "DB-4")?.findings[0]).toMatchObject({
      resourceName: "main-production-acl",
      message: expect.stringContaining("0.0.0.0/0"),
    });
    expect(rule(report, "DB-2")?.findings[0].resourceName).toBe("main-production");
    expect(rule(report, "CTR-6")?.findings[0].message).toContain("DB_PASSWORD");
    expect(rule(report, "CTR-4")?.findings[0].resourceName).toBe("documentation");
  });

  it("never prints the plaintext password it found", async () => {
    const run = await scan(`${FIXTURES}/production-violations.stack.json`, "--format", "json");
    expect(run.stdout).not.toContain("Tr0ub4dor-and-3-plaintext");
  });

  it("catches the same violations on resources written with the deprecated flat type tokens", async () => {
    const text = fs
      .readFileSync(`${FIXTURES}/production-violations.stack.json`, "utf8")
      .replaceAll("scaleway:containers/container:Container", "scaleway:index/container:Container")
      .replaceAll("scaleway:databases/instance:Instance", "scaleway:index/databaseInstance:DatabaseInstance")
      .replaceAll("scaleway:databases/acl:Acl", "scaleway:index/databaseAcl:DatabaseAcl");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-flat-")), "state.json");
    fs.writeFileSync(file, text);
    const run = await scan(file, "--format", "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    for (const id of ["DB-4", "DB-2", "CTR-6", "CTR-4"]) expect(rule(report, id)?.status).toBe("fail");
  });

  it("exits 0 on a compliant production export", async () => {
    const run = await scan(`${FIXTURES}/production-compliant.stack.json`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Result: PASS");
  });

  it("exits 0 on a compliant staging checkpoint", async () => {
    expect((await scan(`${FIXTURES}/staging-compliant.checkpoint.json`)).code).toBe(0);
  });

  it("reads a preview --json document and exits 1 naming CTR-4", async () => {
    const report = JSON.parse(
      (await scan(`${FIXTURES}/staging-violation.preview.json`, "--format", "json")).stdout,
    ) as JsonReport;
    expect(report).toMatchObject({ exitCode: 1, source: "scan:preview", stack: "staging" });
    expect(rule(report, "CTR-4")?.status).toBe("fail");
  });

  it("locates each violation at its resource's line in the scanned file", async () => {
    const report = JSON.parse(
      (await scan(`${FIXTURES}/production-violations.stack.json`, "--format", "json")).stdout,
    ) as JsonReport;
    const source = rule(report, "DB-2")?.findings[0].source;
    const line = fs.readFileSync(source?.file ?? "", "utf8").split("\n")[(source?.line ?? 0) - 1];
    expect(line).toContain("scaleway:databases/instance:Instance::main-production");
  });

  it("writes valid SARIF with a physical location for every result", async () => {
    const sarif = JSON.parse(
      (await scan(`${FIXTURES}/production-violations.stack.json`, "--format", "sarif")).stdout,
    ) as {
      runs: Array<{
        results: Array<{
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
            logicalLocations?: unknown[];
          }>;
        }>;
      }>;
    };
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(4);
    for (const result of sarif.runs[0].results) {
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(
        `${FIXTURES}/production-violations.stack.json`,
      );
      // A resource's finding sits at its resource's line; a stack-level one at the file's first line.
      const resourceLevel = result.locations[0].logicalLocations !== undefined;
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(
        resourceLevel ? 2 : 1,
      );
    }
  });

  it("reports a rule whose value is unknown in a preview as indeterminate, and exits 0", async () => {
    const run = await scan(`${FIXTURES}/production-unknown-ha.preview.json`, "--format", "json");
    expect(run.code).toBe(0);
    expect(rule(JSON.parse(run.stdout) as JsonReport, "DB-2")?.status).toBe("indeterminate");
  });

  it("fails an indeterminate rule with --strict", async () => {
    const run = await scan(`${FIXTURES}/production-unknown-ha.preview.json`, "--strict", "--format", "json");
    expect(run.code).toBe(1);
    expect(rule(JSON.parse(run.stdout) as JsonReport, "DB-2")?.status).toBe("fail");
  });

  it("exits 2 with an INFRA_001 error_response on stderr for malformed JSON, without a stack trace", async () => {
    const run = await scan(`${FIXTURES}/malformed.stack.json`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('"code": "INFRA_001"');
    expect(run.stderr).toContain("malformed.stack.json:6");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 with the error_response on stdout with --format json", async () => {
    const run = await scan(`${FIXTURES}/resource-without-urn.stack.json`, "--format", "json");
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ code: "INFRA_001" });
  });

  it("exits 2 on an unknown format or option", async () => {
    expect((await scan(`${FIXTURES}/production-compliant.stack.json`, "--format", "xml")).code).toBe(2);
    expect((await scan(`${FIXTURES}/production-compliant.stack.json`, "--colour")).code).toBe(2);
  });

  it("exits 3 with INFRA_004 when the file does not exist", async () => {
    const run = await scan(`${FIXTURES}/no-such-file.json`);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("INFRA_004");
  });

  it.each([["--waivers"], ["--policy-pack-config"]])(
    "exits 3 with INFRA_004, like any missing input file, when the %s file does not exist",
    async (option) => {
      const run = await scan(
        `${FIXTURES}/production-compliant.stack.json`,
        option,
        `${FIXTURES}/no-such-file`,
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/^INFRA_004 /);
    },
  );

  it("never counts a policy disabled by the policy pack config among the rule's enforcers", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-disabled-"));
    const config = path.join(dir, "policy-config.json");
    fs.writeFileSync(config, JSON.stringify({ "database-acl-restricted": "disabled" }));
    const run = await scan(
      `${FIXTURES}/production-violations.stack.json`,
      "--policy-pack-config",
      config,
      "--format",
      "json",
    );
    const report = JSON.parse(run.stdout) as {
      rules: Array<{ ruleId: string; enforcedBy: string[]; note: string | null }>;
    };
    const db4 = report.rules.find((r) => r.ruleId === "DB-4");
    expect(db4?.enforcedBy).not.toContain("database-acl-restricted");
    expect(db4?.note).toMatch(/database-acl-restricted disabled by the policy pack config/);
  });

  it("reports a waived violation as waived and exits 0 when every violation is waived", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-waivers-"));
    const waivers = path.join(dir, "waivers.yaml");
    const entries = ["DB-4", "DB-2", "CTR-6", "CTR-4"].map(
      (id) =>
        `  - rule: ${id}\n    name: "*"\n    reason: accepted while migrating\n    owner: platform@example.eu\n    expires: "${inDays(30)}"`,
    );
    fs.writeFileSync(waivers, `waivers:\n${entries.join("\n")}\n`);
    // `name: "*"` waives mandatory rules for every resource: production allows it only on request.
    const run = await scan(
      `${FIXTURES}/production-violations.stack.json`,
      "--waivers",
      waivers,
      "--allow-broad-waivers",
      "--format",
      "json",
    );
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(rule(report, "DB-4")?.status).toBe("waived");
    expect(run.code).toBe(0);
  });

  it("exits 0 when --policy-pack-config makes every violated policy advisory, and still reports them", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-ppc-")), "policy-config.json");
    fs.writeFileSync(file, JSON.stringify({ all: "advisory" }));
    const run = await scan(
      `${FIXTURES}/production-violations.stack.json`,
      "--policy-pack-config",
      file,
      "--format",
      "json",
    );
    const report = JSON.parse(run.stdout) as JsonReport & {
      summary: { mandatoryViolations: number; advisoryViolations: number };
    };
    expect(run.code).toBe(0);
    expect(report.summary).toMatchObject({ mandatoryViolations: 0, advisoryViolations: expect.any(Number) });
    expect(report.summary.advisoryViolations).toBeGreaterThanOrEqual(4);
    expect(rule(report, "DB-4")?.status).toBe("fail");
  });

  it("writes the report to --output and nothing to stdout", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-out-")), "report.xml");
    const run = await scan(
      `${FIXTURES}/production-violations.stack.json`,
      "--format",
      "junit",
      "--output",
      out,
    );
    expect(run.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toMatch(/^<\?xml[^]*<failure message="[^"]*0\.0\.0\.0\/0/);
  });

  it("exits 2 naming --output when the report cannot be written", async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-out-")), "a-file");
    fs.writeFileSync(blocker, "");
    const run = await scan(
      `${FIXTURES}/production-compliant.stack.json`,
      "--output",
      path.join(blocker, "report.txt"),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cannot write the report");
  });

  it("colours the text report on a terminal unless NO_COLOR is set", async () => {
    const file = `${FIXTURES}/production-violations.stack.json`;
    expect((await runCli(["scan", file], { isTty: true })).stdout).toContain("\u001b[31m");
    expect((await runCli(["scan", file], { isTty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(
      "\u001b[",
    );
  });
});

describe("scw-infra scan of a file with hostile names", () => {
  // A state export anyone may have written: two alert rules with one name that holds a newline, a
  // forged report line and terminal escape sequences (C0 and C1), and a resource name that does too.
  function hostileExport(): string {
    const forged = JSON.stringify("Evil\nFAIL      ALR-1   forged-line\u001b[31m red\u009b2J");
    const text = fs
      .readFileSync(`${FIXTURES}/staging-compliant.checkpoint.json`, "utf8")
      .replace(/"DatabaseHighConnections"/g, forged)
      .replace(/"DocumentationHighErrorRate"/g, forged)
      .replace(/staging-alert-rules/g, "staging-alert\\nFAKE LINE\\u001b[2J");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scan-hostile-")), "state.json");
    fs.writeFileSync(file, text);
    return file;
  }

  it.each(["text", "markdown", "junit", "sarif", "json"])(
    "prints every name and message with its invisible characters escaped (%s)",
    async (format) => {
      const run = await scan(hostileExport(), "--stack", "staging", "--format", format);
      expect(run.stdout).toContain("forged-line");
      expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(run.stdout).not.toMatch(/^FAIL {6}ALR-1 {3}forged-line/m);
      expect(run.stdout).not.toMatch(/^FAKE LINE/m);
      if (format === "text") expect(run.stdout).toContain("Evil\\u000aFAIL");
    },
  );
});
