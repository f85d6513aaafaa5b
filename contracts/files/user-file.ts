// Reading and writing the files a user names (a scanned export, --waivers, --policy-pack-config,
// --state, --output) without ever blocking: the file is opened non-blocking and checked to be a
// regular file before a byte moves, so a FIFO, /dev/zero or a terminal is refused at once
// (INFRA_001) instead of hanging the command.
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { InfraError } from "../errors/infra-error";
import { fileError, type FileErrorContext } from "./file-errors";

function notRegular(context: Omit<FileErrorContext, "action">): InfraError {
  const message = `${context.file} (${context.option}) is not a regular file.`;
  const fix = `Give ${context.option} the path of a file (not a pipe, a device or a folder).`;
  return new InfraError("INFRA_001", message, {
    details: { file: context.file, fix },
    problems: [{ path: context.option, rule: "SCHEMA", message, fix, file: context.file }],
  });
}

export function readUserFile(file: string, context: Omit<FileErrorContext, "action">): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(error, { ...context, action: "read" });
  }
  try {
    if (!fstatSync(fd).isFile()) throw notRegular(context);
    return readFileSync(fd, "utf8");
  } catch (error) {
    if (error instanceof InfraError) throw error;
    throw fileError(error, { ...context, action: "read" });
  } finally {
    closeSync(fd);
  }
}

export function writeUserFile(file: string, text: string, context: Omit<FileErrorContext, "action">): void {
  let fd: number;
  try {
    // Non-blocking: a FIFO without a reader fails at once (ENXIO) instead of waiting for one. No
    // following: a symbolic link (put there after assertOutputTarget looked) fails with ELOOP instead
    // of replacing the file it points to.
    fd = openSync(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_NONBLOCK | constants.O_NOFOLLOW,
      0o644,
    );
  } catch (error) {
    throw fileError(error, { ...context, action: "write" });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(context);
    if (stats.size > 0) ftruncateSync(fd, 0);
    writeFileSync(fd, text);
  } catch (error) {
    if (error instanceof InfraError) throw error;
    throw fileError(error, { ...context, action: "write" });
  } finally {
    closeSync(fd);
  }
}
