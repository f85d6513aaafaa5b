// `scw-infra deploy --request FILE [--dry-run] [--recover]`: validates a deployment_request (INFRA_001,
// exit 2, nothing touched), then runs the deployment workflow through the Pulumi Automation API and
// prints the deployment_response on stdout. Exit 0 when completed, 3 when failed or rolled back.
// SIGINT/SIGTERM: the first rolls the deployment back and answers; a second restores the stack
// config, releases the lock and exits 130/143. `--recover` puts back the stack config a killed
// deployment left changed, and releases its lock, without deploying and without the Pulumi CLI.
import * as fs from "node:fs";
import * as path from "node:path";

import { argumentsMessage, parseCommandLine } from "../args-error";
import {
  EXIT_CODES,
  InfraError,
  exitCodeFor,
  formatInfraError,
} from "@scaleway-infra/contracts/errors/infra-error";
import type { ConfigRestorer, DeploymentEngine } from "../deploy/engine/engine";
import { AutomationEngine } from "../deploy/engine/automation-engine";
import { StackFileConfig } from "../deploy/engine/stack-file-config";
import { InterruptEnvironment, listenForInterrupts } from "../deploy/interrupts";
import { readDeploymentRequest } from "../deploy/request";
import { DEFAULT_BACKUP_TIMEOUT_SECONDS, recoverEnvironment, runDeployment } from "../deploy/workflow";
import { CliIo, reportError } from "../io";
import { shownJson } from "@scaleway-infra/contracts/errors/shown-value";

const USAGE = `Usage: scw-infra deploy --request FILE [--dry-run] [--recover] [--policy-pack DIR]

  --request FILE      deployment_request (JSON or YAML)
  --dry-run           run the whole flow on previews only: nothing is applied, no backup is taken,
                      config is restored
  --recover           put back the stack config of the request's environment as it was before a
                      deployment that was killed (kill -9, crash), release its lock; deploys nothing
                      and needs no Pulumi CLI (file work: the lock, the snapshot, Pulumi.<env>.yaml)
  --policy-pack DIR   policy pack for preview and up (default: <project>/policies)

Environment: SCW_ACCESS_KEY, SCW_SECRET_KEY, SCW_DEFAULT_PROJECT_ID, SCW_DEFAULT_REGION (or a
Scaleway config profile) for the pre-deploy database backup of production; SCW_INFRA_BACKUP_TIMEOUT
(seconds, default ${DEFAULT_BACKUP_TIMEOUT_SECONDS}) bounds the wait for it.
`;

/** The project this CLI belongs to: Pulumi.yaml and Pulumi.<stack>.yaml live there. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface DeployDependencies {
  openEngine: (stackName: string) => Promise<DeploymentEngine>;
  /**
   * What `--recover` puts the stack config back through. Default: the stack file
   * `<projectDir>/Pulumi.<stack>.yaml` alone, so recovery needs no Pulumi CLI and no login.
   */
  openRecoveryTarget?: (stackName: string) => Promise<ConfigRestorer>;
  projectDir: string;
  /** Where SIGINT/SIGTERM come from and how the process exits on a second one; the real process by default. */
  signals?: InterruptEnvironment;
  /** For tests: how often the pre-deploy backup's status is read. */
  backupPollIntervalMs?: number;
}

export const defaultDependencies: DeployDependencies = {
  openEngine: (stackName) => AutomationEngine.open({ workDir: PROJECT_DIR, stackName }),
  projectDir: PROJECT_DIR,
};

export function run(argv: string[], io: CliIo): Promise<number> {
  return runDeploy(argv, io, defaultDependencies);
}

/** A bad command line: a one-line message, with the usage and the fix in details (not in the message). */
/** Whether two paths name the same folder (symbolic links followed); false when either is missing. */
function sameFolder(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

function usageError(message: string): InfraError {
  return new InfraError("INFRA_001", message, {
    details: { usage: USAGE, fix: "Run `scw-infra deploy --help` for the options." },
  });
}

/** SCW_INFRA_BACKUP_TIMEOUT: whole seconds, 1 to 86400; anything else is INFRA_001. */
function backupTimeoutFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SCW_INFRA_BACKUP_TIMEOUT;
  if (raw === undefined || raw === "") return DEFAULT_BACKUP_TIMEOUT_SECONDS;
  const seconds = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(seconds >= 1 && seconds <= 86_400)) {
    throw new InfraError(
      "INFRA_001",
      "SCW_INFRA_BACKUP_TIMEOUT must be a whole number of seconds from 1 to 86400.",
      {
        details: {
          variable: "SCW_INFRA_BACKUP_TIMEOUT",
          fix: "Set it to e.g. 1800, or unset it for the default.",
        },
      },
    );
  }
  return seconds;
}

