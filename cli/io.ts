// The streams and environment a command runs with, injected so that CLI tests run in process.
import {
  type InfraError,
  exitCodeFor,
  formatInfraError,
  asInfraError,
} from "@scaleway-infra/contracts/errors/infra-error";
import { shownJson } from "@scaleway-infra/contracts/errors/shown-value";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (colour, progress). */
  isTty: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
  };
}

export type CommandRunner = (argv: string[], io: CliIo) => Promise<number>;

/**
 * Reports an error the DESIGN.md way: the error_response as JSON on stdout with `--format json`,
 * otherwise a readable message plus the JSON on stderr. Returns the exit code.
 */
export function reportError(error: unknown, io: CliIo, format: string | undefined): number {
  const infra: InfraError = asInfraError(error, "INFRA_005");
  const json = shownJson(infra.toErrorResponse());
  if (format === "json") {
    io.stdout(json);
  } else {
    io.stderr(formatInfraError(infra) + "\n");
    io.stderr(json);
  }
  return exitCodeFor(infra);
}
