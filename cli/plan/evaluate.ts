// The evaluation shared by `plan` and `scan`: the pack's policies through the runtime-faithful runner
// (cli/policy-runner/runner.ts), with waivers and the policy pack config, then the compliance report with
// every rule ID and the exit code it leads to.
import * as path from "node:path";
import { readPolicyPackConfig, type EnforcementConfig } from "../policy-runner/enforcement";
import { evaluatePolicies } from "../policy-runner/runner";
import { DEFAULT_WAIVERS_FILE, loadWaivers, type Waiver } from "../../policies/waivers";
import { buildComplianceReport, exitCodeForReport } from "./compliance";
import type { ComplianceReport, Finding, PlannedResource, SourceLocation } from "./model";

export interface EvaluationRequest {
  resources: PlannedResource[];
  stack: string;
  environment: string;
  /** `plan`, `scan:state`, `scan:preview`. */
  source: string;
  configValidated: boolean;
  /** Attested rules the stack declares nothing for (see `undeclaredAttestations`). */
  undeclaredAttestations?: readonly string[];
  /** Stack-file lines of the attested rules' declarations. */
  attestationSources?: Readonly<Record<string, SourceLocation>>;
  /** `--waivers FILE`; without it, `waivers.yaml` in `cwd` when there is one. */
  waiversFile?: string;
  /** `--policy-pack-config FILE` (Pulumi's format). */
  policyPackConfigFile?: string;
  strict: boolean;
  /** `--allow-broad-waivers`: a glob waiver may cover a mandatory policy in production. */
  allowBroadWaivers?: boolean;
  /** The `CI` environment variable is set: a disabled mandatory policy fails the run. */
  ci?: boolean;
  cwd: string;
  now?: Date;
  /** Findings of checks other than the policies (audit's drift), reported beside theirs. */
  additionalFindings?: readonly Finding[];
  /** Moves findings to better locations (plan: the stack-file field behind the rule). */
  locateFindings?: (findings: readonly Finding[]) => Finding[];
}

export interface EvaluationResult {
  report: ComplianceReport;
  exitCode: number;
}

export interface EvaluationSettings {
  waivers: Waiver[];
  enforcement?: EnforcementConfig;
}

/**
 * Reads `--waivers` and `--policy-pack-config` (INFRA_001 when malformed). `plan` calls it before
 * running the program, so a bad file fails at once.
 */
export function loadEvaluationSettings(
  request: Pick<EvaluationRequest, "waiversFile" | "policyPackConfigFile" | "cwd">,
): EvaluationSettings {
  const waivers = request.waiversFile
    ? loadWaivers(path.resolve(request.cwd, request.waiversFile))
    : loadWaivers(path.join(request.cwd, DEFAULT_WAIVERS_FILE), { optional: true });
  const settings: EvaluationSettings = { waivers };
  if (request.policyPackConfigFile)
    settings.enforcement = readPolicyPackConfig(
      path.resolve(request.cwd, request.policyPackConfigFile),
      request.policyPackConfigFile,
    );
  return settings;
}

export async function evaluateCompliance(
  request: EvaluationRequest,
  preloaded?: EvaluationSettings,
): Promise<EvaluationResult> {
  const { waivers, enforcement } = preloaded ?? loadEvaluationSettings(request);
  const evaluation = await evaluatePolicies(request.resources, {
    stack: request.stack,
    environment: request.environment,
    waivers,
    enforcement,
    strict: request.strict,
    now: request.now,
    allowBroadWaivers: request.allowBroadWaivers === true,
    ci: request.ci === true,
  });
  // Rule results hold the same finding objects as the flat list: relocate both consistently.
  const relocated = request.locateFindings
    ? request.locateFindings(evaluation.findings)
    : evaluation.findings;
  const moved = new Map(evaluation.findings.map((f, i) => [f, relocated[i]]));
  const findings = [
    ...evaluation.findings.map((f) => moved.get(f) ?? f),
    ...(request.additionalFindings ?? []),
  ];
  const policyRules = evaluation.rules.map((r) => ({
    ...r,
    findings: r.findings.map((f) => moved.get(f) ?? f),
  }));
  const report = buildComplianceReport({
    stack: request.stack,
    environment: request.environment,
    source: request.source,
    resources: request.resources,
    findings,
    policies: evaluation.policies,
    policyRules,
    configValidated: request.configValidated,
    ...(request.undeclaredAttestations ? { undeclaredAttestations: request.undeclaredAttestations } : {}),
    ...(request.attestationSources ? { attestationSources: request.attestationSources } : {}),
  });
  if (evaluation.disabledPolicies.length > 0) report.disabledPolicies = evaluation.disabledPolicies;
  return { report, exitCode: exitCodeForReport(report, { strict: request.strict }) };
}

/**
 * True when the `CI` environment variable is set, as CI services set it (`true`, `1`, a name); empty,
 * `0` and `false` mean not set.
 */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}
