// Issue 9 §4 and issue 11 §4 "Visibility", across every report format: attested rules (declared in the
// stack file, not verifiable by a plan) are ATTESTED and never PASS, counted apart; waived findings
// have a section of their own with owner, reason, expiry and days to expiry.
import { buildComplianceReport } from "../../cli/plan/compliance";
import { undeclaredAttestations } from "../../cli/plan/rule-scope";
import { attestedRuleIds } from "@scaleway-infra/contracts/rules/catalog";
import { toJsonReport } from "../../cli/report/json";
import { renderJunit } from "../../cli/report/junit";
import { renderMarkdown } from "../../cli/report/markdown";
import { daysUntil, expiryText } from "../../cli/report/present";
import { toSarif } from "../../cli/report/sarif";
import { renderText } from "../../cli/report/text";
import { FALLBACK_LOCATION, findings, policies, resources, sampleReport } from "./sample-report";

const ATTESTED = ["ENV-5", "ALR-3", "DB-6", "STA-3", "SEC-6"];

function reportOf(options: { configValidated: boolean; undeclared?: string[] }) {
  return buildComplianceReport({
    stack: "production",
    environment: "production",
    source: options.configValidated ? "plan" : "scan:state",
    resources,
    findings,
    policies,
    configValidated: options.configValidated,
    ...(options.undeclared ? { undeclaredAttestations: options.undeclared } : {}),
    generatedAt: "2026-01-01T00:00:00.000Z",
  });
}

describe("attested rules", () => {
  it("are the rules the catalog marks attested", () => {
    expect(attestedRuleIds().sort()).toEqual([...ATTESTED].sort());
  });

  it("are attested, never pass, on a plan whose stack file passed config validation", () => {
    const report = reportOf({ configValidated: true });
    for (const id of ATTESTED) {
      const rule = report.rules.find((r) => r.ruleId === id);
      expect({ id, status: rule?.status }).toEqual({ id, status: "attested" });
      expect(rule?.note).toMatch(/not verifiable by this command/);
    }
    expect(report.summary.rules.attested).toBe(report.rules.filter((r) => r.status === "attested").length);
  });

  it("are not applicable to a scan, which sees no stack file", () => {
    const report = reportOf({ configValidated: false });
    expect(report.rules.filter((r) => r.status === "attested")).toEqual([]);
  });

  it("leave SEC-6 a pass when no secret enables rotation, as there is nothing to attest", () => {
    const report = reportOf({ configValidated: true, undeclared: ["SEC-6"] });
    expect(report.rules.find((r) => r.ruleId === "SEC-6")?.status).toBe("pass");
    expect(undeclaredAttestations({ secrets: [] })).toEqual(["SEC-6"]);
  });

  it("fail when a finding says so: attested is never stronger than a failure", () => {
    const failing = buildComplianceReport({
      stack: "production",
      environment: "production",
      source: "plan",
      resources: [],
      findings: [
        {
          policy: "probe",
          ruleIds: ["ENV-5"],
          status: "fail",
          enforcementLevel: "mandatory",
          severity: "high",
          message: "audit logging off",
          remediation: "Turn it on.",
        },
      ],
      policies: [],
      configValidated: true,
    });
    expect(failing.rules.find((r) => r.ruleId === "ENV-5")?.status).toBe("fail");
    expect(failing.rules.find((r) => r.ruleId === "COMP-2")?.status).toBe("fail");
  });

  it("point at their declaration in the stack file, in the report, its summaries and SARIF", () => {
    const declared = { file: "Pulumi.production.yaml", line: 23, column: 22 };
    const report = buildComplianceReport({
      stack: "production",
      environment: "production",
      source: "plan",
      resources,
      findings,
      policies,
      configValidated: true,
      attestationSources: { "ENV-5": declared },
    });
    expect(report.rules.find((r) => r.ruleId === "ENV-5")?.source).toEqual(declared);
    expect(report.rules.find((r) => r.ruleId === "COMP-2")?.source).toEqual(declared);
    expect(toJsonReport(report, 1).rules.find((r) => r.ruleId === "ENV-5")?.source).toEqual(declared);
    const sarif = toSarif(report, { fallbackLocation: FALLBACK_LOCATION }) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          kind?: string;
          locations: Array<{ physicalLocation: { region: unknown } }>;
        }>;
      }>;
    };
    const env5 = sarif.runs[0].results.find((r) => r.kind === "review" && r.ruleId === "ENV-5");
    expect(env5?.locations[0].physicalLocation.region).toEqual({ startLine: 23, startColumn: 22 });
  });

  it("show as ATTESTED, counted apart, in the text report", () => {
    const text = renderText(sampleReport(), { color: false });
    expect(text).toMatch(/^ATTESTED\s+ENV-5 /m);
    expect(text).not.toMatch(/^PASS\s+ENV-5 /m);
    expect(text).toMatch(
      /\d+ pass, \d+ fail, \d+ waived, \d+ indeterminate, [1-9]\d* attested, \d+ not applicable/,
    );
    expect(text).toMatch(/Attested rules \(\d+\): declared in the stack file/);
  });

  it("show as ATTESTED in the Markdown report, with their own count column and section", () => {
    const markdown = renderMarkdown(sampleReport());
    expect(markdown).toContain("| pass | fail | waived | indeterminate | attested | not applicable |");
    expect(markdown).toMatch(/\| 📝 ATTESTED \| ENV-5 \|/);
    expect(markdown).toMatch(/### Attested rules \(\d+\)/);
  });

  it("show as attested in the JSON report: rule status, summary count and list", () => {
    const json = toJsonReport(sampleReport(), 1);
    expect(json.rules.find((r) => r.ruleId === "DB-6")?.status).toBe("attested");
    expect(json.summary.rules.attested).toBeGreaterThanOrEqual(ATTESTED.length);
    expect(json.attestedRules).toEqual(expect.arrayContaining(ATTESTED));
  });

  it("are SARIF results of kind review and level none, one per attested rule", () => {
    const sarif = toSarif(sampleReport(), { fallbackLocation: FALLBACK_LOCATION }) as {
      runs: Array<{
        results: Array<Record<string, unknown>>;
        tool: { driver: { rules: Array<{ id: string }> } };
      }>;
    };
    const [run] = sarif.runs;
    const reviews = run.results.filter((r) => r.kind === "review");
    expect(reviews.map((r) => r.ruleId).sort()).toEqual(
      sampleReport()
        .rules.filter((r) => r.status === "attested")
        .map((r) => r.ruleId)
        .sort(),
    );
    for (const result of reviews) {
      expect(result.level).toBe("none");
      expect(run.tool.driver.rules[result.ruleIndex as number].id).toBe(result.ruleId);
    }
  });

  it("are skipped JUnit cases with an attested status property", () => {
    expect(renderJunit(sampleReport())).toMatch(
      /<testcase name="STA-3 [^"]*"[^>]*><properties><property name="status" value="attested"\/>/,
    );
  });
});

