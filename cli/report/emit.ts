// Writes a rendered report where the user asked (`--output FILE` or stdout), with colour only on a
// terminal and never when NO_COLOR is set (https://no-color.org).
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { fileError } from "@scaleway-infra/contracts/files/file-errors";
import { writeUserFile } from "@scaleway-infra/contracts/files/user-file";
import { makeDirectory } from "@scaleway-infra/contracts/files/make-directory";
import { assertOutputTarget } from "@scaleway-infra/contracts/files/output-target";
import type { ComplianceReport, SourceLocation } from "../plan/model";
import { renderReport, type ReportFormat } from "./index";
import type { InputValues } from "./redact";

export interface EmitTarget {
  stdout: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTty: boolean;
}

export function wantsColor(target: EmitTarget, output: string | undefined): boolean {
  return output === undefined && target.isTty && !target.env.NO_COLOR && target.env.TERM !== "dumb";
}

export function emitReport(
  report: ComplianceReport,
  options: {
    format: ReportFormat;
    output?: string;
    exitCode: number;
    fallbackLocation: SourceLocation;
    values?: InputValues;
  },
  target: EmitTarget,
): void {
  const text = renderReport(report, {
    format: options.format,
    exitCode: options.exitCode,
    color: wantsColor(target, options.output),
    fallbackLocation: options.fallbackLocation,
    cwd: target.cwd,
    ...(options.values === undefined ? {} : { values: options.values }),
  });
  writeReport(text, options.output, target);
}

/** Writes report text to `output` (relative to the working directory; folders made), else stdout. */
export function writeReport(
  text: string,
  output: string | undefined,
  target: Pick<EmitTarget, "stdout" | "cwd">,
): void {
  if (output === undefined) {
    target.stdout(text);
    return;
  }
  // The commands check --output against their inputs before they run; checked again here, the
  // moment before writing, for what the path has become since (a folder, a link).
  assertOutputTarget(output, { cwd: target.cwd });
  const file = path.resolve(target.cwd, output);
  try {
    makeDirectory(path.dirname(file));
    writeUserFile(file, text, {
      option: "--output",
      file: output,
      subject: "the report",
      missingCode: "INFRA_001",
    });
  } catch (error) {
    if (error instanceof InfraError) throw error;
    // Permission refused is INFRA_003, a full disk INFRA_002; a path that cannot hold a file (under
    // a file, in /proc) is a bad --output value, INFRA_001.
    throw fileError(error, {
      option: "--output",
      file: output,
      action: "write",
      subject: "the report",
      missingCode: "INFRA_001",
    });
  }
}
