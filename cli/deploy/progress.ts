// Progress of a deployment: one human line per step and per service on stderr, and the same event,
// structured, in the deployment log.
import type { DeploymentLog } from "./deployment-log";

export interface Progress {
  step(name: string, message: string, data?: Record<string, unknown>): void;
  service(name: string, message: string, data?: Record<string, unknown>): void;
  /** Engine output: into the log only, it is too verbose for the terminal. */
  engine(line: string): void;
  log: DeploymentLog;
}

export function createProgress(
  log: DeploymentLog,
  stderr: (text: string) => void,
  deploymentId: string,
): Progress {
  const prefix = `[deploy ${deploymentId}]`;
  return {
    log,
    step(name, message, data = {}) {
      stderr(`${prefix} ${name}: ${message}\n`);
      log.write("step", { step: name, message, ...data });
    },
    service(name, message, data = {}) {
      stderr(`${prefix}   ${name}: ${message}\n`);
      log.write("service", { service: name, message, ...data });
    },
    engine(line) {
      log.write("engine", { line });
    },
  };
}
