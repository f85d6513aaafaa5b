// Turns a file-system error on a file the user named (an input, `--output`, a file a request points
// to) into the InfraError the user can act on: permission refused is INFRA_003 (exit 3), a disk or
// quota limit INFRA_002 (exit 3), a missing file INFRA_004 (exit 3), a path that cannot be a file
// (a folder, a pseudo-file system that refuses new files) INFRA_001 (exit 2). The message names the
// option and the path as the user gave it, never the file's content.
import { InfraError, type InfraCode } from "../errors/infra-error";

const CODE_BY_ERRNO: Readonly<Record<string, InfraCode>> = {
  EACCES: "INFRA_003",
  EPERM: "INFRA_003",
  EROFS: "INFRA_003",
  ENOSPC: "INFRA_002",
  EDQUOT: "INFRA_002",
  EFBIG: "INFRA_002",
  EMFILE: "INFRA_002",
  ENFILE: "INFRA_002",
  ENOENT: "INFRA_004",
};

const REASON_BY_ERRNO: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENOENT: "no such file or folder",
  ENOTDIR: "a parent of the path is not a folder",
  EISDIR: "the path is a folder",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "the path is too long",
};

export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export interface FileErrorContext {
  /** `--output`, `--waivers`, `smoke_tests_file`: what named the file. */
  option: string;
  /** The path as the user gave it. */
  file: string;
  /** `read` or `write`. */
  action: "read" | "write";
  /** What is read or written (`the report`), named before the path. */
  subject?: string;
  /** Overrides the INFRA code for ENOENT (a missing output folder is not a missing input). */
  missingCode?: InfraCode;
}

/** The InfraError for a failed read or write of a user-named file. */
export function fileError(error: unknown, context: FileErrorContext): InfraError {
  const errno = errnoOf(error) ?? "EIO";
  const code: InfraCode =
    errno === "ENOENT" && context.missingCode ? context.missingCode : (CODE_BY_ERRNO[errno] ?? "INFRA_001");
  const reason = REASON_BY_ERRNO[errno] ?? errno;
  const fix =
    code === "INFRA_003"
      ? `Give ${context.option} a path you may ${context.action}, or fix the file's permissions.`
      : code === "INFRA_002"
        ? "Free space or raise the limit, then run again."
        : context.action === "write"
          ? `Give ${context.option} a path in a folder you can write to.`
          : `Check the ${context.option} path.`;
  const subject = context.subject ? `${context.subject} ${context.action === "write" ? "to" : "from"} ` : "";
  const message = `Cannot ${context.action} ${subject}${context.file} (${context.option}): ${reason} (${errno}).`;
  return new InfraError(code, message, {
    cause: error,
    details: { file: context.file, errno, fix },
    problems:
      code === "INFRA_001"
        ? [{ path: context.option, rule: "SCHEMA", message, fix, file: context.file }]
        : [],
  });
}
