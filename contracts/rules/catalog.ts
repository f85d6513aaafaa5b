// The catalog of contract rules: every rule ID of CONTRACT-RULES.md with its title and whether the
// policy pack must catch it at preview time. Schemas, policies, reports and coverage tests all refer
// to rules through this list, so a rule ID that is not here cannot be cited anywhere.

export type RuleGroup =
  | "container"
  | "database"
  | "secret"
  | "monitoring"
  | "deployment"
  | "state"
  | "environment"
  | "integration"
  | "security"
  | "performance"
  | "compliance"
  | "operations"
  | "errors";

/**
 * How a rule is decided: `enforced` by a check this project runs on what it sees, or `attested`: the
 * stack file declares the value and config validation checks the declaration, but neither a plan nor
 * a scan can verify that the platform really behaves so. Reports show an attested rule as ATTESTED,
 * never as PASS.
 */
export type RuleVerification = "enforced" | "attested";

export interface ContractRule {
  readonly id: string;
  readonly group: RuleGroup;
  readonly title: string;
  /** Marked *(preview)*: the policy pack must catch it on the resources themselves. */
  readonly preview: boolean;
  readonly verification: RuleVerification;
  /** For an attested rule: the stack-file declaration it rests on, and why it cannot be verified. */
  readonly attestation?: string;
}

function rule(id: string, group: RuleGroup, title: string, preview = false): ContractRule {
  return { id, group, title, preview, verification: "enforced" };
}

function attested(id: string, group: RuleGroup, title: string, attestation: string): ContractRule {
  return { id, group, title, preview: false, verification: "attested", attestation };
}

