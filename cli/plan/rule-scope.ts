// How each contract rule is decided outside the policy pack, as the rule book says: which rules
// summarise other rules (SECU-1 is CTR-6 + SEC-3), which belong to the deployment workflow or another
// command and so cannot be decided by a plan or a scan, and which are decided by config validation of
// the stack file. The compliance report uses this to give every rule ID a status with a reason, never
// a silent gap. Nothing here names a rule: it all comes from contracts/rules/<group>.ts.
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { CONTRACT_RULES, summaryRules, type ContractRule } from "@scaleway-infra/contracts/rules/catalog";
import type { StackFileKey } from "@scaleway-infra/contracts/rules/rule";

/** Summary rules of CONTRACT-RULES.md "Validation summary", and the rules they stand for. */
export const DERIVED_RULES: Readonly<Record<string, readonly string[]>> = summaryRules();

export type RuleDecider = "policy" | "config-validation" | "deployment-workflow" | "other-command";

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
  if (rule.outsidePlan) return { status: "not_applicable", note: rule.outsidePlan.note };
  if (configValidated && rule.verification === "attested" && !undeclared.includes(rule.id)) {
    return {
      status: "attested",
      note: `declared in the stack file and accepted by config validation, not verifiable by this command: ${rule.attestation?.because ?? rule.title}`,
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

type AttestedDocuments = Pick<StackContracts, "environment" | "database" | "state" | "alerts" | "secrets">;

function valueAt(item: unknown, path: readonly string[]): unknown {
  let current = item;
  for (const step of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * The JSON pointer of an attested rule's declaration in `contracts`, or undefined when the stack
 * declares nothing for it. A `*` in the rule's pointer is the first list item that declares it.
 */
function declarationPointer(rule: ContractRule, contracts: Partial<AttestedDocuments>): string | undefined {
  const attestation = rule.attestation;
  if (!attestation) return undefined;
  if (!attestation.pointer.includes("*")) return attestation.pointer;
  const list = contracts[attestation.key as keyof AttestedDocuments];
  if (!Array.isArray(list)) return undefined;
  const index = list.findIndex((item: unknown) =>
    attestation.declaredWhen ? valueAt(item, attestation.declaredWhen) === true : true,
  );
  return index < 0 ? undefined : attestation.pointer.replace("*", String(index));
}

/**
 * Attested rules the stack declares nothing for, so there is nothing to attest: SEC-6 speaks of
 * secrets whose rotation is enabled, and a stack may have none.
 */
export function undeclaredAttestations(contracts: Pick<StackContracts, "secrets">): string[] {
  return CONTRACT_RULES.filter(
    (rule) => rule.attestation?.declaredWhen && declarationPointer(rule, contracts) === undefined,
  ).map((rule) => rule.id);
}

/**
 * Where, in the stack file's documents, each attested rule's declaration is: the field a reviewer
 * reads to see what was attested. SEC-6 points at the first secret that enables rotation.
 */
export function attestationFields(
  contracts: Pick<StackContracts, "secrets" | "alerts">,
): Record<string, { key: StackFileKey; pointer: string }> {
  const fields: Record<string, { key: StackFileKey; pointer: string }> = {};
  for (const rule of CONTRACT_RULES) {
    if (!rule.attestation) continue;
    const pointer = declarationPointer(rule, contracts);
    if (pointer !== undefined) fields[rule.id] = { key: rule.attestation.key, pointer };
  }
  return fields;
}

/** Extra words for a rule that a policy decides only in part (CTR-5's HTTP 200 is a deploy-time check). */
export const PARTIAL_RULE_NOTES: Readonly<Record<string, string>> = Object.fromEntries(
  CONTRACT_RULES.filter((rule) => rule.partly).map((rule) => [rule.id, rule.partly as string]),
);

/** Rules in catalog order, so every report lists them the same way. */
export function catalogRules(): readonly ContractRule[] {
  return CONTRACT_RULES;
}
