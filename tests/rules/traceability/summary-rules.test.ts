// Summary rules (SECU-1, SECU-4, PERF-1..4, COMP-1..3, OPS-2, OPS-3) are decided in the compliance
// report from the rules they stand for. For every summary relation of cli/plan/rule-scope.ts, a
// failing base rule fails the summary and a clean report passes it; then the same through the real
// policy runner (evaluateCompliance, the code `plan` and `scan` share) on resources that break a base
// rule a policy enforces.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildComplianceReport } from "../../../cli/plan/compliance";
import { evaluateCompliance } from "../../../cli/plan/evaluate";
import type { ComplianceReport, Finding, PlannedResource } from "../../../cli/plan/model";
import { DERIVED_RULES } from "../../../cli/plan/rule-scope";
import { ruleById } from "@scaleway-infra/contracts/rules/catalog";
import { describePolicy } from "../../../cli/policy-runner/runner";
import { allPolicies } from "../../../policies/all";
import { bucketProps, containerProps, databaseProps, resource } from "../../policies/helpers";

const POLICIES = allPolicies().map((p) => describePolicy(p, "mandatory"));

function failingFinding(ruleId: string): Finding {
  return {
    policy: "probe",
    ruleIds: [ruleId],
    status: "fail",
    enforcementLevel: "mandatory",
    severity: "high",
    message: `[${ruleId}] broken on purpose`,
    remediation: "Fix it.",
  };
}

function reportWith(findings: Finding[]): ComplianceReport {
  return buildComplianceReport({
    stack: "production",
    environment: "production",
    source: "plan",
    resources: [],
    findings,
    policies: POLICIES,
    configValidated: true,
  });
}

function ruleOf(report: ComplianceReport, id: string) {
  const found = report.rules.find((r) => r.ruleId === id);
  if (!found) throw new Error(`the report has no rule ${id}`);
  return found;
}

/** True when `id` is attested, or summarises (through other summaries) a rule that is. */
function restsOnAttested(id: string): boolean {
  const rule = ruleById(id);
  return rule.verification === "attested" || (rule.summarizes ?? []).some(restsOnAttested);
}

/** Summaries of attested rules (ENV-5, STA-3, ALR-3) read as attested on a clean plan, never as pass. */
const ATTESTED_SUMMARIES = Object.keys(DERIVED_RULES).filter(restsOnAttested);
/** Summaries of deploy-time rules (OPS-3 of DEP-3): a plan cannot decide them. */
const DEPLOY_TIME_SUMMARIES = Object.keys(DERIVED_RULES).filter((id) => ruleById(id).outsidePlan);

const RELATIONS = Object.entries(DERIVED_RULES).flatMap(([summary, bases]) =>
  bases.map((base) => [summary, base] as const),
);

describe("summary rules in the compliance report", () => {
  it.each(RELATIONS)("fails %s when %s, a rule it stands for, fails", (summary, base) => {
    const result = ruleOf(reportWith([failingFinding(base)]), summary);
    expect(result.status).toBe("fail");
    expect(result.enforcedBy).toContain(`see ${base}`);
  });

  it.each(Object.keys(DERIVED_RULES))("does not fail %s when no rule it stands for fails", (summary) => {
    const result = ruleOf(reportWith([]), summary);
    expect(["pass", "attested", "not_applicable"]).toContain(result.status);
    expect(result.note).toMatch(/summarises|decided by|passed|policies/);
  });

  it("passes every summary rule whose base rules a plan decides, on a clean plan", () => {
    const report = reportWith([]);
    const decidedByPlan = Object.keys(DERIVED_RULES).filter(
      (id) => !DEPLOY_TIME_SUMMARIES.includes(id) && !ATTESTED_SUMMARIES.includes(id),
    );
    expect(decidedByPlan.filter((id) => ruleOf(report, id).status !== "pass")).toEqual([]);
  });

  it("reads a summary of an attested rule as attested, never as pass, on a clean plan", () => {
    expect(ATTESTED_SUMMARIES).toEqual(expect.arrayContaining(["PERF-3", "COMP-2", "OPS-2"]));
    const report = reportWith([]);
    expect(ATTESTED_SUMMARIES.map((id) => [id, ruleOf(report, id).status])).toEqual(
      ATTESTED_SUMMARIES.map((id) => [id, "attested"]),
    );
  });

  it("leaves OPS-3 to the deployment workflow, as DEP-3 is, on a plan", () => {
    expect(ruleOf(reportWith([]), "OPS-3").status).toBe("not_applicable");
    expect(ruleOf(reportWith([]), "DEP-3").note).toMatch(/deployment workflow/);
  });

  it("fails COMP-3 through SECU-4 when DB-8 fails (a summary of a summary)", () => {
    const report = reportWith([failingFinding("DB-8")]);
    expect(ruleOf(report, "SECU-4").status).toBe("fail");
    expect(ruleOf(report, "COMP-3").status).toBe("fail");
  });
});

