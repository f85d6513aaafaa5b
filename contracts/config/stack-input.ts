// What a stack's configuration looks like before validation, whichever way it was read: from a
// Pulumi.<stack>.yaml file (scw-infra validate/plan, with source positions) or from the running
// Pulumi program's config (index.ts). contracts/config/validate-stack.ts turns it into StackContracts.
import type { ProviderSettings } from "../documents/types";
import type { SourceLocation } from "../documents/source-location";

/** Project config namespace of every contract key. */
export const CONFIG_NAMESPACE = "scaleway-infra";

/** The contract keys of a stack, without the namespace (`containers` is `scaleway-infra:containers`). */
export const STACK_CONTRACT_KEYS = [
  "environment",
  "state",
  "containers",
  "database",
  "secrets",
  "alerts",
] as const;
export type StackContractKey = (typeof STACK_CONTRACT_KEYS)[number];

/**
 * Keys a stack may hold beside the contract keys, absent in the ordinary case: `deployment` is set by
 * the deployment workflow only while a blue/green or canary deployment runs (contracts/documents/deployment-config.ts).
 */
export const STACK_OPTIONAL_KEYS = ["deployment"] as const;
export type StackOptionalKey = (typeof STACK_OPTIONAL_KEYS)[number];

/** Every `scaleway-infra:*` key a stack may hold. */
export const STACK_CONFIG_KEYS = [...STACK_CONTRACT_KEYS, ...STACK_OPTIONAL_KEYS] as const;
export type StackConfigKey = (typeof STACK_CONFIG_KEYS)[number];

export function configKeyOf(key: StackConfigKey): string {
  return `${CONFIG_NAMESPACE}:${key}`;
}

/**
 * Stand-in for a `secure:` value read from a stack file without its passphrase. It is valid base64,
 * so shape checks pass, and the offline plan treats it as a Pulumi secret: it is never decrypted.
 */
export const SECURE_VALUE_PLACEHOLDER = "c2VjdXJlLXZhbHVlLWZyb20tc3RhY2stZmlsZQ==";

/** A config key outside `scaleway-infra:` (a provider key, `aws:*`, an application key), as read. */
export interface OtherConfigEntry {
  configKey: string;
  /** Its value; `secure:` leaves may hold SECURE_VALUE_PLACEHOLDER. */
  value: unknown;
  /** Pointers, relative to the value (`` for the whole key), of `secure:` leaves. */
  securePointers: ReadonlySet<string>;
}

/**
 * A top-level key of a stack file beside `config:`: Pulumi's own (`secretsprovider`, `encryptedkey`,
 * `encryptionsalt`, `environment`) or anything else written there, which Pulumi ignores but the
 * committed file still holds in clear; or a key of the project file (Pulumi.yaml) that holds values
 * every stack inherits (`config`, `backend`, `template`).
 */
export interface StackFileEntry {
  key: string;
  /** Its value; `secure:` leaves may hold SECURE_VALUE_PLACEHOLDER. */
  value: unknown;
  /** Pointers, relative to the value, of `secure:` leaves. */
  securePointers: ReadonlySet<string>;
  /** The file it is in, when not the stack file itself (the project's Pulumi.yaml). */
  file?: string;
  /** Source position in that file, by pointer from its root. */
  locate?: (pointer: string) => SourceLocation | undefined;
}

export interface StackInput {
  /** Stack name (`staging`, `production`), which is the stack's environment. */
  stack: string;
  /** Raw documents keyed by contract key; a missing key is absent. */
  values: Partial<Record<StackConfigKey, unknown>>;
  /** `scaleway:region`, `scaleway:zone`, `scaleway:projectId`. */
  provider: ProviderSettings;
  /**
   * JSON pointers, from the key (`secrets/0/value` under key `secrets` is `/secrets/0/value`), of
   * values that are Pulumi secrets (`secure:` in the file, or secret config in the program).
   */
  secretPointers: ReadonlySet<string>;
  /** The stack file the values came from, when they came from one. */
  file?: string;
  /** Source position of a value: `locate("containers", "/0/scaling/min_instances")`. */
  locate?: (key: StackConfigKey, pointer: string) => SourceLocation | undefined;
  /**
   * Every other config key of the stack, so that SEC-3 can refuse a plaintext credential anywhere in
   * it (issue 11 §2). Absent when the reader could not see them.
   */
  otherConfig?: readonly OtherConfigEntry[];
  /** Source position of a value under any config key: `locateConfig("aws:secretKey", "")`. */
  locateConfig?: (configKey: string, pointer: string) => SourceLocation | undefined;
  /**
   * Every top-level key of the stack file but `config`, and the value-holding keys of the project
   * file beside it, so that SEC-3 refuses a credential written anywhere in them (gate review §2).
   * Absent when the input came from no file.
   */
  outsideConfig?: readonly StackFileEntry[];
  /** Source position of a value by its pointer from the file's root: `locateInFile("/extra/password")`. */
  locateInFile?: (pointer: string) => SourceLocation | undefined;
}
