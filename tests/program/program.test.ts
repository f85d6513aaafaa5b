import * as pulumi from "@pulumi/pulumi";
import type { RuleGroup } from "../../components/alerting/rule-groups";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import {
  defineInfrastructure,
  type InfrastructureOutputs,
} from "../../components/program/define-infrastructure";
import {
  DATABASE_SERVICE_NAME,
  isEuRegion,
  retentionDaysFor,
  SERVICE_NAMES,
  WORLD_OPEN_CIDRS,
} from "@scaleway-infra/contracts/thresholds";
import {
  installMocks,
  isSecretValue,
  parentTypeOf,
  plainStrings,
  settle,
  unwrapSecrets,
  valueOf,
  type RecordingMocks,
} from "../components/support/recording-mocks";
import { readShippedStack, SHIPPED_STACKS } from "./support/shipped-stacks";

const T = {
  container: "scaleway:containers/container:Container",
  namespace: "scaleway:containers/namespace:Namespace",
  domain: "scaleway:containers/domain:Domain",
  instance: "scaleway:databases/instance:Instance",
  database: "scaleway:databases/database:Database",
  user: "scaleway:databases/user:User",
  privilege: "scaleway:databases/privilege:Privilege",
  acl: "scaleway:databases/acl:Acl",
  secret: "scaleway:secrets/secret:Secret",
  version: "scaleway:secrets/version:Version",
  policy: "scaleway:iam/policy:Policy",
  application: "scaleway:iam/application:Application",
  alertManager: "scaleway:observability/alertManager:AlertManager",
  token: "scaleway:observability/token:Token",
  vpc: "scaleway:network/vpc:Vpc",
  privateNetwork: "scaleway:network/privateNetwork:PrivateNetwork",
  registry: "scaleway:registry/namespace:Namespace",
  password: "random:index/randomPassword:RandomPassword",
  rules: "pulumi-nodejs:dynamic:Resource",
} as const;

/** Scaleway types whose inputs take tags in @pulumiverse/scaleway 1.54.0. */
const TAGGED_TYPES = [
  T.container,
  T.namespace,
  T.instance,
  T.secret,
  T.policy,
  T.application,
  T.vpc,
  T.privateNetwork,
];

const CANARY_API_KEY = "canary-7d1f-plaintext-api-key";

interface ProgramRun {
  mocks: RecordingMocks;
  outputs: InfrastructureOutputs;
  contracts: StackContracts;
}

async function runProgram(
  stack: string,
  secretValues?: Record<string, pulumi.Input<string>>,
): Promise<ProgramRun> {
  const contracts = validateStack(readShippedStack(stack));
  const mocks = await installMocks(stack);
  const outputs = defineInfrastructure(contracts, { stack, secretValues });
  await valueOf(pulumi.output(outputs));
  await settle(mocks);
  return { mocks, outputs, contracts };
}

