// The in-memory engine models the program's handling of the deployment config and fails on demand.
import { InMemoryEngine } from "../../cli/deploy/engine/in-memory-engine";
import { CONTAINERS_CONFIG_KEY, DEPLOYMENT_CONFIG_KEY } from "../../cli/deploy/release-config";
import { containerSpec } from "./support/fixtures";

function engine(faults = [] as ConstructorParameters<typeof InMemoryEngine>[0]["faults"]): InMemoryEngine {
  return new InMemoryEngine({
    stackName: "staging",
    config: { [CONTAINERS_CONFIG_KEY]: [containerSpec("documentation")] },
    deployed: true,
    faults,
    urlOf: (c) => `http://127.0.0.1:1/${c.name}`,
  });
}
const run = { policyPacks: ["policies"], message: "test" };

describe("InMemoryEngine", () => {
  it("creates a copy per entry of scaleway-infra:deployment and binds domains where traffic says", async () => {
    const e = engine();
    await e.setConfig(DEPLOYMENT_CONFIG_KEY, {
      deployment_id: "d",
      strategy: "blue_green",
      traffic: "copy",
      copies: [
        {
          service: "documentation",
          slot: "green",
          image: "rg.fr-par.scw.cloud/gov/documentation:2.0.0",
          single_instance: false,
        },
      ],
    });
    expect(await e.up(run)).toEqual({ create: 1, update: 1 });
    expect(e.containers.get("documentation-green")).toMatchObject({
      copyOf: "documentation",
      servesDomains: true,
    });
    expect(e.containers.get("documentation")?.servesDomains).toBe(false);
  });

  it("fails the chosen call of an operation, and only that one", async () => {
    const e = engine([{ operation: "up", call: 2, code: "INFRA_008" }]);
    await e.up(run);
    await expect(e.up(run)).rejects.toMatchObject({ code: "INFRA_008" });
    await expect(e.up(run)).resolves.toBeDefined();
  });

  it("applies the new state before failing when asked to fail half-way", async () => {
    const e = engine([{ operation: "up", call: 1, afterApplying: true }]);
    await e.setConfig(CONTAINERS_CONFIG_KEY, [
      { ...containerSpec("documentation"), image: "rg.fr-par.scw.cloud/gov/documentation:2.0.0" },
    ]);
    await expect(e.up(run)).rejects.toMatchObject({ code: "INFRA_005" });
    expect(e.containers.get("documentation")?.image).toBe("rg.fr-par.scw.cloud/gov/documentation:2.0.0");
    expect((await e.history())[0]).toMatchObject({ result: "failed" });
  });

  it("records each update's config in the history, newest first", async () => {
    const e = engine();
    await e.up({ ...run, message: "second" });
    const history = await e.history();
    expect(history.map((h) => h.message)).toEqual(["second", "initial deployment"]);
    expect(history[1].config[CONTAINERS_CONFIG_KEY]).toEqual([containerSpec("documentation")]);
  });

  it("refuses to preview or update without a policy pack", async () => {
    await expect(engine().preview({ policyPacks: [], message: "x" })).rejects.toThrow(
      "without a policy pack",
    );
  });
});
