// `scw-infra deploy --recover` is file work: the environment lock, the config snapshot and the stack
// file. With the command's real dependencies it puts Pulumi.<env>.yaml back without opening the
// Pulumi engine, so it works on a machine without the Pulumi CLI (here: the engine is made to fail
// as a missing CLI makes it fail, and must not be asked at all).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { defaultDependencies, runDeploy, type DeployDependencies } from "../../cli/commands/deploy";
import { snapshotFileFor, writeSnapshotFile } from "../../cli/deploy/config-snapshot-file";
import { AutomationEngine } from "../../cli/deploy/engine/automation-engine";
import { toEngineInfraError } from "../../cli/deploy/engine/engine-errors";
import { lockFileFor } from "../../cli/deploy/lock";
import { deploymentRequest, tempDir, writeRequest } from "./support/fixtures";

const BEFORE =
  "# as it was before the deployment\nconfig:\n  scaleway-infra:environment:\n    name: staging\n";
const CHANGED =
  "config:\n  scaleway-infra:deployment: {deployment_id: x, strategy: canary, copies: [], traffic: service}\n";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function recover(dir: string, projectDir: string = dir): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const deps: DeployDependencies = {
    ...defaultDependencies,
    projectDir,
    signals: {
      on: () => undefined,
      removeListener: () => undefined,
      exit: () => undefined,
      stderr: () => undefined,
    },
  };
  const code = await runDeploy(
    ["--request", writeRequest(dir, deploymentRequest()), "--recover"],
    // No pulumi on PATH.
    {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: dir,
      env: { PATH: dir },
      isTty: false,
    },
    deps,
  );
  return { code, stdout, stderr };
}

/** A deployment killed after its first change: the stack file changed, its snapshot and a dead lock left. */
function killedDeployment(snapshot: { engine: string; data: unknown }): { dir: string; stackFile: string } {
  const dir = tempDir();
  const stackFile = path.join(dir, "Pulumi.staging.yaml");
  writeFileSync(stackFile, CHANGED);
  const stateDir = path.join(dir, ".scw-infra");
  writeSnapshotFile(snapshotFileFor(stateDir, "staging"), {
    deployment_id: "staging-20261203T100000Z-abcdef",
    environment: "staging",
    taken_at: "2026-12-03T10:00:00.000Z",
    snapshot,
  });
  // The killed process's lock: its pid is gone.
  const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
  mkdirSync(path.dirname(lockFileFor(stateDir, "staging")), { recursive: true });
  writeFileSync(
    lockFileFor(stateDir, "staging"),
    JSON.stringify({
      pid: deadPid,
      host: hostname(),
      deployment_id: "staging-20261203T100000Z-abcdef",
      acquired_at: "2026-12-03T10:00:00.000Z",
    }),
  );
  return { dir, stackFile };
}

describe("scw-infra deploy --recover", () => {
  let open: jest.SpyInstance;
  beforeEach(() => {
    open = jest
      .spyOn(AutomationEngine, "open")
      .mockRejectedValue(toEngineInfraError(new Error("spawn pulumi ENOENT"), "stack select", "staging"));
  });
  afterEach(() => open.mockRestore());

  it("puts Pulumi.<env>.yaml back byte for byte and releases the lock without the Pulumi CLI", async () => {
    const { dir, stackFile } = killedDeployment({ engine: "automation", data: BEFORE });
    const run = await recover(dir);
    expect(run.stderr).toContain(
      "stack config of staging put back as it was before deployment staging-20261203T100000Z-abcdef",
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      environment: "staging",
      restored_from: "staging-20261203T100000Z-abcdef",
      snapshot_taken_at: "2026-12-03T10:00:00.000Z",
      lock_released: true,
    });
    expect(readFileSync(stackFile, "utf8")).toBe(BEFORE);
    expect(existsSync(snapshotFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
    expect(existsSync(lockFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it("removes the stack file when there was none before the deployment", async () => {
    const { dir, stackFile } = killedDeployment({ engine: "automation", data: null });
    const run = await recover(dir);
    expect(run.code).toBe(0);
    expect(existsSync(stackFile)).toBe(false);
  });

  it("refuses, with INFRA_001 and the stack file untouched, a snapshot another engine took", async () => {
    const { dir, stackFile } = killedDeployment({
      engine: "memory",
      data: { "scaleway-infra:containers": [] },
    });
    const run = await recover(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("was taken by the memory engine, not by this deployment's (automation)");
    expect(readFileSync(stackFile, "utf8")).toBe(CHANGED);
    expect(existsSync(snapshotFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(true);
    expect(existsSync(lockFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
  });

  it("refuses a snapshot whose data is no stack file's bytes, instead of deleting the stack file", async () => {
    const { dir, stackFile } = killedDeployment({ engine: "automation", data: { not: "bytes" } });
    const run = await recover(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("holds no stack file bytes");
    expect(readFileSync(stackFile, "utf8")).toBe(CHANGED);
  });

  it("says nothing was to be put back when no deployment was killed", async () => {
    const dir = tempDir();
    const run = await recover(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("no config snapshot for staging; nothing to put back");
    expect(open).not.toHaveBeenCalled();
  });

  it("refuses to run outside the project folder: a stray .scw-infra elsewhere never rewrites the project's stack file", async () => {
    const project = tempDir();
    const projectStack = path.join(project, "Pulumi.staging.yaml");
    writeFileSync(projectStack, BEFORE);
    const { dir } = killedDeployment({ engine: "automation", data: "config:\n  CANARYt1: injected\n" });
    const run = await recover(dir, project);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/INFRA_001[\s\S]*must run from the project folder/);
    expect(readFileSync(projectStack, "utf8")).toBe(BEFORE);
    expect(run.stdout + run.stderr).not.toContain("CANARYt1");
  });
});
