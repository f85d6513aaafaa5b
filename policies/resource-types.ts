// The Scaleway resource types the policies look at, each with both of its type tokens: the
// namespaced one (`scaleway:databases/instance:Instance`) and the deprecated flat one kept as an
// alias by @pulumiverse/scaleway (`scaleway:index/databaseInstance:DatabaseInstance`, see the
// `aliases` in node_modules/@pulumiverse/scaleway/<module>/<resource>.js). A stack written with the
// flat classes, or an old state export, must be checked exactly like a new one.
//
// Each kind is also typed by the provider SDK's own declarations (type-only imports of
// @pulumiverse/scaleway): InputsOf<kind> is what a resource policy reads (the engine hands it the
// resource's inputs), OutputsOf<kind> what a stack policy reads (the engine hands it outputs). A renamed
// provider input then breaks compilation instead of silently reading "unset".
import type { Unwrap } from "@pulumi/pulumi";
// One module per resource rather than the package index, so that type checking the pack (ts-node
// checks it when the engine loads it) reads only the declarations the policies use.
import type { ContainerArgs, ContainerState } from "@pulumiverse/scaleway/containers/container";
import type { NamespaceArgs, NamespaceState } from "@pulumiverse/scaleway/containers/namespace";
import type { AclArgs, AclState } from "@pulumiverse/scaleway/databases/acl";
import type { InstanceArgs, InstanceState } from "@pulumiverse/scaleway/databases/instance";
import type { UserArgs, UserState } from "@pulumiverse/scaleway/databases/user";
import type { ApiKeyArgs, ApiKeyState } from "@pulumiverse/scaleway/iam/apiKey";
import type { ApplicationArgs, ApplicationState } from "@pulumiverse/scaleway/iam/application";
import type { PolicyArgs, PolicyState } from "@pulumiverse/scaleway/iam/policy";
import type { BucketArgs, BucketState } from "@pulumiverse/scaleway/object/bucket";
import type { BucketAclArgs, BucketAclState } from "@pulumiverse/scaleway/object/bucketAcl";
import type {
  BucketServerSideEncryptionConfigurationArgs,
  BucketServerSideEncryptionConfigurationState,
} from "@pulumiverse/scaleway/object/bucketServerSideEncryptionConfiguration";
import type { AlertManagerArgs, AlertManagerState } from "@pulumiverse/scaleway/observability/alertManager";
import type {
  NamespaceArgs as RegistryNamespaceArgs,
  NamespaceState as RegistryNamespaceState,
} from "@pulumiverse/scaleway/registry/namespace";
import type { SecretArgs, SecretState } from "@pulumiverse/scaleway/secrets/secret";
import type { VersionArgs, VersionState } from "@pulumiverse/scaleway/secrets/version";

