// Makes the pack honour waivers.yaml under the real engine. Each policy's reportViolation is wrapped:
// a violation covered by an active waiver is reported as an advisory message "waived by ...", so it
// no longer blocks `pulumi preview`/`up`; a violation whose waiver has expired is reported at the
// policy's own level, with a message naming the expired waiver.
//
// The same limits as `scw-infra plan`/`scan` hold here (policies/waivers.ts assertWaiverLimits): a
// waiver expiring beyond the horizon (180 days, or the file's shorter max_horizon_days), or, in any
// stack but staging, a glob waiver of a mandatory policy, waives nothing: the violation is reported at
// the policy's own level, with the reason the waiver was not applied. Broad waivers are allowed when
// SCW_INFRA_ALLOW_BROAD_WAIVERS is "1" or "true" (the pack's --allow-broad-waivers).
//
// The waivers file is, in order: $SCW_INFRA_WAIVERS_FILE, else waivers.yaml at the project root (the
// folder above policies/). It is read once, on the first violation; a malformed file fails the
// preview with its INFRA_001 message, because a silently ignored waiver file is worse than none.
import * as path from "node:path";
import { isInfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  assertWaiverLimits,
  DEFAULT_WAIVERS_FILE,
  describeWaiver,
  loadWaivers,
  matchWaiver,
  type Waiver,
} from "./waivers";
import { isStackPolicy, type ContractPolicy } from "./metadata";
import type {
  EnforcementLevel,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "./policy-types";
import { parseUrn } from "./resource-context";

/**
 * The object form of reportViolation. @pulumi/policy's server (makeReportViolationFun in server.js)
 * accepts it beside a plain message, and takes its enforcementLevel over the policy's. It is not in
 * the published ReportViolation type, hence the one cast below.
 */
export interface ViolationInfo {
  message: string;
  urn?: string;
  enforcementLevel?: EnforcementLevel;
}

export interface WaiverSource {
  waivers(): readonly Waiver[];
  now(): Date;
  /** True when a glob may waive a mandatory policy in production (`--allow-broad-waivers`). */
  allowBroad?(): boolean;
}

/** SCW_INFRA_ALLOW_BROAD_WAIVERS: the pack's --allow-broad-waivers. */
export function broadWaiversAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.SCW_INFRA_ALLOW_BROAD_WAIVERS ?? "").trim().toLowerCase();
  return value === "1" || value === "true";
}

/** The project root: the folder above policies/. */
const PROJECT_ROOT = path.resolve(__dirname, "..");

export function waiversFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCW_INFRA_WAIVERS_FILE ?? path.join(PROJECT_ROOT, DEFAULT_WAIVERS_FILE);
}

/** Waivers of the project, read lazily once from waiversFilePath(). */
export function projectWaiverSource(file: string = waiversFilePath()): WaiverSource {
  let cached: readonly Waiver[] | undefined;
  return {
    waivers: () => (cached ??= loadWaivers(file, { optional: true, displayRoot: PROJECT_ROOT })),
    now: () => new Date(),
    allowBroad: () => broadWaiversAllowed(),
  };
}

/** Why a matching waiver may not be used for a violation of `policy` on `urn`, or undefined. */
function refusedBecause(
  policy: ContractPolicy,
  waiver: Waiver,
  source: WaiverSource,
  urn: string | undefined,
): string | undefined {
  const stack = urn === undefined ? undefined : parseUrn(urn)?.stack;
  try {
    assertWaiverLimits([waiver], {
      environment: stack ?? "unknown",
      allowBroad: source.allowBroad?.() === true,
      now: source.now(),
      coversMandatory: () => (policy.enforcementLevel ?? "mandatory") !== "advisory",
    });
    return undefined;
  } catch (error) {
    if (!isInfraError(error)) throw error;
    return error.problems.map((p) => `${p.message}; ${p.fix}`).join("; ");
  }
}

function waivingReporter(
  policy: ContractPolicy,
  source: WaiverSource,
  reportViolation: ReportViolation,
  nameOf: (urn: string | undefined) => string | undefined,
  defaultUrn: string | undefined,
): ReportViolation {
  const reportInfo = reportViolation as unknown as (info: ViolationInfo) => void;
  return (message: string, urn?: string) => {
    const subjectUrn = urn ?? defaultUrn;
    const match = matchWaiver(
      source.waivers(),
      { policy: policy.name, ruleIds: policy.ruleIds, urn: subjectUrn, resourceName: nameOf(subjectUrn) },
      source.now(),
    );
    const refused =
      match && !match.expired ? refusedBecause(policy, match.waiver, source, subjectUrn) : undefined;
    if (!match) {
      reportViolation(message, urn);
    } else if (refused !== undefined) {
      reportViolation(`${message}\nwaiver not applied: ${refused}`, urn);
    } else if (match.expired) {
      reportViolation(`${message}\n${describeWaiver(match)}`, urn);
    } else {
      reportInfo({ message: `${describeWaiver(match)}\n${message}`, urn, enforcementLevel: "advisory" });
    }
  };
}

/** Copies of the policies whose violations go through the project's waivers. */
export function withWaivers(policies: readonly ContractPolicy[], source: WaiverSource): ContractPolicy[] {
  return policies.map((policy): ContractPolicy => {
    if (isStackPolicy(policy)) {
      const validateStack = policy.validateStack;
      return {
        ...policy,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
          const names = new Map(args.resources.map((r) => [r.urn, r.name]));
          const nameOf = (urn: string | undefined) =>
            urn === undefined ? undefined : (names.get(urn) ?? parseUrn(urn)?.name);
          return validateStack(args, waivingReporter(policy, source, reportViolation, nameOf, undefined));
        },
      };
    }
    const validations = policy.validateResource;
    if (validations === undefined) return policy;
    const wrap =
      (validate: ResourceValidation): ResourceValidation =>
      (args: ResourceValidationArgs, reportViolation) =>
        validate(
          args,
          waivingReporter(policy, source, reportViolation, () => args.name, args.urn),
        );
    return {
      ...policy,
      validateResource: Array.isArray(validations)
        ? validations.map(wrap)
        : wrap(validations as ResourceValidation),
    };
  });
}
