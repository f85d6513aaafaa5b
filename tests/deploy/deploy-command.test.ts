// `scw-infra deploy` end to end with the in-memory engine: invalid requests stop before anything is
// touched (INFRA_001, exit 2), a locked environment ends INFRA_008 exit 3 with nothing changed, a dry
// run only previews, and every run prints a schema-valid response and writes its JSON-lines log.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";
import { lockFileFor } from "../../cli/deploy/lock";
import { ContainerServers, PRIVATE_TOKEN, startContainerServers } from "./support/container-servers";
import { runDeployCli } from "./support/cli";
import {
  DIGEST,
  PREVIOUS_VERSION,
  deployedTags,
  deploymentRequest,
  memoryEngine,
  tempDir,
  writeRequest,
} from "./support/fixtures";
import { responseSchemaErrors } from "./support/response-schema";

let servers: ContainerServers;
beforeAll(async () => {
  servers = await startContainerServers();
});
afterAll(async () => {
  await servers.close();
});

function productionRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return deploymentRequest({ environment: "production", version: `2.0.0@${DIGEST}`, ...overrides });
}

describe("scw-infra deploy: requests refused before anything is touched", () => {
  it.each([
    ["rollback disabled", { rollback: { enabled: false, timeout: 1 } }, "/rollback/enabled"],
    [
      "health checks off",
      { validation: { health_checks: false, smoke_tests: true } },
      "/validation/health_checks",
    ],
  ])(
    "refuses a production request with %s as INFRA_001 (DEP-3), exit 2",
    async (_label, overrides, pointer) => {
      const dir = tempDir();
      const engine = memoryEngine({ servers, environment: "production" });
      const run = await runDeployCli(
        ["--request", writeRequest(dir, productionRequest(overrides))],
        dir,
        engine,
      );
      expect(run.code).toBe(2);
      const error = JSON.parse(run.stderr.slice(run.stderr.indexOf("{"))) as {
        code: string;
        details: { problems: Array<{ path: string; rule: string }> };
      };
      expect(error.code).toBe("INFRA_001");
      expect(error.details.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: pointer, rule: "DEP-3" })]),
      );
      expect(run.engineOpened).toBe(false);
      expect(run.stdout).toBe("");
    },
  );

  it("refuses a production release without a digest as INFRA_001 (INT-2), exit 2", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, environment: "production" });
    const run = await runDeployCli(
      ["--request", writeRequest(dir, productionRequest({ version: "2.0.0" }))],
      dir,
      engine,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[INT-2]");
    expect(run.engineOpened).toBe(false);
  });

  it("refuses a service the stack does not declare as INFRA_001 (DEP-1) and changes nothing", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, services: ["documentation"] });
    const before = structuredClone(engine.config);
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('service "runners" is not declared in scaleway-infra:containers');
    expect(engine.calls).toEqual(["getConfig"]);
    expect(engine.config).toEqual(before);
    expect(existsSync(path.join(dir, ".scw-infra"))).toBe(false);
  });

  it("refuses a request whose smoke tests are on but none are defined", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers });
    const request = deploymentRequest();
    delete request.smoke_tests;
    const run = await runDeployCli(["--request", writeRequest(dir, request)], dir, engine);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/validation/smoke_tests");
  });

  it("refuses a missing --request with usage, exit 2", async () => {
    const dir = tempDir();
    const run = await runDeployCli([], dir, memoryEngine({ servers }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--request FILE is required");
  });
});

