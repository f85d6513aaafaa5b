// `scw-infra audit [--env <env>] [--project <id>] [--region R ...] [--state FILE ...]`: the contracts
// checked on what actually runs in a Scaleway project. It reads the project through the official
// SDK (cli/audit/live-project.ts), maps it onto the resource model the pack evaluates, runs the same
// policies as `plan` and `scan`, and, given state exports, lists drift. Exit codes as `scan`.
import * as path from "node:path";
import { asInfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { readUserFile } from "@scaleway-infra/contracts/files/user-file";
import { evaluateCompliance, isCi, loadEvaluationSettings } from "../plan/evaluate";
import type { PlannedResource } from "../plan/model";
import { mostTaggedEnvironment, parseScanInput } from "../plan/scan-input";
import { displayPath } from "@scaleway-infra/contracts/files/display-path";
import { emitReport } from "../report/emit";
import { isEnvironmentName } from "@scaleway-infra/contracts/thresholds";
import { DEFAULT_RETRY, type RetryPolicy } from "../audit/api-call";
import { configFilePath, resolveCredentials } from "../audit/credentials";
import { DEFAULT_FETCH_OPTIONS, type GuardedFetchOptions } from "../audit/http-client";
import { CredentialRedactor } from "../audit/redact-credentials";
import { escapeInvisible } from "@scaleway-infra/contracts/errors/shown-value";
import { detectDrift } from "../audit/drift";
import { DEFAULT_AUDIT_DEADLINE_MS, readLiveProject, type ReadOptions } from "../audit/live-project";
import { liveResources } from "../audit/live-resources";
import {
  AUDIT_DEFAULT_REGIONS,
  AUDIT_PERMISSION_SETS,
} from "@scaleway-infra/contracts/scaleway/facts/audit-permissions";
import type { CliIo } from "../io";
import { REPORT_OPTIONS_HELP, assertReportOutput, parseReportArgs, usageError } from "./report-args";

type Region = ReadOptions["regions"][number];

const PERMISSIONS_HELP = Object.entries(AUDIT_PERMISSION_SETS.value)
  .map(([product, set]) => `    ${set.padEnd(30)} ${product}`)
  .join("\n");

const USAGE = `Usage: scw-infra audit [--env <name>] [--project <id>] [--region R ...] [--state FILE ...] [--profile NAME]
                       [--format FORMAT] [--output FILE] [--strict] [--waivers FILE] [--allow-broad-waivers]
                       [--policy-pack-config FILE]
Checks the contracts on the live resources of a Scaleway project, with the policies of \`plan\` and \`scan\`,
and lists drift against the stacks' state exports.
  --env NAME           the environment the project holds (staging, production); default: the env: tag of its resources
  --project ID         the project to audit (default: SCW_DEFAULT_PROJECT_ID, or the profile's default_project_id)
  --region R           a region to read, repeatable (default: ${AUDIT_DEFAULT_REGIONS.value.join(", ")})
  --state FILE         a \`pulumi stack export\` of a stack managing the project, repeatable: enables the drift
                       findings DRIFT-1 (unmanaged live resource), DRIFT-2 (missing), DRIFT-3 (changed setting)
  --profile NAME       a profile of the Scaleway config file (default: SCW_PROFILE, else the active profile)
${REPORT_OPTIONS_HELP}

Credentials, as Scaleway's own tools read them (environment values win over the profile's):
  SCW_ACCESS_KEY, SCW_SECRET_KEY, SCW_DEFAULT_PROJECT_ID, SCW_DEFAULT_ORGANIZATION_ID, SCW_API_URL;
  else a profile of ~/.config/scw/config.yaml (SCW_CONFIG_PATH to move it; its active_profile by default).
Read-only IAM permission sets the API key needs, and nothing more (source: ${AUDIT_PERMISSION_SETS.sources[0].ref}):
${PERMISSIONS_HELP}
Secret payloads are never read: SecretManagerReadOnly lists secrets and versions, not their data.

Errors: 401/403 -> INFRA_003 naming the missing permission set; unknown project -> INFRA_004;
429 and quota answers -> INFRA_002 after retries; 5xx -> INFRA_005 after retries; a request with no
answer within SCW_INFRA_API_TIMEOUT_MS (default ${DEFAULT_FETCH_OPTIONS.timeoutMs} ms) is asked once more, then INFRA_005 naming
the host and the request; the whole read ends by SCW_INFRA_AUDIT_DEADLINE_MS (default ${DEFAULT_AUDIT_DEADLINE_MS} ms).`;

function asList(value: string | boolean | string[] | undefined): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === "string" ? [value] : [];
}

