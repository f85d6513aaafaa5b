// Turns the findings of a policy evaluation into the compliance report: every rule ID of the catalog
// with a status (pass, fail, waived, indeterminate, attested, not applicable), the findings behind it, and the
// reason when no finding explains it. Also decides the exit code a report leads to.
import { CONTRACTS_FRAMEWORK, CONTRACTS_VERSION } from "@scaleway-infra/contracts/thresholds";
import {
  RULE_STATUSES_WORST_FIRST,
  type ComplianceReport,
  type ComplianceSummary,
  type Finding,
  type PlannedResource,
  type PolicyDescriptor,
  type RuleResult,
  type RuleStatus,
  type SourceLocation,
} from "./model";
import { catalogRules, DERIVED_RULES, PARTIAL_RULE_NOTES, ruleWithoutPolicyNote } from "./rule-scope";

/** The tool named in every report: scw-infra at the version of package.json. */
export const TOOL: ComplianceReport["tool"] = {
  name: "scw-infra",
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  version: (require("../../package.json") as { version: string }).version,
};

export interface ComplianceInput {
  stack: string;
  environment: string;
  /** `plan`, `scan:state` or `scan:preview`. */
  source: string;
  resources: PlannedResource[];
  findings: Finding[];
  policies: PolicyDescriptor[];
  /** True for a plan: the stack file passed config validation, so schema-only rules pass. */
  configValidated: boolean;
  /** Attested rules the stack declares nothing for (`undeclaredAttestations`): pass, not attested. */
  undeclaredAttestations?: readonly string[];
  /** Stack-file lines of the attested rules' declarations (`attestationFields` located in the file). */
  attestationSources?: Readonly<Record<string, SourceLocation>>;
  /**
   * The policy runner's per-rule results (cli/policy-runner/runner.ts). For rules a policy enforces they
   * are taken as they are (the runner knows whether a policy applied to any resource at all).
   */
  policyRules?: readonly RuleResult[];
  generatedAt?: string;
}

/** A rule takes the most serious status among its findings. */
function worst(statuses: RuleStatus[]): RuleStatus {
  for (const status of RULE_STATUSES_WORST_FIRST) if (statuses.includes(status)) return status;
  return "pass";
}

/**
 * The status of a summary rule: the weakest among the statuses it summarises, where a rule that was
 * not applicable is weaker than one that passed (a summary of nothing checked is not a pass).
 * Derived from RULE_STATUSES_WORST_FIRST, so a status added there keeps its place.
 */
export function weakestOfSummarised(statuses: readonly RuleStatus[]): RuleStatus {
  const order = [...RULE_STATUSES_WORST_FIRST.filter((s) => s !== "pass"), "pass" as const];
  for (const status of order) if (statuses.includes(status)) return status;
  return "not_applicable";
}

/** A finding counts against a rule unless its policy is disabled. */
function counts(finding: Finding): boolean {
  return finding.enforcementLevel !== "disabled";
}

/**
 * A policy disabled by the policy pack config checked nothing: it must not appear among a rule's
 * enforcers (DB-4 "checked by database-acl-restricted" while it is off would hide a world-open ACL),
 * and the rule's reason says which policies were switched off. A rule left with no enforcer at all
 * is not applicable rather than passed.
 */
function noteDisabledPolicies(result: RuleResult, policies: readonly PolicyDescriptor[]): void {
  const disabled = policies
    .filter((p) => p.enforcementLevel === "disabled" && p.ruleIds.includes(result.ruleId))
    .map((p) => p.name);
  if (disabled.length === 0) return;
  result.enforcedBy = result.enforcedBy.filter((name) => !disabled.includes(name));
  const checked = result.enforcedBy.length > 0 ? `checked by ${result.enforcedBy.join(", ")}` : "not checked";
  result.note = `${result.note ?? checked}; ${disabled.join(", ")} disabled by the policy pack config`;
  if (result.enforcedBy.length === 0 && result.status === "pass") result.status = "not_applicable";
}

