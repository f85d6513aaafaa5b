// The audit trail of one deployment: JSON lines under .scw-infra/deployments/<deployment_id>.jsonl,
// one line per step, service result, engine output and final response. Written synchronously so the
// lines are in order and on disk even when the process is killed half-way.
import { appendFileSync } from "node:fs";
import { makeDirectory } from "@scaleway-infra/contracts/files/make-directory";
import * as path from "node:path";

export interface DeploymentLog {
  readonly file: string;
  write(event: string, data?: Record<string, unknown>): void;
}

export function deploymentLogFile(stateDir: string, deploymentId: string): string {
  return path.join(stateDir, "deployments", `${deploymentId}.jsonl`);
}

export function openDeploymentLog(stateDir: string, deploymentId: string): DeploymentLog {
  const file = deploymentLogFile(stateDir, deploymentId);
  makeDirectory(path.dirname(file));
  return {
    file,
    write(event, data = {}) {
      appendFileSync(
        file,
        JSON.stringify({ time: new Date().toISOString(), deployment_id: deploymentId, event, ...data }) +
          "\n",
      );
    },
  };
}