function parseRegions(values: string[]): Region[] {
  if (values.length === 0) return [...AUDIT_DEFAULT_REGIONS.value];
  const regions: Region[] = [];
  for (const raw of values.flatMap((v) => v.split(","))) {
    const region = raw.trim().toLowerCase();
    if (!(AUDIT_DEFAULT_REGIONS.value as readonly string[]).includes(region)) {
      throw usageError(
        `Unknown or non-EU region "${escapeInvisible(raw.slice(0, 40))}".`,
        USAGE,
        `Use --region with one of ${AUDIT_DEFAULT_REGIONS.value.join(", ")}.`,
      );
    }
    if (!regions.includes(region as Region)) regions.push(region as Region);
  }
  return regions;
}

function readStateExports(files: string[], io: CliIo): PlannedResource[] {
  return files.flatMap((file) => {
    const shown = displayPath(file, io.cwd);
    const text = readUserFile(path.resolve(io.cwd, file), { option: "--state", file: shown });
    const input = parseScanInput(text, shown);
    if (input.format !== "state") {
      throw usageError(
        `--state ${shown} is a preview, not a stack export.`,
        USAGE,
        "Drift compares live resources with what a stack manages: give `pulumi stack export` output.",
      );
    }
    return input.resources;
  });
}

/** The environment: --env, else the env: tag most live resources carry. */
function checkEnvironment(value: string): string {
  if (!isEnvironmentName(value))
    throw usageError(
      `Unknown environment "${escapeInvisible(value.slice(0, 40))}".`,
      USAGE,
      "Use --env staging or --env production.",
    );
  return value;
}

/** Without --env: the env: tag most live resources carry. */
function environmentOf(resources: readonly PlannedResource[]): string {
  const tagged = mostTaggedEnvironment(resources);
  if (tagged !== undefined && isEnvironmentName(tagged)) return tagged;
  throw usageError(
    "Cannot tell which environment the project holds: no resource carries an env:staging or env:production tag.",
    USAGE,
    "Pass --env staging or --env production.",
  );
}

/** Retries as DEFAULT_RETRY, with SCW_INFRA_RETRY_BASE_MS (a positive integer) for the first delay. */
function retryPolicy(env: NodeJS.ProcessEnv): RetryPolicy {
  const base = env.SCW_INFRA_RETRY_BASE_MS;
  if (base === undefined) return DEFAULT_RETRY;
  if (!/^[1-9][0-9]{0,5}$/.test(base))
    throw usageError(
      "SCW_INFRA_RETRY_BASE_MS is not a positive integer (milliseconds).",
      USAGE,
      "Unset it, or set e.g. 500.",
    );
  return { ...DEFAULT_RETRY, baseDelayMs: Number(base) };
}

/** DEFAULT_FETCH_OPTIONS, with SCW_INFRA_API_TIMEOUT_MS (milliseconds) for the per-request timeout. */
function fetchOptionsOf(env: NodeJS.ProcessEnv): GuardedFetchOptions {
  const timeout = env.SCW_INFRA_API_TIMEOUT_MS;
  if (timeout === undefined) return DEFAULT_FETCH_OPTIONS;
  if (!/^[1-9][0-9]{0,6}$/.test(timeout))
    throw usageError(
      "SCW_INFRA_API_TIMEOUT_MS is not a positive integer (milliseconds).",
      USAGE,
      "Unset it, or set e.g. 30000.",
    );
  return { ...DEFAULT_FETCH_OPTIONS, timeoutMs: Number(timeout) };
}

