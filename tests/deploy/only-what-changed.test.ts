// Only what changed (issue 14 §1): a service already running the requested version is `skipped`
// (service status, with a detail; the deployment is `completed`), nothing is applied for it, and a
// request whose every service already runs the version deploys nothing at all and says so.
import { runsRelease } from "../../cli/deploy/running-versions";
import { ContainerServers, startContainerServers } from "./support/container-servers";
import { runDeployCli } from "./support/cli";
import {
  DIGEST,
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

interface Response {
  status: string;
  services: Array<{ name: string; status: string; health: string; detail?: string; url?: string }>;
  errors?: string[];
}

describe("scw-infra deploy: only what changed", () => {
  it("deploys nothing, and says so, when every service already runs the requested version", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, runningVersion: "2.0.0" });
    const configBefore = structuredClone(engine.config);
    const historyBefore = (await engine.history()).length;
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as Response;
    expect(responseSchemaErrors(response)).toEqual([]);
    expect(response.status).toBe("completed");
    expect(response.services.map((s) => [s.name, s.status])).toEqual([
      ["documentation", "skipped"],
      ["runners", "skipped"],
    ]);
    expect(response.services[0].detail).toBe(
      "already running 2.0.0 (stack outputs (containerImages)): nothing deployed",
    );
    expect(engine.calls).not.toContain("up");
    expect(engine.calls).not.toContain("preview");
    expect((await engine.history()).length).toBe(historyBefore);
    expect(engine.config).toEqual(configBefore);
    expect(run.stderr).toContain("every requested service already runs 2.0.0: nothing to deploy");
  });

  it("deploys only the service whose version changes and skips the other", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, runningVersion: "2.0.0" });
    // runners runs 1.0.0: only it changes.
    const containers = engine.config["scaleway-infra:containers"] as Array<{ name: string; image: string }>;
    containers[1].image = containers[1].image.replace(":2.0.0", ":1.0.0");
    await engine.up({ policyPacks: ["policies"], message: "runners back to 1.0.0" });
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    expect(run.code).toBe(0);
    const response = JSON.parse(run.stdout) as Response;
    expect(response.services.map((s) => [s.name, s.status])).toEqual([
      ["documentation", "skipped"],
      ["runners", "deployed"],
    ]);
    expect(deployedTags(engine)).toEqual({ documentation: "2.0.0", runners: "2.0.0" });
    // Only runners was probed by the release's smoke tests.
    expect(run.stderr).toContain("runners: smoke passed");
    expect(run.stderr).not.toContain("documentation: smoke passed");
  });

  it("falls back to the stack's history when the stack outputs no containerImages", async () => {
    const dir = tempDir();
    const engine = memoryEngine({ servers, runningVersion: "2.0.0" });
    const outputs = engine.outputs.bind(engine);
    engine.outputs = async () => {
      const all = await outputs();
      delete all.containerImages;
      return all;
    };
    const run = await runDeployCli(["--request", writeRequest(dir, deploymentRequest())], dir, engine);
    const response = JSON.parse(run.stdout) as Response;
    expect(response.services.every((s) => s.status === "skipped")).toBe(true);
    expect(response.services[0].detail).toContain("(stack history, update 1)");
  });
});

describe("runsRelease: is the running image the release?", () => {
  const repo = "rg.fr-par.scw.cloud/gov-production/documentation";
  const other = `sha256:${"cd".repeat(32)}`;
  it.each([
    [`${repo}:2.0.0@${DIGEST}`, `${repo}:2.0.0@${DIGEST}`, true],
    [`${repo}:2.0.0@${other}`, `${repo}:2.0.0@${DIGEST}`, false],
    [`${repo}:2.0.0`, `${repo}:2.0.0@${DIGEST}`, false],
    [`${repo}:1.9.0@${DIGEST}`, `${repo}@${DIGEST}`, true],
    [`${repo}:2.0.0`, `${repo}:2.0.0`, true],
    [`${repo}:2.0.0@${DIGEST}`, `${repo}:2.0.0`, false],
    [`rg.fr-par.scw.cloud/gov-production/runners:2.0.0`, `${repo}:2.0.0`, false],
    [undefined, `${repo}:2.0.0`, false],
  ])("running %s, release %s: %s", (running, release, expected) => {
    expect(runsRelease(running, release)).toBe(expected);
  });
});
