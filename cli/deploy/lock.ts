// One deployment per environment at a time, on this machine: an O_EXCL lock file under
// .scw-infra/locks/<environment>.lock holding the owner's pid, host and deployment id. A lock whose
// process is gone (same host, pid no longer alive) is stale and taken over; any other existing lock
// is a conflict, INFRA_008 (OPS-2). Across machines, Pulumi's own backend lock is the guard (see
// docs/deploy.md, "Locking", on what it does and does not guarantee).
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { makeDirectory } from "@scaleway-infra/contracts/files/make-directory";
import { hostname } from "node:os";
import * as path from "node:path";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

export interface LockOwner {
  pid: number;
  host: string;
  deployment_id: string;
  acquired_at: string;
}

export interface EnvironmentLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

export function lockFileFor(stateDir: string, environment: string): string {
  return path.join(stateDir, "locks", `${environment}.lock`);
}

export function acquireEnvironmentLock(
  stateDir: string,
  environment: string,
  deploymentId: string,
): EnvironmentLock {
  const file = lockFileFor(stateDir, environment);
  makeDirectory(path.dirname(file));
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    deployment_id: deploymentId,
    acquired_at: new Date().toISOString(),
  };
  // Two tries: the second only after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, "wx", 0o644);
      try {
        writeSync(fd, JSON.stringify(owner) + "\n");
      } finally {
        closeSync(fd);
      }
      return { file, owner, release: () => releaseIfOwned(file, owner) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readOwner(file);
      if (attempt === 0 && holder !== undefined && isStale(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      throw conflict(file, environment, holder);
    }
  }
  throw conflict(file, environment, readOwner(file));
}

function conflict(file: string, environment: string, holder: LockOwner | undefined): InfraError {
  const who = holder
    ? `deployment ${holder.deployment_id} (pid ${holder.pid} on ${holder.host}, since ${holder.acquired_at})`
    : "another deployment";
  return new InfraError("INFRA_008", `Environment "${environment}" is locked by ${who}.`, {
    details: {
      rule: "OPS-2",
      lock_file: file,
      holder: holder ?? null,
      fix: `Wait for it to finish. If that process is gone, remove ${file} and deploy again.`,
    },
  });
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      deployment_id: String(parsed.deployment_id ?? "unknown"),
      acquired_at: String(parsed.acquired_at ?? "unknown"),
    };
  } catch {
    // Unreadable or half-written: treat as held, never as stale, so that two writers cannot both win.
    return undefined;
  }
}

/** Stale only when we can tell: same host and the process no longer exists. */
export function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function releaseIfOwned(file: string, owner: LockOwner): void {
  const holder = readOwner(file);
  if (holder && holder.pid === owner.pid && holder.deployment_id === owner.deployment_id)
    rmSync(file, { force: true });
}
