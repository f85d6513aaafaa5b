// Options that `plan` and `scan` share (`--format`, `--output`, `--strict`, `--waivers`,
// `--policy-pack-config`), parsed and checked the same way by both.

import { argumentsMessage, parseCommandLine } from "../args-error";
import { assertStackName } from "@scaleway-infra/contracts/config/stack-name";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { assertOutputTarget, type RunInput } from "@scaleway-infra/contracts/files/output-target";
import { DEFAULT_WAIVERS_FILE } from "../../policies/waivers";
import { isReportFormat, REPORT_FORMATS, reportFormatHelp, type ReportFormat } from "../report";
import type { InputValues } from "../report/redact";

export const REPORT_OPTIONS = {
  format: { type: "string", default: "text" },
  output: { type: "string", short: "o" },
  strict: { type: "boolean", default: false },
  waivers: { type: "string" },
  "allow-broad-waivers": { type: "boolean", default: false },
  "policy-pack-config": { type: "string" },
  "show-values": { type: "boolean", default: false },
  stack: { type: "string", short: "s" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The --help lines of the options above, shared by plan and scan. */
export const REPORT_OPTIONS_HELP = `  --format FORMAT      the report format, one of:
${reportFormatHelp("                         ")}
  -o, --output FILE    write the report to FILE instead of stdout
  --strict             rules left undecided by unknown values, and mandatory policies disabled or
                       downgraded to advisory by --policy-pack-config, fail (exit 1); the CI environment
                       variable does the latter too
  --waivers FILE       waivers (default: waivers.yaml in the working directory when present)
  --allow-broad-waivers  in production, let a name glob (or "*") waive a mandatory policy
  --policy-pack-config FILE  enforcement levels, in Pulumi's --policy-pack-config JSON format
  --show-values        show resources' plain input values in the report (default: every value is
                       [redacted]; secrets and detected credentials stay hidden); refused when CI is set
  -h, --help           this help`;

export interface ReportArgs {
  format: ReportFormat;
  output?: string;
  strict: boolean;
  /** `--allow-broad-waivers`. */
  allowBroadWaivers: boolean;
  waivers?: string;
  policyPackConfig?: string;
  stack?: string;
  /** `--show-values`: the explicit opt-in to plain input values in the report. */
  showValues: boolean;
  help: boolean;
}

export function usageError(message: string, usage: string, fix: string): InfraError {
  return new InfraError("INFRA_001", message, {
    details: { usage, fix },
    problems: [{ path: "argv", rule: "SCHEMA", message, fix }],
  });
}

/** Parses argv with the shared options plus `extra`; INFRA_001 (exit 2) on anything unexpected. */
export function parseReportArgs(
  argv: string[],
  usage: string,
  extra: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {},
): {
  args: ReportArgs;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
} {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...REPORT_OPTIONS, ...extra },
    });
  } catch (error) {
    throw usageError(argumentsMessage(error), usage, "Run with --help for the options.");
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const format = String(values.format);
  if (!isReportFormat(format)) {
    throw usageError(
      `Unknown format "${format}".`,
      usage,
      `Use one of: --format ${REPORT_FORMATS.join(", ")}.`,
    );
  }
  const optional = (key: string): string | undefined =>
    typeof values[key] === "string" ? (values[key] as string) : undefined;
  const args: ReportArgs = {
    format,
    strict: values.strict === true,
    showValues: values["show-values"] === true,
    allowBroadWaivers: values["allow-broad-waivers"] === true,
    help: values.help === true,
  };
  const output = optional("output");
  if (output !== undefined) args.output = output;
  const waivers = optional("waivers");
  if (waivers !== undefined) args.waivers = waivers;
  const policyPackConfig = optional("policy-pack-config");
  if (policyPackConfig !== undefined) args.policyPackConfig = policyPackConfig;
  const stack = optional("stack");
  if (stack !== undefined) args.stack = assertStackName(stack);
  return { args, positionals: parsed.positionals, values };
}

/**
 * Whether the report may show input values: only on `--show-values`, and never in CI (the `CI`
 * variable set to anything), where reports end up in logs and artifacts that outlive the run.
 */
export function inputValuesFor(args: ReportArgs, env: NodeJS.ProcessEnv, usage: string): InputValues {
  if (!args.showValues) return "redacted";
  if (env.CI !== undefined && env.CI !== "") {
    throw usageError(
      "--show-values is refused when CI is set: a CI report ends up in logs and artifacts, where input values must not appear.",
      usage,
      "Drop --show-values in CI; run it on your own machine, without the CI variable, to see the values.",
    );
  }
  return "shown";
}

/**
 * Refuses an `--output` that would replace a file the command reads or must never overwrite
 * (contracts/files/output-target.ts), before the command reads or runs anything. `inputs` are the
 * command's own files; the waivers (given, or the default `waivers.yaml`) and the policy pack config
 * are added here.
 */
export function assertReportOutput(args: ReportArgs, cwd: string, inputs: readonly RunInput[] = []): void {
  if (args.output === undefined) return;
  const settings: RunInput[] = [
    args.waivers === undefined
      ? { file: DEFAULT_WAIVERS_FILE, option: "the default waivers file" }
      : { file: args.waivers, option: "--waivers" },
  ];
  if (args.policyPackConfig !== undefined)
    settings.push({ file: args.policyPackConfig, option: "--policy-pack-config" });
  assertOutputTarget(args.output, { cwd, inputs: [...inputs, ...settings] });
}
