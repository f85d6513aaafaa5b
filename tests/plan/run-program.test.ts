// Offline program runs under the Scaleway mocks: what the recorder sees of each resource.
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { runProgramUnderMocks } from "../../cli/plan/run-program";
import type { PlannedResource } from "../../cli/plan/model";

class Service extends pulumi.ComponentResource {
  readonly container: scaleway.containers.Container;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra:test:Service", name, {}, opts);
    const namespace = new scaleway.containers.Namespace(
      `${name}-ns`,
      { name: `${name}-ns` },
      { parent: this },
    );
    this.container = new scaleway.containers.Container(
      name,
      {
        name,
        namespaceId: namespace.id,
        minScale: 2,
        secretEnvironmentVariables: { DATABASE_URL: pulumi.secret("postgres://u:p@h/db") },
        environmentVariables: { LOG_LEVEL: "info", API_TOKEN: pulumi.secret("token-value") },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

function program() {
  const service = new Service("documentation");
  return { url: service.container.domainName };
}

function byType(resources: PlannedResource[], type: string): PlannedResource {
  const found = resources.find((r) => r.type === type);
  if (!found) throw new Error(`no ${type} among ${resources.map((r) => r.type).join(", ")}`);
  return found;
}

describe("runProgramUnderMocks", () => {
  it("records every registered resource with its URN, parent and dependencies", async () => {
    const run = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    const component = byType(run.resources, "scaleway-infra:test:Service");
    const container = byType(run.resources, "scaleway:containers/container:Container");
    const namespace = byType(run.resources, "scaleway:containers/namespace:Namespace");
    expect(container.urn).toBe(
      "urn:pulumi:staging::scaleway-infra::scaleway-infra:test:Service$scaleway:containers/container:Container::documentation",
    );
    expect(container.parent).toBe(component.urn);
    expect(container.dependencies).toContain(namespace.urn);
    expect(container.custom).toBe(true);
    expect(component.custom).toBe(false);
  });

  it("records the exact path of a secret nested in a plain input and unwraps its value", async () => {
    const run = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    const container = byType(run.resources, "scaleway:containers/container:Container");
    expect(container.secretPaths).toContain("environmentVariables.API_TOKEN");
    expect(container.secretPaths).not.toContain("environmentVariables.LOG_LEVEL");
    expect(container.props.environmentVariables).toEqual({ LOG_LEVEL: "info", API_TOKEN: "token-value" });
  });

  it("records an input the provider schema marks secret as secret as a whole", async () => {
    // The generated SDK wraps schema-secret inputs in pulumi.secret, so the engine sees the whole map as secret.
    const run = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    const container = byType(run.resources, "scaleway:containers/container:Container");
    expect(container.secretPaths).toContain("secretEnvironmentVariables");
    expect(container.props.secretEnvironmentVariables).toEqual({ DATABASE_URL: "postgres://u:p@h/db" });
  });

  it("resolves outputs with Scaleway-shaped mocked values", async () => {
    const run = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    expect(run.outputs.url).toMatch(/^documentation-ns-documentation\.functions\.fnc\.fr-par\.scw\.cloud$/);
    const container = byType(run.resources, "scaleway:containers/container:Container");
    expect(container.props.namespaceId).toMatch(/^fr-par\/[0-9a-f-]{36}$/);
  });

  it("locates each resource at the TypeScript line that declared it", async () => {
    const run = await runProgramUnderMocks(program, {
      project: "scaleway-infra",
      stack: "staging",
      sourceRoot: `${__dirname}/../..`,
    });
    const container = byType(run.resources, "scaleway:containers/container:Container");
    const declaringLine =
      fs
        .readFileSync(__filename, "utf8")
        .split("\n")
        .findIndex((l) => l.includes("new scaleway.containers.Container(")) + 1;
    expect(container.source).toMatchObject({ file: "tests/plan/run-program.test.ts", line: declaringLine });
  });

  it("runs twice in one process with the same result", async () => {
    const first = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    const second = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    expect(second.resources.map((r) => r.urn).sort()).toEqual(first.resources.map((r) => r.urn).sort());
    expect(second.outputs).toEqual(first.outputs);
  });

  it("rejects with the program's own error, and the next run still works", async () => {
    const failing = () => {
      new scaleway.containers.Namespace("before-the-error", { name: "before-the-error" });
      throw new InfraError("INFRA_001", "contracts cannot be built");
    };
    await expect(
      runProgramUnderMocks(failing, { project: "scaleway-infra", stack: "staging" }),
    ).rejects.toThrow("contracts cannot be built");
    const next = await runProgramUnderMocks(program, { project: "scaleway-infra", stack: "staging" });
    expect(next.resources.map((r) => r.name)).not.toContain("before-the-error");
    expect(next.outputs.url).toMatch(/functions\.fnc\.fr-par\.scw\.cloud$/);
  });

  it("records a resource read with Resource.get as a custom resource", async () => {
    const reading = () => {
      scaleway.containers.Namespace.get("existing", "fr-par/11111111-2222-4333-8444-555555555555");
      return {};
    };
    const run = await runProgramUnderMocks(reading, { project: "scaleway-infra", stack: "staging" });
    expect(byType(run.resources, "scaleway:containers/namespace:Namespace")).toMatchObject({
      name: "existing",
      custom: true,
    });
  });
});