export function buildComplianceReport(input: ComplianceInput): ComplianceReport {
  const findings = input.findings.filter(counts);
  const rules = new Map<string, RuleResult>();
  const fromRunner = new Map((input.policyRules ?? []).map((r) => [r.ruleId, r]));
  for (const rule of catalogRules()) {
    const decided = fromRunner.get(rule.id);
    if (decided && decided.enforcedBy.length > 0 && !(rule.id in DERIVED_RULES)) {
      const partial = PARTIAL_RULE_NOTES[rule.id];
      const note = partial && decided.status !== "not_applicable" ? { note: partial } : {};
      const result: RuleResult = { ...decided, findings: decided.findings.filter(counts), ...note };
      // No resource for the policies to look at (no state bucket in the stack), but the stack file's
      // documents passed config validation, which checks the same rule: that is a pass, said why.
      if (
        decided.status === "not_applicable" &&
        ruleWithoutPolicyNote(rule, input.configValidated).status === "pass"
      ) {
        result.status = "pass";
        result.note = `${decided.note ?? "no resource for its policies"}; the stack file passed config validation, which checks it too`;
        result.enforcedBy = [...decided.enforcedBy, "config-validation"];
      }
      rules.set(rule.id, result);
      continue;
    }
    const ruleFindings = findings.filter((f) => f.ruleIds.includes(rule.id));
    const enforcedBy = input.policies
      .filter((p) => p.ruleIds.includes(rule.id) && p.enforcementLevel !== "disabled")
      .map((p) => p.name);
    const result: RuleResult = {
      ruleId: rule.id,
      title: rule.title,
      status: "pass",
      enforcedBy,
      findings: ruleFindings,
    };
    if (ruleFindings.length > 0) {
      result.status = worst(ruleFindings.map((f) => f.status));
    } else if (enforcedBy.length === 0 && !(rule.id in DERIVED_RULES)) {
      const decided = ruleWithoutPolicyNote(rule, input.configValidated, input.undeclaredAttestations);
      result.status = decided.status;
      result.note = decided.note;
      result.enforcedBy = [decided.status === "not_applicable" ? "not-evaluated" : "config-validation"];
      const declared = input.attestationSources?.[rule.id];
      if (decided.status === "attested" && declared) result.source = declared;
    }
    const partial = PARTIAL_RULE_NOTES[rule.id];
    if (partial) result.note = partial;
    rules.set(rule.id, result);
  }
  for (const result of rules.values()) noteDisabledPolicies(result, input.policies);
  // Summary rules take the weakest status of the rules they stand for (SECU-1 fails when CTR-6 fails,
  // and is not passed while CTR-6 is undecided or was not checked at all).
  for (const [summaryId, baseIds] of Object.entries(DERIVED_RULES)) {
    const result = rules.get(summaryId);
    if (!result) continue;
    const bases = baseIds.map((id) => rules.get(id)).filter((r): r is RuleResult => r !== undefined);
    // A policy tagged with the summary rule itself counts only through its findings: its having run
    // says nothing about the rules summarised.
    const own = result.findings.length > 0 ? [worst(result.findings.map((f) => f.status))] : [];
    result.status = weakestOfSummarised([...own, ...bases.map((b) => b.status)]);
    result.enforcedBy = [...new Set([...result.enforcedBy, ...baseIds.map((id) => `see ${id}`)])];
    result.note ??= `summarises ${baseIds.join(", ")}`;
    // An attested summary points at the declaration of the attested rule it stands for.
    if (result.status === "attested")
      result.source ??= bases.find((b) => b.status === "attested" && b.source)?.source;
  }
  const ruleResults = [...rules.values()];
  return {
    tool: { ...TOOL },
    framework: { name: CONTRACTS_FRAMEWORK, version: CONTRACTS_VERSION },
    stack: input.stack,
    environment: input.environment,
    source: input.source,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    resources: input.resources,
    findings: input.findings,
    rules: ruleResults,
    summary: summarize(input, ruleResults),
    policies: input.policies,
  };
}

function summarize(input: ComplianceInput, rules: RuleResult[]): ComplianceSummary {
  const active = input.findings.filter(counts);
  const ruleCounts: Record<RuleStatus, number> = {
    pass: 0,
    fail: 0,
    waived: 0,
    indeterminate: 0,
    attested: 0,
    not_applicable: 0,
  };
  for (const rule of rules) ruleCounts[rule.status] += 1;
  return {
    resources: input.resources.filter((r) => r.custom).length,
    policies: input.policies.filter((p) => p.enforcementLevel !== "disabled").length,
    mandatoryViolations: active.filter((f) => f.status === "fail" && f.enforcementLevel === "mandatory")
      .length,
    advisoryViolations: active.filter((f) => f.status === "fail" && f.enforcementLevel === "advisory").length,
    waived: active.filter((f) => f.status === "waived").length,
    indeterminate: active.filter((f) => f.status === "indeterminate").length,
    rules: ruleCounts,
  };
}

/**
 * DESIGN.md exit codes: 1 when a mandatory policy is violated (or, with `--strict`, when a rule could
 * not be decided because a value was unknown), else 0; advisory findings never fail a run.
 */
export function exitCodeForReport(report: ComplianceReport, options: { strict?: boolean } = {}): number {
  if (report.summary.mandatoryViolations > 0) return 1;
  if (options.strict && report.summary.indeterminate > 0) return 1;
  return 0;
}
