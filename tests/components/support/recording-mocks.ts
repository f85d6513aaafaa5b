// Pulumi mocks for component and program tests: they answer like the provider for the outputs the
// components read, and record every registered resource (type, name, inputs, URN) so tests can assert
// on what a component asked Scaleway for. Secret inputs stay wrapped, so tests can tell them apart.
import * as pulumi from "@pulumi/pulumi";

/** The marker Pulumi wraps secret values in when it serialises them (sdk/nodejs/runtime/rpc.ts). */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SPECIAL_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface RecordedResource {
  type: string;
  name: string;
  custom: boolean;
  /** Inputs as the engine received them: secrets are still wrapped (see isSecretValue). */
  inputs: Record<string, unknown>;
  urn?: string;
}

export function isSecretValue(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SPECIAL_SECRET_SIG
  );
}

/** Inputs with secret wrappers removed, for asserting on values. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** Every string found outside a secret wrapper, with its dotted path. */
export function plainStrings(value: unknown, path = ""): Array<{ path: string; value: string }> {
  if (isSecretValue(value)) return [];
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => plainStrings(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => plainStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** Outputs the components read, in the provider's formats. */
function computedOutputs(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const region = typeof inputs.region === "string" ? inputs.region : "fr-par";
  switch (type) {
    case "scaleway:registry/namespace:Namespace":
      return { endpoint: `rg.${region}.scw.cloud/${String(inputs.name)}` };
    case "scaleway:containers/container:Container":
      return { domainName: `${String(inputs.name)}-mock.functions.fnc.${region}.scw.cloud` };
    case "scaleway:databases/instance:Instance":
      return {
        endpointIp: "51.159.10.20",
        endpointPort: 5432,
        loadBalancer: { ip: "51.159.10.20", port: 5432 },
        privateIps: inputs.privateNetwork ? [{ id: "ip-1", address: "172.16.4.2" }] : [],
        privateNetwork: inputs.privateNetwork
          ? { ...(inputs.privateNetwork as object), port: 5432 }
          : undefined,
      };
    case "scaleway:observability/source:Source":
      return { url: `https://${name}.metrics.cockpit.${region}.scw.cloud`, pushUrl: "https://push.example" };
    case "scaleway:observability/token:Token":
      return { secretKey: "mock-cockpit-token-secret" };
    case "scaleway:observability/alertManager:AlertManager":
      return { alertManagerUrl: `https://alertmanager.cockpit.${region}.scw.cloud` };
    case "random:index/randomPassword:RandomPassword":
      return { result: `Mock-Passw0rd_${name}` };
    default:
      return {};
  }
}

export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly resources: RecordedResource[] = [];

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    this.resources.push({ type: args.type, name: args.name, custom: args.custom ?? false, inputs });
    const outputs = computedOutputs(args.type, args.name, unwrapSecrets(inputs) as Record<string, unknown>);
    return { id: `${args.name}-id`, state: { ...inputs, ...outputs } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const inputs = args.inputs as Record<string, unknown>;
    if (args.token === "scaleway:observability/getSource:getSource") {
      return {
        ...inputs,
        url: `https://scaleway-${String(inputs.type)}.metrics.cockpit.${String(inputs.region)}.scw.cloud`,
      };
    }
    return inputs;
  }

  /** Custom resources of a type token. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  one(type: string, name?: string): RecordedResource {
    const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) {
      throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
    }
    return found[0];
  }
}

interface MonitorWithResources {
  resources: Map<string, { urn: string }>;
}

/** Installs fresh recording mocks for a stack. */
export async function installMocks(stack = "production"): Promise<RecordingMocks> {
  const mocks = new RecordingMocks();
  await pulumi.runtime.setMocks(mocks, "scaleway-infra", stack, false);
  return mocks;
}

/** Waits until every registration has reached the mocks, then attaches URNs to the records. */
export async function settle(mocks: RecordingMocks): Promise<void> {
  const settings = (await import("@pulumi/pulumi/runtime/settings")) as unknown as {
    waitForRPCs(): Promise<void>;
    getMonitor(): MonitorWithResources;
  };
  await settings.waitForRPCs();
  const urns = [...settings.getMonitor().resources.keys()];
  for (const record of mocks.resources) {
    record.urn = urns.find(
      (urn) =>
        urn.endsWith(`$${record.type}::${record.name}`) || urn.endsWith(`::${record.type}::${record.name}`),
    );
  }
}

/** The type of a URN's parent, or undefined for a root resource. */
export function parentTypeOf(urn: string): string | undefined {
  const qualified = urn.split("::")[2];
  const parts = qualified.split("$");
  return parts.length > 1 ? parts[parts.length - 2] : undefined;
}

/** Resolves an Output in a test (mocks are never in preview, so values are known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

export async function isSecretOutput<T>(output: pulumi.Output<T>): Promise<boolean> {
  return pulumi.isSecret(output);
}
