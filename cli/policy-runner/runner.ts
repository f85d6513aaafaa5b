// The offline policy runner: evaluates the pack's own policy objects on PlannedResources, building
// ResourceValidationArgs and StackValidationArgs the way @pulumi/policy's server does (server.js:
// makeAnalyzeRpcFun / makeAnalyzeStackRpcFun): props behind unknownCheckingProxy, getConfig with the
// configSchema defaults and the policy pack config, notApplicable, stackTags, isType/asType, opts and
// provider; stack policies see every resource with its parent and dependencies resolved. What the
// engine reports as an advisory "can't run policy during preview" becomes an `indeterminate` finding
// (a failure with `strict`). Waivers and enforcement levels are applied to the results. Used by
// `scw-infra plan`/`scan`, the benchmark and the policy tests.
import { STACK_POLICY_PROPERTIES } from "../plan/stack-policy-config";
import { CONTRACT_RULES } from "@scaleway-infra/contracts/rules/catalog";
import {
  CONTRACTS_FRAMEWORK,
  CONTRACTS_VERSION,
  isEnvironmentName,
} from "@scaleway-infra/contracts/thresholds";
import {
  UNKNOWN,
  type ComplianceSummary,
  type DisabledPolicy,
  type EnforcementLevel as ReportedLevel,
  type Finding,
  type PlannedResource,
  type PolicyDescriptor,
  type RuleResult,
  type RuleStatus,
} from "../plan/model";
import { allPolicies } from "../../policies/all";
import { isStackPolicy, type ContractPolicy } from "../../policies/metadata";
import type {
  EnforcementLevel,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "../../policies/policy-types";
import { environmentOf, thresholdEnvironment } from "../../policies/resource-context";
import { kindOf, type ResourceKind } from "../../policies/resource-types";
import {
  UNKNOWN_STRING_SENTINEL,
  isUnknownValueError,
  unknownCheckingProxy,
} from "../../policies/unknown-values";
import {
  EMPTY_ENFORCEMENT_CONFIG,
  PACK_ENFORCEMENT_LEVEL,
  resolvePolicySettings,
  type EnforcementConfig,
  type ResolvedPolicySettings,
} from "./enforcement";
import { ALL_POLICIES_KEY } from "../../policies/registry";
import { MaskedReads } from "./masked-inputs";
import { assertWaiverLimits, describeWaiver, matchWaiver, type Waiver } from "../../policies/waivers";

export interface PolicyEvaluationOptions {
  /** Stack name; the report's environment defaults to it. Policies read it from each URN. */
  stack: string;
  /** The environment for the report header (defaults to the stack name when it is one). */
  environment?: string;
  /** Defaults to allPolicies(): the pack's policies. */
  policies?: readonly ContractPolicy[];
  /** A `--policy-pack-config` document, parsed by cli/policy-runner/enforcement.ts. */
  enforcement?: EnforcementConfig;
  waivers?: readonly Waiver[];
  /** Clock for waiver expiry; defaults to now. */
  now?: Date;
  /** Treat indeterminate results (values unknown at preview) as failures. */
  strict?: boolean;
  /** `--allow-broad-waivers`: a glob waiver may cover a mandatory policy in production. */
  allowBroadWaivers?: boolean;
  /**
   * The run is in CI (the `CI` environment variable): a mandatory policy disabled or downgraded by the
   * config fails, as with strict.
   */
  ci?: boolean;
  /** Stack tags, as the engine passes them (configureStack). */
  stackTags?: Readonly<Record<string, string>>;
}

export interface PolicyEvaluation {
  framework: { name: string; version: string };
  stack: string;
  environment: string;
  findings: Finding[];
  rules: RuleResult[];
  summary: ComplianceSummary;
  policies: PolicyDescriptor[];
  /** Policies the policy pack config disabled or downgraded, and whether each fails the run. */
  disabledPolicies: DisabledPolicy[];
}

/** Thrown by args.notApplicable(), like the server's NotApplicableError. */
class NotApplicableError extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? "Policy does not apply");
  }
}

function throwNotApplicable(reason?: string): never {
  // Thrown for every resource a policy does not cover: no stack trace, which nobody reads and which
  // costs more than the check itself on a large stack.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const error = new NotApplicableError(reason);
  Error.stackTraceLimit = limit;
  throw error;
}

