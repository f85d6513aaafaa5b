// The JSON report: a stable, versioned document for machines (CI gates, dashboards). Field by field
// it is documented in docs/reports.md and docs/secret-detection.md; any change to a field's meaning
// bumps REPORT_SCHEMA_VERSION. Input values are redacted unless shown on request
// (cli/report/redact.ts); secret input values never appear: they are "[secret]".
import type { ComplianceReport, Finding, RuleResult } from "../plan/model";
import { attestedRules, waivedFindings } from "./present";
import { reportedInputs, type InputValues } from "./redact";
import { secretValuesOf } from "./secret-values";
import { shownJson } from "@scaleway-infra/contracts/errors/shown-value";

/**
 * 1.1: the `attested` rule status (summary.rules.attested), `rules[].source`, `waivedFindings`,
 * `attestedRules`. 2.0: `resources[].inputs` hold `[redacted]` unless `inputValues` is `shown`
 * (issue 11 §3). 2.1: `disabledPolicies` also lists mandatory policies downgraded to advisory, each
 * with `from` and `to`.
 */
export const REPORT_SCHEMA_VERSION = "2.1";

export interface JsonReport {
  schemaVersion: string;
  tool: ComplianceReport["tool"];
  framework: ComplianceReport["framework"];
  stack: string;
  environment: string;
  source: string;
  generatedAt: string;
  /** 0 or 1: the exit code this report leads to (DESIGN.md). */
  exitCode: number;
  /** `redacted`: every input value is `[redacted]`; `shown`: plain values shown (`--show-values`). */
  inputValues: InputValues;
  summary: ComplianceReport["summary"];
  rules: Array<
    Omit<RuleResult, "findings" | "note" | "source"> & {
      note: string | null;
      /** An attested rule's declaration in the stack file, when located; else null. */
      source: RuleResult["source"] | null;
      findings: JsonFinding[];
    }
  >;
  findings: JsonFinding[];
  /** Every finding a waiver covers (waived, or failing again once expired), soonest expiry first. */
  waivedFindings: JsonWaivedFinding[];
  /** Rule IDs reported `attested`: declared in the stack file, not verifiable by this command. */
  attestedRules: string[];
  policies: NonNullable<ComplianceReport["policies"]>;
  /**
   * Policies the policy pack config disabled or downgraded ([] when none): name, ruleIds, source,
   * from, to, mandatory, blocking.
   */
  disabledPolicies: NonNullable<ComplianceReport["disabledPolicies"]>;
  resources: JsonResource[];
}

export type JsonFinding = Required<
  Pick<Finding, "policy" | "ruleIds" | "status" | "enforcementLevel" | "severity" | "message" | "remediation">
> & {
  urn: string | null;
  resourceType: string | null;
  resourceName: string | null;
  source: Finding["source"] | null;
  waiver: Finding["waiver"] | null;
};

export type JsonWaivedFinding = NonNullable<Finding["waiver"]> & {
  policy: string;
  ruleIds: string[];
  status: Finding["status"];
  urn: string | null;
  resourceName: string | null;
  /** Calendar days from generatedAt to the waiver's last day: 0 on that day, negative once past. */
  daysToExpiry: number | null;
};

export interface JsonResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string | null;
  dependencies: string[];
  provider: string | null;
  inputs: Record<string, unknown>;
  secretPaths: string[];
  source: ComplianceReport["resources"][number]["source"] | null;
  /** Scans only: which kind of entry this is when it is not the resource's current one (docs/scan.md). */
  scanEntry: NonNullable<ComplianceReport["resources"][number]["scanEntry"]> | null;
}

function jsonFinding(f: Finding): JsonFinding {
  return {
    policy: f.policy,
    ruleIds: f.ruleIds,
    status: f.status,
    enforcementLevel: f.enforcementLevel,
    severity: f.severity,
    message: f.message,
    remediation: f.remediation,
    urn: f.urn ?? null,
    resourceType: f.resourceType ?? null,
    resourceName: f.resourceName ?? null,
    source: f.source ?? null,
    waiver: f.waiver ?? null,
  };
}

export function toJsonReport(
  report: ComplianceReport,
  exitCode: number,
  inputValues: InputValues = "redacted",
): JsonReport {
  const secrets = secretValuesOf(report);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: report.tool,
    framework: report.framework,
    stack: report.stack,
    environment: report.environment,
    source: report.source,
    generatedAt: report.generatedAt,
    exitCode,
    inputValues,
    summary: report.summary,
    rules: report.rules.map((r) => ({
      ruleId: r.ruleId,
      title: r.title,
      status: r.status,
      enforcedBy: r.enforcedBy,
      note: r.note ?? null,
      source: r.source ?? null,
      findings: r.findings.map(jsonFinding),
    })),
    findings: report.findings.map(jsonFinding),
    waivedFindings: waivedFindings(report).map(({ finding, waiver, daysToExpiry }) => ({
      ...waiver,
      policy: finding.policy,
      ruleIds: finding.ruleIds,
      status: finding.status,
      urn: finding.urn ?? null,
      resourceName: finding.resourceName ?? null,
      daysToExpiry,
    })),
    attestedRules: attestedRules(report).map((rule) => rule.ruleId),
    policies: report.policies ?? [],
    disabledPolicies: report.disabledPolicies ?? [],
    resources: report.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      custom: r.custom,
      parent: r.parent ?? null,
      dependencies: r.dependencies,
      provider: r.provider ?? null,
      inputs: reportedInputs(r, inputValues, secrets),
      secretPaths: r.secretPaths,
      source: r.source ?? null,
      scanEntry: r.scanEntry ?? null,
    })),
  };
}

export function renderJson(
  report: ComplianceReport,
  exitCode: number,
  inputValues: InputValues = "redacted",
): string {
  return shownJson(toJsonReport(report, exitCode, inputValues));
}
