// The offline plan of the shipped production stack, with violations the stack file cannot express:
// a contract changed after validation, and a resource written by hand outside the components.
import "@microsoft/jest-sarif";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as scaleway from "@pulumiverse/scaleway";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { locateFindings } from "../../cli/plan/config-sources";
import { evaluateCompliance } from "../../cli/plan/evaluate";
import type { ComplianceReport } from "../../cli/plan/model";
import { planContracts, PROJECT_ROOT, type PlannedStack } from "../../cli/plan/plan-stack";
import { toSarif } from "../../cli/report/sarif";

/** A date `days` from today (UTC), as waivers write it: within the 180-day horizon. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const STACK_FILE = "Pulumi.production.yaml";

function lineOf(file: string, needle: string): number {
  return (
    fs
      .readFileSync(path.join(PROJECT_ROOT, file), "utf8")
      .split("\n")
      .findIndex((l) => l.includes(needle)) + 1
  );
}

let report: ComplianceReport;
let planned: PlannedStack;

beforeAll(async () => {
  const input = readStackFile(path.join(PROJECT_ROOT, STACK_FILE), { shownAs: STACK_FILE });
  const contracts = structuredClone(validateStack(input));
  contracts.database.high_availability = false; // what a bug in a component would do
  planned = await planContracts({
    stack: "production",
    stackFile: STACK_FILE,
    input,
    contracts,
    alsoRegister: () => {
      new scaleway.containers.Container("hand-written", {
        name: "hand-written",
        namespaceId: "fr-par/11111111-2222-4333-8444-555555555555",
        registryImage: "rg.fr-par.scw.cloud/scaleway-infra-production/tools@sha256:" + "a".repeat(64),
        minScale: 1,
        maxScale: 2,
        privacy: "private",
        tags: ["env:production", "service:documentation"],
      });
    },
  });
  ({ report } = await evaluateCompliance({
    resources: planned.resources,
    stack: "production",
    environment: "production",
    source: "plan",
    configValidated: true,
    strict: false,
    cwd: fs.mkdtempSync(path.join(os.tmpdir(), "plan-")),
    locateFindings: (findings) =>
      locateFindings(findings, planned.resources, planned.contracts, planned.input),
  }));
});

function finding(ruleId: string, resourceName: string) {
  const found = report.findings.find((f) => f.ruleIds.includes(ruleId) && f.resourceName === resourceName);
  if (!found)
    throw new Error(
      `no ${ruleId} finding on ${resourceName}: ${report.findings.map((f) => `${f.ruleIds[0]}/${f.resourceName}`).join(", ")}`,
    );
  return found;
}

describe("planContracts + evaluateCompliance", () => {
  it("catches a non-HA production database built by the components (DB-2)", () => {
    expect(finding("DB-2", "platform-production").status).toBe("fail");
  });

  it("locates a component resource's finding at the stack-file line of the rule's field", () => {
    expect(finding("DB-2", "platform-production").source).toMatchObject({
      file: STACK_FILE,
      line: lineOf(STACK_FILE, "high_availability:"),
      configKey: "scaleway-infra:database",
      pointer: "/high_availability",
    });
  });

  it("catches a hand-written container with one instance in production (CTR-4)", () => {
    expect(finding("CTR-4", "hand-written").status).toBe("fail");
  });

  it("locates a hand-written resource's finding at the TypeScript line that declared it", () => {
    expect(finding("CTR-4", "hand-written").source).toMatchObject({
      file: "tests/plan/plan-stack.test.ts",
      line: lineOf("tests/plan/plan-stack.test.ts", 'new scaleway.containers.Container("hand-written"'),
    });
  });

  it("renders valid SARIF where every result has a physical location", () => {
    const sarif = toSarif(report, { fallbackLocation: { file: STACK_FILE, line: 1 } }) as {
      runs: Array<{
        results: Array<{
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }>;
        }>;
      }>;
    };
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(2);
    for (const result of sarif.runs[0].results) {
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(
        /^(Pulumi\.production\.yaml|tests\/plan\/plan-stack\.test\.ts|components\/)/,
      );
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it("records the database password and container secret variables as secret paths", () => {
    const database = report.resources.find((r) => r.type === "scaleway:databases/instance:Instance");
    const container = report.resources.find(
      (r) => r.type === "scaleway:containers/container:Container" && r.name === "production-documentation",
    );
    expect(database?.secretPaths).toContain("password");
    expect(container?.secretPaths).toContain("secretEnvironmentVariables");
  });

  it("honours a valid waiver and brings back a violation whose waiver expired, naming it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-waivers-"));
    fs.writeFileSync(
      path.join(dir, "waivers.yaml"),
      [
        "waivers:",
        "  - rule: DB-2",
        "    name: platform-production",
        "    reason: HA cluster ordered, delivery in March",
        "    owner: dba@example.eu",
        `    expires: "${inDays(30)}"`,
        "  - rule: CTR-4",
        "    name: hand-*",
        "    reason: temporary tool",
        "    owner: platform@example.eu",
        '    expires: "2020-01-01"',
        "",
      ].join("\n"),
    );
    const { report: waived, exitCode } = await evaluateCompliance({
      resources: planned.resources,
      stack: "production",
      environment: "production",
      source: "plan",
      configValidated: true,
      strict: false,
      cwd: dir,
    });
    const db2 = waived.findings.find(
      (f) => f.ruleIds.includes("DB-2") && f.resourceName === "platform-production",
    );
    const ctr4 = waived.findings.find(
      (f) => f.ruleIds.includes("CTR-4") && f.resourceName === "hand-written",
    );
    expect(db2).toMatchObject({ status: "waived", waiver: { owner: "dba@example.eu", expired: false } });
    expect(ctr4).toMatchObject({ status: "fail", waiver: { expired: true } });
    expect(ctr4?.message).toContain(ctr4?.waiver?.id ?? "?");
    expect(exitCode).toBe(1);
  });

  it("locates an ENV-4 finding at the environment's region and an OPS-4 stack finding at the alerts", () => {
    const container = planned.resources.find((r) => r.type === "scaleway:containers/container:Container");
    const base = {
      policy: "p",
      status: "fail" as const,
      enforcementLevel: "mandatory" as const,
      severity: "high" as const,
      message: "m",
      remediation: "r",
    };
    const [env4, ops4] = locateFindings(
      [
        { ...base, ruleIds: ["ENV-4", "COMP-1"], urn: container?.urn, resourceName: container?.name },
        { ...base, ruleIds: ["OPS-4"] },
      ],
      planned.resources,
      planned.contracts,
      planned.input,
    );
    const text = fs.readFileSync(path.join(PROJECT_ROOT, STACK_FILE), "utf8").split("\n");
    expect(env4.source).toMatchObject({
      file: STACK_FILE,
      configKey: "scaleway-infra:environment",
      pointer: "/scaleway/region",
    });
    expect(text[(env4.source?.line ?? 0) - 1]).toMatch(/^\s+region: /);
    // The value of the key: its first line (the first alert), just under `scaleway-infra:alerts:`.
    expect(ops4.source).toMatchObject({ file: STACK_FILE, configKey: "scaleway-infra:alerts" });
    expect(ops4.source?.line).toBe(lineOf(STACK_FILE, "scaleway-infra:alerts:") + 1);
  });
});
