// The data that flows from a program run (offline plan under mocks, a state export, a preview JSON)
// to the policy runner and on to the reports. Every producer builds PlannedResources; every report
// reads a ComplianceReport. Nothing here depends on Pulumi.

/** Where a resource or a finding comes from: a stack-file line, else the TypeScript line that declared it. */
export type { SourceLocation } from "@scaleway-infra/contracts/documents/source-location";
import type { SourceLocation } from "@scaleway-infra/contracts/documents/source-location";

/** Marks a property value that cannot be known until the resource exists (preview). */
export const UNKNOWN = Symbol.for("scaleway-infra.unknown");
export type Unknown = typeof UNKNOWN;

export interface PlannedResource {
  urn: string;
  /** Pulumi type token, e.g. `scaleway:containers/container:Container`. */
  type: string;
  name: string;
  /** False for ComponentResources (`scaleway-infra:*`) and the stack. */
  custom: boolean;
  parent?: string;
  dependencies: string[];
  provider?: string;
  /** The provider's ID of the resource, when it exists (a state export, a live project). */
  id?: string;
  /** Resource inputs, plain JSON. Unknown values are the UNKNOWN symbol; secrets are unwrapped. */
  props: Record<string, unknown>;
  /** Dotted paths (`secretEnvironmentVariables.DATABASE_URL`) of inputs that are Pulumi secrets. */
  secretPaths: string[];
  /**
   * The resource option `additionalSecretOutputs`, when the producer knows what the program declared
   * (the engine passes it to the pack). Absent: the runner passes `secretPaths`, what the state or
   * the program holds as secrets.
   */
  additionalSecretOutputs?: string[];
  source?: SourceLocation;
  /**
   * Set by a scan when this is not the resource's current entry: the old copy of a replacement still
   * awaiting deletion (`delete: true`), a deleted resource awaiting recreation (`pendingReplacement`),
   * or a resource a preview deletes from the stack but leaves running (`retainOnDelete`).
   */
  scanEntry?: ScanEntry;
}

export type ScanEntry = "pending-delete" | "pending-replacement" | "retained-after-delete";

export type FindingStatus = "fail" | "waived" | "indeterminate";
/**
 * `attested`: the stack file declares the rule's value, config validation accepted the declaration,
 * but nothing this command sees can verify it (audit logging, SLA alignment): never counted as pass.
 */
export type RuleStatus = "pass" | "fail" | "waived" | "indeterminate" | "attested" | "not_applicable";

/** Rule statuses worst first: a rule takes the worst status of its findings, reports list it so. */
export const RULE_STATUSES_WORST_FIRST: readonly RuleStatus[] = [
  "fail",
  "indeterminate",
  "waived",
  "attested",
  "pass",
  "not_applicable",
];
export type EnforcementLevel = "advisory" | "mandatory" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";

/** One violation (or waived / indeterminate evaluation) of one policy on one resource or the stack. */
export interface Finding {
  policy: string;
  ruleIds: string[];
  status: FindingStatus;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  message: string;
  remediation: string;
  /** Absent for a stack-level finding that concerns no single resource. */
  urn?: string;
  resourceType?: string;
  resourceName?: string;
  source?: SourceLocation;
  /** For waived (or expired-waiver) findings: the waiver that applied. */
  waiver?: { id: string; reason: string; owner: string; expires: string; expired: boolean };
}

export interface RuleResult {
  ruleId: string;
  title: string;
  status: RuleStatus;
  /** Policies (or config validation / workflow checks) that enforce the rule. */
  enforcedBy: string[];
  findings: Finding[];
  /** Why the rule has this status when no finding says it (`not_applicable` to a plan, pass by config validation). */
  note?: string;
  /** For an attested rule: the stack-file line of the declaration it rests on, when known. */
  source?: SourceLocation;
}

/** One policy as the reports describe it (SARIF `tool.driver.rules`, the JSON report's `policies`). */
export interface PolicyDescriptor {
  name: string;
  description: string;
  ruleIds: string[];
  severity: Severity;
  enforcementLevel: EnforcementLevel;
  remediation: string;
  /** A resource policy (one resource at a time) or a stack policy (all resources together). */
  kind: "resource" | "stack";
}

/**
 * A policy the policy pack config (`--policy-pack-config`) disabled, or downgraded from mandatory to
 * advisory. Either way it blocks nothing, which switches the gate off for its rules, so every report
 * lists it. `from` is its own level without the config, `to` the level the config gave it;
 * `mandatory`: `from` is mandatory. `blocking`: the run fails because of it (a mandatory policy
 * disabled or downgraded, under `--strict` or when `CI` is set).
 */
export interface DisabledPolicy {
  name: string;
  ruleIds: string[];
  /** Where the level was set: `policy-config.json: "database-acl-restricted"` or `... "all"`. */
  source: string;
  from: "mandatory" | "advisory";
  to: "advisory" | "disabled";
  mandatory: boolean;
  blocking: boolean;
}

export interface ComplianceSummary {
  resources: number;
  policies: number;
  mandatoryViolations: number;
  advisoryViolations: number;
  waived: number;
  indeterminate: number;
  rules: Record<RuleStatus, number>;
}

export interface ComplianceReport {
  tool: { name: "scw-infra"; version: string };
  framework: { name: string; version: string };
  stack: string;
  environment: string;
  /** `plan` (offline, mocks), `scan:state` or `scan:preview`. */
  source: string;
  generatedAt: string;
  resources: PlannedResource[];
  findings: Finding[];
  rules: RuleResult[];
  summary: ComplianceSummary;
  /** The policies evaluated, with their metadata (absent when the producer does not know them). */
  policies?: PolicyDescriptor[];
  /** Policies the policy pack config disabled or downgraded (absent or empty when none). */
  disabledPolicies?: DisabledPolicy[];
}
