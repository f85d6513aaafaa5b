// The compliance report built from findings: a status and a reason for every rule ID.
import { buildComplianceReport, exitCodeForReport, weakestOfSummarised } from "../../cli/plan/compliance";
import type { RuleResult } from "../../cli/plan/model";
import { CONTRACT_RULES } from "@scaleway-infra/contracts/rules/catalog";
import { findings, policies, resources, sampleReport } from "../report/sample-report";

function rule(id: string) {
  const found = sampleReport().rules.find((r) => r.ruleId === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

describe("buildComplianceReport", () => {
  it("gives every rule ID of the catalog exactly one result, in catalog order", () => {
    expect(sampleReport().rules.map((r) => r.ruleId)).toEqual(CONTRACT_RULES.map((r) => r.id));
  });

  it("fails a rule that has a failing finding", () => {
    expect(rule("CTR-4").status).toBe("fail");
  });

  it("fails a summary rule when a rule it stands for fails", () => {
    expect(rule("PERF-1").status).toBe("fail");
    expect(rule("PERF-4").status).toBe("pass");
  });

  it("reports a waived finding's rule as waived", () => {
    expect(rule("CTR-6").status).toBe("waived");
  });

  it("reports an undecided finding's rule as indeterminate", () => {
    expect(rule("CTR-2").status).toBe("indeterminate");
  });

  it("passes a rule whose policies ran without findings", () => {
    expect(rule("CTR-5")).toMatchObject({ status: "pass", enforcedBy: ["container-health-check"] });
  });

  it("passes a schema-only rule when config validation passed, and says so", () => {
    expect(rule("CTR-1")).toMatchObject({ status: "pass", enforcedBy: ["config-validation"] });
    expect(rule("CTR-1").note).toMatch(/config validation/);
  });

  it("marks deployment-workflow rules not applicable to a plan, with the reason", () => {
    expect(rule("DEP-3")).toMatchObject({ status: "not_applicable" });
    expect(rule("DEP-3").note).toMatch(/deployment workflow/);
  });

  it("explains that CTR-5's HTTP 200 part is a deploy-time check", () => {
    expect(rule("CTR-5").note).toMatch(/HTTP 200/);
  });

  it("marks schema-only rules not applicable to a scan, which has no contract documents", () => {
    const report = buildComplianceReport({
      stack: "s",
      environment: "staging",
      source: "scan:state",
      resources,
      findings: [],
      policies,
      configValidated: false,
    });
    expect(report.rules.find((r) => r.ruleId === "DB-1")?.status).toBe("not_applicable");
  });

  it("counts mandatory and advisory violations apart, and ignores disabled policies", () => {
    const disabled = { ...findings[0], enforcementLevel: "disabled" as const };
    const report = buildComplianceReport({
      stack: "p",
      environment: "production",
      source: "plan",
      resources,
      findings: [...findings, disabled],
      policies,
      configValidated: true,
    });
    expect(report.summary).toMatchObject({
      mandatoryViolations: 2,
      advisoryViolations: 1,
      waived: 1,
      indeterminate: 1,
      resources: 3,
    });
  });
});

describe("summary rules (issue 11 §10: no quiet pass)", () => {
  /** A scan report where the runner decided ENV-4 (and COMP-1) as given, and nothing else. */
  function withEnv4(status: RuleResult["status"]) {
    const decided = (ruleId: string): RuleResult => ({
      ruleId,
      title: ruleId,
      status,
      enforcedBy: ["resources-in-eu"],
      findings: [],
    });
    return buildComplianceReport({
      stack: "staging",
      environment: "staging",
      source: "scan:state",
      resources,
      findings: [],
      policies: [
        {
          name: "resources-in-eu",
          description: "d",
          ruleIds: ["ENV-4", "COMP-1"],
          severity: "critical",
          enforcementLevel: "mandatory",
          remediation: "r",
          kind: "resource",
        },
      ],
      policyRules: [decided("ENV-4"), decided("COMP-1")],
      configValidated: false,
    });
  }
  const status = (report: ReturnType<typeof withEnv4>, id: string) =>
    report.rules.find((r) => r.ruleId === id)?.status;

  it("does not pass COMP-1 when ENV-4, which it summarises, was not applicable", () => {
    expect(status(withEnv4("not_applicable"), "COMP-1")).toBe("not_applicable");
  });

  it("leaves COMP-1 indeterminate when ENV-4 is", () => {
    expect(status(withEnv4("indeterminate"), "COMP-1")).toBe("indeterminate");
  });

  it("passes COMP-1 when ENV-4 passed", () => {
    expect(status(withEnv4("pass"), "COMP-1")).toBe("pass");
  });

  it("does not pass SECU-4 in a scan where STA-4 (state encryption) was never checked", () => {
    expect(status(withEnv4("pass"), "SECU-4")).not.toBe("pass");
  });

  it("takes the weakest status, a rule not checked being weaker than a pass", () => {
    expect(weakestOfSummarised(["pass", "not_applicable"])).toBe("not_applicable");
    expect(weakestOfSummarised(["pass", "indeterminate", "not_applicable"])).toBe("indeterminate");
    expect(weakestOfSummarised(["waived", "fail"])).toBe("fail");
    expect(weakestOfSummarised(["pass", "pass"])).toBe("pass");
    expect(weakestOfSummarised([])).toBe("not_applicable");
  });
});

describe("exitCodeForReport", () => {
  it("is 1 with a mandatory violation", () => {
    expect(exitCodeForReport(sampleReport())).toBe(1);
  });

  it("is 0 with advisory violations only", () => {
    const report = buildComplianceReport({
      stack: "p",
      environment: "production",
      source: "plan",
      resources,
      findings: [findings[1]],
      policies,
      configValidated: true,
    });
    expect(exitCodeForReport(report)).toBe(0);
  });

  it("is 1 for an indeterminate finding only with strict", () => {
    const report = buildComplianceReport({
      stack: "p",
      environment: "production",
      source: "plan",
      resources,
      findings: [findings[3]],
      policies,
      configValidated: true,
    });
    expect(exitCodeForReport(report)).toBe(0);
    expect(exitCodeForReport(report, { strict: true })).toBe(1);
  });
});
