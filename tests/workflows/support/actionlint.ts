// Finds the actionlint binary scripts/actionlint.sh builds (v1.7.12, from its Go module) and runs it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";

export const ACTIONLINT_VERSION = "v1.7.12";

export function actionlintPath(env: NodeJS.ProcessEnv = process.env): string {
  const root =
    env.SCW_INFRA_ACTIONLINT_CACHE ?? path.join(homedir(), ".cache", "scaleway-infra", "actionlint");
  return path.join(root, ACTIONLINT_VERSION, "actionlint");
}

export function findActionlint(): string | undefined {
  const binary = actionlintPath();
  return existsSync(binary) ? binary : undefined;
}

export interface ActionlintResult {
  exitCode: number;
  /** One entry per finding, `file:line:col: message [kind]`. */
  findings: string[];
}

export function runActionlint(binary: string, files: string[], cwd: string): ActionlintResult {
  const result = spawnSync(binary, ["-no-color", "-oneline", ...files], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
  });
  const findings = `${result.stdout ?? ""}`.split("\n").filter((line) => line.trim() !== "");
  return { exitCode: result.status ?? -1, findings };
}
