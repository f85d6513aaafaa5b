// Runs `scw-infra deploy` in process with an in-memory engine, capturing stdout, stderr and the exit code.
import { runDeploy } from "../../../cli/commands/deploy";
import type { InMemoryEngine } from "../../../cli/deploy/engine/in-memory-engine";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Whether the command got as far as opening the engine. */
  engineOpened: boolean;
}

export async function runDeployCli(
  argv: string[],
  cwd: string,
  engine: InMemoryEngine,
  env: NodeJS.ProcessEnv = {},
  backupPollIntervalMs = 20,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  let engineOpened = false;
  const code = await runDeploy(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env, isTty: false },
    {
      projectDir: cwd,
      backupPollIntervalMs,
      // In process, signals are never listened for: the interrupt tests send real ones to a child.
      signals: {
        on: () => undefined,
        removeListener: () => undefined,
        exit: () => undefined,
        stderr: () => undefined,
      },
      openEngine: async (stackName) => {
        engineOpened = true;
        if (stackName !== engine.stackName)
          throw new Error(`test engine is stack ${engine.stackName}, asked for ${stackName}`);
        return engine;
      },
    },
  );
  return { code, stdout, stderr, engineOpened };
}