describe("scw-infra deploy: the environment lock", () => {
  it("ends INFRA_008 with exit 3 and changes nothing while another deployment holds the lock", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers });
    const lockFile = lockFileFor(path.join(dir, ".scw-infra"), "staging");
    mkdirSync(path.dirname(lockFile), { recursive: true });
    // Held by this very process: alive, same host, so never mistaken for stale.
    const holder = JSON.stringify({
      pid: process.pid,
      host: hostname(),
      deployment_id: "staging-other",
      acquired_at: new Date().toISOString(),
    });
    writeFileSync(lockFile, holder);
    const before = { config: structuredClone(engine.config), tags: deployedTags(engine) };

    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);

    expect(run.code).toBe(3);
    const response = JSON.parse(run.stdout) as { status: string; errors: string[] };
    expect(response.status).toBe("failed");
    expect(response.errors[0]).toMatch(
      /^INFRA_008: Environment "staging" is locked by deployment staging-other/,
    );
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(engine.calls.filter((call) => call !== "getConfig")).toEqual([]);
    expect(engine.config).toEqual(before.config);
    expect(deployedTags(engine)).toEqual(before.tags);
    expect(readFileSync(lockFile, "utf8")).toBe(holder);
  });

  it("lets only one of two concurrent deployments to the same environment run", async () => {
    const dir = tempDir();
    let releaseFirst: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstUpStarted: () => void = () => undefined;
    const upStarted = new Promise<void>((resolve) => (firstUpStarted = resolve));
    const first = memoryEngine({
      servers,
      onUp: async () => {
        firstUpStarted();
        await held;
      },
    });
    const second = memoryEngine({ servers });
    const file = writeRequest(dir, deploymentRequest());
    const firstRun = runDeployCli(["--request", file], dir, first);
    await upStarted;
    const secondRun = await runDeployCli(["--request", file], dir, second);
    releaseFirst();
    expect(secondRun.code).toBe(3);
    expect(secondRun.stderr).toContain("INFRA_008");
    expect(second.calls.filter((call) => call !== "getConfig")).toEqual([]);
    expect((await firstRun).code).toBe(0);
  });

  it("takes over a stale lock left by a process that no longer exists", async () => {
    const dir = tempDir();
    const lockFile = lockFileFor(path.join(dir, ".scw-infra"), "staging");
    mkdirSync(path.dirname(lockFile), { recursive: true });
    // pid 2^22 + 1 is above Linux's pid_max ceiling, so no process can have it.
    writeFileSync(
      lockFile,
      JSON.stringify({
        pid: 4194305,
        host: hostname(),
        deployment_id: "crashed",
        acquired_at: "2026-01-01T00:00:00Z",
      }),
    );
    const run = await runDeployCli(
      ["--request", writeRequest(dir, deploymentRequest())],
      dir,
      memoryEngine({ servers }),
    );
    expect(run.code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe("scw-infra deploy --dry-run", () => {
  it.each(["rolling", "blue_green", "canary"])(
    "runs the whole %s flow on previews only and restores the config",
    async (strategy) => {
      const dir = tempDir();
      const engine = memoryEngine({ servers });
      const before = { config: structuredClone(engine.config), tags: deployedTags(engine) };
      const probesBefore = servers.requests("healthy").length;
      const run = await runDeployCli(
        ["--request", writeRequest(dir, deploymentRequest({ strategy })), "--dry-run"],
        dir,
        engine,
      );
      expect(run.code).toBe(0);
      // Nothing was deployed, so nothing is probed: health checks and smoke tests need a real up.
      expect(servers.requests("healthy").length).toBe(probesBefore);
      const response = JSON.parse(run.stdout) as {
        status: string;
        services: Array<{ status: string; health: string }>;
      };
      expect(response.status).toBe("completed");
      expect(response.services.every((s) => s.status === "previewed" && s.health === "unknown")).toBe(true);
      expect(engine.calls).not.toContain("up");
      expect(engine.calls.filter((call) => call === "preview").length).toBe(
        { rolling: 1, blue_green: 2, canary: 2 }[strategy],
      );
      expect(engine.config).toEqual(before.config);
      expect(deployedTags(engine)).toEqual(before.tags);
    },
  );
});

describe("scw-infra deploy: output", () => {
  it("prints a completed, schema-valid response with service URLs and exits 0", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers });
    const run = await runDeployCli(
      ["--request", writeRequest(dir, deploymentRequest({ strategy: "blue_green" }))],
      dir,
      engine,
    );
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as {
      status: string;
      services: Array<{ name: string; url: string; health: string }>;
      rollback_info: unknown;
    };
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(response.status).toBe("completed");
    expect(response.services).toEqual([
      {
        name: "documentation",
        status: "deployed",
        health: "healthy",
        url: `${servers.url("healthy")}/documentation`,
      },
      { name: "runners", status: "deployed", health: "healthy", url: `${servers.url("healthy")}/runners` },
    ]);
    expect(response.rollback_info).toEqual({ available: true, previous_version: PREVIOUS_VERSION });
  });

  it("writes per-step and per-service progress on stderr", async () => {
    const dir = tempDir();
    const run = await runDeployCli(
      ["--request", writeRequest(dir, deploymentRequest({ strategy: "canary" }))],
      dir,
      memoryEngine({ servers }),
    );
    expect(run.stderr).toMatch(
      /\[deploy staging-\S+\] up: create the canary verification twins \(no user traffic: Scaleway cannot split by weight\): 2 to create/,
    );
    expect(run.stderr).toMatch(
      /\[deploy staging-\S+\]   documentation-canary: health healthy after 1 attempt\(s\), \d+ ms \(canary twin, on its own endpoint\)/,
    );
    expect(run.stderr).toMatch(/\[deploy staging-\S+\] observe: round 1/);
  });

  it("writes one JSON-lines log per deployment under .scw-infra/deployments/, ending with the response", async () => {
    const dir = tempDir();
    const run = await runDeployCli(
      ["--request", writeRequest(dir, deploymentRequest())],
      dir,
      memoryEngine({ servers }),
    );
    const response = JSON.parse(run.stdout) as { deployment_id: string };
    const logs = readdirSync(path.join(dir, ".scw-infra", "deployments"));
    expect(logs).toEqual([`${response.deployment_id}.jsonl`]);
    const events = readFileSync(path.join(dir, ".scw-infra", "deployments", logs[0]), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { event: string; deployment_id: string; response?: unknown });
    expect(events.every((e) => e.deployment_id === response.deployment_id)).toBe(true);
    expect(events[0].event).toBe("step");
    expect(events.at(-1)?.event).toBe("step");
    expect(events.find((e) => e.event === "response")?.response).toEqual(response);
    expect(events.some((e) => e.event === "health_attempt")).toBe(true);
  });

  it("exits 3 and prints the error, citing CTR-5, on stderr when the deployment rolled back", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, behaviours: { "2.0.0": "failing" } });
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(3);
    expect((JSON.parse(run.stdout) as { status: string }).status).toBe("rolled_back");
    expect(run.stderr).toContain("INFRA_006 Health check failed:");
    expect(run.stderr).toContain('"rule": "CTR-5"');
  });
});

