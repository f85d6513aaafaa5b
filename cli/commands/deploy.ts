// `scw-infra deploy --request FILE [--dry-run]`: validates a deployment_request (INFRA_001, exit 2,
// nothing touched), then runs the deployment workflow through the Pulumi Automation API and prints
// the deployment_response on stdout. Exit 0 when completed, 3 when failed or rolled back.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { argumentsMessage } from "../args-error";
import { EXIT_CODES, InfraError, exitCodeFor, formatInfraError } from "../../lib/errors/infra-error";
import type { DeploymentEngine } from "../../lib/deploy/engine/engine";
import { AutomationEngine } from "../../lib/deploy/engine/automation-engine";
import { readDeploymentRequest } from "../../lib/deploy/request";
import { runDeployment } from "../../lib/deploy/workflow";
import { CliIo, reportError } from "../io";

const USAGE = `Usage: scw-infra deploy --request FILE [--dry-run] [--policy-pack DIR]

  --request FILE      deployment_request (JSON or YAML)
  --dry-run           run the whole flow on previews only: nothing is applied, config is restored
  --policy-pack DIR   policy pack for preview and up (default: <project>/policies)
`;

/** The project this CLI belongs to: Pulumi.yaml and Pulumi.<stack>.yaml live there. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

export interface DeployDependencies {
  openEngine: (stackName: string) => Promise<DeploymentEngine>;
  projectDir: string;
}

export const defaultDependencies: DeployDependencies = {
  openEngine: (stackName) => AutomationEngine.open({ workDir: PROJECT_DIR, stackName }),
  projectDir: PROJECT_DIR,
};

export function run(argv: string[], io: CliIo): Promise<number> {
  return runDeploy(argv, io, defaultDependencies);
}

/** A bad command line: a one-line message, with the usage and the fix in details (not in the message). */
function usageError(message: string): InfraError {
  return new InfraError("INFRA_001", message, {
    details: { usage: USAGE, fix: "Run `scw-infra deploy --help` for the options." },
  });
}

export async function runDeploy(argv: string[], io: CliIo, deps: DeployDependencies): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        request: { type: "string" },
        "dry-run": { type: "boolean", default: false },
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
  let engine: DeploymentEngine | undefined;
  const cancelOnSignal = (): void => {
    io.stderr("scw-infra deploy: interrupted, cancelling the running update\n");
    void engine?.cancel().catch(() => undefined);
  };
  try {
    const plan = readDeploymentRequest(path.resolve(io.cwd, values.request));
    engine = await deps.openEngine(plan.request.environment);
    process.once("SIGINT", cancelOnSignal);
    const result = await runDeployment({
      engine,
      plan,
      dryRun: values["dry-run"] ?? false,
      stateDir: path.join(io.cwd, ".scw-infra"),
      policyPacks: [path.resolve(io.cwd, values["policy-pack"] ?? path.join(deps.projectDir, "policies"))],
      env: io.env,
      stderr: io.stderr,
    });
    io.stdout(JSON.stringify(result.response, null, 2) + "\n");
    if (!result.error) return EXIT_CODES.success;
    io.stderr(formatInfraError(result.error) + "\n");
    io.stderr(JSON.stringify(result.error.toErrorResponse(), null, 2) + "\n");
    return exitCodeFor(result.error);
  } catch (error) {
    return reportError(error, io, undefined);
  } finally {
    process.removeListener("SIGINT", cancelOnSignal);
  }
}
