// What each strategy guarantees on Scaleway (docs/deploy-strategies.md), checked at every `up` of the
// in-memory engine, which models the program's containers and custom-domain bindings:
// - blue_green: custom domains never leave the service's container; the green twin is health-checked
//   and smoke tested on its own endpoint before the service's container is touched; a failing twin
//   leaves the service untouched;
// - canary: the canary twin never serves a custom domain (no user traffic), runs one instance in
//   staging, and is observed before the services are promoted;
// - rolling: one update of the services, validated where they serve.
import type { MemoryContainer } from "../../cli/deploy/engine/in-memory-engine";
import { ContainerServers, startContainerServers } from "./support/container-servers";
import { runDeployCli } from "./support/cli";
import {
  PREVIOUS_VERSION,
  deployedTags,
  deploymentRequest,
  memoryEngine,
  tempDir,
  writeRequest,
} from "./support/fixtures";

let servers: ContainerServers;
beforeAll(async () => {
  servers = await startContainerServers();
});
afterAll(async () => {
  await servers.close();
});

/** Records, at the start of every up, what the engine is about to apply. */
function recordUps(strategy: string, behaviours: Record<string, "failing" | "smoke-broken"> = {}) {
  const ups: MemoryContainer[][] = [];
  const engine = memoryEngine({
    servers,
    behaviours,
    onUp: () => {
      ups.push([...engine.render().values()]);
    },
  });
  const dir = tempDir();
  const run = runDeployCli(["--request", writeRequest(dir, deploymentRequest({ strategy }))], dir, engine);
  return { engine, ups, run };
}

describe("blue_green on Scaleway", () => {
  it("never moves a custom domain off the service's container", async () => {
    const { ups, run } = recordUps("blue_green");
    expect((await run).code).toBe(0);
    expect(ups.length).toBeGreaterThanOrEqual(2);
    for (const containers of ups) {
      for (const container of containers)
        expect(container.servesDomains).toBe(container.copyOf === undefined);
    }
  });

  it("validates the green twin on its own endpoint before the service's container is switched", async () => {
    const before = servers.requests("healthy").length;
    const { ups, run } = recordUps("blue_green");
    const result = await run;
    expect(result.code).toBe(0);
    // First up: the twin appears with the release while the service keeps the previous version.
    expect(ups[0].find((c) => c.name === "documentation-green")?.image).toMatch(/:2\.0\.0$/);
    expect(ups[0].find((c) => c.name === "documentation")?.image).toMatch(
      new RegExp(`:${PREVIOUS_VERSION}$`),
    );
    // Between the first and the second up, the twin's own URL was health-checked and smoke tested.
    const probes = servers.requests("healthy").slice(before);
    const switchAt = probes.findIndex((p) => p === "GET /documentation/health");
    const twinHealth = probes.indexOf("GET /documentation-green/health");
    const twinSmoke = probes.indexOf("GET /documentation-green/api/status");
    expect(twinHealth).toBeGreaterThanOrEqual(0);
    expect(twinSmoke).toBeGreaterThanOrEqual(0);
    expect(switchAt).toBeGreaterThan(twinSmoke);
    // Second up: the service at the release, the twin gone.
    expect(ups[1].find((c) => c.name === "documentation")?.image).toMatch(/:2\.0\.0$/);
    expect(ups[1].some((c) => c.copyOf !== undefined)).toBe(false);
  });

  it("leaves the service untouched, serving the previous version, when the twin fails", async () => {
    const { engine, run } = recordUps("blue_green", { "2.0.0": "failing" });
    expect((await run).code).toBe(3);
    expect(deployedTags(engine)).toEqual({ documentation: PREVIOUS_VERSION, runners: PREVIOUS_VERSION });
    expect(engine.copies()).toEqual([]);
    const history = (await engine.history()).map((entry) => entry.message);
    expect(history.some((message) => message.includes("switch blue to the release"))).toBe(false);
  });
});

describe("canary on Scaleway: a verification twin, no traffic split", () => {
  it("gives the canary twin no custom domain, one instance in staging, and observes it before promotion", async () => {
    const { engine, ups, run } = recordUps("canary");
    const result = await run;
    expect(result.code).toBe(0);
    const canaries = ups[0].filter((c) => c.slot === "canary");
    expect(canaries.map((c) => c.name).sort()).toEqual(["documentation-canary", "runners-canary"]);
    expect(canaries.every((c) => !c.servesDomains)).toBe(true);
    expect(engine.config["scaleway-infra:deployment"]).toBeUndefined();
    const observed = result.stderr.indexOf("observe: round 1");
    const promoted = result.stderr.indexOf("up: promote: rolling update to the release");
    expect(observed).toBeGreaterThan(0);
    expect(promoted).toBeGreaterThan(observed);
    expect(deployedTags(engine)).toEqual({ documentation: "2.0.0", runners: "2.0.0" });
  });

  it("runs the canary twin as a single instance in staging only", async () => {
    const { engine, run } = recordUps("canary");
    const setConfig = jest.spyOn(engine, "setConfig");
    await run;
    const deploymentConfigs = setConfig.mock.calls
      .filter(([key]) => key === "scaleway-infra:deployment")
      .map(([, value]) => value as { copies: Array<{ single_instance: boolean }>; traffic: string });
    expect(deploymentConfigs.length).toBeGreaterThan(0);
    for (const config of deploymentConfigs) {
      expect(config.traffic).toBe("service");
      expect(config.copies.every((copy) => copy.single_instance)).toBe(true);
    }
  });
});

describe("rolling on Scaleway", () => {
  it("applies one update of the services, then validates them where they serve", async () => {
    const { ups, run } = recordUps("rolling");
    const result = await run;
    expect(result.code).toBe(0);
    expect(ups).toHaveLength(1);
    expect(ups[0].every((c) => c.copyOf === undefined && c.servesDomains)).toBe(true);
    expect(result.stderr).toMatch(/documentation: health healthy after \d+ attempt\(s\), \d+ ms \(release\)/);
  });
});
