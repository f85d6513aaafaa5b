import { planEnvironment } from "../../components/environment/preflight";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import type { StackContracts } from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { stackInputFromConfig, type PulumiConfigSource } from "../../components/program/config-from-pulumi";
import { defineInfrastructure } from "../../components/program/define-infrastructure";
import { installMocks, settle } from "../components/support/recording-mocks";
import { readShippedStack } from "./support/shipped-stacks";

function production(): StackContracts {
  return JSON.parse(JSON.stringify(validateStack(readShippedStack("production")))) as StackContracts;
}

async function refusal(contracts: StackContracts): Promise<{ error: InfraError; registered: number }> {
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

describe("the program's preflight", () => {
  it("plans the shipped production stack: registry, database URLs and secret sources", () => {
    const plan = planEnvironment(production());
    expect(plan.registryNamespace).toBe("scaleway-infra-production");
    expect(plan.databaseUrlServices).toEqual(["documentation", "runners", "streamlit"]);
    expect(plan.secretSources.map((s) => s.derivedFrom ?? "stack")).toEqual([
      "database",
      "database",
      "database",
      "stack",
    ]);
  });

  it("refuses images spread over two registry namespaces before registering anything", async () => {
    const contracts = production();
    contracts.containers[1].image = contracts.containers[1].image.replace(
      "scaleway-infra-production",
      "other-team",
    );
    const { error, registered } = await refusal(contracts);
    expect(error.code).toBe("INFRA_001");
    expect(error.problems[0].rule).toBe("CTR-2");
    expect(registered).toBe(0);
  });

  it("refuses a database_url for a service without a database user before registering anything", async () => {
    const contracts = production();
    contracts.database.users = contracts.database.users.filter((u) => u.name !== "streamlit");
    const { error, registered } = await refusal(contracts);
    expect(error.problems[0]).toMatchObject({ rule: "DB-5", configKey: "scaleway-infra:database" });
    expect(registered).toBe(0);
  });

  it("refuses a private database in an environment without private networking", async () => {
    const contracts = production();
    contracts.environment.networking.private_networking = false;
    const { error, registered } = await refusal(contracts);
    expect(error.problems[0].rule).toBe("DB-4");
    expect(registered).toBe(0);
  });

  it("refuses a stack secret without a value", async () => {
    const contracts = production();
    delete contracts.secrets[3].value;
    const { error } = await refusal(contracts);
    expect(error.problems[0]).toMatchObject({ rule: "SEC-3", path: "/3/value" });
  });

  it("refuses a secret value that is not base64", async () => {
    const contracts = production();
    contracts.secrets[3].value = "not base64!";
    const { error } = await refusal(contracts);
    expect(error.problems[0]).toMatchObject({ rule: "SEC-3", redacted: true });
  });

  it("refuses a secret variable whose secret does not name the container's service as a principal", async () => {
    const contracts = production();
    contracts.secrets[0].access_policy.principals = ["application:runners"];
    const { error, registered } = await refusal(contracts);
    expect(error.problems[0]).toMatchObject({
      rule: "SEC-4",
      path: "/0/environment_variables/1/value",
      value: "production-documentation-database_url",
    });
    expect(registered).toBe(0);
  });
});

describe("reading the running stack's config", () => {
  function source(secretKeys: string[]): PulumiConfigSource {
    const input = readShippedStack("production");
    return {
      stack: "production",
      getObject: (namespace, key) =>
        namespace === "scaleway-infra" ? input.values[key as keyof typeof input.values] : undefined,
      get: (namespace, key) =>
        namespace === "scaleway" ? (input.provider as Record<string, string>)[key] : undefined,
      isSecret: (fullKey) => secretKeys.includes(fullKey),
    };
  }

  it("marks every secret's value as secret when the secrets key is a Pulumi secret", () => {
    const input = stackInputFromConfig(source(["scaleway-infra:secrets"]));
    expect([...input.secretPointers]).toEqual([
      "/secrets/0/value",
      "/secrets/1/value",
      "/secrets/2/value",
      "/secrets/3/value",
    ]);
    expect(input.provider).toEqual({
      region: "fr-par",
      zone: "fr-par-1",
      projectId: "9b9b9b9b-0000-4000-8000-000000000002",
    });
    expect(Object.keys(input.values)).toEqual([
      "environment",
      "state",
      "containers",
      "database",
      "secrets",
      "alerts",
    ]);
  });

  it("marks a whole other key as secret when Pulumi does, and nothing when no key is secret", () => {
    expect([...stackInputFromConfig(source(["scaleway-infra:database"])).secretPointers]).toEqual([
      "/database",
    ]);
    expect(stackInputFromConfig(source([])).secretPointers.size).toBe(0);
  });
});
