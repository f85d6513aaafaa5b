// IAM permission set names the program and the pack use, as Scaleway lists them, and what each grants
// to a runtime service (SEC-5, SECU-3 are rules of the rule book; these are the names Scaleway accepts).
import { fact } from "./fact";
import { docsPage, providerFile, READ_ON } from "./sources";

const PERMISSION_SETS = {
  ref: docsPage(
    "db796d29a58542506c583b304aaf5331f47d2665",
    "pages/iam/reference-content/permission-sets.mdx",
  ),
  read: READ_ON,
};

export const IAM_SECRET_MANAGER_PERMISSION_SETS = fact<readonly string[]>(
  "iam.secret-manager-permission-sets",
  "Secret Manager permission sets: SecretManagerReadOnly (metadata only, no version data), SecretManagerSecretAccess (read version data), SecretManagerSecretCreate, SecretManagerSecretWrite, SecretManagerSecretDelete, SecretManagerSecretRestore, SecretManagerFullAccess",
  [
    "SecretManagerReadOnly",
    "SecretManagerSecretAccess",
    "SecretManagerSecretCreate",
    "SecretManagerSecretWrite",
    "SecretManagerSecretDelete",
    "SecretManagerSecretRestore",
    "SecretManagerFullAccess",
  ],
  [PERMISSION_SETS],
);

/** The one set that lets a principal read a secret's value. */
export const IAM_SECRET_READ_PERMISSION_SET = fact(
  "iam.secret-read-permission-set",
  "reading a secret's value takes SecretManagerSecretAccess; SecretManagerReadOnly reads metadata only",
  "SecretManagerSecretAccess",
  [PERMISSION_SETS],
);

export const IAM_DEPLOYER_PERMISSION_SETS = fact<readonly string[]>(
  "iam.deployer-permission-sets",
  "deploying containers and pushing images takes ContainersFullAccess and ContainerRegistryFullAccess; calling a private container takes ContainersPrivateAccess",
  ["ContainersFullAccess", "ContainerRegistryFullAccess", "ContainersPrivateAccess"],
  [PERMISSION_SETS],
);

/**
 * The sets of the page's "Scoped by Organization" table: they act on the Organization itself (Projects,
 * IAM, billing, tickets, Audit Trail), so a rule gives them with `organizationId`, never per project.
 */
export const IAM_ORGANIZATION_SCOPED_PERMISSION_SETS = fact<readonly string[]>(
  "iam.organization-scoped-permission-sets",
  "permission sets scoped by Organization (Projects, IAM, billing, support and abuse tickets, Audit Trail, Environmental Impact, notifications); every other set is scoped by Project",
  [
    "ProjectManager",
    "ProjectReadOnly",
    "IAMReadOnly",
    "IAMManager",
    "IAMApplicationManager",
    "IAMApplicationReadOnly",
    "IAMUserManager",
    "IAMUserReadOnly",
    "IAMGroupManager",
    "IAMGroupReadOnly",
    "IAMPolicyManager",
    "IAMPolicyReadOnly",
    "BillingReadOnly",
    "BillingManager",
    "OrganizationManager",
    "OrganizationReadOnly",
    "SupportTicketManager",
    "SupportTicketReadOnly",
    "AbuseTicketManager",
    "AuditTrailReadOnly",
    "AuditTrailExportRead",
    "AuditTrailExportDelete",
    "AuditTrailFullAccess",
    "EnvironmentalImpactReadOnly",
    "NotificationManagerFullAccess",
    "NotificationManagerReadOnly",
  ],
  [{ ...PERMISSION_SETS, note: 'section "Scoped by Organization"' }],
);

/**
 * The sets Scaleway describes as "Full access" to a product, to all products or to an Organization
 * function (the *Manager sets), plus KubernetesSystemMastersGroupAccess ("perform any action on the
 * cluster"): each grants every action of its scope, creation and deletion included.
 */
