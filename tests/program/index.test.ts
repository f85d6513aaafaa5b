import * as pulumi from "@pulumi/pulumi";
import main from "../../index";
import { configKeyOf, STACK_CONTRACT_KEYS } from "@scaleway-infra/contracts/config/stack-input";
import { installMocks, settle } from "../components/support/recording-mocks";
import { readShippedStack } from "./support/shipped-stacks";

/** Sets the running program's config as `pulumi up` would: JSON strings, with the secret keys listed. */
function setStackConfig(stack: string, change?: (values: Record<string, unknown>) => void): void {
  const input = readShippedStack(stack);
  const values = JSON.parse(JSON.stringify(input.values)) as Record<string, unknown>;
  change?.(values);
  const config: Record<string, string> = {
    "scaleway:region": input.provider.region ?? "",
    "scaleway:zone": input.provider.zone ?? "",
    "scaleway:projectId": input.provider.projectId ?? "",
  };
  for (const key of STACK_CONTRACT_KEYS) {
    if (values[key] !== undefined) config[configKeyOf(key)] = JSON.stringify(values[key]);
  }
  pulumi.runtime.setAllConfig(config, [configKeyOf("secrets")]);
}

function loadIndex(): Record<string, unknown> {
  return { ...main() };
}

describe("index.ts (the function Pulumi runs)", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}, []));

  it("builds the stack from the running config and exports its outputs", async () => {
    const mocks = await installMocks("production");
    setStackConfig("production");
    const exported = loadIndex();
    await settle(mocks);
    expect(Object.keys(exported).sort()).toEqual(
      [
        "alertManagerUrl",
        "containerImages",
        "containerUrls",
        "databaseEndpoint",
        "databaseInstance",
        "databaseUrls",
        "privateNetworkId",
        "registryEndpoint",
        "secretIds",
      ].sort(),
    );
    expect(mocks.ofType("scaleway:containers/container:Container")).toHaveLength(3);
  });

  it("stops with INFRA_001 before registering any resource when the config is invalid", async () => {
    const mocks = await installMocks("production");
    setStackConfig("production", (values) => {
      const database = values.database as { high_availability: boolean; backup: { retention_days: number } };
      database.high_availability = false;
      database.backup.retention_days = 7;
    });
    let thrown: unknown;
    try {
      loadIndex();
    } catch (error) {
      thrown = error;
    }
    await settle(mocks);
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(pulumi.RunError.isInstance(thrown)).toBe(true);
    expect(message).toMatch(/^INFRA_001 Invalid configuration/);
    expect(message).toMatch(/\[DB-2\]/);
    expect(message).toMatch(/\[DB-3\]/);
    expect(message).toContain('"code": "INFRA_001"');
    expect(mocks.resources).toHaveLength(0);
  });

  it("reports a secret value set in clear in the config with SEC-3, without printing it", async () => {
    const mocks = await installMocks("production");
    const input = readShippedStack("production");
    const values = JSON.parse(JSON.stringify(input.values)) as Record<string, unknown>;
    const config: Record<string, string> = {
      "scaleway:region": "fr-par",
      "scaleway:zone": "fr-par-1",
      "scaleway:projectId": input.provider.projectId ?? "",
    };
    (values.secrets as Array<{ value?: string }>)[3].value =
      Buffer.from("plaintext-in-config-oops").toString("base64");
    for (const key of STACK_CONTRACT_KEYS) config[configKeyOf(key)] = JSON.stringify(values[key]);
    pulumi.runtime.setAllConfig(config, []);
    let message = "";
    try {
      loadIndex();
    } catch (error) {
      message = (error as Error).message;
    }
    await settle(mocks);
    expect(message).toMatch(/\[SEC-3\]/);
    expect(message).not.toContain(Buffer.from("plaintext-in-config-oops").toString("base64"));
    expect(mocks.resources).toHaveLength(0);
  });
});