/** The Validation summary of docs/contract-rules.md: a summary rule and the rule IDs it names. */
function documentedRelations(): Record<string, string[]> {
  const text = fs.readFileSync(path.resolve(__dirname, "../../../docs/contract-rules.md"), "utf8");
  const relations: Record<string, string[]> = {};
  for (const [, id, rest] of text.matchAll(/^- ([A-Z]+-\d+) (.*)$/gm)) {
    const named = /\(([A-Z]+-\d+(?:, [A-Z]+-\d+)*)\)/.exec(rest);
    if (named) relations[id] = named[1].split(", ");
  }
  return relations;
}

describe("the summary relations", () => {
  it("include every relation docs/contract-rules.md states in parentheses", () => {
    for (const [summary, bases] of Object.entries(documentedRelations())) {
      expect({ summary, bases: DERIVED_RULES[summary] }).toEqual({
        summary,
        bases: expect.arrayContaining(bases),
      });
    }
  });

  // The summaries whose base rules no policy decides: config validation (CTR-9, ALR-2, ALR-3, ENV-5,
  // STA-3) or the deployment workflow (DEP-3) rejects the document naming the base rule, and the
  // compliance report carries the summary.
  it.each([
    ["PERF-2", "CTR-9"],
    ["PERF-3", "ALR-2"],
    ["PERF-3", "ALR-3"],
    ["COMP-2", "ENV-5"],
    ["OPS-2", "STA-3"],
    ["OPS-3", "DEP-3"],
  ])("fails %s in the report when %s fails, and does not fail it otherwise", (summary, base) => {
    expect(DERIVED_RULES[summary]).toContain(base);
    expect(ruleOf(reportWith([failingFinding(base)]), summary).status).toBe("fail");
    const clean = ruleOf(reportWith([]), summary).status;
    const expected =
      summary === "OPS-3" ? "not_applicable" : ATTESTED_SUMMARIES.includes(summary) ? "attested" : "pass";
    expect(clean).toBe(expected);
  });
});

