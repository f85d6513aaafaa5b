// How each contract rule is decided outside the policy pack: which rules summarise other rules
// (SECU-1 is CTR-6 + SEC-3), which belong to the deployment workflow and so cannot be decided by a
// plan or a scan, and which are decided by config validation of the stack file. The compliance
// report uses this to give every rule ID a status with a reason, never a silent gap.
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { CONTRACT_RULES, type ContractRule } from "@scaleway-infra/contracts/rules/catalog";

/** Summary rules of CONTRACT-RULES.md "Validation summary", and the rules they stand for. */
export const DERIVED_RULES: Readonly<Record<string, readonly string[]>> = {
  "SECU-1": ["CTR-6", "SEC-3"],
  "SECU-4": ["DB-8", "STA-4", "SEC-3"],
  "PERF-1": ["CTR-4"],
  "PERF-2": ["CTR-9"],
  "PERF-3": ["ALR-2", "ALR-3"],
  "PERF-4": ["DB-3"],
  "COMP-1": ["ENV-4"],
  "COMP-2": ["ENV-5"],
  "COMP-3": ["SECU-4"],
  "OPS-2": ["STA-3"],
  "OPS-3": ["DEP-3"],
};

export type RuleDecider = "policy" | "config-validation" | "deployment-workflow" | "other-command";

const DEPLOYMENT_WORKFLOW_RULES = new Set(["DEP-1", "DEP-2", "DEP-3", "OPS-3"]);
/** Documents that are not part of a stack (validated by `scw-infra validate`), and the CLI's own errors. */
const OTHER_COMMAND_RULES: Readonly<Record<string, string>> = {
  "INT-1":
    "workflow_trigger documents are not part of a stack; `scw-infra validate workflow-trigger` checks them",
  "INT-2": "image_spec documents are not part of a stack; `scw-infra validate image` checks them",
  "ERR-1": "concerns the error output of every command, not the resources of a stack",
  "ERR-2": "concerns the error codes of every command, not the resources of a stack",
};

/**
 * Why a rule without a policy has the status it has, for a plan (config validated) or a scan. An
 * attested rule whose declaration config validation accepted is `attested`, never `pass`; one the
 * stack does not declare at all (`undeclared`: SEC-6 when no secret enables rotation) has nothing
 * to attest, and config validation's check of the surrounding document is a pass.
 */
export function ruleWithoutPolicyNote(
  rule: ContractRule,
  configValidated: boolean,
  undeclared: readonly string[] = [],
): { status: "pass" | "attested" | "not_applicable"; note: string } {
  if (DEPLOYMENT_WORKFLOW_RULES.has(rule.id)) {
    return {
      status: "not_applicable",
      note: "decided by the deployment workflow (`scw-infra deploy`) at deploy time, not by a plan or a scan",
    };
  }
  const other = OTHER_COMMAND_RULES[rule.id];
  if (other) return { status: "not_applicable", note: other };
  if (configValidated && rule.verification === "attested" && !undeclared.includes(rule.id)) {
    return {
      status: "attested",
      note: `declared in the stack file and accepted by config validation, not verifiable by this command: ${rule.attestation ?? rule.title}`,
    };
  }
  if (configValidated) {
    return { status: "pass", note: "enforced by config validation of the stack file, which passed" };
  }
  return {
    status: "not_applicable",
    note: "enforced by config validation of the stack file; a scan sees resources, not contract documents",
  };
}

/**
 * Attested rules the stack declares nothing for, so there is nothing to attest: SEC-6 speaks of
 * secrets whose rotation is enabled, and a stack may have none.
 */
export function undeclaredAttestations(contracts: Pick<StackContracts, "secrets">): string[] {
  return contracts.secrets.some((secret) => secret.rotation.enabled) ? [] : ["SEC-6"];
}

/**
 * Where, in the stack file's documents, each attested rule's declaration is: the field a reviewer
 * reads to see what was attested. SEC-6 points at the first secret that enables rotation.
 */
export function attestationFields(
  contracts: Pick<StackContracts, "secrets" | "alerts">,
): Record<string, { key: "environment" | "database" | "state" | "alerts" | "secrets"; pointer: string }> {
  const fields: Record<
    string,
    { key: "environment" | "database" | "state" | "alerts" | "secrets"; pointer: string }
  > = {
    "ENV-5": { key: "environment", pointer: "/compliance/audit_logging" },
    "DB-6": { key: "database", pointer: "/backup/region" },
    "STA-3": { key: "state", pointer: "/locking" },
  };
  if (contracts.alerts.length > 0) fields["ALR-3"] = { key: "alerts", pointer: "/0/severity" };
  const rotating = contracts.secrets.findIndex((secret) => secret.rotation.enabled);
  if (rotating >= 0) fields["SEC-6"] = { key: "secrets", pointer: `/${rotating}/rotation` };
  return fields;
}

/** Extra words for a rule that a policy decides only in part (CTR-5's HTTP 200 is a deploy-time check). */
export const PARTIAL_RULE_NOTES: Readonly<Record<string, string>> = {
  "CTR-5":
    "the health check's presence and path are checked here; the HTTP 200 answer is checked by the deployment workflow",
};

/** Rules in catalog order, so every report lists them the same way. */
export function catalogRules(): readonly ContractRule[] {
  return CONTRACT_RULES;
}