/** What the engine would receive: plain JSON, with UNKNOWN replaced by @pulumi/policy's sentinels. */
export function toWireValue(value: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN_STRING_SENTINEL;
  if (value === undefined || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toWireValue);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // The server drops properties whose value is undefined (deserializeProperties).
    if (field !== undefined) out[key] = toWireValue(field);
  }
  return out;
}

function wireProps(props: Record<string, unknown>): Record<string, unknown> {
  return toWireValue(props) as Record<string, unknown>;
}

/**
 * The options the engine would pass. `additionalSecretOutputs` is the resource's own when its producer
 * knows it, else what the resource holds as secrets (a state export's or preview's secret
 * properties, or what the program marked secret under mocks), which is what an SDK's own option says
 * of them: whole properties by name, secret parts of a property by dotted path.
 */
function optionsOf(resource: PlannedResource): PolicyResourceOptions {
  const opts: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...(resource.additionalSecretOutputs ?? resource.secretPaths)],
  };
  if (resource.parent) opts.parent = resource.parent;
  return opts;
}

/** `<provider urn>::<provider id>` -> the provider's URN. */
function providerUrnOf(reference: string): string {
  const cut = reference.lastIndexOf("::");
  return cut > 0 && reference.slice(0, cut).startsWith("urn:") ? reference.slice(0, cut) : reference;
}

type ResourceClass = { __pulumiType?: unknown; isInstance?: unknown };

/** server.js isTypeOf: the class's __pulumiType, else its isInstance. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
  const klass = resourceClass as ResourceClass;
  if (typeof klass?.__pulumiType === "string" && klass.__pulumiType.length > 0)
    return type === klass.__pulumiType;
  return (
    typeof klass?.isInstance === "function" &&
    (klass.isInstance as (o: unknown) => boolean)({ __pulumiType: type }) === true
  );
}

function frozenMap(tags: Readonly<Record<string, string>> | undefined): ReadonlyMap<string, string> {
  return new Map(Object.entries(tags ?? {}));
}

interface Violation {
  message: string;
  urn?: string;
  enforcementLevel?: EnforcementLevel;
  /** The entry validated, when the violation is about it (a scan may hold several entries per URN). */
  resource?: PlannedResource;
}

/** reportViolation as server.js makes it: a message (and urn), or the object form. */
function collector(
  into: Violation[],
  defaultUrn: string | undefined,
  validated?: PlannedResource,
): (message: unknown, urn?: string) => void {
  const about = (violation: Violation): Violation =>
    validated && violation.urn === validated.urn ? { ...violation, resource: validated } : violation;
  return (message, urn) => {
    if (message && typeof message === "object") {
      const info = message as Partial<Violation>;
      into.push(
        about({
          message: String(info.message ?? ""),
          urn: info.urn ?? urn ?? defaultUrn,
          enforcementLevel: info.enforcementLevel,
        }),
      );
    } else {
      into.push(about({ message: String(message ?? ""), urn: urn ?? defaultUrn }));
    }
  };
}

interface PolicyOutcome {
  violations: Violation[];
  indeterminate: { urn?: string; message: string; resource?: PlannedResource }[];
  /** Validations that ran to the end without notApplicable. */
  applied: number;
  /** The reasons the policy gave when it called notApplicable (its rules' note when none applied). */
  notApplicable?: Set<string>;
}

interface PreparedResource {
  resource: PlannedResource;
  props: Record<string, unknown>;
  kind: ReturnType<typeof kindOf>;
  provider?: PolicyProviderResource;
}

/**
 * Each entry with its own props (a scan may hold several entries for one URN: each is judged on what
 * it holds). References (providers) resolve to the URN's current entry.
 */
