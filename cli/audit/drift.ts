// Drift between a live project and the stacks that should manage it: live resources no stack
// manages, stack resources that no longer exist, and managed resources whose live settings differ
// from the state for the properties the rules look at. Each kind is a finding with its own ID
// (DRIFT-1, DRIFT-2, DRIFT-3), reported beside the rule findings; drift never changes a rule's
// status, since the live resource is judged by the policies on its own.
import type { Finding, PlannedResource } from "../plan/model";
import type { LiveResource } from "./live-resources";

export const DRIFT_FINDINGS = {
  unmanaged: { id: "DRIFT-1", policy: "drift-unmanaged-resource" },
  missing: { id: "DRIFT-2", policy: "drift-missing-resource" },
  changed: { id: "DRIFT-3", policy: "drift-changed-setting" },
  shared: { id: "DRIFT-4", policy: "drift-managed-twice" },
} as const;

/**
 * The inputs each type's rules read (policies/*.ts), compared live against state. A name in the
 * provider's input spelling; objects and lists compare by their canonical JSON.
 */
export const DRIFT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  "scaleway:containers/container:Container": [
    "registryImage",
    "minScale",
    "maxScale",
    "privacy",
    "healthChecks",
    "region",
  ],
  "scaleway:databases/instance:Instance": [
    "isHaCluster",
    "disableBackup",
    "backupScheduleRetention",
    "encryptionAtRest",
    "privateNetwork",
    "region",
  ],
  "scaleway:databases/acl:Acl": ["aclRules"],
  "scaleway:databases/user:User": ["isAdmin"],
  "scaleway:iam/policy:Policy": ["rules"],
  "scaleway:registry/namespace:Namespace": ["isPublic"],
  "scaleway:secrets/secret:Secret": ["name", "path"],
};

/** Flat (deprecated) type tokens name the same resources as the namespaced ones. */
const FLAT_TO_NAMESPACED: Readonly<Record<string, string>> = {
  "scaleway:index/container:Container": "scaleway:containers/container:Container",
  "scaleway:index/containerNamespace:ContainerNamespace": "scaleway:containers/namespace:Namespace",
  "scaleway:index/databaseInstance:DatabaseInstance": "scaleway:databases/instance:Instance",
  "scaleway:index/databaseAcl:DatabaseAcl": "scaleway:databases/acl:Acl",
  "scaleway:index/databaseUser:DatabaseUser": "scaleway:databases/user:User",
  "scaleway:index/databasePrivilege:DatabasePrivilege": "scaleway:databases/privilege:Privilege",
  "scaleway:index/iamPolicy:IamPolicy": "scaleway:iam/policy:Policy",
  "scaleway:index/iamApplication:IamApplication": "scaleway:iam/application:Application",
  "scaleway:index/secret:Secret": "scaleway:secrets/secret:Secret",
  "scaleway:index/secretVersion:SecretVersion": "scaleway:secrets/version:Version",
  "scaleway:index/registryNamespace:RegistryNamespace": "scaleway:registry/namespace:Namespace",
  "scaleway:index/vpc:Vpc": "scaleway:network/vpc:Vpc",
  "scaleway:index/vpcPrivateNetwork:VpcPrivateNetwork": "scaleway:network/privateNetwork:PrivateNetwork",
};

function canonicalType(type: string): string {
  return FLAT_TO_NAMESPACED[type] ?? type;
}

/** The key a resource is matched by: its canonical type and its ID, letter case ignored. */
function idKey(type: string, id: string): string {
  return `${canonicalType(type)}|${id.toLowerCase()}`;
}

