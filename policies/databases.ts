// Database policies (DB-2, DB-3, DB-4, DB-8, SECU-2, COMP-4) on Managed PostgreSQL instances and
// their ACLs, under both type tokens. Input names are those of InstanceArgs and AclArgs in
// @pulumiverse/scaleway/databases/*.d.ts: isHaCluster, backupScheduleRetention, disableBackup,
// encryptionAtRest, privateNetwork, privateIps; aclRules[{ip, description}]; and UserArgs: isAdmin.
// The props are typed by those args (InputsOf<kind>), so a renamed input breaks compilation.
import { assessAllowedCidr } from "@scaleway-infra/contracts/detectors/cidr";
import { RDB_DEFAULT_ALLOWED_IPS } from "@scaleway-infra/contracts/scaleway/facts/rdb";
import { retentionDaysFor } from "@scaleway-infra/contracts/thresholds";
import { resourcePolicy, stackPolicy, type ContractPolicy, type ContractResourcePolicy } from "./metadata";
import type { PolicyResource } from "./policy-types";
import {
  arrayProp,
  booleanProp,
  describeEnvironment,
  environmentOf,
  numberProp,
  stringProp,
  thresholdEnvironment,
} from "./resource-context";
import { isKind } from "./resource-types";

/** Scaleway keeps automatic backups this many days when `backupScheduleRetention` is unset. */
const SCALEWAY_DEFAULT_BACKUP_RETENTION_DAYS = 7;
/** The description Scaleway gives an ACL rule that has none: it documents nothing. */
const SCALEWAY_DEFAULT_ACL_DESCRIPTION = "IP allowed";

export const databaseHighAvailability: ContractResourcePolicy = resourcePolicy({
  name: "database-high-availability",
  description: "Every production database instance runs as a high-availability cluster.",
  ruleIds: ["DB-2"],
  severity: "high",
  remediationSteps: "Set `isHaCluster: true` on the production database instance.",
  kinds: ["databaseInstance"],
  validate: (props, args, report) => {
    const facts = environmentOf(args.urn, props);
    if (thresholdEnvironment(facts) !== "production")
      args.notApplicable("High availability is required in production only");
    if (props.isHaCluster !== true) {
      report(
        `\`isHaCluster\` is ${String(props.isHaCluster ?? "unset")} in environment ${describeEnvironment(facts)}; set \`isHaCluster: true\`.`,
      );
    }
  },
});

export const databaseBackupRetention: ContractResourcePolicy = resourcePolicy({
  name: "database-backup-retention",
  description:
    "Every database instance keeps automatic backups for 7 days in staging and for 30, 90 or 365 days in production.",
  ruleIds: ["DB-3", "PERF-4"],
  severity: "high",
  remediationSteps:
    "Leave `disableBackup` unset and set `backupScheduleRetention` to 7 in staging, or to 30, 90 or 365 in production.",
  kinds: ["databaseInstance"],
  validate: (props, args, report) => {
    const facts = environmentOf(args.urn, props);
    const allowed = retentionDaysFor(thresholdEnvironment(facts));
    if (props.disableBackup === true) {
      report(
        "automatic backups are disabled (`disableBackup: true`); remove `disableBackup` and set `backupScheduleRetention`.",
      );
      return;
    }
    const retention = numberProp(props, "backupScheduleRetention");
    const effective = retention ?? SCALEWAY_DEFAULT_BACKUP_RETENTION_DAYS;
    if (!allowed.includes(effective)) {
      const shown =
        retention === undefined ? `unset (Scaleway keeps ${effective} days)` : `${retention} days`;
      report(
        `\`backupScheduleRetention\` is ${shown} in environment ${describeEnvironment(facts)}; ` +
          `set it to ${allowed.join(", ").replace(/, (\d+)$/, " or $1")} days.`,
      );
    }
  },
});