export const RESOURCE_TYPES = {
  container: ["scaleway:containers/container:Container", "scaleway:index/container:Container"],
  containerNamespace: [
    "scaleway:containers/namespace:Namespace",
    "scaleway:index/containerNamespace:ContainerNamespace",
  ],
  databaseInstance: [
    "scaleway:databases/instance:Instance",
    "scaleway:index/databaseInstance:DatabaseInstance",
  ],
  databaseAcl: ["scaleway:databases/acl:Acl", "scaleway:index/databaseAcl:DatabaseAcl"],
  databaseUser: ["scaleway:databases/user:User", "scaleway:index/databaseUser:DatabaseUser"],
  iamPolicy: ["scaleway:iam/policy:Policy", "scaleway:index/iamPolicy:IamPolicy"],
  iamApplication: ["scaleway:iam/application:Application", "scaleway:index/iamApplication:IamApplication"],
  iamApiKey: ["scaleway:iam/apiKey:ApiKey", "scaleway:index/iamApiKey:IamApiKey"],
  objectBucket: ["scaleway:object/bucket:Bucket", "scaleway:index/objectBucket:ObjectBucket"],
  objectBucketAcl: ["scaleway:object/bucketAcl:BucketAcl", "scaleway:index/objectBucketAcl:ObjectBucketAcl"],
  // No flat alias exists for this one in @pulumiverse/scaleway 1.54.
  objectBucketEncryption: [
    "scaleway:object/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  ],
  registryNamespace: [
    "scaleway:registry/namespace:Namespace",
    "scaleway:index/registryNamespace:RegistryNamespace",
  ],
  secret: ["scaleway:secrets/secret:Secret", "scaleway:index/secret:Secret"],
  secretVersion: ["scaleway:secrets/version:Version", "scaleway:index/secretVersion:SecretVersion"],
  alertManager: [
    "scaleway:observability/alertManager:AlertManager",
    "scaleway:index/cockpitAlertManager:CockpitAlertManager",
  ],
  /** Pulumi dynamic resources; the program's alert rules are pushed by one. */
  dynamic: ["pulumi-nodejs:dynamic:Resource"],
} as const;

export type ResourceKind = keyof typeof RESOURCE_TYPES;

/** Inputs of a dynamic resource: whatever its provider takes, so untyped. */
type DynamicInputs = Record<string, unknown>;

/**
 * The SDK's args and state of every kind (scaleway.containers.ContainerArgs for `container`). The flat
 * classes take the same args (`scaleway.ContainerArgs` names the same inputs;
 * tests/policies/typed-inputs.test.ts checks it at compile time), so one entry types both tokens.
 */
interface ProviderTypes {
  container: [ContainerArgs, ContainerState];
  containerNamespace: [NamespaceArgs, NamespaceState];
  databaseInstance: [InstanceArgs, InstanceState];
  databaseAcl: [AclArgs, AclState];
  databaseUser: [UserArgs, UserState];
  iamPolicy: [PolicyArgs, PolicyState];
  iamApplication: [ApplicationArgs, ApplicationState];
  iamApiKey: [ApiKeyArgs, ApiKeyState];
  objectBucket: [BucketArgs, BucketState];
  objectBucketAcl: [BucketAclArgs, BucketAclState];
  objectBucketEncryption: [
    BucketServerSideEncryptionConfigurationArgs,
    BucketServerSideEncryptionConfigurationState,
  ];
  registryNamespace: [RegistryNamespaceArgs, RegistryNamespaceState];
  secret: [SecretArgs, SecretState];
  secretVersion: [VersionArgs, VersionState];
  alertManager: [AlertManagerArgs, AlertManagerState];
  dynamic: [DynamicInputs, DynamicInputs];
}

/** Every kind has its SDK types: a kind added to RESOURCE_TYPES without them does not compile. */
type MissingProviderTypes = Exclude<ResourceKind, keyof ProviderTypes>;
export const EVERY_KIND_TYPED: [MissingProviderTypes] extends [never] ? true : never = true;

/**
 * The inputs of a resource of `kind` as a resource policy sees them: plain values (the engine resolves
 * outputs and unwraps secrets), each optional. A value preview cannot know yet is an unknown sentinel
 * behind the proxy, so a policy still checks `typeof` before trusting a value.
 */
export type InputsOf<K extends ResourceKind> = Unwrap<ProviderTypes[K][0]>;

/** The properties of a resource of `kind` as a stack policy sees them: its outputs (inputs included). */
export type OutputsOf<K extends ResourceKind> = Unwrap<ProviderTypes[K][1]>;

const KIND_BY_TOKEN: ReadonlyMap<string, ResourceKind> = new Map(
  (Object.keys(RESOURCE_TYPES) as ResourceKind[]).flatMap((kind) =>
    RESOURCE_TYPES[kind].map((token): [string, ResourceKind] => [token, kind]),
  ),
);

/** The kind of a type token, or undefined for a type no policy knows. */
export function kindOf(type: string): ResourceKind | undefined {
  return KIND_BY_TOKEN.get(type);
}

export function isKind(type: string, kind: ResourceKind): boolean {
  return KIND_BY_TOKEN.get(type) === kind;
}

/** `Container (scaleway:containers/container:Container or scaleway:index/container:Container)`. */
export function describeKind(kind: ResourceKind): string {
  return RESOURCE_TYPES[kind].join(" or ");
}
