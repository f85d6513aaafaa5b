// The stack config as it was before a deployment changed it, on disk under
// .scw-infra/snapshots/<environment>.json, written (atomically) before the first change. A deployment
// that ends removes it; one killed on the way (kill -9, a crash) leaves it behind, and the next
// `deploy`, or `deploy --recover`, puts the config back from it once it holds the environment lock.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { ConfigSnapshot } from "./engine/engine";

export interface SnapshotRecord {
  deployment_id: string;
  environment: string;
  taken_at: string;
  snapshot: ConfigSnapshot;
}

export function snapshotFileFor(stateDir: string, environment: string): string {
  return path.join(stateDir, "snapshots", `${environment}.json`);
}

export function writeSnapshotFile(file: string, record: SnapshotRecord): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(record) + "\n", { mode: 0o600 });
  renameSync(temporary, file);
}

/** The leftover snapshot of an environment, or undefined. A file that cannot be read is INFRA_001. */
export function readSnapshotFile(file: string): SnapshotRecord | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: Partial<SnapshotRecord>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<SnapshotRecord>;
  } catch {
    parsed = {};
  }
  const snapshot = parsed.snapshot as Partial<ConfigSnapshot> | undefined;
  if (
    typeof parsed.deployment_id !== "string" ||
    typeof snapshot?.engine !== "string" ||
    !("data" in snapshot)
  ) {
    throw new InfraError("INFRA_001", `The config snapshot ${file} is not one scw-infra deploy wrote.`, {
      details: {
        file,
        fix: "Check the stack file against git (git diff Pulumi.<env>.yaml), restore it by hand if needed, then remove this file.",
      },
    });
  }
  return parsed as SnapshotRecord;
}

export function removeSnapshotFile(file: string): void {
  rmSync(file, { force: true });
}