describe("scw-infra deploy: every problem at once", () => {
  it("lists the contract problem and the workflow's own problem of one request together, with lines", async () => {
    const dir = tempDir();
    const file = path.join(dir, "request.yaml");
    writeFileSync(
      file,
      [
        "environment: production",
        "services: [documentation]",
        "version: 1.4.3",
        "strategy: rolling",
        "rollback: { enabled: false, timeout: 300 }",
        "validation: { health_checks: true, smoke_tests: false }",
        "notifications: { slack: false, email: false }",
        "",
      ].join("\n"),
    );
    const run = await runDeployCli(
      ["--request", file],
      dir,
      memoryEngine({ servers, environment: "production" }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`[DEP-3] ${file}:5:22 /rollback/enabled`);
    expect(run.stderr).toContain(`[INT-2] ${file}:3:10 /version`);
  });
});

describe("scw-infra deploy: engine failures", () => {
  it("ends INFRA_008, exit 3, when another update holds the Pulumi stack lock mid-way", async () => {
    const dir = tempDir();
    const engine = memoryEngine({
      servers,
      faults: [
        {
          operation: "up",
          call: 1,
          code: "INFRA_008",
          message: "the stack is currently locked by 1 lock(s)",
        },
      ],
    });
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(3);
    const response = JSON.parse(run.stdout) as { status: string; errors: string[] };
    expect(response.errors[0]).toBe("INFRA_008: the stack is currently locked by 1 lock(s)");
    expect(run.stderr).toContain("INFRA_008 State lock conflict");
    expect(deployedTags(engine)).toEqual({ documentation: PREVIOUS_VERSION, runners: PREVIOUS_VERSION });
  });

  it("ends INFRA_003, exit 3, when the engine is refused the state backend, before anything is applied", async () => {
    const dir = tempDir();
    const engine = memoryEngine({
      servers,
      faults: [{ operation: "history", call: 1, code: "INFRA_003", message: "AccessDenied" }],
    });
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(3);
    expect((JSON.parse(run.stdout) as { status: string }).status).toBe("failed");
    expect(engine.calls).not.toContain("up");
  });

  it("completes a release whose health path flaps, once a probe answers 200", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, behaviours: { "2.0.0": "flapping" } });
    const request = deploymentRequest({ validation: { health_checks: true, smoke_tests: false } });
    delete request.smoke_tests;
    const run = await runDeployCli(["--request", writeRequest(dir, request)], dir, engine);
    expect(run.code).toBe(0);
    // One server answers 503 then 200 in turn: whichever service probes first needs a retry.
    expect(run.stderr).toMatch(/(documentation|runners): health healthy after [2-9] attempt/);
  });
});

describe("scw-infra deploy: private containers", () => {
  it("health-checks a private container with the token from SCW_INFRA_PROBE_TOKEN and never logs it", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, behaviours: { "2.0.0": "private" } });
    const env = { SCW_INFRA_PROBE_TOKEN: PRIVATE_TOKEN };
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine, env);
    expect(run.code).toBe(0);
    const logDir = path.join(dir, ".scw-infra", "deployments");
    const log = readFileSync(path.join(logDir, readdirSync(logDir)[0]), "utf8");
    expect(`${run.stdout}${run.stderr}${log}`).not.toContain(PRIVATE_TOKEN);
  });

  it("fails the health check of a private container when no token is given (HTTP 403)", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, behaviours: { "2.0.0": "private" } });
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("last: HTTP 403");
  });
});
