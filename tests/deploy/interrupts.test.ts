// Interrupts with real signals sent to a real `scw-infra deploy` child process (tests/deploy/support/
// deploy-child.ts), whose health checks hang on a test server: after one SIGINT or SIGTERM the
// deployment stops its checks at once, rolls back, answers with the interrupt in `errors`, releases
// the lock and puts the stack file back byte for byte; after two signals it still puts the stack
// file back and releases the lock before exiting 130; after kill -9, `deploy --recover` (or the next
// deploy) puts the stack file back from its snapshot and takes over the dead process's lock.
import { ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { lockFileFor } from "../../cli/deploy/lock";
import { snapshotFileFor } from "../../cli/deploy/config-snapshot-file";
import { CONTAINERS_CONFIG_KEY } from "../../cli/deploy/release-config";
import { containerSpec, deploymentRequest, tempDir, writeRequest } from "./support/fixtures";
import { responseSchemaErrors } from "./support/response-schema";

const ROOT = path.resolve(__dirname, "..", "..");
/** Every wait of these tests is bounded by this. */
const BOUND_MS = 20_000;

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  waitFor: (pattern: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
let server: http.Server;
let serverUrl = "";

beforeAll(async () => {
  // Health paths never answer (a probe waits until it gives up or is interrupted); the rest answers 200.
  server = http.createServer((request, response) => {
    if ((request.url ?? "").endsWith("/health")) return;
    response.writeHead(200, { connection: "close" });
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
});

/** A stack file in a format the engine would not write itself (4-space indent): only a byte copy matches. */
function writeStackFile(dir: string): { file: string; bytes: string } {
  const file = path.join(dir, "Pulumi.staging.json");
  const config = {
    [CONTAINERS_CONFIG_KEY]: (["documentation", "runners"] as const).map((name) => ({
      ...containerSpec(name),
      health: { path: "/health", interval: 0.05, timeout: 0.25 },
    })),
  };
  const bytes = JSON.stringify(config, null, 4) + "\n";
  writeFileSync(file, bytes);
  return { file, bytes };
}

function startChild(dir: string, stackFile: string, args: string[], upDurationMs = 0): Child {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "cli", "run-ts.js"), path.join(ROOT, "tests/deploy/support/deploy-child.ts"), ...args],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        CONTAINER_URL: serverUrl,
        STACK_FILE: stackFile,
        UP_DURATION_MS: String(upDurationMs),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let stdout = "";
  let stderr = "";
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} on the child's stderr within ${BOUND_MS} ms:\n${stderr}`)),
          BOUND_MS,
        );
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        check();
        void exited.then(() => {
          clearTimeout(timer);
          if (waiters.some((w) => w.pattern === pattern))
            reject(new Error(`child exited before ${pattern}:\n${stderr}`));
        });
      }),
  };
}

async function exitWithin(child: Child, ms: number): Promise<{ code: number | null; elapsedMs: number }> {
  const started = Date.now();
  const result = await Promise.race([
    child.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`child still running after ${ms} ms:\n${child.stderr()}`)), ms),
    ),
  ]);
  return { code: result.code, elapsedMs: Date.now() - started };
}

/** A request whose health checks would wait two minutes for the hanging release. */
function hangingRequest(dir: string): string {
  return writeRequest(
    dir,
    deploymentRequest({
      rollback: { enabled: true, timeout: 120 },
      validation: { health_checks: true, smoke_tests: false },
      smoke_tests: undefined,
    }),
  );
}

describe("scw-infra deploy under real signals", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "after one %s: stops the checks at once, rolls back, answers, releases the lock and restores the stack file",
    async (signal) => {
      const dir = tempDir();
      const stack = writeStackFile(dir);
      const child = startChild(dir, stack.file, ["--request", hangingRequest(dir)]);
      await child.waitFor(/up: rolling update to the release image: /);
      // The stack file now names the release: a deployment is changing it.
      expect(readFileSync(stack.file, "utf8")).not.toBe(stack.bytes);
      child.process.kill(signal);
      const { code, elapsedMs } = await exitWithin(child, BOUND_MS);
      expect(elapsedMs).toBeLessThan(5000);
      expect(code).toBe(3);
      const response = JSON.parse(child.stdout()) as { status: string; errors: string[] };
      expect(responseSchemaErrors(response)).toEqual([]);
      expect(response.status).toBe("rolled_back");
      expect(response.errors[0]).toMatch(
        new RegExp(`^INFRA_005: Deployment interrupted by ${signal} during health checks`),
      );
      expect(child.stderr()).toContain("recover: rolling back to 1.0.0");
      expect(existsSync(lockFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
      expect(existsSync(snapshotFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
      expect(readFileSync(stack.file, "utf8")).toBe(stack.bytes);
    },
    BOUND_MS * 2,
  );

  it(
    "after two signals: restores the stack file and releases the lock before exiting 130",
    async () => {
      const dir = tempDir();
      const stack = writeStackFile(dir);
      // Each `up` takes 3 s, so the second signal arrives while the rollback's `up` runs.
      const child = startChild(dir, stack.file, ["--request", hangingRequest(dir)], 3000);
      await child.waitFor(/up: rolling update to the release image: /);
      child.process.kill("SIGINT");
      await child.waitFor(/recover: rolling back/);
      child.process.kill("SIGINT");
      const { code, elapsedMs } = await exitWithin(child, BOUND_MS);
      expect(code).toBe(130);
      expect(elapsedMs).toBeLessThan(3000);
      expect(child.stderr()).toContain(
        "second SIGINT: restoring the stack config, releasing the lock, exiting",
      );
      expect(existsSync(lockFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
      expect(existsSync(snapshotFileFor(path.join(dir, ".scw-infra"), "staging"))).toBe(false);
      expect(readFileSync(stack.file, "utf8")).toBe(stack.bytes);
    },
    BOUND_MS * 2,
  );

  it.each([
    ["deploy --recover", (request: string) => ["--request", request, "--recover"]],
    ["the next deploy (a dry run)", (request: string) => ["--request", request, "--dry-run"]],
  ])(
    "after kill -9: %s puts the stack file back from its snapshot and takes over the dead lock",
    async (_label, nextArgs) => {
      const dir = tempDir();
      const stack = writeStackFile(dir);
      const request = hangingRequest(dir);
      const killed = startChild(dir, stack.file, ["--request", request]);
      await killed.waitFor(/up: rolling update to the release image: /);
      killed.process.kill("SIGKILL");
      await exitWithin(killed, BOUND_MS);
      const stateDir = path.join(dir, ".scw-infra");
      expect(existsSync(lockFileFor(stateDir, "staging"))).toBe(true);
      expect(existsSync(snapshotFileFor(stateDir, "staging"))).toBe(true);
      expect(readFileSync(stack.file, "utf8")).not.toBe(stack.bytes);

      const next = startChild(dir, stack.file, nextArgs(request));
      const { code } = await exitWithin(next, BOUND_MS);
      expect(code).toBe(0);
      expect(next.stderr()).toMatch(/put back as it was/);
      expect(existsSync(lockFileFor(stateDir, "staging"))).toBe(false);
      expect(existsSync(snapshotFileFor(stateDir, "staging"))).toBe(false);
      expect(readFileSync(stack.file, "utf8")).toBe(stack.bytes);
    },
    BOUND_MS * 3,
  );
});