function prepare(
  resources: readonly PlannedResource[],
  current: ReadonlyMap<string, PlannedResource>,
  maskedReads: MaskedReads,
): PreparedResource[] {
  const wire = new Map(resources.map((r) => [r, maskedReads.track(r, wireProps(r.props))]));
  return resources.map((resource) => {
    const prepared: PreparedResource = {
      resource,
      props: wire.get(resource) ?? {},
      kind: kindOf(resource.type),
    };
    const provider = resource.provider ? current.get(providerUrnOf(resource.provider)) : undefined;
    if (provider) {
      prepared.provider = {
        type: provider.type,
        props: unknownCheckingProxy(wire.get(provider) ?? wireProps(provider.props)),
        urn: provider.urn,
        name: provider.name,
      };
    }
    return prepared;
  });
}

function resourceArgs(
  item: PreparedResource,
  settings: ResolvedPolicySettings,
  stackTags: ReadonlyMap<string, string>,
): ResourceValidationArgs {
  const props = unknownCheckingProxy(item.props);
  const type = item.resource.type;
  const args: ResourceValidationArgs = {
    type,
    props,
    urn: item.resource.urn,
    name: item.resource.name,
    opts: optionsOf(item.resource),
    stackTags,
    isType: (resourceClass) => isTypeOf(type, resourceClass),
    asType: ((resourceClass: unknown) =>
      isTypeOf(type, resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => ({ ...settings.config }) as T,
    notApplicable: throwNotApplicable,
  };
  if (item.provider) args.provider = item.provider;
  return args;
}

function stackResources(items: readonly PreparedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const policyResources = items.map((item) => {
    const props = unknownCheckingProxy(item.props);
    const type = item.resource.type;
    const resource: PolicyResource = {
      type,
      props,
      urn: item.resource.urn,
      name: item.resource.name,
      opts: optionsOf(item.resource),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(type, resourceClass) ? props : undefined) as PolicyResource["asType"],
    };
    if (item.provider) resource.provider = item.provider;
    byUrn.set(resource.urn, resource);
    return resource;
  });
  items.forEach((item, index) => {
    const resource = policyResources[index];
    const parent = item.resource.parent ? byUrn.get(item.resource.parent) : undefined;
    if (parent) resource.parent = parent;
    resource.dependencies = item.resource.dependencies
      .map((urn) => byUrn.get(urn))
      .filter((d): d is PolicyResource => d !== undefined);
  });
  return policyResources;
}

function unknownMessage(policy: ContractPolicy, error: Error): string {
  return `can't run policy '${policy.name}' during preview: ${error.message}`;
}

/** The prepared resources, and the same grouped by resource kind. */
interface PreparedStack {
  all: readonly PreparedResource[];
  byKind: ReadonlyMap<ResourceKind, readonly PreparedResource[]>;
}

function groupByKind(items: readonly PreparedResource[]): PreparedStack {
  const byKind = new Map<ResourceKind, PreparedResource[]>();
  for (const item of items) {
    if (item.kind === undefined) continue;
    const group = byKind.get(item.kind);
    if (group) group.push(item);
    else byKind.set(item.kind, [item]);
  }
  return { all: items, byKind };
}

async function runResourcePolicy(
  policy: ContractPolicy,
  items: PreparedStack,
  settings: ResolvedPolicySettings,
  stackTags: ReadonlyMap<string, string>,
): Promise<PolicyOutcome> {
  const outcome: PolicyOutcome = { violations: [], indeterminate: [], applied: 0 };
  if (isStackPolicy(policy) || policy.validateResource === undefined) return outcome;
  const validations: ResourceValidation[] = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource as ResourceValidation];
  // Only the resources of the kinds the policy covers: the same answer as calling the policy, which
  // would call notApplicable() for any other kind, and it keeps large stacks cheap.
  const candidates = policy.kinds ? policy.kinds.flatMap((kind) => items.byKind.get(kind) ?? []) : items.all;
  for (const item of candidates) {
    for (const validate of validations) {
      const args = resourceArgs(item, settings, stackTags);
      try {
        await validate(args, collector(outcome.violations, item.resource.urn, item.resource) as never);
        outcome.applied++;
      } catch (error) {
        if (error instanceof NotApplicableError) {
          if (error.reason) (outcome.notApplicable ??= new Set()).add(error.reason);
          continue;
        }
        if (isUnknownValueError(error)) {
          outcome.indeterminate.push({
            urn: item.resource.urn,
            message: unknownMessage(policy, error),
            resource: item.resource,
          });
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `Error validating resource ${item.resource.urn} with policy '${policy.name}': ${message}`,
          { cause: error },
        );
      }
    }
  }
  return outcome;
}

