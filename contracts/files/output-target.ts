// Where `--output FILE` may write. A report replaces the file it is written to, so before a command
// reads or runs anything it refuses (INFRA_001) an output that is:
// - a symbolic link (it would replace the file the link points to, anywhere);
// - a folder, or anything else that exists and is not a regular file (a pipe, a device);
// - a Pulumi project or stack file (`Pulumi.yaml`, `Pulumi.<stack>.yaml`): its encryption salt and
//   `secure:` values exist nowhere else;
// - one of the run's own input files (the scanned file, `--config-file`, the waivers, the policy pack
//   config, a state export, ...), by identity (device and inode), so another path to it, a hard link
//   or a path through a linked folder is caught too.
// writeUserFile opens the file with O_NOFOLLOW, so a link put in place after this check is refused too.
import { lstatSync, statSync, type Stats } from "node:fs";
import * as path from "node:path";
import { InfraError } from "../errors/infra-error";
import { errnoOf, fileError } from "./file-errors";

/** A file the command reads: its path (relative to the working directory) and what named it. */
export interface RunInput {
  file: string;
  /** What the file is to the command: `the scanned FILE`, `--config-file`, `the waivers file`, ... */
  option: string;
}

const PULUMI_FILE = /^Pulumi(\.[^/\\]+)?\.ya?ml$/i;

function refused(output: string, option: string, why: string, fix: string): InfraError {
  const message = `${option} ${output} is refused: ${why}.`;
  return new InfraError("INFRA_001", message, {
    details: { file: output, fix },
    problems: [{ path: option, rule: "SCHEMA", message, fix, file: output }],
  });
}

function statOrUndefined(file: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(file) : lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Refuses an `--output` the command must not write (see above); INFRA_001, or the INFRA code of a
 * path the file system already refuses (a parent that is a file: INFRA_001; no permission: INFRA_003).
 */
export function assertOutputTarget(
  output: string,
  context: { cwd: string; inputs?: readonly RunInput[]; option?: string },
): void {
  const option = context.option ?? "--output";
  const fix = `Give ${option} the path of a new report file, or of a report this command wrote before.`;
  if (output === "") throw refused('""', option, "it is empty", fix);
  if (/[/\\]$/.test(output)) {
    throw refused(output, option, "it names a folder, not a file", fix);
  }
  const file = path.resolve(context.cwd, output);
  if (PULUMI_FILE.test(path.basename(file))) {
    throw refused(
      output,
      option,
      "it is named as a Pulumi project or stack file, whose encryption salt and secure values a report would replace",
      fix,
    );
  }
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return;
    throw fileError(error, {
      option,
      file: output,
      action: "write",
      subject: "the report",
      missingCode: "INFRA_001",
    });
  }
  if (stats.isSymbolicLink()) {
    throw refused(
      output,
      option,
      "it is a symbolic link, and writing it would replace the file it points to",
      fix,
    );
  }
  if (stats.isDirectory()) throw refused(output, option, "it is a folder", fix);
  if (!stats.isFile())
    throw refused(output, option, "it exists and is not a regular file (a pipe, a device, a socket)", fix);
  for (const input of context.inputs ?? []) {
    const read = statOrUndefined(path.resolve(context.cwd, input.file), true);
    if (read && read.dev === stats.dev && read.ino === stats.ino) {
      throw refused(output, option, `it is ${input.option} (${input.file}), which this command reads`, fix);
    }
  }
}
