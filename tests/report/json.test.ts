// The JSON report: versioned, stable fields, secrets redacted, unknowns named.
import { REPORT_SCHEMA_VERSION, toJsonReport } from "../../cli/report/json";
import { sampleReport } from "./sample-report";

function json() {
  return JSON.parse(JSON.stringify(toJsonReport(sampleReport(), 1))) as Record<string, unknown> & {
    rules: Array<Record<string, unknown>>;
    findings: Array<Record<string, unknown>>;
    resources: Array<Record<string, unknown> & { inputs: Record<string, unknown> }>;
    policies: Array<Record<string, unknown>>;
  };
}

describe("toJsonReport", () => {
  it("carries the schema version, tool, framework, stack and exit code at the top", () => {
    expect(json()).toMatchObject({
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: "scw-infra" },
      framework: { name: "scaleway-infra-contracts", version: "2025-11-07" },
      stack: "production",
      environment: "production",
      source: "plan",
      exitCode: 1,
      inputValues: "redacted",
    });
  });

  it("gives every rule its ID, title, status, enforcers, note, declaration source and findings", () => {
    const rule = json().rules.find((r) => r.ruleId === "CTR-4");
    expect(Object.keys(rule ?? {}).sort()).toEqual([
      "enforcedBy",
      "findings",
      "note",
      "ruleId",
      "source",
      "status",
      "title",
    ]);
    expect(rule).toMatchObject({
      status: "fail",
      enforcedBy: ["container-min-instances"],
      note: null,
      source: null,
    });
  });

  it("writes absent finding fields as null so every finding has the same keys", () => {
    const stackFinding = json().findings.find((f) => f.policy === "monitoring-coverage");
    expect(stackFinding).toMatchObject({ urn: null, resourceName: null, source: null, waiver: null });
    const keys = json().findings.map((f) => Object.keys(f).sort().join(","));
    expect(new Set(keys).size).toBe(1);
  });

  it("replaces secret input values by [secret], unknown values by [unknown] and the rest by [redacted]", () => {
    const container = json().resources.find((r) => r.name === "documentation");
    expect(container?.inputs).toEqual({
      minScale: "[redacted]",
      secretEnvironmentVariables: "[secret]",
      domainName: "[unknown]",
    });
    expect(JSON.stringify(json())).not.toContain("hunter2");
  });

  it("lists the policies with their metadata", () => {
    expect(json().policies[0]).toEqual({
      name: "container-min-instances",
      description: expect.any(String),
      ruleIds: ["CTR-4", "PERF-1"],
      severity: "high",
      enforcementLevel: "mandatory",
      remediation: expect.any(String),
      kind: "resource",
    });
  });

  it("has a summary whose rule counts add up to the number of rules", () => {
    const report = json();
    const counts = (report.summary as { rules: Record<string, number> }).rules;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(report.rules.length);
  });
});
