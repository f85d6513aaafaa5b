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
import type * as scw from "@pulumiverse/scaleway";

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
 * The SDK's args and state of every kind. The flat classes take the same args (`scw.ContainerArgs`
 * and `scw.containers.ContainerArgs` have the same inputs; tests/policies/typed-inputs.test.ts checks
 * it at compile time), so one entry types both tokens of a kind.
 */
interface ProviderTypes {
  container: [scw.containers.ContainerArgs, scw.containers.ContainerState];
  containerNamespace: [scw.containers.NamespaceArgs, scw.containers.NamespaceState];
  databaseInstance: [scw.databases.InstanceArgs, scw.databases.InstanceState];
  databaseAcl: [scw.databases.AclArgs, scw.databases.AclState];
  databaseUser: [scw.databases.UserArgs, scw.databases.UserState];
  iamPolicy: [scw.iam.PolicyArgs, scw.iam.PolicyState];
  iamApplication: [scw.iam.ApplicationArgs, scw.iam.ApplicationState];
  iamApiKey: [scw.iam.ApiKeyArgs, scw.iam.ApiKeyState];
  objectBucket: [scw.object.BucketArgs, scw.object.BucketState];
  objectBucketAcl: [scw.object.BucketAclArgs, scw.object.BucketAclState];
  objectBucketEncryption: [
    scw.object.BucketServerSideEncryptionConfigurationArgs,
    scw.object.BucketServerSideEncryptionConfigurationState,
  ];
  registryNamespace: [scw.registry.NamespaceArgs, scw.registry.NamespaceState];
  secret: [scw.secrets.SecretArgs, scw.secrets.SecretState];
  secretVersion: [scw.secrets.VersionArgs, scw.secrets.VersionState];
  alertManager: [scw.observability.AlertManagerArgs, scw.observability.AlertManagerState];
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