async function runStackPolicy(
  policy: ContractPolicy,
  resources: PolicyResource[],
  settings: ResolvedPolicySettings,
  stackTags: ReadonlyMap<string, string>,
): Promise<PolicyOutcome> {
  const outcome: PolicyOutcome = { violations: [], indeterminate: [], applied: 0 };
  if (!isStackPolicy(policy)) return outcome;
  const args: StackValidationArgs = {
    resources,
    getConfig: <T extends object>() => ({ ...settings.config }) as T,
    stackTags,
    notApplicable: throwNotApplicable,
  };
  try {
    await policy.validateStack(args, collector(outcome.violations, undefined) as never);
    outcome.applied++;
  } catch (error) {
    if (error instanceof NotApplicableError) {
      if (error.reason) (outcome.notApplicable ??= new Set()).add(error.reason);
      return outcome;
    }
    if (isUnknownValueError(error)) {
      outcome.indeterminate.push({ message: unknownMessage(policy, error) });
      return outcome;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Error validating stack with policy '${policy.name}': ${message}`, { cause: error });
  }
  return outcome;
}

/**
 * One entry per URN, as the engine's analyzer sees a stack: the current entry, else (a resource left
 * only as a pending delete or a pending replacement) the first one.
 */
function currentByUrn(resources: readonly PlannedResource[]): Map<string, PlannedResource> {
  const current = new Map<string, PlannedResource>();
  for (const resource of resources) {
    const seen = current.get(resource.urn);
    if (!seen || (seen.scanEntry !== undefined && resource.scanEntry === undefined))
      current.set(resource.urn, resource);
  }
  return current;
}

/** What a finding on an entry that is not the resource's current one says about it. */
const SCAN_ENTRY_NOTES: Readonly<Record<NonNullable<PlannedResource["scanEntry"]>, string>> = {
  "pending-delete":
    "the old copy of a replacement, still running until the next update deletes it (`delete: true`)",
  "pending-replacement":
    "deleted and awaiting recreation by the next update (`pendingReplacement: true`); judged on its last state",
  "retained-after-delete":
    "removed from the stack by this update but left running in the project (`retainOnDelete`)",
};

/**
 * A policy that read inputs the scanned file masks, and reported nothing on that resource, decided
 * nothing about it: an indeterminate finding takes the place of the silent pass.
 */
function undecidedOnMaskedInputs(
  policy: ContractPolicy,
  outcome: PolicyOutcome,
  reads: ReadonlyMap<PlannedResource, ReadonlySet<string>>,
): void {
  for (const [resource, paths] of reads) {
    const decided = [...outcome.violations, ...outcome.indeterminate].some(
      (v) => v.resource === resource || (v.resource === undefined && v.urn === resource.urn),
    );
    if (decided) continue;
    const list = [...paths].map((p) => `\`${p}\``).join(", ");
    outcome.indeterminate.push({
      urn: resource.urn,
      resource,
      message: `can't run policy '${policy.name}' on ${resource.name}: it needs ${list}, which the scanned file holds only as a secret ([secret] or ciphertext); scan an export made with \`--show-secrets\` where that is allowed, or check it with \`pulumi preview --policy-pack\``,
    });
  }
}

/** The level a violation is reported at: the engine reports a remediate-level violation as mandatory. */
function reportedLevel(level: EnforcementLevel): ReportedLevel {
  return level === "remediate" ? "mandatory" : level;
}

export function describePolicy(policy: ContractPolicy, enforcementLevel: EnforcementLevel): PolicyDescriptor {
  return {
    name: policy.name,
    description: policy.description,
    ruleIds: [...policy.ruleIds],
    severity: policy.severity,
    enforcementLevel: reportedLevel(enforcementLevel),
    remediation: policy.remediationSteps,
    kind: isStackPolicy(policy) ? "stack" : "resource",
  };
}

