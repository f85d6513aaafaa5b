// Runs `scw-infra` in process with captured streams, and reads the error_response it printed.
import { join } from "node:path";
import { runCli as runInProcess, type CliRun } from "../plan/cli-harness";

export const REPO_ROOT = join(__dirname, "..", "..");

/** `scw-infra <argv>` in process, from the repository root unless told otherwise. */
export function runCli(argv: string[], cwd = REPO_ROOT): Promise<CliRun> {
  return runInProcess(argv, { cwd });
}

/** The error_response JSON printed after the readable message on stderr (or alone on stdout). */
export function errorResponseIn(text: string): Record<string, unknown> {
  const start = text.startsWith("{") ? 0 : text.indexOf("\n{") + 1;
  if (start < 0 || text[start] !== "{") throw new Error(`no error_response in: ${text.slice(0, 200)}`);
  return JSON.parse(text.slice(start)) as Record<string, unknown>;
}

/** A stack trace line, as Node prints them. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