export const databaseEncryptionAtRest: ContractResourcePolicy = resourcePolicy({
  name: "database-encryption-at-rest",
  description:
    "Every database instance encrypts its data at rest: SECU-4 requires it whatever the environment's `encryption_required` says.",
  ruleIds: ["DB-8", "SECU-4", "ENV-6"],
  severity: "high",
  remediationSteps:
    "Set `encryptionAtRest: true` on the database instance (it can only be chosen at creation: plan a migration for an existing instance). SECU-4 requires encryption of the database even where the environment sets `encryption_required: false`.",
  kinds: ["databaseInstance"],
  configSchema: {
    properties: {
      encryptionRequired: {
        type: "boolean",
        default: true,
        description:
          "environment_config.compliance.encryption_required: only changes the message; SECU-4 requires encryption of every database whatever it says.",
      },
    },
  },
  validate: (props, args, report) => {
    const { encryptionRequired } = args.getConfig<{ encryptionRequired?: boolean }>();
    if (props.encryptionAtRest !== true) {
      report(
        `\`encryptionAtRest\` is ${String(props.encryptionAtRest ?? "unset")}; set \`encryptionAtRest: true\`` +
          (encryptionRequired === false
            ? " (SECU-4 requires encryption of the database even though the environment sets `encryption_required: false`)."
            : "."),
      );
    }
  },
});

export const databaseAclRestricted: ContractResourcePolicy = resourcePolicy({
  name: "database-acl-restricted",
  description:
    "Every database ACL lists at least one rule and never opens the database to the Internet or to a public-wide range.",
  ruleIds: ["DB-4", "SECU-2"],
  severity: "critical",
  remediationSteps:
    "List in `aclRules` only the networks that need access: private ranges, or public ranges of /24 (IPv4) or narrower; never 0.0.0.0/0. Prefer attaching the instance to the private network.",
  kinds: ["databaseAcl"],
  validate: (props, _args, report) => {
    const rules = arrayProp(props, "aclRules");
    if (rules.length === 0) {
      report(
        "`aclRules` is empty; list the networks allowed to connect, or attach the instance to a private network.",
      );
    }
    rules.forEach((rule, index) => {
      const ip = rule && typeof rule === "object" ? stringProp(rule, "ip") : undefined;
      if (ip === undefined) {
        report(`\`aclRules[${index}]\` has no \`ip\`; set it to a CIDR range.`);
        return;
      }
      const assessment = assessAllowedCidr(ip);
      if (!assessment.ok) report(`\`aclRules[${index}].ip\` ${assessment.message}.`);
    });
  },
});

export const databaseAclDocumented: ContractResourcePolicy = resourcePolicy({
  name: "database-acl-documented",
  description:
    "Every database ACL rule says in its description who the range belongs to and why it has access.",
  ruleIds: ["COMP-4"],
  severity: "low",
  remediationSteps:
    'Give every entry of `aclRules` a `description` naming the network\'s owner and purpose (e.g. "office egress, Paris").',
  kinds: ["databaseAcl"],
  validate: (props, _args, report) => {
    arrayProp(props, "aclRules").forEach((rule, index) => {
      const description = rule && typeof rule === "object" ? stringProp(rule, "description") : undefined;
      if (
        description === undefined ||
        description.trim() === "" ||
        description === SCALEWAY_DEFAULT_ACL_DESCRIPTION
      ) {
        report(
          `\`aclRules[${index}]\` has no description of its own; set \`description\` to the network's owner and purpose.`,
        );
      }
    });
  },
});

export const databasePrivateNetwork: ContractResourcePolicy = resourcePolicy({
  name: "database-private-network",
  description:
    "Every database instance is attached to the private network when the environment asks for private networking.",
  ruleIds: ["DB-4", "SECU-2"],
  severity: "high",
  remediationSteps:
    "Attach the instance with `privateNetwork: { pnId: <private network ID> }`, or set `privateNetworkingRequired: false` for this policy in the policy pack config for an environment without private networking.",
  kinds: ["databaseInstance"],
  configSchema: {
    properties: {
      privateNetworkingRequired: {
        type: "boolean",
        default: true,
        description: "environment_config.networking.private_networking: true in both shipped stacks.",
      },
    },
  },
  validate: (props, args, report) => {
    const { privateNetworkingRequired } = args.getConfig<{ privateNetworkingRequired?: boolean }>();
    if (privateNetworkingRequired === false)
      args.notApplicable("The environment does not ask for private networking");
    const privateNetwork = props.privateNetwork;
    if (!privateNetwork || typeof privateNetwork !== "object") {
      report(
        "the instance sets no `privateNetwork`; set `privateNetwork: { pnId }` to a private network (or set the pack config's `privateNetworkingRequired` to false where none is required).",
      );
    }
  },
});

/**
 * URNs of the instances some ACL is for: an ACL's instanceId is the instance's output, so the engine
 * records the instance among the ACL's dependencies (and its `instanceId` property dependencies).
 */
