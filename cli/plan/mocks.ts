// Pulumi mocks that answer like the Scaleway provider, so the program runs offline (`scw-infra plan`,
// component tests). Every computed output the program reads (IDs, endpoints, URLs, keys, passwords)
// is derived from the resource's type and name, so two runs of the same stack give the same plan.
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { regionOfZone } from "@scaleway-infra/contracts/thresholds";

type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockResourceResult = pulumi.runtime.MockResourceResult;
type MockCallArgs = pulumi.runtime.MockCallArgs;
type Props = Record<string, unknown>;

export interface ScalewayMockOptions {
  /** Provider default region when a resource sets none (`scaleway:region`). */
  region?: string;
  /** Provider default zone (`scaleway:zone`). */
  zone?: string;
  /** Provider default project (`scaleway:projectId`). */
  projectId?: string;
  organizationId?: string;
}

/** A UUID built from a seed: stable across runs, shaped like the IDs Scaleway returns. */
export function deterministicUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Characters from a seed, for keys and passwords that must look random but stay reproducible. */
function deterministicChars(seed: string, length: number, alphabet: string): string {
  let out = "";
  let counter = 0;
  while (out.length < length) {
    const bytes = createHash("sha256").update(`${seed}#${counter++}`).digest();
    for (const byte of bytes) {
      if (out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%&*+-=?@^_";

/**
 * `scaleway:containers/container:Container` -> `containers/Container`;
 * the deprecated flat `scaleway:index/container:Container` -> `index/Container`.
 */
function typeKey(type: string): string {
  const [pkg, mod = "", cls = ""] = type.split(":");
  return `${pkg}:${mod.split("/")[0]}/${cls}`;
}

function stringProp(props: Props, key: string): string | undefined {
  const value = props[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Scaleway resource names are lower-case DNS labels; Pulumi names may carry other characters. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

interface MockContext {
  args: MockResourceArgs;
  inputs: Props;
  region: string;
  zone: string;
  projectId: string;
  organizationId: string;
  uuid: string;
  /** The resource's name at Scaleway: its `name` input, else its Pulumi name. */
  scwName: string;
}

type OutputsOf = (ctx: MockContext, mocks: ScalewayMocks) => { id?: string; outputs: Props };

const regional = (ctx: MockContext): string => `${ctx.region}/${ctx.uuid}`;
const zonal = (ctx: MockContext): string => `${ctx.zone}/${ctx.uuid}`;

/** Computed outputs per type, for both the namespaced and the flat token of each resource. */
const OUTPUTS: Record<string, OutputsOf> = {};

function define(keys: string[], outputsOf: OutputsOf): void {
  for (const key of keys) OUTPUTS[key] = outputsOf;
}

define(["scaleway:containers/Namespace", "scaleway:index/ContainerNamespace"], (ctx, mocks) => {
  const registryNamespace = `funcscw${slug(ctx.scwName).replace(/-/g, "")}${ctx.uuid.slice(0, 8)}`;
  mocks.rememberNamespace(regional(ctx), slug(ctx.scwName));
  return {
    outputs: {
      registryEndpoint: `rg.${ctx.region}.scw.cloud/${registryNamespace}`,
      registryNamespaceId: `${ctx.region}/${deterministicUuid(`${ctx.uuid}/registry`)}`,
    },
  };
});

define(["scaleway:containers/Container", "scaleway:index/Container"], (ctx, mocks) => {
  const namespaceName = mocks.namespaceName(stringProp(ctx.inputs, "namespaceId")) ?? "ns";
  return {
    outputs: {
      domainName: `${namespaceName}-${slug(ctx.scwName)}.functions.fnc.${ctx.region}.scw.cloud`,
      status: "ready",
      cronStatus: "ready",
      errorMessage: "",
    },
  };
});

define(["scaleway:registry/Namespace", "scaleway:index/RegistryNamespace"], (ctx) => ({
  outputs: { endpoint: `rg.${ctx.region}.scw.cloud/${slug(ctx.scwName)}` },
}));

define(["scaleway:databases/Instance", "scaleway:index/DatabaseInstance"], (ctx) => {
  const ip = `51.159.${parseInt(ctx.uuid.slice(0, 2), 16)}.${parseInt(ctx.uuid.slice(2, 4), 16)}`;
  const privateNetworks = Array.isArray(ctx.inputs.privateNetwork)
    ? ctx.inputs.privateNetwork
    : ctx.inputs.privateNetwork
      ? [ctx.inputs.privateNetwork]
      : [];
  return {
    outputs: {
      endpointIp: ip,
      endpointPort: 5432,
      loadBalancers: [
        {
          endpointId: deterministicUuid(`${ctx.uuid}/lb`),
          ip,
          port: 5432,
          name: ctx.scwName,
          hostname: `${ctx.uuid}.rdb.${ctx.region}.scw.cloud`,
        },
      ],
      privateIps:
        privateNetworks.length > 0
          ? [{ id: deterministicUuid(`${ctx.uuid}/pn-ip`), address: "172.16.0.10" }]
          : [],
      certificate: "-----BEGIN CERTIFICATE-----\nMOCKED\n-----END CERTIFICATE-----",
      organizationId: ctx.organizationId,
      projectId: stringProp(ctx.inputs, "projectId") ?? ctx.projectId,
    },
  };
});

define(["scaleway:databases/Database", "scaleway:index/Database"], (ctx) => ({
  id: `${ctx.region}/${stringProp(ctx.inputs, "instanceId")?.split("/").pop() ?? ctx.uuid}/${ctx.scwName}`,
  outputs: { owner: "", managed: true, size: "0" },
}));

define(["scaleway:databases/User", "scaleway:index/DatabaseUser"], (ctx) => ({
  id: `${ctx.region}/${stringProp(ctx.inputs, "instanceId")?.split("/").pop() ?? ctx.uuid}/${ctx.scwName}`,
  outputs: {},
}));

define(["scaleway:secrets/Secret", "scaleway:index/Secret"], () => ({
  outputs: {
    status: "ready",
    versionCount: 1,
    createdAt: "2025-11-07T00:00:00Z",
    updatedAt: "2025-11-07T00:00:00Z",
  },
}));

define(["scaleway:secrets/Version", "scaleway:index/SecretVersion"], (ctx) => ({
  id: `${ctx.region}/${stringProp(ctx.inputs, "secretId")?.split("/").pop() ?? ctx.uuid}/1`,
  outputs: { revision: "1", status: "enabled" },
}));

define(["scaleway:observability/Source", "scaleway:index/CockpitSource"], (ctx) => {
  const host = `${ctx.uuid}.metrics.cockpit.${ctx.region}.scw.cloud`;
  return { outputs: { url: `https://${host}`, pushUrl: `https://${host}/api/v1/push`, origin: "custom" } };
});

define(["scaleway:observability/Cockpit", "scaleway:index/Cockpit"], (ctx) => ({
  id: ctx.projectId,
  outputs: {
    endpoints: [
      {
        grafanaUrl: `https://${ctx.uuid}.dashboard.cockpit.${ctx.region}.scw.cloud`,
        alertmanagerUrl: `https://${ctx.uuid}.alertmanager.cockpit.${ctx.region}.scw.cloud`,
      },
    ],
  },
}));

define(["scaleway:observability/AlertManager", "scaleway:index/CockpitAlertManager"], (ctx) => ({
  outputs: { alertManagerUrl: `https://${ctx.uuid}.alertmanager.cockpit.${ctx.region}.scw.cloud` },
}));

define(["scaleway:network/PrivateNetwork", "scaleway:index/VpcPrivateNetwork"], (ctx) => ({
  outputs: { vpcId: `${ctx.region}/${deterministicUuid(`${ctx.projectId}/default-vpc`)}`, zone: ctx.zone },
}));

define(["scaleway:network/Vpc", "scaleway:index/Vpc"], () => ({ outputs: { isDefault: false } }));

define(["scaleway:iam/Application", "scaleway:index/IamApplication"], (ctx) => ({
  id: ctx.uuid,
  outputs: { organizationId: ctx.organizationId, editable: true },
}));

define(["scaleway:iam/Policy", "scaleway:index/IamPolicy"], (ctx) => ({
  id: ctx.uuid,
  outputs: { organizationId: ctx.organizationId, editable: true },
}));

define(["scaleway:iam/ApiKey", "scaleway:index/IamApiKey"], (ctx) => ({
  id: `SCW${deterministicChars(ctx.uuid, 17, UPPER_ALNUM)}`,
  outputs: {
    accessKey: `SCW${deterministicChars(ctx.uuid, 17, UPPER_ALNUM)}`,
    secretKey: deterministicUuid(`${ctx.uuid}/secret-key`),
  },
}));

define(["scaleway:object/Bucket", "scaleway:index/ObjectBucket"], (ctx) => ({
  id: `${ctx.region}/${ctx.scwName}`,
  outputs: {
    endpoint: `https://${ctx.scwName}.s3.${ctx.region}.scw.cloud`,
    apiEndpoint: `https://s3.${ctx.region}.scw.cloud`,
  },
}));

define(["scaleway:account/Project", "scaleway:index/AccountProject"], (ctx) => ({
  id: ctx.uuid,
  outputs: { organizationId: ctx.organizationId },
}));

define(["random:index/RandomPassword"], (ctx) => {
  const length = typeof ctx.inputs.length === "number" ? ctx.inputs.length : 32;
  const result = deterministicChars(`${ctx.uuid}/password`, length, PASSWORD_ALPHABET);
  return {
    id: "none",
    outputs: { result, bcryptHash: `$2a$10$${deterministicChars(result, 53, UPPER_ALNUM)}` },
  };
});

define(["random:index/RandomString"], (ctx) => {
  const length = typeof ctx.inputs.length === "number" ? ctx.inputs.length : 16;
  const result = deterministicChars(`${ctx.uuid}/string`, length, "abcdefghijklmnopqrstuvwxyz0123456789");
  return { id: result, outputs: { result } };
});

define(["random:index/RandomId"], (ctx) => {
  const hex = createHash("sha256").update(ctx.uuid).digest("hex").slice(0, 16);
  return {
    id: hex,
    outputs: {
      hex,
      b64Url: Buffer.from(hex, "hex").toString("base64url"),
      dec: BigInt(`0x${hex}`).toString(),
    },
  };
});

function regionOfZoneInput(zone: string | undefined): string | undefined {
  return zone === undefined ? undefined : regionOfZone(zone);
}

/** Resources the provider creates in a zone rather than a region. */
const ZONAL_TYPES = new Set([
  "scaleway:instance/Server",
  "scaleway:index/InstanceServer",
  "scaleway:network/PublicGateway",
]);

export class ScalewayMocks implements pulumi.runtime.Mocks {
  private readonly namespaces = new Map<string, string>();
  readonly region: string;
  readonly zone: string;
  readonly projectId: string;
  readonly organizationId: string;

  constructor(options: ScalewayMockOptions = {}) {
    this.region = options.region ?? "fr-par";
    this.zone = options.zone ?? `${this.region}-1`;
    this.projectId = options.projectId ?? deterministicUuid("scaleway-infra/project");
    this.organizationId = options.organizationId ?? deterministicUuid("scaleway-infra/organization");
  }

  rememberNamespace(id: string, name: string): void {
    this.namespaces.set(id, name);
  }

  namespaceName(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.namespaces.get(id);
  }

  newResource(args: MockResourceArgs): MockResourceResult {
    const inputs = (args.inputs ?? {}) as Props;
    const region =
      stringProp(inputs, "region") ?? regionOfZoneInput(stringProp(inputs, "zone")) ?? this.region;
    const ctx: MockContext = {
      args,
      inputs,
      region,
      zone: stringProp(inputs, "zone") ?? (region === this.region ? this.zone : `${region}-1`),
      projectId: stringProp(inputs, "projectId") ?? this.projectId,
      organizationId: stringProp(inputs, "organizationId") ?? this.organizationId,
      uuid: deterministicUuid(`${args.type}::${args.name}`),
      scwName: stringProp(inputs, "name") ?? args.name,
    };
    const key = typeKey(args.type);
    const outputsOf = OUTPUTS[key];
    const computed = outputsOf ? outputsOf(ctx, this) : { outputs: {} };
    const id = computed.id ?? (ZONAL_TYPES.has(key) ? zonal(ctx) : this.defaultId(args, ctx));
    const state: Props = { ...inputs, ...computed.outputs };
    if (args.type.startsWith("scaleway:")) {
      state.region ??= ctx.region;
      state.projectId ??= ctx.projectId;
    }
    return { id, state };
  }

  call(args: MockCallArgs): Record<string, unknown> {
    const inputs = (args.inputs ?? {}) as Props;
    const token = args.token;
    if (/getProject|getAccountProject/.test(token)) {
      const projectId = stringProp(inputs, "projectId") ?? this.projectId;
      return {
        id: projectId,
        projectId,
        organizationId: this.organizationId,
        name: stringProp(inputs, "name") ?? "scaleway-infra",
      };
    }
    if (/getAvailabilityZones/.test(token)) {
      const region = stringProp(inputs, "region") ?? this.region;
      return { id: region, region, zones: [1, 2, 3].map((n) => `${region}-${n}`) };
    }
    if (/getRegistryNamespace|registry\/getNamespace/.test(token)) {
      const name = stringProp(inputs, "name") ?? "registry";
      return {
        ...inputs,
        id: `${this.region}/${deterministicUuid(`registry/${name}`)}`,
        endpoint: `rg.${this.region}.scw.cloud/${name}`,
      };
    }
    if (/observability\/getSource:|getCockpitSource/.test(token)) {
      // The project's Scaleway data source of the asked type (origin scaleway), with its URL.
      const region = stringProp(inputs, "region") ?? this.region;
      const id = deterministicUuid(
        `cockpit-source/${stringProp(inputs, "origin")}/${stringProp(inputs, "type")}`,
      );
      const type = stringProp(inputs, "type") ?? "metrics";
      return { ...inputs, id: `${region}/${id}`, url: `https://${id}.${type}.cockpit.${region}.scw.cloud` };
    }
    return { ...inputs, id: `${this.region}/${deterministicUuid(`${token}::${JSON.stringify(inputs)}`)}` };
  }

  private defaultId(args: MockResourceArgs, ctx: MockContext): string {
    if (!args.type.startsWith("scaleway:")) return ctx.uuid;
    return regional(ctx);
  }
}