/** Evaluates every policy on the resources; see PolicyEvaluationOptions. */
export async function evaluatePolicies(
  plannedResources: readonly PlannedResource[],
  options: PolicyEvaluationOptions,
): Promise<PolicyEvaluation> {
  const policies = options.policies ?? allPolicies();
  const settings = resolvePolicySettings(policies, options.enforcement ?? EMPTY_ENFORCEMENT_CONFIG);
  const now = options.now ?? new Date();
  const waivers = options.waivers ?? [];
  const environment = options.environment ?? (isEnvironmentName(options.stack) ? options.stack : "unknown");
  assertWaiverLimits(waivers, {
    environment: waiverLimitsEnvironment(environment, plannedResources),
    allowBroad: options.allowBroadWaivers === true,
    now,
    coversMandatory: (waiver) =>
      policies.some(
        (policy) =>
          (waiver.policy !== undefined
            ? waiver.policy === policy.name
            : policy.ruleIds.includes(waiver.rule ?? "")) &&
          reportedLevel(settings.get(policy.name)?.enforcementLevel ?? "mandatory") === "mandatory",
      ),
  });
  const stackTags = frozenMap(options.stackTags);
  // Resource policies judge every entry; stack policies see the stack with one entry per URN.
  const byUrn = currentByUrn(plannedResources);
  const resources = [...plannedResources];
  const maskedReads = new MaskedReads();
  const items = prepare(resources, byUrn, maskedReads);
  const stackItems = items.filter((item) => byUrn.get(item.resource.urn) === item.resource);
  let stackView: PolicyResource[] | undefined;
  let grouped: PreparedStack | undefined;

  const findings: Finding[] = [];
  const descriptors: PolicyDescriptor[] = [];
  const appliedPolicies = new Set<string>();
  const notApplicableReasons = new Map<string, Set<string>>();
  const disabledPolicies = new Set<string>();
  const disabledByConfig: DisabledPolicy[] = [];
  for (const policy of policies) {
    const policySettings = settings.get(policy.name) as ResolvedPolicySettings;
    const level = policySettings.enforcementLevel;
    descriptors.push(describePolicy(policy, level));
    const weakened = weakenedByConfig(policy, level, options) ?? relaxedByConfig(policy, level, options);
    if (weakened) {
      disabledByConfig.push(weakened);
      if (weakened.blocking) findings.push(weakenedPolicyFinding(policy, weakened));
    }
    if (level === "disabled") {
      disabledPolicies.add(policy.name);
      continue;
    }
    const effectiveLevel = reportedLevel(level);
    maskedReads.start();
    const outcome = isStackPolicy(policy)
      ? await runStackPolicy(policy, (stackView ??= stackResources(stackItems)), policySettings, stackTags)
      : await runResourcePolicy(policy, (grouped ??= groupByKind(items)), policySettings, stackTags);
    undecidedOnMaskedInputs(policy, outcome, maskedReads.stop());
    if (outcome.applied > 0 || outcome.violations.length > 0) appliedPolicies.add(policy.name);
    if (outcome.notApplicable) notApplicableReasons.set(policy.name, outcome.notApplicable);

    const base = (urn: string | undefined, entry?: PlannedResource) => {
      const resource = entry ?? (urn ? byUrn.get(urn) : undefined);
      const finding: Pick<Finding, "policy" | "ruleIds" | "severity" | "remediation"> & Partial<Finding> = {
        policy: policy.name,
        ruleIds: [...policy.ruleIds],
        severity: policy.severity,
        remediation: policy.remediationSteps,
      };
      if (urn) finding.urn = urn;
      if (resource) {
        finding.resourceType = resource.type;
        finding.resourceName = resource.name;
        if (resource.source) finding.source = resource.source;
      }
      return finding;
    };

    const onEntry = (message: string, entry: PlannedResource | undefined): string =>
      entry?.scanEntry ? `${message} [entry: ${SCAN_ENTRY_NOTES[entry.scanEntry]}]` : message;
    for (const raw of outcome.violations) {
      const violation = { ...raw, message: onEntry(raw.message, raw.resource) };
      const level = reportedLevel(violation.enforcementLevel ?? effectiveLevel);
      const common = base(violation.urn, violation.resource);
      const match = matchWaiver(
        waivers,
        {
          policy: policy.name,
          ruleIds: policy.ruleIds,
          urn: violation.urn,
          resourceName: common.resourceName,
        },
        now,
      );
      const waiverInfo = match && {
        id: match.waiver.id,
        reason: match.waiver.reason,
        owner: match.waiver.owner,
        expires: match.waiver.expires,
        expired: match.expired,
      };
      if (match && !match.expired) {
        findings.push({
          ...common,
          status: "waived",
          enforcementLevel: level,
          message: violation.message,
          waiver: waiverInfo,
        });
      } else if (match) {
        findings.push({
          ...common,
          status: "fail",
          enforcementLevel: level,
          message: `${violation.message} (${describeWaiver(match)})`,
          waiver: waiverInfo,
        });
      } else {
        findings.push({ ...common, status: "fail", enforcementLevel: level, message: violation.message });
      }
    }
    for (const unknown of outcome.indeterminate) {
      const message = onEntry(unknown.message, unknown.resource);
      findings.push({
        ...base(unknown.urn, unknown.resource),
        status: options.strict ? "fail" : "indeterminate",
        // The engine reports these as advisory; `strict` makes them block like the policy itself.
        enforcementLevel: options.strict ? effectiveLevel : "advisory",
        message: options.strict ? `${message} (a failure under --strict)` : message,
      });
    }
  }

  const rules = ruleResults(policies, findings, appliedPolicies, disabledPolicies, notApplicableReasons);
  return {
    framework: { name: CONTRACTS_FRAMEWORK, version: CONTRACTS_VERSION },
    stack: options.stack,
    environment,
    findings,
    rules,
    summary: summarize(resources.length, descriptors, findings, rules),
    policies: descriptors,
    disabledPolicies: disabledByConfig,
  };
}

