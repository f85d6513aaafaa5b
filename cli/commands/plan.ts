// `scw-infra plan --stack <name> [--config-file FILE] [--format FORMAT]
// [--output FILE] [--strict] [--waivers FILE] [--allow-broad-waivers] [--policy-pack-config FILE]`: the offline plan. Reads
// the stack file, validates it, runs the program under Pulumi mocks (no CLI, cloud or credentials),
// evaluates the policy pack's own policies on the planned resources, and prints the resource tree and
// the compliance report. Exit codes as DESIGN.md: 0 compliant (advisory findings allowed), 1 mandatory
// violations (or undecided rules with --strict), 2 invalid input (INFRA_001), 3 other INFRA_* failures.
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { locateFindings } from "../plan/config-sources";
import { junitOfInvalidInput, markdownOfInvalidInput } from "../report/invalid-input";
import { sarifOfInvalidInput } from "../report/sarif-error";
import { evaluateCompliance, isCi, loadEvaluationSettings } from "../plan/evaluate";
import { withStackPolicyProperties } from "../plan/stack-policy-config";
import { planStack } from "../plan/plan-stack";
import { attestationFields, undeclaredAttestations } from "../plan/rule-scope";
import type { SourceLocation } from "../plan/model";
import { reportFormatChoices } from "../report/formats";
import { emitReport, writeReport } from "../report/emit";
import type { CliIo } from "../io";
import type { InputValues } from "../report/redact";
import {
  REPORT_OPTIONS_HELP,
  type ReportArgs,
  assertReportOutput,
  inputValuesFor,
  parseReportArgs,
  usageError,
} from "./report-args";
import { rotationWarnings } from "@scaleway-infra/contracts/detectors/rotation";
import { shownJson } from "@scaleway-infra/contracts/errors/shown-value";

const USAGE = `Usage: scw-infra plan --stack <name> [--config-file FILE] [--format ${reportFormatChoices()}]
                      [--output FILE] [--strict] [--waivers FILE] [--allow-broad-waivers] [--policy-pack-config FILE]
                      [--show-values]
Runs the program offline under Pulumi mocks with the stack's config and reports every contract rule.
  -s, --stack NAME     the stack: reads Pulumi.<NAME>.yaml in the working directory
  --config-file FILE   use FILE instead of Pulumi.<stack>.yaml (as \`pulumi --config-file\`)
${REPORT_OPTIONS_HELP}`;

/** Steps slower than this are reported (`SCW_INFRA_PROGRESS_AFTER_MS` overrides it). */
const PROGRESS_AFTER_MS = 1000;

/**
 * Progress on stderr (stdout stays a clean report): on a terminal, each step says when it starts;
 * a step slower than the threshold says how long it took. A timer cannot announce a slow step while
 * it runs: the program under mocks is one chain of promises, which never yields to timers.
 */
function progressStep(io: CliIo, message: string): () => void {
  const configured = Number(io.env.SCW_INFRA_PROGRESS_AFTER_MS);
  const threshold = Number.isFinite(configured) && configured >= 0 ? configured : PROGRESS_AFTER_MS;
  const started = Date.now();
  if (io.isTty) io.stderr(`scw-infra plan: ${message}...\n`);
  return () => {
    const elapsed = Date.now() - started;
    if (io.isTty || elapsed >= threshold) {
      io.stderr(`scw-infra plan: ${message}: done in ${(elapsed / 1000).toFixed(1)} s\n`);
    }
  };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { args, positionals, values } = parseReportArgs(argv, USAGE, { "config-file": { type: "string" } });
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) {
    throw usageError(
      `Unexpected argument "${positionals[0]}".`,
      USAGE,
      "Give the stack with --stack <name>.",
    );
  }
  if (args.stack === undefined || args.stack === "") {
    throw usageError("plan needs --stack <name>.", USAGE, "Example: scw-infra plan --stack staging");
  }
  const configFile = typeof values["config-file"] === "string" ? values["config-file"] : undefined;
  assertReportOutput(args, io.cwd, [
    configFile === undefined
      ? { file: `Pulumi.${args.stack}.yaml`, option: "the stack file" }
      : { file: configFile, option: "--config-file" },
    { file: "Pulumi.yaml", option: "the project file" },
  ]);
  const inputValues = inputValuesFor(args, io.env, USAGE);
  try {
    return await planAndReport(args, configFile, inputValues, io);
  } catch (error) {
    // An invalid stack still yields a SARIF log (its problems at their stack-file lines), so that CI
    // annotates the pull request; the error itself goes to stderr and the exit code stays 2.
    const invalid = error instanceof InfraError && error.code === "INFRA_001" && error.problems.length > 0;
    if (invalid && args.format === "sarif") {
      const fallback = { file: configFile ?? `Pulumi.${args.stack}.yaml`, line: 1 };
      writeReport(shownJson(sarifOfInvalidInput(error, fallback)), args.output, io);
    } else if (invalid && args.format === "markdown") {
      writeReport(markdownOfInvalidInput(error, args.stack), args.output, io);
    } else if (invalid && args.format === "junit") {
      writeReport(junitOfInvalidInput(error, args.stack), args.output, io);
    }
    throw error;
  }
}

/** The stack-file line of each attested rule's declaration, for SARIF and the HTML report. */
function locateAttestations(planned: Awaited<ReturnType<typeof planStack>>): Record<string, SourceLocation> {
  const located: Record<string, SourceLocation> = {};
  for (const [ruleId, field] of Object.entries(attestationFields(planned.contracts))) {
    const location = planned.input.locate?.(field.key, field.pointer);
    if (location) located[ruleId] = location;
  }
  return located;
}

async function planAndReport(
  args: ReportArgs,
  configFile: string | undefined,
  inputValues: InputValues,
  io: CliIo,
): Promise<number> {
  const settings = loadEvaluationSettings({
    waiversFile: args.waivers,
    policyPackConfigFile: args.policyPackConfig,
    cwd: io.cwd,
  });
  const planned = await (async () => {
    const done = progressStep(io, `running the program for stack ${args.stack} under mocks`);
    try {
      return await planStack({
        stack: args.stack as string,
        cwd: io.cwd,
        ...(configFile ? { configFile } : {}),
      });
    } finally {
      done();
    }
  })();
  // SEC-6: Scaleway never rotates a secret, so a value past its period is a warning for the operator.
  for (const warning of rotationWarnings(planned.contracts.secrets, new Date()))
    io.stderr(`scw-infra plan: warning: ${warning.message}\n`);
  // What the stack states of the environment (encryption, private networking) is the policies' config.
  const enforcement = withStackPolicyProperties(settings.enforcement, planned.contracts, planned.input);
  const done = progressStep(io, `evaluating the policy pack on ${planned.resources.length} resources`);
  const { report, exitCode } = await evaluateCompliance(
    {
      resources: planned.resources,
      stack: planned.stack,
      environment: planned.environment,
      source: "plan",
      configValidated: true,
      undeclaredAttestations: undeclaredAttestations(planned.contracts),
      attestationSources: locateAttestations(planned),
      strict: args.strict,
      allowBroadWaivers: args.allowBroadWaivers,
      ci: isCi(io.env),
      cwd: io.cwd,
      locateFindings: (findings) =>
        locateFindings(findings, planned.resources, planned.contracts, planned.input),
    },
    { ...settings, enforcement },
  ).finally(done);
  emitReport(
    report,
    {
      format: args.format,
      output: args.output,
      exitCode,
      fallbackLocation: { file: planned.stackFile, line: 1 },
      values: inputValues,
    },
    io,
  );
  return exitCode;
}
