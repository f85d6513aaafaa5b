// The per-environment lock file: exclusive, released only by its owner, stale only when provably so.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { acquireEnvironmentLock, isStale, lockFileFor } from "../../cli/deploy/lock";
import { tempDir } from "./support/fixtures";

describe("acquireEnvironmentLock", () => {
  it("writes the owner's pid, host and deployment id into the lock file", () => {
    const dir = tempDir();
    const lock = acquireEnvironmentLock(dir, "staging", "staging-1");
    expect(JSON.parse(readFileSync(lock.file, "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      deployment_id: "staging-1",
    });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it("refuses a second lock on the same environment with INFRA_008, citing OPS-2", () => {
    const dir = tempDir();
    const lock = acquireEnvironmentLock(dir, "staging", "staging-1");
    expect(() => acquireEnvironmentLock(dir, "staging", "staging-2")).toThrow(
      expect.objectContaining({ code: "INFRA_008", details: expect.objectContaining({ rule: "OPS-2" }) }),
    );
    lock.release();
  });

  it("locks environments independently", () => {
    const dir = tempDir();
    const staging = acquireEnvironmentLock(dir, "staging", "s");
    const production = acquireEnvironmentLock(dir, "production", "p");
    expect(production.file).not.toBe(staging.file);
    staging.release();
    production.release();
  });

  it("does not remove a lock another deployment took after a stale takeover", () => {
    const dir = tempDir();
    const lock = acquireEnvironmentLock(dir, "staging", "mine");
    writeFileSync(
      lock.file,
      JSON.stringify({ pid: process.pid, host: hostname(), deployment_id: "theirs", acquired_at: "x" }),
    );
    lock.release();
    expect(existsSync(lock.file)).toBe(true);
  });

  it("treats an unreadable lock file as held, never as stale", () => {
    const dir = tempDir();
    const file = lockFileFor(dir, "staging");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "{half");
    expect(() => acquireEnvironmentLock(dir, "staging", "x")).toThrow(
      expect.objectContaining({ code: "INFRA_008" }),
    );
  });
});

describe("isStale", () => {
  it("is true for a dead process on this host", () => {
    expect(isStale({ pid: 4194305, host: hostname(), deployment_id: "x", acquired_at: "x" })).toBe(true);
  });

  it("is false for a live process on this host", () => {
    expect(isStale({ pid: process.pid, host: hostname(), deployment_id: "x", acquired_at: "x" })).toBe(false);
  });

  it("is false for any process on another host, which this machine cannot check", () => {
    expect(
      isStale({ pid: 4194305, host: `${hostname()}-elsewhere`, deployment_id: "x", acquired_at: "x" }),
    ).toBe(false);
  });
});