describe.each(SHIPPED_STACKS)("the program under Pulumi.%s.yaml", (stack) => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runProgram(stack, {
      [`${stack}-runners-api_key`]: pulumi.secret(Buffer.from(CANARY_API_KEY).toString("base64")),
    });
  });

  it("creates the expected set of resources", () => {
    const counts = Object.fromEntries(
      Object.entries(T).map(([key, type]) => [key, run.mocks.ofType(type).length]),
    );
    expect(counts).toEqual({
      container: 3,
      namespace: 1,
      domain: 0,
      instance: 1,
      database: 1,
      user: 3,
      privilege: 3,
      acl: 1,
      secret: 4,
      version: 4,
      policy: 0,
      application: 0,
      alertManager: 1,
      token: 1,
      vpc: 1,
      privateNetwork: 1,
      registry: 0,
      password: 4,
      rules: 1,
    });
  });

  it("runs each container at its environment's minimum scale or more, with an HTTP liveness probe", () => {
    const min = stack === "production" ? 2 : 1;
    for (const container of run.mocks.ofType(T.container)) {
      expect(container.inputs.minScale).toBeGreaterThanOrEqual(min);
      expect(container.inputs.livenessProbe).toMatchObject({ http: { path: expect.stringMatching(/^\//) } });
      expect(container.inputs.privateNetworkId).toBe(`${stack}-private-id`);
    }
  });

  it("passes secret variables only through secretEnvironmentVariables", () => {
    for (const container of run.mocks.ofType(T.container)) {
      const plainNames = Object.keys(container.inputs.environmentVariables as object);
      expect(plainNames).not.toEqual(expect.arrayContaining(["DATABASE_URL"]));
      expect(plainNames).not.toContain("RUNNERS_API_KEY");
      expect(isSecretValue(container.inputs.secretEnvironmentVariables)).toBe(true);
    }
  });

  it("hands each service the database_url built by the database and the API key of the stack, as secrets", () => {
    const runners = run.mocks.one(T.container, `${stack}-runners`).inputs.secretEnvironmentVariables;
    const url = `postgresql://runners:Mock-Passw0rd_platform-${stack}-runners-password@172.16.4.2:5432/platform_${stack}?sslmode=require`;
    expect(isSecretValue(runners) && runners.value).toEqual({
      DATABASE_URL: url,
      RUNNERS_API_KEY: CANARY_API_KEY,
    });
    const stored = run.mocks.one(T.version, `${stack}-runners-database_url-version`).inputs.data;
    expect(isSecretValue(stored) && stored.value).toBe(url);
  });

  it("creates no IAM application or policy: each service reads its secrets as secret variables", () => {
    expect(run.mocks.ofType(T.application)).toHaveLength(0);
    expect(run.mocks.ofType(T.policy)).toHaveLength(0);
    const runners = run.mocks.one(T.container, `${stack}-runners`).inputs;
    expect(Object.keys(unwrapSecrets(runners.secretEnvironmentVariables) as object).sort()).toEqual([
      "DATABASE_URL",
      "RUNNERS_API_KEY",
    ]);
  });

  it("builds the database with the environment's HA, retention and encryption at rest", () => {
    const instance = run.mocks.one(T.instance).inputs;
    expect(instance.isHaCluster).toBe(stack === "production");
    expect(retentionDaysFor(stack as "staging" | "production")).toContain(instance.backupScheduleRetention);
    expect(instance.encryptionAtRest).toBe(true);
    expect(instance.privateNetwork).toMatchObject({ pnId: `${stack}-private-id` });
  });

  it("opens the database through one ACL that never includes a world-open range", () => {
    const rules = run.mocks.one(T.acl).inputs.aclRules as Array<{ ip: string; description: string }>;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(WORLD_OPEN_CIDRS).not.toContain(rule.ip);
      expect(rule.description).not.toBe("");
    }
  });

  it("watches every service and the database with warning and critical alert rules", () => {
    const rules = run.mocks.one(T.rules).inputs;
    expect([...(rules.targets as string[])].sort()).toEqual([...SERVICE_NAMES, DATABASE_SERVICE_NAME].sort());
    const severities = (rules.groups as RuleGroup[]).flatMap((g) => g.rules.map((r) => r.labels.severity));
    expect(new Set(severities)).toEqual(new Set(["critical", "warning"]));
    expect(run.mocks.one(T.alertManager).inputs.contactPoints).toEqual(
      expect.arrayContaining([{ email: "dba@example.gouv.fr" }]),
    );
  });

  it("creates a private network, and leaves the registry namespace to the bootstrap", () => {
    expect(run.mocks.ofType(T.registry)).toHaveLength(0);
    expect(run.mocks.one(T.privateNetwork).inputs.region).toBe("fr-par");
  });

  it("gives every container its port: streamlit 8501, the others 8080", () => {
    const ports = Object.fromEntries(
      run.mocks.ofType(T.container).map((c) => [c.inputs.name, c.inputs.port]),
    );
    expect(ports).toEqual({
      [`${stack}-documentation`]: 8080,
      [`${stack}-runners`]: 8080,
      [`${stack}-streamlit`]: 8501,
    });
  });

  it("parents every resource, up to the Environment component", () => {
    for (const resource of run.mocks.resources) {
      const parent = parentTypeOf(resource.urn ?? "");
      if (resource.type === "scaleway-infra:environment:Environment") expect(parent).toBeUndefined();
      else expect(parent).toMatch(/^scaleway-infra:/);
    }
  });

  it("tags every taggable Scaleway resource with env and service", () => {
    const tagged = run.mocks.resources.filter((r) => (TAGGED_TYPES as readonly string[]).includes(r.type));
    expect(tagged.length).toBe(11);
    for (const resource of tagged) {
      const tags = resource.inputs.tags as string[];
      expect(tags).toContain(`env:${stack}`);
      expect(tags.some((t) => t.startsWith("service:"))).toBe(true);
    }
  });

  it("places every Scaleway resource that has a region in the environment's EU region", () => {
    const scaleway = run.mocks.resources.filter((r) => r.type.startsWith("scaleway:"));
    for (const resource of scaleway.filter((r) => r.type !== T.application && r.type !== T.policy)) {
      expect(resource.inputs.region).toBe("fr-par");
      expect(isEuRegion(resource.inputs.region as string)).toBe(true);
    }
  });

  it("never shows a secret value in clear in any resource input", () => {
    const leaks = run.mocks.resources
      .flatMap((r) => plainStrings(r.inputs).map((s) => ({ ...s, resource: r.name })))
      .filter(
        (s) =>
          s.value.includes(CANARY_API_KEY) ||
          s.value.includes("Mock-Passw0rd") ||
          s.value.includes("mock-cockpit-token"),
      );
    expect(leaks).toEqual([]);
    // The canary did reach its places, as secrets.
    const version = run.mocks.one(T.version, `${stack}-runners-api_key-version`).inputs.data;
    expect(isSecretValue(version) && version.value).toBe(CANARY_API_KEY);
  });

  it("exports only non-sensitive values in clear, and the database URLs as secrets", async () => {
    const { databaseUrls, ...plainOutputs } = run.outputs;
    const exported = await valueOf(pulumi.output(plainOutputs));
    expect(JSON.stringify(exported)).not.toMatch(/canary|Passw0rd|cockpit-token/);
    expect(Object.keys(exported.containerUrls).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(exported.registryEndpoint).toBe(`rg.fr-par.scw.cloud/scaleway-infra-${stack}`);
    expect(exported.databaseEndpoint).toBe("172.16.4.2:5432");
    for (const url of Object.values(databaseUrls)) expect(await pulumi.isSecret(url)).toBe(true);
    for (const url of Object.values(run.outputs.containerUrls))
      expect(await pulumi.isSecret(url)).toBe(false);
  });
});

describe("the production program", () => {
  it("pins every image by digest", async () => {
    const { mocks } = await runProgram("production");
    for (const container of mocks.ofType(T.container))
      expect(container.inputs.image).toMatch(/@sha256:[a-f0-9]{64}$/);
  });
});