export const IAM_FULL_ACCESS_PERMISSION_SETS = fact<readonly string[]>(
  "iam.full-access-permission-sets",
  "permission sets that grant full access to their scope: every *FullAccess set, AllProductsFullAccess (all products of a Project), the Organization's *Manager sets (ProjectManager, IAMManager, IAMApplicationManager, IAMUserManager, IAMGroupManager, IAMPolicyManager, BillingManager, OrganizationManager, SupportTicketManager, AbuseTicketManager) and KubernetesSystemMastersGroupAccess",
  [
    "AllProductsFullAccess",
    "ProjectManager",
    "IAMManager",
    "IAMApplicationManager",
    "IAMUserManager",
    "IAMGroupManager",
    "IAMPolicyManager",
    "BillingManager",
    "OrganizationManager",
    "SupportTicketManager",
    "AbuseTicketManager",
    "AuditTrailFullAccess",
    "NotificationManagerFullAccess",
    "SSHKeysFullAccess",
    "InstancesFullAccess",
    "ElasticMetalFullAccess",
    "AppleSiliconFullAccess",
    "DediboxFullAccess",
    "DediboxConsoleFullAccess",
    "ObjectStorageFullAccess",
    "ObjectStorageBucketPolicyFullAccess",
    "BlockStorageFullAccess",
    "FileStorageFullAccess",
    "ContainerRegistryFullAccess",
    "PrivateNetworksFullAccess",
    "VPCFullAccess",
    "IPAMFullAccess",
    "VPCGatewayFullAccess",
    "InterlinkFullAccess",
    "InterlinkPartnerFullAccess",
    "SiteToSiteVPNFullAccess",
    "LoadBalancersFullAccess",
    "EdgeServicesFullAccess",
    "KubernetesFullAccess",
    "KubernetesSystemMastersGroupAccess",
    "FunctionsFullAccess",
    "ContainersFullAccess",
    "ServerlessJobsFullAccess",
    "RelationalDatabasesFullAccess",
    "ServerlessSQLDatabaseFullAccess",
    "RedisFullAccess",
    "MongoDBFullAccess",
    "SearchDBFullAccess",
    "GenerativeApisFullAccess",
    "InferenceFullAccess",
    "DistributedDataLabFullAccess",
    "DataWarehouseFullAccess",
    "KafkaClusterFullAccess",
    "MessagingAndQueuingFullAccess",
    "IoTFullAccess",
    "DomainsDNSFullAccess",
    "WebHostingFullAccess",
    "TransactionalEmailFullAccess",
    "TransactionalEmailBlocklistFullAccess",
    "TransactionalEmailDomainFullAccess",
    "TransactionalEmailEmailFullAccess",
    "TransactionalEmailWebhookFullAccess",
    "TransactionalEmailProjectSettingsFullAccess",
    "TransactionalEmailOfferSubscriptionFullAccess",
    "ObservabilityFullAccess",
    "SecretManagerFullAccess",
    "KeyManagerFullAccess",
    "QaaSFullAccess",
  ],
  [
    {
      ...PERMISSION_SETS,
      note: 'descriptions "Full access to ..." in every table; KubernetesSystemMastersGroupAccess: "perform any action on the cluster"; beta sets may exist beyond this list',
    },
  ],
);

/**
 * The page's own warning: a principal holding IAMManager or OrganizationManager can write itself a
 * policy for any action on any resource of the Organization.
 */
export const IAM_SELF_GRANTING_PERMISSION_SETS = fact<readonly string[]>(
  "iam.self-granting-permission-sets",
  "any user or application holding IAMManager or OrganizationManager can create policies giving itself access to any other action and resource of the Organization",
  ["IAMManager", "OrganizationManager"],
  [{ ...PERMISSION_SETS, note: 'the "important" message under the Organization table' }],
);

/** How a rule reaches projects: `organizationId` makes it apply to every Project of the Organization. */
export const IAM_ORGANIZATION_RULE_SCOPE = fact(
  "iam.organization-rule-scope",
  "a policy rule scoped by organization_id applies to all current and future Projects of the Organization; a rule sets either organization_id or project_ids",
  { organizationWide: "organizationId", perProject: "projectIds" },
  [
    {
      ref: providerFile("docs/resources/iam_policy.md"),
      read: READ_ON,
      note: 'rule.organization_id: "this can be used to create a rule for all projects in an organization"; example "for all current and future projects"',
    },
  ],
);

/** A permission set name as Scaleway spells it in the list, whatever spaces or letter case it was written with. */
export function canonicalPermissionSetName(name: string): string {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  const known = [...IAM_FULL_ACCESS_PERMISSION_SETS.value, ...IAM_ORGANIZATION_SCOPED_PERMISSION_SETS.value];
  return known.find((n) => n.toLowerCase() === lower) ?? trimmed;
}

export function isOrganizationScopedPermissionSet(name: string): boolean {
  return IAM_ORGANIZATION_SCOPED_PERMISSION_SETS.value.includes(canonicalPermissionSetName(name));
}

export function isKnownSecretManagerPermissionSet(name: string): boolean {
  return IAM_SECRET_MANAGER_PERMISSION_SETS.value.includes(name);
}

export const IAM_FACTS = [
  IAM_SECRET_MANAGER_PERMISSION_SETS,
  IAM_SECRET_READ_PERMISSION_SET,
  IAM_DEPLOYER_PERMISSION_SETS,
  IAM_ORGANIZATION_SCOPED_PERMISSION_SETS,
  IAM_FULL_ACCESS_PERMISSION_SETS,
  IAM_SELF_GRANTING_PERMISSION_SETS,
  IAM_ORGANIZATION_RULE_SCOPE,
] as const;