/** DEFAULT_AUDIT_DEADLINE_MS, or SCW_INFRA_AUDIT_DEADLINE_MS (milliseconds) for the whole read. */
function deadlineOf(env: NodeJS.ProcessEnv): number {
  const deadline = env.SCW_INFRA_AUDIT_DEADLINE_MS;
  if (deadline === undefined) return DEFAULT_AUDIT_DEADLINE_MS;
  if (!/^[1-9][0-9]{0,7}$/.test(deadline))
    throw usageError(
      "SCW_INFRA_AUDIT_DEADLINE_MS is not a positive integer (milliseconds).",
      USAGE,
      `Unset it, or set e.g. ${DEFAULT_AUDIT_DEADLINE_MS}.`,
    );
  return Number(deadline);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  // The secret key never reaches the output, whatever flag or variable it was pasted into.
  const redactor = new CredentialRedactor();
  redactor.add(io.env.SCW_SECRET_KEY);
  const safeIo: CliIo = {
    ...io,
    stdout: (text) => io.stdout(redactor.text(text)),
    stderr: (text) => io.stderr(redactor.text(text)),
  };
  try {
    return await audit(argv, safeIo, redactor);
  } catch (error) {
    throw redactor.error(asInfraError(error));
  }
}

async function audit(argv: string[], io: CliIo, redactor: CredentialRedactor): Promise<number> {
  const { args, positionals, values } = parseReportArgs(argv, USAGE, {
    env: { type: "string" },
    project: { type: "string" },
    region: { type: "string", multiple: true },
    state: { type: "string", multiple: true },
    profile: { type: "string" },
  });
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw usageError("audit takes no FILE argument.", USAGE, "Use --state FILE for state exports.");
  if (args.stack !== undefined)
    throw usageError("audit has no --stack: the project is the scope.", USAGE, "Use --env and --project.");
  // Everything a user can get wrong is checked before the first API call.
  assertReportOutput(args, io.cwd, [
    ...asList(values.state).map((file) => ({ file, option: "--state" })),
    { file: configFilePath(io.env), option: "the Scaleway config file" },
  ]);
  const explicitEnv = typeof values.env === "string" ? checkEnvironment(values.env) : undefined;
  const regions = parseRegions(asList(values.region));
  const stateFiles = asList(values.state);
  const managed = readStateExports(stateFiles, io);
  const settings = loadEvaluationSettings({
    waiversFile: args.waivers,
    policyPackConfigFile: args.policyPackConfig,
    cwd: io.cwd,
  });
  const retry = retryPolicy(io.env);
  const fetchOptions = fetchOptionsOf(io.env);
  const deadlineMs = deadlineOf(io.env);
  const credentials = resolveCredentials(io.env, {
    ...(typeof values.profile === "string" ? { profile: values.profile } : {}),
    ...(typeof values.project === "string" ? { project: values.project } : {}),
  });
  redactor.add(credentials.secretKey);
  const progress = io.isTty
    ? (message: string) => io.stderr(`audit: ${escapeInvisible(message)}\n`)
    : undefined;
  const started = Date.now();
  progress?.(
    `project ${credentials.projectId}, regions ${regions.join(", ")}, credentials from ${credentials.origin}`,
  );
  const project = await readLiveProject({
    credentials,
    regions,
    retry,
    fetchOptions,
    deadlineMs,
    // Always on stderr, TTY or not: a CI log shows what the audit is waiting for.
    onWaiting: (message) => io.stderr(`audit: ${escapeInvisible(message)}\n`),
    ...(progress ? { progress } : {}),
  });
  const env = explicitEnv ?? environmentOf(liveResources(project, "unknown"));
  const resources = liveResources(project, env);
  const drift = stateFiles.length > 0 ? detectDrift({ live: resources, managed, regions }) : [];
  progress?.(
    `${resources.length} live resources from ${project.calls} API calls in ${Date.now() - started} ms`,
  );
  const { report, exitCode } = await evaluateCompliance(
    {
      resources,
      stack: env,
      environment: env,
      source: "audit",
      configValidated: false,
      strict: args.strict,
      allowBroadWaivers: args.allowBroadWaivers,
      ci: isCi(io.env),
      cwd: io.cwd,
      additionalFindings: drift,
    },
    settings,
  );
  emitReport(
    report,
    {
      format: args.format,
      output: args.output,
      exitCode,
      fallbackLocation: { file: `scaleway-project-${credentials.projectId}`, line: 1 },
    },
    io,
  );
  return exitCode;
}
