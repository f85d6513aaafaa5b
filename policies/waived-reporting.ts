// Makes the pack honour waivers.yaml under the real engine. Each policy's reportViolation is wrapped:
// a violation covered by an active waiver is reported as an advisory message "waived by ...", so it
// no longer blocks `pulumi preview`/`up`; a violation whose waiver has expired is reported at the
// policy's own level, with a message naming the expired waiver.
//
// The waivers file is, in order: $SCW_INFRA_WAIVERS_FILE, else waivers.yaml at the project root (the
// folder above policies/). It is read once, on the first violation; a malformed file fails the
// preview with its INFRA_001 message, because a silently ignored waiver file is worse than none.
import * as path from "node:path";
import {
  DEFAULT_WAIVERS_FILE,
  describeWaiver,
  loadWaivers,
  matchWaiver,
  type Waiver,
} from "../lib/policy/waivers";
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
  };
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
    if (!match) {
      reportViolation(message, urn);
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
