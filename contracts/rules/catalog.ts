// The catalog of contract rules: every rule of CONTRACT-RULES.md, in report order, gathered from the
// rule book's group files (one file per rule group, one object per rule: see ./rule.ts). Schemas,
// policies, reports and coverage tests refer to rules through this list, so a rule ID that is not
// here cannot be cited anywhere.
import { COMPLIANCE_RULES } from "./compliance";
import { CONTAINER_RULES } from "./container";
import { DATABASE_RULES } from "./database";
import { DEPLOYMENT_RULES } from "./deployment";
import { ENVIRONMENT_RULES } from "./environment";
import { ERROR_RULES } from "./errors";
import { INTEGRATION_RULES } from "./integration";
import { MONITORING_RULES } from "./monitoring";
import { OPERATIONS_RULES } from "./operations";
import { PERFORMANCE_RULES } from "./performance";
import type { ContractRule } from "./rule";
import { SECRET_RULES } from "./secret";
import { SECURITY_RULES } from "./security";
import { STATE_RULES } from "./state";

export type { ContractRule, Decider, RuleGroup, RuleVerification } from "./rule";

export const CONTRACT_RULES: readonly ContractRule[] = [
  ...CONTAINER_RULES,
  ...DATABASE_RULES,
  ...SECRET_RULES,
  ...MONITORING_RULES,
  ...DEPLOYMENT_RULES,
  ...STATE_RULES,
  ...ENVIRONMENT_RULES,
  ...INTEGRATION_RULES,
  ...SECURITY_RULES,
  ...PERFORMANCE_RULES,
  ...COMPLIANCE_RULES,
  ...OPERATIONS_RULES,
  ...ERROR_RULES,
];

const RULES_BY_ID = new Map(CONTRACT_RULES.map((r) => [r.id, r]));

export function isRuleId(id: string): boolean {
  return RULES_BY_ID.has(id);
}

export function ruleById(id: string): ContractRule {
  const found = RULES_BY_ID.get(id);
  if (!found) throw new Error(`Unknown contract rule ID "${id}"`);
  return found;
}

export function attestedRuleIds(): string[] {
  return CONTRACT_RULES.filter((r) => r.verification === "attested").map((r) => r.id);
}

export function previewRuleIds(): string[] {
  return CONTRACT_RULES.filter((r) => r.preview).map((r) => r.id);
}

/** Summary rules and the rules each stands for (CONTRACT-RULES.md "Validation summary"). */
export function summaryRules(): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(
    CONTRACT_RULES.filter((r) => r.summarizes).map((r) => [r.id, r.summarizes as readonly string[]]),
  );
}
