// The SARIF report validates against SARIF 2.1.0 and gives GitHub code scanning what it needs.
import "@microsoft/jest-sarif";
import * as fs from "node:fs";
import * as path from "node:path";
import { toSarif } from "../../cli/report/sarif";
import { FALLBACK_LOCATION, sampleReport } from "./sample-report";

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }>;
  suppressions?: unknown[];
}
interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  properties: { tags: string[]; "security-severity": string };
}

function sarif() {
  const log = toSarif(sampleReport(), { fallbackLocation: FALLBACK_LOCATION }) as {
    runs: Array<{ tool: { driver: { rules: SarifRule[] } }; results: SarifResult[] }>;
  };
  return { log, rules: log.runs[0].tool.driver.rules, results: log.runs[0].results };
}

describe("toSarif", () => {
  it("uses the SARIF 2.1.0 schema shipped in the test fixtures", () => {
    const shipped = fs.readFileSync(path.join(__dirname, "../fixtures/sarif/sarif-2.1.0-rtm.5.json"), "utf8");
    const matcherSchema = fs.readFileSync(
      require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"),
      "utf8",
    );
    expect(JSON.parse(shipped)).toEqual(JSON.parse(matcherSchema));
  });

  it("produces a valid SARIF 2.1.0 log", () => {
    expect(sarif().log).toBeValidSarifLog();
  });

  it("is checked by a validator that rejects a broken log (so the test above can fail)", () => {
    const broken = { ...sarif().log, version: "2.0.0" };
    expect(broken).not.toBeValidSarifLog();
  });

  it("describes every policy as a rule with its metadata and rule-ID tags", () => {
    const rule = sarif().rules.find((r) => r.id === "container-min-instances");
    expect(rule?.shortDescription.text).toMatch(/^CTR-4, PERF-1: /);
    expect(rule?.fullDescription.text).toMatch(/minimum number of instances/);
    expect(rule?.help.text).toContain("Set scaling.min_instances");
    expect(rule?.properties.tags).toEqual(expect.arrayContaining(["CTR-4", "PERF-1", "security"]));
    expect(rule?.properties["security-severity"]).toBe("8.0");
  });

  it("gives every result a physical location with a file and a line", () => {
    for (const result of sarif().results) {
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/\S/);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  it("locates a finding at the stack-file line of its config value", () => {
    const result = sarif().results.find((r) => r.ruleId === "container-min-instances");
    expect(result?.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: "Pulumi.production.yaml" },
      region: { startLine: 14 },
    });
  });

  it("names a file outside the repository by a file: URI", () => {
    const log = toSarif(sampleReport(), {
      fallbackLocation: { file: "/tmp/Pulumi.production.yaml", line: 1 },
    }) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: unknown } }>;
        }>;
      }>;
    };
    const result = log.runs[0].results.find((r) => r.ruleId === "monitoring-coverage");
    expect(result?.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "file:///tmp/Pulumi.production.yaml",
    });
    expect(log).toBeValidSarifLog();
  });

  it("locates a stack-level finding at the fallback location", () => {
    const result = sarif().results.find((r) => r.ruleId === "monitoring-coverage");
    expect(result?.locations[0].physicalLocation.artifactLocation.uri).toBe("Pulumi.production.yaml");
    expect(result?.locations[0].physicalLocation.region.startLine).toBe(1);
  });

  it("sets the level from the enforcement: mandatory error, advisory warning, undecided note", () => {
    const levels = Object.fromEntries(sarif().results.map((r) => [r.ruleId, r.level]));
    expect(levels).toMatchObject({
      "container-min-instances": "error",
      "database-high-availability": "warning",
      "container-image-pinned": "note",
    });
  });

  it("keeps a waived finding as a suppressed result with the waiver's justification", () => {
    const result = sarif().results.find((r) => r.ruleId === "container-no-hardcoded-secrets");
    expect(result?.suppressions).toEqual([
      expect.objectContaining({
        kind: "external",
        justification: expect.stringContaining("platform@example.eu"),
      }),
    ]);
  });
});
