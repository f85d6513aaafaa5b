// Runs `scw-infra` in process with captured streams, for the plan and scan CLI tests.
import { main } from "../../cli/main";
import type { CliIo } from "../../cli/io";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; isTty?: boolean } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    isTty: options.isTty ?? false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
