// What every policy of the pack carries besides its check: the contracts framework, the rule IDs it
// enforces (as tags), a severity, remediation steps and a one-sentence description. The helpers here
// build resource and stack policies from a small spec so that no policy can forget its metadata, and
// so that a resource policy only ever sees the resource kinds it declares (both type tokens).
import { CONTRACTS_FRAMEWORK, CONTRACTS_VERSION } from "@scaleway-infra/contracts/thresholds";
import type {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "./policy-types";
import { describeKind, kindOf, type ResourceKind } from "./resource-types";

export const CONTRACTS_POLICY_FRAMEWORK = {
  name: CONTRACTS_FRAMEWORK,
  version: CONTRACTS_VERSION,
  reference: "docs/contract-rules.md",
  specification: "docs/infrastructure-contracts.md",
} as const;

interface ContractMetadata {
  /** Contract rule IDs (CONTRACT-RULES.md) this policy enforces; they become its tags. */
  ruleIds: readonly string[];
  severity: Severity;
  remediationSteps: string;
}

/** A resource policy of this pack: @pulumi/policy's shape plus the metadata every policy carries. */
export type ContractResourcePolicy = ResourceValidationPolicy &
  ContractMetadata & {
    framework: typeof CONTRACTS_POLICY_FRAMEWORK;
    tags: string[];
    /** Resource kinds the policy applies to; `undefined` means every resource type. */
    kinds?: readonly ResourceKind[];
  };

export type ContractStackPolicy = StackValidationPolicy &
  ContractMetadata & {
    framework: typeof CONTRACTS_POLICY_FRAMEWORK;
    tags: string[];
  };

export type ContractPolicy = ContractResourcePolicy | ContractStackPolicy;

export function isStackPolicy(policy: ContractPolicy): policy is ContractStackPolicy {
  return typeof (policy as Partial<StackValidationPolicy>).validateStack === "function";
}

/** Reports one violation; the message says what is wrong and what to change. */
export type Report = (message: string) => void;

interface PolicySpec extends ContractMetadata {
  name: string;
  /** One sentence, ending with a period. */
  description: string;
  configSchema?: PolicyConfigSchema;
}

export interface ResourcePolicySpec extends PolicySpec {
  kinds?: readonly ResourceKind[];
  /** `props` is args.props: behind unknownCheckingProxy under the engine and the runner alike. */
  validate: (props: Record<string, unknown>, args: ResourceValidationArgs, report: Report) => void;
}

export interface StackPolicySpec extends PolicySpec {
  validate: (args: StackValidationArgs, report: (message: string, urn?: string) => void) => void;
}

function prefixRuleIds(ruleIds: readonly string[], message: string): string {
  return `[${ruleIds.join(", ")}] ${message}`;
}

export function resourcePolicy(spec: ResourcePolicySpec): ContractResourcePolicy {
  const { validate, kinds, ...metadata } = spec;
  const appliesTo = kinds ? `Policy only applies to ${kinds.map(describeKind).join("; ")}` : undefined;
  return {
    ...metadata,
    kinds,
    tags: [...spec.ruleIds],
    framework: CONTRACTS_POLICY_FRAMEWORK,
    enforcementLevel: "mandatory",
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (kinds) {
        const kind = kindOf(args.type);
        if (!kind || !kinds.includes(kind)) args.notApplicable(appliesTo);
      }
      validate(args.props, args, (message) => reportViolation(prefixRuleIds(spec.ruleIds, message)));
    },
  };
}

export function stackPolicy(spec: StackPolicySpec): ContractStackPolicy {
  const { validate, ...metadata } = spec;
  return {
    ...metadata,
    tags: [...spec.ruleIds],
    framework: CONTRACTS_POLICY_FRAMEWORK,
    enforcementLevel: "mandatory",
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      validate(args, (message, urn) => reportViolation(prefixRuleIds(spec.ruleIds, message), urn));
    },
  };
}
