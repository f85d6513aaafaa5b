// Reads the running stack's configuration into a StackInput, the same shape a stack file gives:
// every `scaleway-infra:*` contract key (and `scaleway-infra:deployment` while a deployment runs),
// the `scaleway:*` provider keys, every other config key (for SEC-3's plaintext check), and which
// values are Pulumi secrets. Pulumi marks secrecy per key, so a secret `scaleway-infra:secrets` key
// makes every secret's `value` a secret pointer. Called by index.ts only: nothing runs at import.
import * as pulumi from "@pulumi/pulumi";
import {
  CONFIG_NAMESPACE,
  STACK_CONFIG_KEYS,
  configKeyOf,
  type OtherConfigEntry,
  type StackInput,
} from "@scaleway-infra/contracts/config/stack-input";

/** The pieces of Pulumi's runtime this reader needs, so tests can pass their own. */
export interface PulumiConfigSource {
  stack: string;
  /** Parsed value of `<namespace>:<key>`, or undefined. */
  getObject(namespace: string, key: string): unknown;
  get(namespace: string, key: string): string | undefined;
  isSecret(fullKey: string): boolean;
  /** Every config key of the stack with its raw value (objects as JSON text), as Pulumi passes it. */
  all?(): Readonly<Record<string, string>>;
}

/** `isConfigSecret` is exported by @pulumi/pulumi's runtime but marked internal, so its type is not published. */
interface RuntimeWithSecretKeys {
  isConfigSecret(fullKey: string): boolean;
}

export function runtimeConfigSource(): PulumiConfigSource {
  const runtime = pulumi.runtime as unknown as RuntimeWithSecretKeys;
  return {
    stack: pulumi.getStack(),
    getObject: (namespace, key) => new pulumi.Config(namespace).getObject<unknown>(key),
    get: (namespace, key) => new pulumi.Config(namespace).get(key),
    isSecret: (fullKey) => runtime.isConfigSecret(fullKey),
    all: () => pulumi.runtime.allConfig(),
  };
}

/** A raw config value as the program sees it: objects and lists arrive as JSON text. */
function parsedConfigValue(raw: string): unknown {
  const trimmed = raw.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return raw;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return raw;
  }
}

/**
 * The config keys outside `scaleway-infra:`, for SEC-3's plaintext check. Pulumi marks secrecy per
 * key: a key holding any secret (`pulumi config set --secret`, or `--secret --path` on a leaf) is
 * listed as secret as a whole, and is not judged.
 */
function otherConfigOf(source: PulumiConfigSource): OtherConfigEntry[] {
  const entries: OtherConfigEntry[] = [];
  for (const [configKey, raw] of Object.entries(source.all?.() ?? {})) {
    if (configKey.startsWith(`${CONFIG_NAMESPACE}:`) || source.isSecret(configKey)) continue;
    entries.push({ configKey, value: parsedConfigValue(raw), securePointers: new Set() });
  }
  return entries;
}

export function stackInputFromConfig(source: PulumiConfigSource): StackInput {
  const values: StackInput["values"] = {};
  const secretPointers = new Set<string>();
  for (const key of STACK_CONFIG_KEYS) {
    const value = source.getObject(CONFIG_NAMESPACE, key);
    if (value !== undefined) values[key] = value;
    if (!source.isSecret(configKeyOf(key))) continue;
    if (key === "secrets" && Array.isArray(value)) {
      value.forEach((_, index) => secretPointers.add(`/secrets/${index}/value`));
    } else {
      secretPointers.add(`/${key}`);
    }
  }
  return {
    stack: source.stack,
    values,
    provider: {
      region: source.get("scaleway", "region"),
      zone: source.get("scaleway", "zone"),
      projectId: source.get("scaleway", "projectId"),
    },
    secretPointers,
    otherConfig: otherConfigOf(source),
  };
}
