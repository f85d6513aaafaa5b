// What every policy of the pack carries besides its check: the contracts framework, the rule IDs it
// enforces (as tags), a severity, remediation steps and a one-sentence description. The helpers here
// build resource and stack policies from a small spec so that no policy can forget its metadata, and
// so that a resource policy only ever sees the resource kinds it declares (both type tokens), with
// its props typed by the provider SDK's args of those kinds.
//
// A policy's default enforcement level follows its severity (defaultEnforcementLevel): critical and
// high findings block a preview, medium and low ones are reported without blocking. The pack config
// (`--policy-pack-config`, per policy or `all`) overrides it either way.
import { CONTRACTS_FRAMEWORK, CONTRACTS_VERSION } from "@scaleway-infra/contracts/thresholds";
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "./policy-types";
import { describeKind, kindOf, type InputsOf, type ResourceKind } from "./resource-types";

/** Severities whose findings block a preview by default; the others are advisory. */
export const BLOCKING_SEVERITIES: readonly Severity[] = ["critical", "high"];

/** The enforcement level a policy of `severity` has unless the pack config says otherwise. */
export function defaultEnforcementLevel(severity: Severity): EnforcementLevel {
  return BLOCKING_SEVERITIES.includes(severity) ? "mandatory" : "advisory";
}

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

/** The props a policy of kinds K reads: the SDK's inputs of K, or untyped for a policy of every type. */
export type PolicyProps<K extends ResourceKind> = [K] extends [never] ? Record<string, unknown> : InputsOf<K>;

export interface ResourcePolicySpec<K extends ResourceKind = never> extends PolicySpec {
  kinds?: readonly K[];
  /**
   * `props` is args.props: behind unknownCheckingProxy under the engine and the runner alike, typed
   * by the SDK's args of `kinds` (a policy of several kinds reads the inputs they share).
   */
  validate: (props: PolicyProps<K>, args: ResourceValidationArgs, report: Report) => void;
}

export interface StackPolicySpec extends PolicySpec {
  validate: (args: StackValidationArgs, report: (message: string, urn?: string) => void) => void;
}

function prefixRuleIds(ruleIds: readonly string[], message: string): string {
  return `[${ruleIds.join(", ")}] ${message}`;
}

export function resourcePolicy<K extends ResourceKind = never>(
  spec: ResourcePolicySpec<K>,
): ContractResourcePolicy {
  const { validate, kinds, ...metadata } = spec;
  const appliesTo = kinds ? `Policy only applies to ${kinds.map(describeKind).join("; ")}` : undefined;
  return {
    ...metadata,
    kinds,
    tags: [...spec.ruleIds],
    framework: CONTRACTS_POLICY_FRAMEWORK,
    enforcementLevel: defaultEnforcementLevel(spec.severity),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (kinds) {
        const kind = kindOf(args.type);
        if (!kind || !(kinds as readonly ResourceKind[]).includes(kind)) args.notApplicable(appliesTo);
      }
      // The kind check above is what makes the props of this resource the SDK's inputs of a kind of K.
      validate(args.props as PolicyProps<K>, args, (message) =>
        reportViolation(prefixRuleIds(spec.ruleIds, message)),
      );
    },
  };
}

export function stackPolicy(spec: StackPolicySpec): ContractStackPolicy {
  const { validate, ...metadata } = spec;
  return {
    ...metadata,
    tags: [...spec.ruleIds],
    framework: CONTRACTS_POLICY_FRAMEWORK,
    enforcementLevel: defaultEnforcementLevel(spec.severity),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      validate(args, (message, urn) => reportViolation(prefixRuleIds(spec.ruleIds, message), urn));
    },
  };
}
