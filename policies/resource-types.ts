// The Scaleway resource types the policies look at, each with both of its type tokens: the
// namespaced one (`scaleway:databases/instance:Instance`) and the deprecated flat one kept as an
// alias by @pulumiverse/scaleway (`scaleway:index/databaseInstance:DatabaseInstance`, see the
// `aliases` in node_modules/@pulumiverse/scaleway/<module>/<resource>.js). A stack written with the
// flat classes, or an old state export, must be checked exactly like a new one.

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
  objectBucket: ["scaleway:object/bucket:Bucket", "scaleway:index/objectBucket:ObjectBucket"],
  objectBucketAcl: ["scaleway:object/bucketAcl:BucketAcl", "scaleway:index/objectBucketAcl:ObjectBucketAcl"],
  // No flat alias exists for this one in @pulumiverse/scaleway 1.54.
  objectBucketEncryption: [
    "scaleway:object/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
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