export const CONTRACT_RULES: readonly ContractRule[] = [
  rule("CTR-1", "container", "Container name is one of the services: documentation, runners, streamlit"),
  rule("CTR-2", "container", "Image is an EU Scaleway Container Registry image, pinned in production", true),
  rule("CTR-3", "container", "Container environment is staging or production and equals the stack's"),
  rule("CTR-4", "container", "min_instances >= 1 in staging, >= 2 in production, and <= max_instances", true),
  rule("CTR-5", "container", "Every container has an HTTP health check on an absolute path", true),
  rule("CTR-6", "container", "Environment variables hold no hardcoded secret", true),
  rule("CTR-7", "container", "CPU (mCPU) and memory (MB) are positive integers Scaleway accepts"),
  rule("CTR-8", "container", "Privacy is public or private; domains are valid DNS names"),
  rule("CTR-9", "container", "Health check timeout < interval, both within sane bounds"),
  rule("DB-1", "database", "Database name ends with the environment suffix"),
  rule("DB-2", "database", "High availability is on in production", true),
  rule("DB-3", "database", "Backup retention is 7 days in staging; 30, 90 or 365 in production", true),
  rule("DB-4", "database", "Allowed IPs restrict access: no world-open or public-wide ranges", true),
  rule("DB-5", "database", "At least one application user with least-privilege grants"),
  attested(
    "DB-6",
    "database",
    "Backups are stored in an EU region",
    "`backup.region` of scaleway-infra:database; the managed backups' storage region is not an input of the database resource",
  ),
  rule("DB-7", "database", "Engine is a supported PostgreSQL version"),
  rule("DB-8", "database", "Encryption at rest is on when the environment requires encryption", true),
  rule("SEC-1", "secret", "Secret name follows env-service-type"),
  rule("SEC-2", "secret", "Secret type is database_url, api_key, certificate or generic"),
  rule("SEC-3", "secret", "Secret value is base64 and never plaintext in config, state or outputs", true),
  rule("SEC-4", "secret", "Access policy names at least one principal"),
  rule("SEC-5", "secret", "Access policy permissions follow least privilege", true),
  // Scaleway Secret Manager does not rotate secret values: its ephemeral policy only makes versions
  // expire (time to live up to one year, or after one access) and someone must write the next
  // version (https://www.scaleway.com/en/docs/secret-manager/concepts.md, "Ephemeral policy" and
  // "Ephemerality properties", read 2026-12-03). The program sets that expiry from period_days; the
  // rotation itself is a process the stack file declares, so the rule is attested.
  attested(
    "SEC-6",
    "secret",
    "Rotation period is a positive integer when rotation is enabled",
    "`rotation` of scaleway-infra:secrets; Secret Manager only expires versions, it does not rotate values, so the rotation itself is a declared process",
  ),
  rule("SEC-7", "secret", "Secret environment equals the stack's environment"),
  rule("ALR-1", "monitoring", "Alert names are unique within the environment"),
  rule("ALR-2", "monitoring", "Critical alerts have threshold.duration < 30 seconds"),
  attested(
    "ALR-3",
    "monitoring",
    "Severity is critical, warning or info, aligned with SLA impact",
    "`severity` of scaleway-infra:alerts; its alignment with the SLA is a judgement no command can verify",
  ),
  rule("ALR-4", "monitoring", "At least one valid notification channel"),
  rule("ALR-5", "monitoring", "conditions.query is valid PromQL"),
  rule("ALR-6", "monitoring", "threshold.operator is one of > < >= <="),
  rule("DEP-1", "deployment", "A deployment request is complete and names existing services"),
  rule("DEP-2", "deployment", "A deployment response follows deployment_response"),
  rule("DEP-3", "deployment", "Production requests have rollback enabled and health checks on"),
  rule("STA-1", "state", "State backend is s3 (Scaleway Object Storage)"),
  rule("STA-2", "state", "State bucket is unique per environment"),
  attested(
    "STA-3",
    "state",
    "State locking is enabled in production",
    "`locking` of scaleway-infra:state; the backend's lock (and its timeout) is not a resource of the stack",
  ),
  rule("STA-4", "state", "State encryption is enabled in every environment"),
  rule("STA-5", "state", "State key follows <env>/..."),
  rule("ENV-1", "environment", "Environment name is staging or production"),
  rule("ENV-2", "environment", "Scaleway project ID is a UUID"),
  rule("ENV-3", "environment", "Scaleway organization ID is a UUID"),
  rule("ENV-4", "environment", "Data residency is EU and every region/zone used is in the EU", true),
  attested(
    "ENV-5",
    "environment",
    "Audit logging is enabled",
    "`compliance.audit_logging` of scaleway-infra:environment; Scaleway Audit Trail is an organization-level product, not a resource of the stack",
  ),
  rule("ENV-6", "environment", "encryption_required is honoured"),
  rule("INT-1", "integration", "Workflow triggers are valid; production requires approval and validation"),
  rule("INT-2", "integration", "Image specs carry registry, repository, tag, digest and build info"),
  rule("SECU-1", "security", "Secrets are referenced, never hardcoded"),
  rule("SECU-2", "security", "Network access is explicitly defined", true),
  rule("SECU-3", "security", "IAM policies follow least privilege", true),
  rule("SECU-4", "security", "Encryption is enabled for sensitive data"),
  rule("PERF-1", "performance", "Scaling meets redundancy"),
  rule("PERF-2", "performance", "Health check intervals are appropriate"),
  rule("PERF-3", "performance", "Alert thresholds align with SLA"),
  rule("PERF-4", "performance", "Backup retention meets compliance"),
  rule("COMP-1", "compliance", "Data residency in the EU"),
  rule("COMP-2", "compliance", "Audit logging enabled"),
  rule("COMP-3", "compliance", "Encryption standards met"),
  rule("COMP-4", "compliance", "Access controls are documented (IAM policies and ACLs carry descriptions)"),
  rule("OPS-1", "operations", "Environment isolation: a stack touches only its own environment", true),
  rule("OPS-2", "operations", "State locking configured"),
  rule("OPS-3", "operations", "Rollback procedures defined"),
  rule("OPS-4", "operations", "Monitoring coverage: every container and database is watched", true),
  rule("ERR-1", "errors", "Every failure follows error_response"),
  rule("ERR-2", "errors", "Error codes are INFRA_001..INFRA_008"),
];

const RULES_BY_ID = new Map(CONTRACT_RULES.map((r) => [r.id, r]));

export function isRuleId(id: string): boolean {
  return RULES_BY_ID.has(id);
}

export function ruleById(id: string): ContractRule {
  const found = RULES_BY_ID.get(id);
  if (!found) throw new Error(`Unknown contract rule ID "${id}"`);
  return found;
}

export function attestedRuleIds(): string[] {
  return CONTRACT_RULES.filter((r) => r.verification === "attested").map((r) => r.id);
}

export function previewRuleIds(): string[] {
  return CONTRACT_RULES.filter((r) => r.preview).map((r) => r.id);
}