/**
 * The environment whose waiver limits hold: the run's, unless a resource belongs to another one (its
 * `env:` tag, else its URN's stack, as the policies read it; production when neither tells), so that
 * `scan <production export> --stack staging` cannot make a broad waiver acceptable for production
 * resources. Staging only when every resource is staging.
 */
function waiverLimitsEnvironment(environment: string, resources: readonly PlannedResource[]): string {
  if (environment !== "staging") return environment;
  const other = resources
    .map((r) => thresholdEnvironment(environmentOf(r.urn, r.props)))
    .find((env) => env !== "staging");
  return other ?? environment;
}

/**
 * A policy the config disabled, or downgraded from mandatory to advisory (which blocks as little), where
 * that was set, and whether it fails the run. Remediate is no downgrade: for a policy without
 * remediateResource the engine reports its violations as mandatory (server.js makeAnalyzeRpcFun).
 */
function weakenedByConfig(
  policy: ContractPolicy,
  level: EnforcementLevel,
  options: PolicyEvaluationOptions,
): DisabledPolicy | undefined {
  const config = options.enforcement;
  if (!config) return undefined;
  const from = reportedLevel(policy.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL);
  const to = reportedLevel(level);
  if (from === "disabled" || to === "mandatory" || to === from) return undefined;
  const file = config.file ?? "policy pack config";
  const key = config.policies[policy.name]?.enforcementLevel !== undefined ? policy.name : ALL_POLICIES_KEY;
  const mandatory = from === "mandatory";
  return {
    name: policy.name,
    ruleIds: [...policy.ruleIds],
    source: `${file}: "${key}"`,
    from,
    to,
    mandatory,
    blocking: mandatory && (options.strict === true || options.ci === true),
  };
}

/**
 * A policy switched off through its own property: `privateNetworkingRequired: false` in the policy
 * pack config (`encryptionRequired: false` no longer does: SECU-4 requires encryption anyway) makes its policy check nothing, as
 * surely as disabling it. Counted as disabled, unless the value is the stack's own (plan copies the
 * stack's environment document into these properties and refuses a config that contradicts it).
 */