/** Canonical JSON: object keys sorted, lists of scalars sorted (ACL rules are a set), undefined dropped. */
export function canonical(value: unknown): string {
  const normalise = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(normalise);
      return items.every((i) => typeof i !== "object" || i === null)
        ? [...items].sort()
        : [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, normalise((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(normalise(value)) ?? "undefined";
}

function finding(
  kind: keyof typeof DRIFT_FINDINGS,
  resource: PlannedResource,
  message: string,
  remediation: string,
): Finding {
  return {
    policy: DRIFT_FINDINGS[kind].policy,
    ruleIds: [DRIFT_FINDINGS[kind].id],
    status: "fail",
    enforcementLevel: "advisory",
    severity: kind === "changed" || kind === "shared" ? "high" : "medium",
    message,
    remediation,
    urn: resource.urn,
    resourceType: resource.type,
    resourceName: resource.name,
  };
}

/** Types the drift check knows how to find live; state resources of other types are not judged missing. */
const AUDITED_TYPES = new Set([
  "scaleway:containers/namespace:Namespace",
  "scaleway:containers/container:Container",
  "scaleway:databases/instance:Instance",
  "scaleway:databases/acl:Acl",
  "scaleway:databases/user:User",
  "scaleway:databases/privilege:Privilege",
  "scaleway:secrets/secret:Secret",
  "scaleway:secrets/version:Version",
  "scaleway:iam/application:Application",
  "scaleway:iam/policy:Policy",
  "scaleway:network/vpc:Vpc",
  "scaleway:network/privateNetwork:PrivateNetwork",
  "scaleway:registry/namespace:Namespace",
]);

export interface DriftInput {
  live: readonly LiveResource[];
  /** Custom resources of every state export given, with their IDs. */
  managed: readonly PlannedResource[];
  /** Regions read live: a state resource elsewhere is not judged missing. */
  regions: readonly string[];
}

export function detectDrift(input: DriftInput): Finding[] {
  const findings: Finding[] = [];
  const managedById = new Map<string, PlannedResource>();
  for (const r of input.managed) {
    if (!r.custom || !r.id) continue;
    const key = idKey(r.type, r.id);
    const first = managedById.get(key);
    // One stack may hold two entries of a resource mid-replacement; two stacks (or names) may not.
    if (first && first.urn !== r.urn) {
      findings.push(
        finding(
          "shared",
          r,
          `${r.type} ${r.id} is managed twice: by ${first.urn} and by ${r.urn}; two stacks would fight over it.`,
          "Remove it from all stacks but one (`pulumi state delete` in the others).",
        ),
      );
    }
    if (!first) managedById.set(key, r);
  }
  const liveById = new Map(input.live.map((r) => [idKey(r.type, r.id), r]));

  for (const live of input.live) {
    if (!AUDITED_TYPES.has(live.type)) continue;
    const managed = managedById.get(idKey(live.type, live.id));
    if (!managed) {
      findings.push(
        finding(
          "unmanaged",
          live,
          `${live.type} "${live.name}" (${live.id}) exists in the project but no given stack manages it (click-ops or a stack not passed with --state).`,
          "Import it into its stack (`pulumi import`), or delete it if nobody owns it.",
        ),
      );
      continue;
    }
    for (const property of DRIFT_PROPERTIES[canonicalType(live.type)] ?? []) {
      if (!(property in managed.props)) continue; // the stack leaves it to Scaleway's default
      const want = canonical(managed.props[property]);
      const have = canonical(live.props[property]);
      if (want !== have) {
        findings.push(
          finding(
            "changed",
            live,
            `\`${property}\` of ${live.type} "${live.name}" differs from the state of ${managed.urn}: changed outside Pulumi.`,
            "Run `pulumi refresh` to see the change, then `pulumi up` to restore the declared value (or declare the new one).",
          ),
        );
      }
    }
  }
  for (const managed of input.managed) {
    const type = canonicalType(managed.type);
    if (!managed.custom || !managed.id || !AUDITED_TYPES.has(type)) continue;
    const region = /^([a-z]{2}-[a-z]{3})\//.exec(managed.id)?.[1];
    if (region && !input.regions.includes(region)) continue;
    if (!liveById.has(idKey(managed.type, managed.id))) {
      findings.push(
        finding(
          "missing",
          managed,
          `${managed.type} "${managed.name}" (${managed.id}) is in the state but does not exist in the project any more.`,
          "Run `pulumi refresh` on its stack, then `pulumi up` to recreate it (or remove it from the program).",
        ),
      );
    }
  }
  return findings;
}
