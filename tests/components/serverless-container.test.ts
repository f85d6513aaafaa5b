import * as pulumi from "@pulumi/pulumi";
import {
  livenessProbeOf,
  boundDomainsOf,
  containerPortOf,
  memoryLimitBytesOf,
  resolveSecretReferences,
  splitEnvironmentVariables,
} from "../../components/containers/container-inputs";
import { ServerlessContainer } from "../../components/containers/serverless-container";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { containerSpec, placement } from "./support/fixtures";
import {
  installMocks,
  isSecretValue,
  parentTypeOf,
  settle,
  unwrapSecrets,
  valueOf,
} from "./support/recording-mocks";

const CONTAINER = "scaleway:containers/container:Container";
const DOMAIN = "scaleway:containers/domain:Domain";

function secretValues(): Record<string, pulumi.Output<string>> {
  return {
    "production-documentation-database_url": pulumi.secret("postgresql://u:canary-pw@10.0.0.1:5432/db"),
  };
}

describe("container inputs", () => {
  it("converts memory from Scaleway's decimal MB to bytes, as the provider does (fact containers.memory-unit)", () => {
    expect(memoryLimitBytesOf(2048)).toBe(2_048_000_000);
    expect(memoryLimitBytesOf(1120)).toBe(1_120_000_000);
  });

  it("listens on the spec's port, else on 8080", () => {
    expect(containerPortOf({ port: 8501 })).toBe(8501);
    expect(containerPortOf({})).toBe(8080);
  });

  it("binds only the domains whose CNAME is ready", () => {
    expect(boundDomainsOf({ privacy: "public", domains: ["a.example.fr", "b.example.fr"] })).toEqual([]);
    expect(
      boundDomainsOf({
        privacy: "public",
        domains: ["a.example.fr", "b.example.fr"],
        cname_ready: ["b.example.fr"],
      }),
    ).toEqual(["b.example.fr"]);
  });

  it("builds an HTTP liveness probe with Go durations and the failure threshold", () => {
    expect(livenessProbeOf({ path: "/healthz", interval: 10, timeout: 3 })).toEqual({
      http: { path: "/healthz" },
      interval: "10s",
      timeout: "3s",
      failureThreshold: 3,
    });
  });

  it("separates plain variables from secret references", () => {
    const split = splitEnvironmentVariables([
      { name: "A", value: "1" },
      { name: "B", value: "production-runners-api_key", secret: true },
      { name: "C", value: "x", secret: false },
    ]);
    expect(split).toEqual({ plain: { A: "1", C: "x" }, secretRefs: { B: "production-runners-api_key" } });
  });

  it("rejects a secret variable that names an undeclared secret with INFRA_001 and CTR-6", () => {
    const spec = containerSpec();
    try {
      resolveSecretReferences(spec, { DATABASE_URL: "production-documentation-database_url" }, {}, 2);
      throw new Error("expected an InfraError");
    } catch (error) {
      expect(error).toBeInstanceOf(InfraError);
      const infra = error as InfraError;
      expect(infra.code).toBe("INFRA_001");
      expect(infra.problems[0]).toMatchObject({ rule: "CTR-6", path: "/2/environment_variables/1/value" });
    }
  });
});

describe("ServerlessContainer component", () => {
  async function build(spec = containerSpec(), privateNetworkId?: string) {
    const mocks = await installMocks();
    const component = new ServerlessContainer("documentation", {
      placement,
      spec,
      namespaceId: "fr-par/ns-id",
      privateNetworkId,
      secretValues: secretValues(),
    });
    await valueOf(component.url);
    await settle(mocks);
    return { mocks, component };
  }

  it("creates a container with the contract's scaling, resources, privacy and HTTPS only", async () => {
    const { mocks } = await build();
    expect(mocks.one(CONTAINER).inputs).toMatchObject({
      name: "production-documentation",
      namespaceId: "fr-par/ns-id",
      region: "fr-par",
      minScale: 2,
      maxScale: 6,
      cpuLimit: 1000,
      memoryLimitBytes: 2_048_000_000,
      port: 8080,
      privacy: "public",
      httpsConnectionsOnly: true,
      image: containerSpec().image,
    });
  });

  it("gives the container an HTTP liveness probe from health", async () => {
    const { mocks } = await build();
    expect(mocks.one(CONTAINER).inputs.livenessProbe).toEqual({
      http: { path: "/healthz" },
      interval: "10s",
      timeout: "3s",
      failureThreshold: 3,
    });
  });

  it("passes plain variables in clear and secret variables only as a Pulumi secret", async () => {
    const { mocks } = await build();
    const inputs = mocks.one(CONTAINER).inputs;
    expect(inputs.environmentVariables).toEqual({ LOG_LEVEL: "info" });
    expect(isSecretValue(inputs.secretEnvironmentVariables)).toBe(true);
    expect(unwrapSecrets(inputs.secretEnvironmentVariables)).toEqual({
      DATABASE_URL: "postgresql://u:canary-pw@10.0.0.1:5432/db",
    });
    expect(JSON.stringify(inputs.environmentVariables)).not.toContain("canary-pw");
  });

  it("attaches the container to the private network when one is given", async () => {
    const { mocks } = await build(containerSpec(), "fr-par/pn-id");
    expect(mocks.one(CONTAINER).inputs.privateNetworkId).toBe("fr-par/pn-id");
  });

  it("leaves the private network unset when there is none", async () => {
    const { mocks } = await build();
    expect(mocks.one(CONTAINER).inputs.privateNetworkId).toBeUndefined();
  });

  it("listens on the port of the spec", async () => {
    const { mocks } = await build(containerSpec({ port: 8501 }));
    expect(mocks.one(CONTAINER).inputs.port).toBe(8501);
  });

  it("adds no domain while its CNAME is not declared ready", async () => {
    const spec = containerSpec({ networking: { privacy: "private", domains: ["a.example.fr"] } });
    const { mocks } = await build(spec);
    expect(mocks.ofType(DOMAIN)).toHaveLength(0);
  });

  it("adds one domain per networking.domains entry whose CNAME is ready", async () => {
    const spec = containerSpec({
      networking: {
        privacy: "private",
        domains: ["a.example.fr", "b.example.fr"],
        cname_ready: ["a.example.fr", "b.example.fr"],
      },
    });
    const { mocks } = await build(spec);
    expect(mocks.ofType(DOMAIN).map((d) => d.inputs.hostname)).toEqual(["a.example.fr", "b.example.fr"]);
    expect(mocks.ofType(DOMAIN).every((d) => d.inputs.containerId === "production-documentation-id")).toBe(
      true,
    );
  });

  it("tags the container with env and service and parents every child to the component", async () => {
    const { mocks } = await build();
    expect(mocks.one(CONTAINER).inputs.tags).toEqual(["env:production", "service:documentation"]);
    const children = mocks.resources.filter((r) => r.custom);
    expect(children).toHaveLength(2);
    for (const child of children)
      expect(parentTypeOf(child.urn ?? "")).toBe("scaleway-infra:containers:ServerlessContainer");
  });

  it("exposes the container URL over HTTPS", async () => {
    const { component } = await build();
    expect(await valueOf(component.url)).toBe(
      "https://production-documentation-mock.functions.fnc.fr-par.scw.cloud",
    );
  });
});