function relaxedByConfig(
  policy: ContractPolicy,
  level: EnforcementLevel,
  options: PolicyEvaluationOptions,
): DisabledPolicy | undefined {
  const config = options.enforcement;
  const from = reportedLevel(level);
  if (!config || from === "disabled") return undefined;
  for (const stated of STACK_POLICY_PROPERTIES) {
    const key = `${stated.policy}.${stated.property}`;
    if (!stated.switchesOff) continue;
    if (stated.policy !== policy.name || config.statedByStack?.includes(key)) continue;
    if (config.policies[policy.name]?.properties[stated.property] !== false) continue;
    const mandatory = from === "mandatory";
    return {
      name: policy.name,
      ruleIds: [...policy.ruleIds],
      source: `${config.file ?? "policy pack config"}: "${policy.name}": { "${stated.property}": false }`,
      from,
      to: "disabled",
      mandatory,
      blocking: mandatory && (options.strict === true || options.ci === true),
    };
  }
  return undefined;
}

/** The failure a mandatory policy disabled or downgraded by the config becomes under --strict or in CI. */
function weakenedPolicyFinding(policy: ContractPolicy, weakened: DisabledPolicy): Finding {
  const change = weakened.to === "disabled" ? "disabled" : `downgraded to ${weakened.to}`;
  return {
    policy: policy.name,
    ruleIds: [...policy.ruleIds],
    status: "fail",
    enforcementLevel: "mandatory",
    severity: policy.severity,
    message: `the mandatory policy ${policy.name} (${policy.ruleIds.join(", ")}) is ${change} by ${weakened.source}; under --strict or when CI is set, a mandatory policy disabled or downgraded by the policy pack config fails the run`,
    remediation: `Remove "${policy.name}" (or "all": "${weakened.to}") from the policy pack config, or waive the single violation you accept in waivers.yaml.`,
  };
}

function ruleResults(
  policies: readonly ContractPolicy[],
  findings: readonly Finding[],
  applied: ReadonlySet<string>,
  disabled: ReadonlySet<string>,
  reasons: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): RuleResult[] {
  return CONTRACT_RULES.map((rule): RuleResult => {
    const enforcing = policies.filter((p) => p.ruleIds.includes(rule.id)).map((p) => p.name);
    const ruleFindings = findings.filter((f) => f.ruleIds.includes(rule.id));
    const result: RuleResult = {
      ruleId: rule.id,
      title: rule.title,
      status: "not_applicable",
      enforcedBy: enforcing,
      findings: ruleFindings,
    };
    let status: RuleStatus = "not_applicable";
    if (ruleFindings.some((f) => f.status === "fail")) status = "fail";
    else if (ruleFindings.some((f) => f.status === "indeterminate")) status = "indeterminate";
    else if (ruleFindings.some((f) => f.status === "waived")) status = "waived";
    else if (enforcing.some((name) => applied.has(name))) status = "pass";
    result.status = status;
    if (status === "not_applicable") {
      if (enforcing.length === 0) {
        result.note =
          "not checked by the policy pack: enforced by config validation or the deployment workflow";
      } else if (enforcing.every((name) => disabled.has(name))) {
        result.note = "every policy enforcing this rule is disabled by the policy pack config";
      } else {
        // What the policies said when they did not apply ("High availability is required in
        // production only"), else the truth when none ran on any resource.
        const said = [...new Set(enforcing.flatMap((name) => [...(reasons.get(name) ?? [])]))];
        result.note =
          said.length > 0 ? said.join("; ") : "no resource of the stack is one its policies apply to";
      }
    }
    return result;
  });
}

function summarize(
  resourceCount: number,
  descriptors: readonly PolicyDescriptor[],
  findings: readonly Finding[],
  rules: readonly RuleResult[],
): ComplianceSummary {
  const counts: Record<RuleStatus, number> = {
    pass: 0,
    fail: 0,
    waived: 0,
    indeterminate: 0,
    attested: 0,
    not_applicable: 0,
  };
  for (const rule of rules) counts[rule.status]++;
  return {
    resources: resourceCount,
    policies: descriptors.filter((d) => d.enforcementLevel !== "disabled").length,
    mandatoryViolations: findings.filter((f) => f.status === "fail" && f.enforcementLevel === "mandatory")
      .length,
    advisoryViolations: findings.filter((f) => f.status === "fail" && f.enforcementLevel === "advisory")
      .length,
    waived: findings.filter((f) => f.status === "waived").length,
    indeterminate: findings.filter((f) => f.status === "indeterminate").length,
    rules: counts,
  };
}