function instancesWithAcl(acls: readonly PolicyResource[]): Set<string> {
  const urns = new Set<string>();
  for (const acl of acls) {
    for (const dependency of acl.dependencies) urns.add(dependency.urn);
    for (const dependency of acl.propertyDependencies.instanceId ?? []) urns.add(dependency.urn);
  }
  return urns;
}

/** True for an endpoint block that is there: an object (even `{}`) or a non-empty list of them. */
function endpointRequested(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && typeof value === "object";
}

/**
 * Why the instance has a public endpoint (fact rdb.public-endpoint), or undefined when it has none:
 * `loadBalancer` set (`loadBalancers`, the list some inputs and older exports carry, too), or no
 * private network at all, so Scaleway gives it its default public endpoint. Read through the proxy:
 * a value computed at preview makes the check indeterminate, never passed.
 */
function publicEndpointOf(props: Record<string, unknown>): string | undefined {
  if (endpointRequested(props.loadBalancer)) return "exposes a public endpoint (`loadBalancer`)";
  if (endpointRequested(props.loadBalancers)) return "exposes a public endpoint (`loadBalancers`)";
  const privateNetwork = props.privateNetwork;
  const attached = Array.isArray(privateNetwork)
    ? privateNetwork.length > 0
    : privateNetwork !== null && typeof privateNetwork === "object";
  if (!attached) return "has no `privateNetwork`, so Scaleway gives it its default public endpoint";
  return undefined;
}

export const databaseNetworkAccessDefined = stackPolicy({
  name: "database-network-access-defined",
  description:
    "Every database instance has its network access defined: one that exposes a public endpoint (`loadBalancer`, or no private network) has a databases.Acl restricting it, since Scaleway's default allowed IP is 0.0.0.0/0.",
  ruleIds: ["SECU-2", "DB-4"],
  severity: "high",
  remediationSteps:
    "Attach the instance to the private network (`privateNetwork: { pnId }`) and drop `loadBalancer`, or declare a `databases.Acl` for it whose `instanceId` is the instance's ID and whose `aclRules` list only the networks that need access.",
  validate: (args, report) => {
    const instances = args.resources.filter((r) => isKind(r.type, "databaseInstance"));
    if (instances.length === 0) args.notApplicable("The stack has no database instance");
    const withAcl = instancesWithAcl(args.resources.filter((r) => isKind(r.type, "databaseAcl")));
    for (const instance of instances) {
      if (withAcl.has(instance.urn)) continue;
      const exposure = publicEndpointOf(instance.props as Record<string, unknown>);
      if (exposure === undefined) continue;
      report(
        `database instance ${instance.name} ${exposure} and no databases.Acl restricts it: ` +
          `Scaleway lets any host connect until one does (${RDB_DEFAULT_ALLOWED_IPS.id}: ${RDB_DEFAULT_ALLOWED_IPS.value.join(", ")}). ` +
          "Declare a databases.Acl whose `instanceId` is the instance's ID, or keep the instance on its private network only.",
        instance.urn,
      );
    }
  },
});

export const databaseUserNotAdmin: ContractResourcePolicy = resourcePolicy({
  name: "database-user-not-admin",
  description:
    "No database user is an administrator: an application user holds only the privileges it needs (least privilege, DB-5 and SECU-3).",
  ruleIds: ["DB-5", "SECU-3"],
  severity: "high",
  remediationSteps:
    'Set `isAdmin: false` on the user (or leave it unset) and grant it what it needs on its database with a databases.Privilege (e.g. `permission: "readwrite"`); keep administration to the instance\'s own admin user.',
  kinds: ["databaseUser"],
  validate: (props, _args, report) => {
    // Read through the proxy: an `isAdmin` computed at preview leaves the rule undecided, never passed.
    if (booleanProp(props, "isAdmin") === true) {
      report(
        "`isAdmin` is true: the user can administer the whole instance; set `isAdmin: false` and grant it a databases.Privilege on its database.",
      );
    }
  },
});

export const databasePolicies: readonly ContractPolicy[] = [
  databaseHighAvailability,
  databaseBackupRetention,
  databaseEncryptionAtRest,
  databaseAclRestricted,
  databaseAclDocumented,
  databasePrivateNetwork,
  databaseNetworkAccessDefined,
  databaseUserNotAdmin,
];