function processSignals(io: CliIo): InterruptEnvironment {
  return {
    on: (event, listener) => process.on(event, listener),
    removeListener: (event, listener) => process.removeListener(event, listener),
    exit: (code) => process.exit(code),
    stderr: io.stderr,
  };
}

export async function runDeploy(argv: string[], io: CliIo, deps: DeployDependencies): Promise<number> {
  let values;
  try {
    ({ values } = parseCommandLine({
      args: argv,
      options: {
        request: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        recover: { type: "boolean", default: false },
        "policy-pack": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return reportError(usageError(argumentsMessage(error)), io, undefined);
  }
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_CODES.success;
  }
  if (!values.request) {
    return reportError(usageError("--request FILE is required."), io, undefined);
  }
  if (values.recover && values["dry-run"]) {
    return reportError(
      usageError("--recover and --dry-run cannot be combined: --recover deploys nothing."),
      io,
      undefined,
    );
  }
  const stateDir = path.join(io.cwd, ".scw-infra");
  // The lock, the config snapshot and the deployment log live in the folder the command runs from,
  // and the stack file it restores or deploys is the project's: run from anywhere else, a stray
  // `.scw-infra` could rewrite or delete the project's stack file (--recover), and two deploys of one
  // environment from two folders would each hold "the" lock (second adversarial pass).
  const usesProjectFiles = values.recover
    ? !deps.openRecoveryTarget
    : deps.openEngine === defaultDependencies.openEngine;
  if (usesProjectFiles && !sameFolder(io.cwd, deps.projectDir)) {
    return reportError(
      new InfraError(
        "INFRA_001",
        `scw-infra deploy${values.recover ? " --recover" : ""} must run from the project folder (${deps.projectDir}), where its lock, config snapshot and stack files are.`,
        {
          details: {
            cwd: io.cwd,
            projectDir: deps.projectDir,
            fix: `cd ${deps.projectDir} and run the command again.`,
          },
        },
      ),
      io,
      undefined,
    );
  }
  // Listening starts before the engine opens: a signal at any point is handled, never fatal.
  const interrupts = listenForInterrupts(deps.signals ?? processSignals(io));
  try {
    const backupTimeoutSeconds = backupTimeoutFrom(io.env);
    const plan = readDeploymentRequest(path.resolve(io.cwd, values.request));
    if (values.recover) {
      const environment = plan.request.environment;
      const target = deps.openRecoveryTarget
        ? await deps.openRecoveryTarget(environment)
        : new StackFileConfig(deps.projectDir, environment);
      const recovery = await recoverEnvironment(target, stateDir, environment, io.stderr);
      io.stdout(shownJson(recovery));
      return EXIT_CODES.success;
    }
    const engine = await deps.openEngine(plan.request.environment);
    const result = await runDeployment({
      engine,
      plan,
      dryRun: values["dry-run"] ?? false,
      stateDir,
      policyPacks: [path.resolve(io.cwd, values["policy-pack"] ?? path.join(deps.projectDir, "policies"))],
      env: io.env,
      stderr: io.stderr,
      interrupts,
      backup: {
        timeoutSeconds: backupTimeoutSeconds,
        ...(deps.backupPollIntervalMs ? { pollIntervalMs: deps.backupPollIntervalMs } : {}),
      },
    });
    io.stdout(shownJson(result.response));
    if (!result.error) return EXIT_CODES.success;
    io.stderr(formatInfraError(result.error) + "\n");
    io.stderr(shownJson(result.error.toErrorResponse()));
    return exitCodeFor(result.error);
  } catch (error) {
    return reportError(error, io, undefined);
  } finally {
    interrupts.dispose();
  }
}
