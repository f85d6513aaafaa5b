// Policy config properties that a stack states itself, in its environment document: whether the
// environment requires encryption at rest and private networking. A policy whose property says "not
// required" checks nothing, as surely as a disabled one, so `plan` takes these from the stack, where
// config validation has judged them, and refuses a policy pack config that says otherwise. (`scan`
// and `audit` see no stack file: there the policy pack config is the only source, see
// docs/policy-pack.md.)
import { InfraError, type ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import { showValue } from "@scaleway-infra/contracts/errors/shown-value";
import { EMPTY_ENFORCEMENT_CONFIG, type EnforcementConfig } from "../policy-runner/enforcement";
import type { StackInput } from "@scaleway-infra/contracts/config/stack-input";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";

interface StackPolicyProperty {
  policy: string;
  property: string;
  /** Where the stack states it: a contract key and a JSON pointer inside its document. */
  key: "environment";
  pointer: string;
  read: (contracts: StackContracts) => unknown;
  /** Whether `false` switches the policy's check off (else it only changes its message). */
  switchesOff: boolean;
}

export const STACK_POLICY_PROPERTIES: readonly StackPolicyProperty[] = [
  {
    policy: "database-encryption-at-rest",
    property: "encryptionRequired",
    key: "environment",
    pointer: "/compliance/encryption_required",
    read: (contracts) => contracts.environment.compliance.encryption_required,
    // SECU-4 requires encryption of the database whatever encryption_required says.
    switchesOff: false,
  },
  {
    policy: "database-private-network",
    property: "privateNetworkingRequired",
    key: "environment",
    pointer: "/networking/private_networking",
    read: (contracts) => contracts.environment.networking.private_networking,
    switchesOff: true,
  },
];

/**
 * The policy pack config with the properties the stack states set from the stack; INFRA_001 when the
 * config gives one of them another value.
 */
export function withStackPolicyProperties(
  config: EnforcementConfig | undefined,
  contracts: StackContracts,
  input: StackInput,
): EnforcementConfig {
  const base = config ?? EMPTY_ENFORCEMENT_CONFIG;
  const policies = { ...base.policies };
  const problems: ProblemDetail[] = [];
  for (const stated of STACK_POLICY_PROPERTIES) {
    const value = stated.read(contracts);
    const entry = policies[stated.policy];
    const configured = entry?.properties[stated.property];
    const where = input.locate?.(stated.key, stated.pointer);
    const declaration = `${stated.key}${stated.pointer.replace(/\//g, ".")}`;
    if (configured !== undefined && configured !== value) {
      const stackAt = where ? `${where.file}:${where.line}` : (input.file ?? "the stack");
      problems.push({
        path: `/${stated.policy}/${stated.property}`,
        rule: "SCHEMA",
        message: `${stated.policy}.${stated.property} is ${showValue(configured)} in the policy pack config, but the stack says ${declaration}: ${showValue(value)} (${stackAt}); the policy would check nothing the stack requires`,
        fix: `Remove ${stated.property} from the policy pack config (plan takes it from the stack), or change ${declaration} in the stack file.`,
        ...(base.file === undefined ? {} : { file: base.file }),
      });
      continue;
    }
    policies[stated.policy] = {
      ...(entry ?? {}),
      properties: { ...(entry?.properties ?? {}), [stated.property]: value },
    };
  }
  if (problems.length > 0) {
    throw new InfraError("INFRA_001", `${base.file ?? "policy pack config"}: contradicts the stack`, {
      problems,
      details: { file: base.file },
    });
  }
  return {
    ...base,
    policies,
    statedByStack: STACK_POLICY_PROPERTIES.map((stated) => `${stated.policy}.${stated.property}`),
  };
}