describe("waived findings", () => {
  it("count calendar days to the waiver's last day, negative once past", () => {
    expect(daysUntil("2026-01-11", "2026-01-01T23:59:00Z")).toBe(10);
    expect(daysUntil("2026-01-01", "2026-01-01T08:00:00Z")).toBe(0);
    expect(daysUntil("2025-12-30", "2026-01-01T08:00:00Z")).toBe(-2);
    expect(daysUntil("not a date", "2026-01-01T08:00:00Z")).toBeNull();
    const waiver = { id: "w", reason: "r", owner: "o", expires: "2025-12-30", expired: true };
    expect(expiryText({ waiver, daysToExpiry: -2 })).toBe("expired 2 days ago");
    expect(expiryText({ waiver: { ...waiver, expired: false }, daysToExpiry: 1 })).toBe("in 1 day");
  });

  it("have their own section in the text report with owner, reason and expiry", () => {
    const text = renderText(sampleReport(), { color: false });
    expect(text).toMatch(
      /Waived findings \(1\)\n {2}CTR-6, SECU-1 {2}runners {2}waiver legacy-runner-token: owner platform@example.eu, expires 2099-01-01 \(in \d+ days\)\n {4}reason: Rotated weekly/,
    );
  });

  it("have their own section in the Markdown report, with HTML in the reason escaped", () => {
    const markdown = renderMarkdown(sampleReport());
    expect(markdown).toMatch(/### Waived findings \(1\)/);
    expect(markdown).toMatch(
      /\| CTR-6, SECU-1 \| runners \| `legacy-runner-token` \| platform@example.eu \| Rotated weekly until ticket OPS-12 lands &lt;soon&gt;/,
    );
    expect(markdown).not.toContain("<soon>");
  });

  it("are listed in the JSON report with days to expiry", () => {
    const json = toJsonReport(sampleReport(), 1);
    expect(json.waivedFindings).toEqual([
      expect.objectContaining({
        id: "legacy-runner-token",
        owner: "platform@example.eu",
        expires: "2099-01-01",
        daysToExpiry: daysUntil("2099-01-01", "2026-01-01T00:00:00.000Z"),
        policy: "container-no-hardcoded-secrets",
      }),
    ]);
  });

  it("carry owner, expiry and days to expiry on their SARIF suppression", () => {
    const sarif = toSarif(sampleReport(), { fallbackLocation: FALLBACK_LOCATION }) as {
      runs: Array<{ results: Array<{ suppressions?: Array<{ properties: Record<string, unknown> }> }> }>;
    };
    const suppressed = sarif.runs[0].results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].suppressions?.[0].properties).toEqual(
      expect.objectContaining({
        owner: "platform@example.eu",
        expires: "2099-01-01",
        daysToExpiry: expect.any(Number),
      }),
    );
  });
});