describe("summary rules through the policy runner", () => {
  let cwd: string;
  beforeAll(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), "traceability-"));
  });
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  async function evaluated(resources: PlannedResource[]): Promise<ComplianceReport> {
    const { report } = await evaluateCompliance({
      resources,
      stack: "production",
      environment: "production",
      source: "scan:state",
      configValidated: false,
      strict: false,
      cwd,
      now: new Date("2026-06-01T12:00:00Z"),
    });
    return report;
  }

  // The container's secret variable is the payload of a declared secret version (CTR-6, SEC-3).
  const databaseUrl = String(
    (containerProps().secretEnvironmentVariables as Record<string, string>).DATABASE_URL,
  );
  // Every resource sets its region (a location nobody can see is undecided, issue 11 §10), and the
  // stack holds an encrypted state bucket: SECU-4 and COMP-3 summarise STA-4 too, and a summary of a
  // rule nobody checked is no pass.
  const compliant = (): PlannedResource[] => [
    resource("container", "documentation", containerProps()),
    resource("databaseInstance", "documentation-db", databaseProps()),
    resource("secretVersion", "documentation-database-url-v1", {
      secretId: "fr-par/aa11",
      region: "fr-par",
      data: databaseUrl,
    }),
    resource("objectBucket", "state", bucketProps()),
    resource("objectBucketEncryption", "state-encryption", {
      bucket: String(bucketProps().name),
      region: "fr-par",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }),
  ];

  function withChanged(kind: "container" | "databaseInstance", change: Record<string, unknown>) {
    return compliant().map((r) =>
      r.name === (kind === "container" ? "documentation" : "documentation-db")
        ? { ...r, props: { ...r.props, ...change } }
        : r,
    );
  }

  const CASES: readonly {
    summary: string;
    base: string;
    what: string;
    resources: () => PlannedResource[];
  }[] = [
    {
      summary: "PERF-1",
      base: "CTR-4",
      what: "a production container with one instance",
      resources: () => withChanged("container", { minScale: 1 }),
    },
    {
      summary: "PERF-4",
      base: "DB-3",
      what: "a production database keeping backups 14 days",
      resources: () => withChanged("databaseInstance", { backupScheduleRetention: 14 }),
    },
    {
      summary: "SECU-4",
      base: "DB-8",
      what: "a production database without encryption at rest",
      resources: () => withChanged("databaseInstance", { encryptionAtRest: false }),
    },
    {
      summary: "COMP-3",
      base: "DB-8",
      what: "a production database without encryption at rest",
      resources: () => withChanged("databaseInstance", { encryptionAtRest: false }),
    },
    {
      summary: "COMP-1",
      base: "ENV-4",
      what: "a database in us-east-1",
      resources: () => withChanged("databaseInstance", { region: "us-east-1" }),
    },
    {
      summary: "SECU-1",
      base: "CTR-6",
      what: "a container with a password in a plain variable",
      resources: () =>
        withChanged("container", {
          environmentVariables: { LOG_LEVEL: "info", DB_PASSWORD: "s3cr3t-Pa55word-2026" },
        }),
    },
  ];

  it.each(CASES.map((c) => [c.summary, c.base, c.what, c] as const))(
    "fails %s with %s for %s, and a finding names the base rule",
    async (summary, base, _what, c) => {
      const report = await evaluated(c.resources());
      expect(ruleOf(report, base).status).toBe("fail");
      expect(ruleOf(report, summary).status).toBe("fail");
      const cited = report.findings.filter((f) => f.status === "fail" && f.ruleIds.includes(base));
      expect(cited.length).toBeGreaterThan(0);
      expect(cited[0].message).toContain(base);
    },
  );

  it.each([...new Set(CASES.map((c) => c.summary))])("passes %s on compliant resources", async (summary) => {
    const report = await evaluated(compliant());
    expect(ruleOf(report, summary).status).toBe("pass");
  });

  it("does not pass SECU-4 or COMP-3 when the scan holds no state bucket, so STA-4 was never checked", async () => {
    const report = await evaluated(compliant().filter((r) => !r.name.startsWith("state")));
    expect(ruleOf(report, "STA-4").status).toBe("not_applicable");
    expect(ruleOf(report, "SECU-4").status).toBe("not_applicable");
    expect(ruleOf(report, "COMP-3").status).toBe("not_applicable");
  });

  it("leaves COMP-1 indeterminate when a resource's region is nowhere to be seen", async () => {
    const report = await evaluated(
      compliant().map((r) =>
        r.name === "documentation-database-url-v1"
          ? { ...r, props: { secretId: "fr-par/aa11", data: databaseUrl } }
          : r,
      ),
    );
    expect(ruleOf(report, "ENV-4").status).toBe("indeterminate");
    expect(ruleOf(report, "COMP-1").status).toBe("indeterminate");
  });
});
