import * as pulumi from "@pulumi/pulumi";
import main from "../../index";
import {
  configKeyOf,
  STACK_CONFIG_KEYS,
  type StackInput,
} from "@scaleway-infra/contracts/config/stack-input";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import type { DeploymentConfig } from "@scaleway-infra/contracts/documents/deployment-config";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  defineInfrastructure,
  type InfrastructureOutputs,
} from "../../components/program/define-infrastructure";
import {
  installMocks,
  isSecretValue,
  settle,
  unwrapSecrets,
  valueOf,
  type RecordedResource,
  type RecordingMocks,
} from "../components/support/recording-mocks";
import { readShippedStack } from "./support/shipped-stacks";

const CONTAINER = "scaleway:containers/container:Container";
const DOMAIN = "scaleway:containers/domain:Domain";
const DIGEST = `sha256:${"ab".repeat(32)}`;

function releaseImage(stack: string, service: string, version: string): string {
  return `rg.fr-par.scw.cloud/scaleway-infra-${stack}/${service}:${version}@${DIGEST}`;
}

function deployment(
  stack: string,
  slot: "green" | "canary",
  traffic: DeploymentConfig["traffic"],
  services = ["documentation"],
): DeploymentConfig {
  return {
    deployment_id: `${stack}-20261127T100000Z-abc123`,
    strategy: slot === "green" ? "blue_green" : "canary",
    traffic,
    copies: services.map((service) => ({
      service,
      slot,
      image: releaseImage(stack, service, "9.9.9"),
      single_instance: slot === "canary" && stack === "staging",
    })),
  };
}

/** The shipped stack after the DNS step of docs/runbook.md: every domain's CNAME is ready. */
function withReadyDomains(input: StackInput): StackInput {
  const containers = (input.values.containers as Array<{ networking: { domains?: string[] } }>).map(
    (container) => ({
      ...container,
      networking: { ...container.networking, cname_ready: container.networking.domains ?? [] },
    }),
  );
  return { ...input, values: { ...input.values, containers } };
}

function withDeployment(stack: string, config: unknown): StackInput {
  const input = withReadyDomains(readShippedStack(stack));
  return { ...input, values: { ...input.values, deployment: config } };
}

interface Run {
  mocks: RecordingMocks;
  outputs: InfrastructureOutputs;
}

async function run(stack: string, config?: DeploymentConfig): Promise<Run> {
  const contracts = validateStack(
    config ? withDeployment(stack, config) : withReadyDomains(readShippedStack(stack)),
  );
  const mocks = await installMocks(stack);
  const outputs = defineInfrastructure(contracts, { stack });
  await valueOf(pulumi.output(outputs));
  await settle(mocks);
  return { mocks, outputs };
}

function container(mocks: RecordingMocks, name: string): RecordedResource {
  return mocks.one(CONTAINER, name);
}

/** Hostname -> name of the container resource its binding points at. */
function domainBindings(mocks: RecordingMocks): Record<string, string> {
  const byId = new Map(mocks.ofType(CONTAINER).map((c) => [`${c.name}-id`, c.name]));
  return Object.fromEntries(
    mocks
      .ofType(DOMAIN)
      .map((d) => [String(d.inputs.hostname), byId.get(String(d.inputs.containerId)) ?? "?"]),
  );
}

