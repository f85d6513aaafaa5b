// `scw-infra scan <FILE> [--stack <name>] [--format ...] [--output FILE] [--strict] [--waivers FILE] [--allow-broad-waivers]
// [--policy-pack-config FILE]`: evaluates the policy pack on resources that already exist, from a
// `pulumi stack export` or a `pulumi preview --json` document. Exit codes as DESIGN.md: 0 compliant
// (advisory findings allowed), 1 mandatory violations (or undecided rules with --strict), 2 invalid
// input (INFRA_001), 3 other failures (INFRA_004 when FILE does not exist).
import * as path from "node:path";
import { readUserFile } from "@scaleway-infra/contracts/files/user-file";
import { evaluateCompliance, isCi } from "../plan/evaluate";
import { parseScanInput, requireResourcesToJudge } from "../plan/scan-input";
import { displayPath } from "@scaleway-infra/contracts/files/display-path";
import { reportFormatChoices } from "../report/formats";
import { emitReport } from "../report/emit";
import type { CliIo } from "../io";
import {
  REPORT_OPTIONS_HELP,
  assertReportOutput,
  inputValuesFor,
  parseReportArgs,
  usageError,
} from "./report-args";

const USAGE = `Usage: scw-infra scan <FILE> [--stack <name>] [--format ${reportFormatChoices()}] [--output FILE]
                      [--strict] [--waivers FILE] [--allow-broad-waivers] [--policy-pack-config FILE]
                      [--show-values]
FILE: the output of \`pulumi stack export\` (deployment version 3) or \`pulumi preview --json\`.
  -s, --stack NAME     the stack (default: from the resources' URNs)
${REPORT_OPTIONS_HELP}`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { args, positionals } = parseReportArgs(argv, USAGE);
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw usageError(
      "scan takes exactly one FILE.",
      USAGE,
      "Example: scw-infra scan state.json --format sarif",
    );
  }
  const [file] = positionals;
  assertReportOutput(args, io.cwd, [{ file, option: "the scanned FILE" }]);
  const inputValues = inputValuesFor(args, io.env, USAGE);
  const shown = displayPath(file, io.cwd);
  // Missing: INFRA_004; not allowed to read: INFRA_003; a folder, pipe or device: INFRA_001.
  const text = readUserFile(path.resolve(io.cwd, file), { option: "FILE", file: shown });
  const input = parseScanInput(text, shown, args.stack === undefined ? {} : { stack: args.stack });
  requireResourcesToJudge(input, shown);
  const { report, exitCode } = await evaluateCompliance({
    resources: input.resources,
    stack: input.stack,
    environment: input.environment,
    source: input.source,
    configValidated: false,
    waiversFile: args.waivers,
    policyPackConfigFile: args.policyPackConfig,
    strict: args.strict,
    allowBroadWaivers: args.allowBroadWaivers,
    ci: isCi(io.env),
    cwd: io.cwd,
  });
  emitReport(
    report,
    {
      format: args.format,
      output: args.output,
      exitCode,
      fallbackLocation: { file: shown, line: 1 },
      values: inputValues,
    },
    io,
  );
  return exitCode;
}