describe("the program during a blue/green or canary deployment (scaleway-infra:deployment)", () => {
  it("creates no copy and binds the custom domains to the services when the key is absent", async () => {
    const { mocks, outputs } = await run("production");
    expect(
      mocks
        .ofType(CONTAINER)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["production-documentation", "production-runners", "production-streamlit"]);
    expect(Object.keys(outputs.containerUrls).sort()).toEqual(["documentation", "runners", "streamlit"]);
    expect(Object.values(domainBindings(mocks)).sort()).toEqual([
      "production-documentation",
      "production-streamlit",
    ]);
  });

  it("builds a green copy from the service's container_spec with only the image, name and tags changed", async () => {
    const { mocks } = await run("production", deployment("production", "green", "service"));
    const service = container(mocks, "production-documentation");
    const green = container(mocks, "production-documentation-green");
    const { name, description, image, tags, ...shared } = unwrapSecrets(green.inputs) as Record<
      string,
      unknown
    >;
    const serviceInputs = unwrapSecrets(service.inputs) as Record<string, unknown>;
    expect(name).toBe("production-documentation-green");
    expect(description).toMatch(/green copy/);
    expect(image).toBe(releaseImage("production", "documentation", "9.9.9"));
    expect(serviceInputs.image).not.toBe(image);
    expect(tags).toEqual(["env:production", "service:documentation", "deployment:green"]);
    for (const [key, value] of Object.entries(shared))
      expect([key, value]).toEqual([key, serviceInputs[key]]);
    expect(shared).toMatchObject({
      minScale: serviceInputs.minScale,
      maxScale: serviceInputs.maxScale,
      livenessProbe: { http: { path: expect.stringMatching(/^\//) } },
    });
  });

  it("passes the copy its service's secret variables as secrets only", async () => {
    const { mocks } = await run("production", deployment("production", "green", "service", ["runners"]));
    const green = container(mocks, "production-runners-green");
    expect(isSecretValue(green.inputs.secretEnvironmentVariables)).toBe(true);
    expect(Object.keys(unwrapSecrets(green.inputs.secretEnvironmentVariables) as object).sort()).toEqual([
      "DATABASE_URL",
      "RUNNERS_API_KEY",
    ]);
  });

  it("runs a staging canary as a single instance (min = max = 1)", async () => {
    const { mocks } = await run("staging", deployment("staging", "canary", "service"));
    const canary = container(mocks, "staging-documentation-canary");
    expect(canary.inputs).toMatchObject({ minScale: 1, maxScale: 1 });
    expect(canary.inputs.tags).toEqual(["env:staging", "service:documentation", "deployment:canary"]);
    expect(container(mocks, "staging-documentation").inputs.maxScale).toBeGreaterThan(1);
  });

  it("keeps the custom domains on the services with traffic: service", async () => {
    const { mocks } = await run(
      "production",
      deployment("production", "green", "service", ["documentation", "streamlit"]),
    );
    expect(Object.values(domainBindings(mocks)).sort()).toEqual([
      "production-documentation",
      "production-streamlit",
    ]);
  });

  it("binds a copied service's custom domains to its copy with traffic: copy, and leaves the others", async () => {
    const { mocks } = await run("production", deployment("production", "green", "copy", ["documentation"]));
    const bindings = Object.values(domainBindings(mocks)).sort();
    expect(bindings).toEqual(["production-documentation-green", "production-streamlit"]);
    expect(mocks.ofType(DOMAIN)).toHaveLength(2);
  });

  it("exports every copy's URL in containerUrls beside the services'", async () => {
    const { outputs } = await run(
      "production",
      deployment("production", "green", "service", ["documentation", "runners"]),
    );
    expect(Object.keys(outputs.containerUrls).sort()).toEqual([
      "documentation",
      "documentation-green",
      "runners",
      "runners-green",
      "streamlit",
    ]);
    expect(await valueOf(outputs.containerUrls["runners-green"])).toBe(
      "https://production-runners-green-mock.functions.fnc.fr-par.scw.cloud",
    );
  });
});

describe("the preflight of deployment copies (contracts that skipped validation)", () => {
  async function refusal(config: DeploymentConfig): Promise<{ error: InfraError; registered: number }> {
    const contracts = { ...validateStack(readShippedStack("production")), deployment: config };
    const mocks = await installMocks("production");
    let error: unknown;
    try {
      defineInfrastructure(contracts, { stack: "production" });
    } catch (caught) {
      error = caught;
    }
    await settle(mocks);
    if (!(error instanceof InfraError)) throw new Error(`expected an InfraError, got ${String(error)}`);
    return { error, registered: mocks.resources.length };
  }

  it("refuses a copy of an undeclared service with DEP-1 before any resource", async () => {
    const config = deployment("production", "green", "service");
    config.copies[0].service = "billing";
    const { error, registered } = await refusal(config);
    expect(error.problems).toEqual([
      expect.objectContaining({
        rule: "DEP-1",
        configKey: "scaleway-infra:deployment",
        path: "/copies/0/service",
      }),
    ]);
    expect(registered).toBe(0);
  });

  it("refuses a copy image outside the environment's registry namespace with CTR-2 before any resource", async () => {
    const config = deployment("production", "green", "service");
    config.copies[0].image = `rg.fr-par.scw.cloud/someone-else/documentation:1.0.0@${DIGEST}`;
    const { error, registered } = await refusal(config);
    expect(error.problems).toEqual([
      expect.objectContaining({
        rule: "CTR-2",
        configKey: "scaleway-infra:deployment",
        path: "/copies/0/image",
      }),
    ]);
    expect(registered).toBe(0);
  });
});

describe("index.ts with scaleway-infra:deployment in the running config", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}, []));

  function setConfig(stack: string, config: unknown): void {
    const input = withDeployment(stack, config);
    const values: Record<string, string> = {
      "scaleway:region": input.provider.region ?? "",
      "scaleway:zone": input.provider.zone ?? "",
      "scaleway:projectId": input.provider.projectId ?? "",
    };
    for (const key of STACK_CONFIG_KEYS) {
      if (input.values[key] !== undefined) values[configKeyOf(key)] = JSON.stringify(input.values[key]);
    }
    pulumi.runtime.setAllConfig(values, [configKeyOf("secrets")]);
  }

  it("reads the key and creates the copies", async () => {
    const mocks = await installMocks("staging");
    setConfig("staging", deployment("staging", "canary", "service", ["runners"]));
    const exported = main();
    await valueOf(pulumi.output(exported));
    await settle(mocks);
    expect(mocks.one(CONTAINER, "staging-runners-canary").inputs.minScale).toBe(1);
  });

  it("stops with INFRA_001 before registering any resource when the deployment config is invalid", async () => {
    const mocks = await installMocks("production");
    const invalid = deployment("production", "green", "copy", ["documentation"]);
    invalid.copies[0].service = "billing";
    invalid.copies[0].slot = "canary";
    setConfig("production", invalid);
    let message = "";
    try {
      main();
    } catch (error) {
      message = (error as Error).message;
    }
    await settle(mocks);
    expect(message).toMatch(/^INFRA_001 Invalid configuration/);
    expect(message).toMatch(/\[DEP-1\] scaleway-infra:deployment\/copies\/0\/service/);
    expect(message).toMatch(/\[DEP-1\] scaleway-infra:deployment\/copies\/0\/slot/);
    expect(mocks.resources).toHaveLength(0);
  });
});
