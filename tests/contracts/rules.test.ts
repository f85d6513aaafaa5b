// For every rule a single document decides: one document that breaks it (its error names the rule)
// and one that keeps it (no problem cites the rule). Each case starts from the contract's example
// in examples/contracts/ and changes one thing.
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { CONTRACT_SCHEMAS } from "@scaleway-infra/contracts/documents/validator";
import { DOCUMENT_CHECKS } from "@scaleway-infra/contracts/documents/document-checks";
import { contractProblems, validateContract } from "@scaleway-infra/contracts/documents/validate";
import { CONTRACT_NAMES, type ContractName } from "@scaleway-infra/contracts/documents/types";
import { schemaRuleIds } from "../../cli/traceability/traceability";
import { example, remove, set } from "./support";

type Doc = Record<string, unknown>;
interface RuleCase {
  rule: string;
  contract: ContractName;
  what: string;
  change: (doc: Doc) => void;
}

const stagingContainer = (d: Doc) => set(d, "/environment", "staging");
const stagingDatabase = (d: Doc) => {
  set(d, "/environment", "staging");
  set(d, "/name", "main-staging");
  set(d, "/backup/retention_days", 7);
};
const stagingState = (d: Doc) => {
  set(d, "/environment", "staging");
  set(d, "/backend/bucket", "scaleway-infra-state-staging");
  set(d, "/backend/key", "staging/scaleway-infra.tfstate");
};

const INVALID: RuleCase[] = [
  {
    rule: "CTR-1",
    contract: "container",
    what: "a service that does not exist",
    change: (d) => set(d, "/name", "web"),
  },
  {
    rule: "CTR-2",
    contract: "container",
    what: "an image outside Scaleway's EU registry",
    change: (d) => set(d, "/image", "docker.io/library/nginx:1.25"),
  },
  {
    rule: "CTR-2",
    contract: "container",
    what: "a production image tagged latest",
    change: (d) => set(d, "/image", "rg.fr-par.scw.cloud/infra/documentation:latest"),
  },
  {
    rule: "CTR-2",
    contract: "container",
    what: "a production image tagged LATEST (tags are case-sensitive, and as mutable)",
    change: (d) => set(d, "/image", "rg.fr-par.scw.cloud/infra/documentation:LATEST"),
  },
  {
    rule: "CTR-2",
    contract: "container",
    what: "a production image without tag or digest",
    change: (d) => set(d, "/image", "rg.fr-par.scw.cloud/infra/documentation"),
  },
  {
    rule: "CTR-3",
    contract: "container",
    what: "an environment that is not staging or production",
    change: (d) => set(d, "/environment", "dev"),
  },
  {
    rule: "CTR-4",
    contract: "container",
    what: "one instance in production",
    change: (d) => set(d, "/scaling/min_instances", 1),
  },
  {
    rule: "CTR-4",
    contract: "container",
    what: "min_instances above max_instances",
    change: (d) => set(d, "/scaling/min_instances", 12),
  },
  {
    rule: "CTR-5",
    contract: "container",
    what: "no health check path",
    change: (d) => remove(d, "/health/path"),
  },
  {
    rule: "CTR-5",
    contract: "container",
    what: "a relative health check path",
    change: (d) => set(d, "/health/path", "healthz"),
  },
  {
    rule: "CTR-5",
    contract: "container",
    what: "no health check at all",
    change: (d) => remove(d, "/health"),
  },
  {
    rule: "CTR-6",
    contract: "container",
    what: "a password in a plain variable",
    change: (d) => set(d, "/environment_variables/0", { name: "DB_PASSWORD", value: "Tr0ub4dor&3-horse" }),
  },
  {
    rule: "CTR-6",
    contract: "container",
    what: "a secret variable whose value is not a secret name",
    change: (d) => set(d, "/environment_variables/1/value", "postgres://app:pw@db/app"),
  },
  { rule: "CTR-7", contract: "container", what: "zero CPU", change: (d) => set(d, "/resources/cpu", 0) },
  {
    rule: "CTR-7",
    contract: "container",
    what: "memory written as text",
    change: (d) => set(d, "/resources/memory", "2GB"),
  },
  {
    rule: "CTR-8",
    contract: "container",
    what: "a privacy that is neither public nor private",
    change: (d) => set(d, "/networking/privacy", "open"),
  },
  {
    rule: "CTR-8",
    contract: "container",
    what: "a domain that is a URL",
    change: (d) => set(d, "/networking/domains", ["https://docs.example.gouv.fr/"]),
  },
  {
    rule: "CTR-9",
    contract: "container",
    what: "a timeout equal to the interval",
    change: (d) => set(d, "/health/timeout", 30),
  },
  {
    rule: "CTR-9",
    contract: "container",
    what: "a 1-second interval",
    change: (d) => set(d, "/health/interval", 1),
  },
  {
    rule: "DB-1",
    contract: "database",
    what: "a name without environment suffix",
    change: (d) => set(d, "/name", "main"),
  },
  {
    rule: "DB-1",
    contract: "database",
    what: "a staging suffix in production",
    change: (d) => set(d, "/name", "main-staging"),
  },
  {
    rule: "DB-2",
    contract: "database",
    what: "no high availability in production",
    change: (d) => set(d, "/high_availability", false),
  },
  {
    rule: "DB-3",
    contract: "database",
    what: "7-day retention in production",
    change: (d) => set(d, "/backup/retention_days", 7),
  },
  {
    rule: "DB-3",
    contract: "database",
    what: "30-day retention in staging",
    change: (d) => {
      stagingDatabase(d);
      set(d, "/backup/retention_days", 30);
    },
  },
  {
    rule: "DB-4",
    contract: "database",
    what: "no allowed IPs",
    change: (d) => set(d, "/network/allowed_ips", []),
  },
  {
    rule: "DB-4",
    contract: "database",
    what: "0.0.0.0/0 allowed",
    change: (d) => set(d, "/network/allowed_ips", ["0.0.0.0/0"]),
  },
  {
    rule: "DB-4",
    contract: "database",
    what: "::/0 allowed",
    change: (d) => set(d, "/network/allowed_ips", ["::/0"]),
  },
  {
    rule: "DB-4",
    contract: "database",
    what: "a public-wide range allowed",
    change: (d) => set(d, "/network/allowed_ips", ["8.0.0.0/8"]),
  },
  {
    rule: "DB-4",
    contract: "database",
    what: "an allowed IP that is not a CIDR",
    change: (d) => set(d, "/network/allowed_ips", ["office"]),
  },
  { rule: "DB-5", contract: "database", what: "no users", change: (d) => set(d, "/users", []) },
  {
    rule: "DB-5",
    contract: "database",
    what: "a user with admin privileges",
    change: (d) => set(d, "/users/0/privileges", ["all"]),
  },
  {
    rule: "DB-6",
    contract: "database",
    what: "backups outside the EU",
    change: (d) => set(d, "/backup/region", "us-east-1"),
  },
  {
    rule: "DB-7",
    contract: "database",
    what: "an unsupported PostgreSQL version",
    change: (d) => set(d, "/engine/version", "9.6"),
  },
  {
    rule: "DB-7",
    contract: "database",
    what: "another engine",
    change: (d) => set(d, "/engine/type", "mysql"),
  },
  {
    rule: "ENV-1",
    contract: "database",
    what: "an unknown environment",
    change: (d) => set(d, "/environment", "dev"),
  },
  {
    rule: "SECU-2",
    contract: "database",
    what: "an unknown network type",
    change: (d) => set(d, "/network/type", "vpn"),
  },
  {
    rule: "SEC-1",
    contract: "secret",
    what: "a name that is not env-service-type",
    change: (d) => set(d, "/name", "runners-key"),
  },
  {
    rule: "SEC-1",
    contract: "secret",
    what: "a staging name in production",
    change: (d) => set(d, "/name", "staging-runners-api_key"),
  },
  {
    rule: "SEC-1",
    contract: "secret",
    what: "a name whose type is not the secret's type",
    change: (d) => set(d, "/name", "production-runners-generic"),
  },
  { rule: "SEC-2", contract: "secret", what: "an unknown type", change: (d) => set(d, "/type", "password") },
  {
    rule: "SEC-3",
    contract: "secret",
    what: "a plaintext value",
    change: (d) => set(d, "/value", "hunter2 is my password"),
  },
  {
    rule: "SEC-3",
    contract: "secret",
    what: "non-canonical base64",
    change: (d) => set(d, "/value", "aGl="),
  },
  { rule: "SEC-3", contract: "secret", what: "no value for an api_key", change: (d) => remove(d, "/value") },
  {
    rule: "SEC-4",
    contract: "secret",
    what: "no principals",
    change: (d) => set(d, "/access_policy/principals", []),
  },
  {
    rule: "SEC-4",
    contract: "secret",
    what: "a principal of unknown form",
    change: (d) => set(d, "/access_policy/principals", ["root"]),
  },
  {
    rule: "SEC-5",
    contract: "secret",
    what: "a full-access permission set",
    change: (d) => set(d, "/access_policy/permissions", ["SecretManagerFullAccess"]),
  },
  {
    rule: "SEC-6",
    contract: "secret",
    what: "rotation enabled without a period",
    change: (d) => remove(d, "/rotation/period_days"),
  },
  {
    rule: "SEC-6",
    contract: "secret",
    what: "a zero-day rotation period",
    change: (d) => set(d, "/rotation/period_days", 0),
  },
  {
    rule: "SEC-7",
    contract: "secret",
    what: "an unknown environment",
    change: (d) => set(d, "/environment", "dev"),
  },
  { rule: "ALR-1", contract: "alert-rule", what: "an empty name", change: (d) => set(d, "/name", "") },
  {
    rule: "ALR-2",
    contract: "alert-rule",
    what: "a critical alert that waits 30 seconds",
    change: (d) => set(d, "/threshold/duration", 30),
  },
  {
    rule: "ALR-2",
    contract: "alert-rule",
    what: "a warning that waits more than a day (promtool would simulate all of it)",
    change: (d) => {
      set(d, "/severity", "warning");
      set(d, "/threshold/duration", 2147483648);
    },
  },
  {
    rule: "ALR-3",
    contract: "alert-rule",
    what: "an unknown severity",
    change: (d) => set(d, "/severity", "high"),
  },
  {
    rule: "ALR-4",
    contract: "alert-rule",
    what: "no channels",
    change: (d) => set(d, "/notifications/channels", []),
  },
  {
    rule: "ALR-4",
    contract: "alert-rule",
    what: "a channel of unknown form",
    change: (d) => set(d, "/notifications/channels", ["slack:#oncall"]),
  },
  {
    rule: "ALR-5",
    contract: "alert-rule",
    what: "an unbalanced PromQL query",
    change: (d) => set(d, "/conditions/query", "sum(rate(serverless_container_cpu_usage_ratio[5m])"),
  },
  {
    rule: "ALR-5",
    contract: "alert-rule",
    what: "a query on an application metric Scaleway does not publish",
    change: (d) =>
      set(
        d,
        "/conditions/query",
        'sum(rate(http_requests_total{service="documentation",status=~"5.."}[5m])) > 1',
      ),
  },
  {
    rule: "ALR-5",
    contract: "alert-rule",
    what: "a filter on a label the metric does not carry",
    change: (d) =>
      set(d, "/conditions/query", 'serverless_container_cpu_usage_ratio{service="documentation"} > 90'),
  },
  {
    rule: "ALR-5",
    contract: "alert-rule",
    what: "an empty query",
    change: (d) => set(d, "/conditions/query", ""),
  },
  {
    rule: "ALR-6",
    contract: "alert-rule",
    what: "an equality operator",
    change: (d) => set(d, "/threshold/operator", "=="),
  },
  {
    rule: "OPS-4",
    contract: "alert-rule",
    what: "a target that is not a service",
    change: (d) => set(d, "/target", "web"),
  },
  {
    rule: "DEP-1",
    contract: "deployment-request",
    what: "no services",
    change: (d) => set(d, "/services", []),
  },
  {
    rule: "DEP-1",
    contract: "deployment-request",
    what: "a service that does not exist",
    change: (d) => set(d, "/services", ["web"]),
  },
  {
    rule: "DEP-1",
    contract: "deployment-request",
    what: "an unknown strategy",
    change: (d) => set(d, "/strategy", "big_bang"),
  },
  {
    rule: "DEP-1",
    contract: "deployment-request",
    what: "no rollback settings",
    change: (d) => remove(d, "/rollback"),
  },
  {
    rule: "DEP-3",
    contract: "deployment-request",
    what: "production without rollback",
    change: (d) => set(d, "/rollback/enabled", false),
  },
  {
    rule: "DEP-3",
    contract: "deployment-request",
    what: "production without health checks",
    change: (d) => set(d, "/validation/health_checks", false),
  },
  {
    rule: "DEP-2",
    contract: "deployment-response",
    what: "an unknown status",
    change: (d) => set(d, "/status", "done"),
  },
  {
    rule: "DEP-2",
    contract: "deployment-response",
    what: "a completed deployment without end_time",
    change: (d) => remove(d, "/end_time"),
  },
  {
    rule: "DEP-2",
    contract: "deployment-response",
    what: "an end before the start",
    change: (d) => set(d, "/end_time", "2025-11-07T10:00:00Z"),
  },
  {
    rule: "DEP-2",
    contract: "deployment-response",
    what: "an unknown health",
    change: (d) => set(d, "/services/0/health", "ok"),
  },
  {
    rule: "DEP-2",
    contract: "deployment-response",
    what: "a start_time that is not a date",
    change: (d) => set(d, "/start_time", "yesterday"),
  },
  {
    rule: "STA-1",
    contract: "state",
    what: "a backend other than s3",
    change: (d) => set(d, "/backend/type", "gcs"),
  },
  {
    rule: "STA-2",
    contract: "state",
    what: "a bucket that does not carry the environment",
    change: (d) => set(d, "/backend/bucket", "shared-state"),
  },
  {
    rule: "STA-2",
    contract: "state",
    what: "a bucket name Object Storage refuses",
    change: (d) => set(d, "/backend/bucket", "Bad_Bucket"),
  },
  {
    rule: "STA-3",
    contract: "state",
    what: "production without locking",
    change: (d) => set(d, "/locking/enabled", false),
  },
  {
    rule: "STA-4",
    contract: "state",
    what: "encryption disabled",
    change: (d) => set(d, "/encryption/enabled", false),
  },
  {
    rule: "STA-5",
    contract: "state",
    what: "a key outside any environment",
    change: (d) => set(d, "/backend/key", "terraform.tfstate"),
  },
  {
    rule: "STA-5",
    contract: "state",
    what: "a staging key in production",
    change: (d) => set(d, "/backend/key", "staging/terraform.tfstate"),
  },
  {
    rule: "ENV-4",
    contract: "state",
    what: "state outside the EU",
    change: (d) => set(d, "/backend/region", "us-east-1"),
  },
  {
    rule: "ENV-1",
    contract: "state",
    what: "an unknown environment",
    change: (d) => set(d, "/environment", "dev"),
  },
  {
    rule: "ENV-1",
    contract: "environment",
    what: "an unknown environment name",
    change: (d) => set(d, "/name", "dev"),
  },
  {
    rule: "ENV-2",
    contract: "environment",
    what: "a project ID that is not a UUID",
    change: (d) => set(d, "/scaleway/project_id", "my-project"),
  },
  {
    rule: "ENV-3",
    contract: "environment",
    what: "an organization ID that is not a UUID",
    change: (d) => set(d, "/scaleway/organization_id", "ORG-1"),
  },
  {
    rule: "ENV-4",
    contract: "environment",
    what: "data residency outside the EU",
    change: (d) => set(d, "/compliance/data_residency", "US"),
  },
  {
    rule: "ENV-4",
    contract: "environment",
    what: "a region outside the EU",
    change: (d) => set(d, "/scaleway/region", "us-east-1"),
  },
  {
    rule: "ENV-4",
    contract: "environment",
    what: "a zone outside the region",
    change: (d) => set(d, "/scaleway/zone", "nl-ams-1"),
  },
  {
    rule: "ENV-5",
    contract: "environment",
    what: "audit logging off",
    change: (d) => set(d, "/compliance/audit_logging", false),
  },
  {
    rule: "ENV-6",
    contract: "environment",
    what: "encryption_required that is not a boolean",
    change: (d) => set(d, "/compliance/encryption_required", "yes"),
  },
  {
    rule: "SECU-2",
    contract: "environment",
    what: "no private_networking setting",
    change: (d) => remove(d, "/networking/private_networking"),
  },
  {
    rule: "INT-1",
    contract: "workflow-trigger",
    what: "an unknown event",
    change: (d) => set(d, "/event", "schedule"),
  },
  {
    rule: "INT-1",
    contract: "workflow-trigger",
    what: "production without approval",
    change: (d) => set(d, "/approval_required", false),
  },
  {
    rule: "INT-1",
    contract: "workflow-trigger",
    what: "production without validation",
    change: (d) => set(d, "/validation_required", false),
  },
  {
    rule: "INT-2",
    contract: "image",
    what: "a short commit SHA",
    change: (d) => set(d, "/build_info/commit_sha", "9fceb02"),
  },
  {
    rule: "INT-2",
    contract: "image",
    what: "a digest of another algorithm",
    change: (d) => set(d, "/digest", "md5:abc"),
  },
  { rule: "INT-2", contract: "image", what: "no build info", change: (d) => remove(d, "/build_info") },
  {
    rule: "CTR-2",
    contract: "image",
    what: "a registry outside Scaleway's EU regions",
    change: (d) => set(d, "/registry", "docker.io"),
  },
  {
    rule: "ERR-1",
    contract: "error-response",
    what: "no request_id",
    change: (d) => remove(d, "/request_id"),
  },
  {
    rule: "ERR-1",
    contract: "error-response",
    what: "a request_id that is not a UUID",
    change: (d) => set(d, "/request_id", "42"),
  },
  {
    rule: "ERR-2",
    contract: "error-response",
    what: "an unknown code",
    change: (d) => set(d, "/code", "INFRA_999"),
  },
];

const VALID: RuleCase[] = [
  {
    rule: "CTR-1",
    contract: "container",
    what: "the runners service",
    change: (d) => set(d, "/name", "runners"),
  },
  {
    rule: "CTR-2",
    contract: "container",
    what: "a production image pinned by release tag",
    change: (d) => set(d, "/image", "rg.nl-ams.scw.cloud/infra/documentation:2.0.0"),
  },
  {
    rule: "CTR-2",
    contract: "container",
    what: "a staging image tagged latest",
    change: (d) => {
      stagingContainer(d);
      set(d, "/image", "rg.fr-par.scw.cloud/infra/documentation:latest");
    },
  },
  { rule: "CTR-3", contract: "container", what: "a staging container", change: stagingContainer },
  {
    rule: "CTR-4",
    contract: "container",
    what: "one instance in staging",
    change: (d) => {
      stagingContainer(d);
      set(d, "/scaling/min_instances", 1);
    },
  },
  {
    rule: "CTR-5",
    contract: "container",
    what: "an absolute health path with a query-free route",
    change: (d) => set(d, "/health/path", "/api/v1/status"),
  },
  {
    rule: "CTR-6",
    contract: "container",
    what: "a secret variable naming a secret",
    change: (d) =>
      set(d, "/environment_variables", [
        { name: "API_KEY", value: "production-runners-api_key", secret: true },
      ]),
  },
  {
    rule: "CTR-7",
    contract: "container",
    what: "the smallest container",
    change: (d) => {
      set(d, "/resources/cpu", 70);
      set(d, "/resources/memory", 128);
    },
  },
  {
    rule: "CTR-8",
    contract: "container",
    what: "a private container without domains",
    change: (d) => {
      set(d, "/networking/privacy", "private");
      remove(d, "/networking/domains");
    },
  },
  {
    rule: "CTR-9",
    contract: "container",
    what: "a 10-second timeout on a 60-second interval",
    change: (d) => {
      set(d, "/health/interval", 60);
      set(d, "/health/timeout", 10);
    },
  },
  {
    rule: "DB-1",
    contract: "database",
    what: "a name ending in -production",
    change: (d) => set(d, "/name", "app-production"),
  },
  {
    rule: "DB-2",
    contract: "database",
    what: "no high availability in staging",
    change: (d) => {
      stagingDatabase(d);
      set(d, "/high_availability", false);
    },
  },
  {
    rule: "DB-3",
    contract: "database",
    what: "365-day retention in production",
    change: (d) => set(d, "/backup/retention_days", 365),
  },
  {
    rule: "DB-4",
    contract: "database",
    what: "a narrow public range and a private one",
    change: (d) => set(d, "/network/allowed_ips", ["10.0.0.0/24", "203.0.113.0/28"]),
  },
  {
    rule: "DB-5",
    contract: "database",
    what: "a read-only application user",
    change: (d) => set(d, "/users", [{ name: "reader", privileges: ["readonly"] }]),
  },
  {
    rule: "DB-6",
    contract: "database",
    what: "backups in nl-ams",
    change: (d) => set(d, "/backup/region", "nl-ams"),
  },
  {
    rule: "DB-7",
    contract: "database",
    what: "PostgreSQL 15",
    change: (d) => set(d, "/engine/version", "15"),
  },
  { rule: "ENV-1", contract: "database", what: "a staging database", change: stagingDatabase },
  {
    rule: "SECU-2",
    contract: "database",
    what: "a public network with restricted IPs",
    change: (d) => set(d, "/network/type", "public"),
  },
  {
    rule: "SEC-1",
    contract: "secret",
    what: "a staging secret named for staging",
    change: (d) => {
      set(d, "/environment", "staging");
      set(d, "/name", "staging-runners-api_key");
    },
  },
  {
    rule: "SEC-2",
    contract: "secret",
    what: "a generic secret",
    change: (d) => {
      set(d, "/type", "generic");
      set(d, "/name", "production-runners-generic");
    },
  },
  {
    rule: "SEC-3",
    contract: "secret",
    what: "a database_url without value (derived)",
    change: (d) => {
      set(d, "/type", "database_url");
      set(d, "/name", "production-documentation-database_url");
      remove(d, "/value");
    },
  },
  {
    rule: "SEC-4",
    contract: "secret",
    what: "a user principal",
    change: (d) => set(d, "/access_policy/principals", ["user:6a0c2ca8-917a-418a-90a3-05949b55a7ae"]),
  },
  {
    rule: "SEC-5",
    contract: "secret",
    what: "read-only access",
    change: (d) => set(d, "/access_policy/permissions", ["SecretManagerReadOnly"]),
  },
  {
    rule: "SEC-6",
    contract: "secret",
    what: "rotation disabled without a period",
    change: (d) => set(d, "/rotation", { enabled: false }),
  },
  {
    rule: "SEC-7",
    contract: "secret",
    what: "a staging secret",
    change: (d) => {
      set(d, "/environment", "staging");
      set(d, "/name", "staging-runners-api_key");
    },
  },
  { rule: "ALR-1", contract: "alert-rule", what: "a short name", change: (d) => set(d, "/name", "x") },
  {
    rule: "ALR-2",
    contract: "alert-rule",
    what: "a warning that waits 5 minutes",
    change: (d) => {
      set(d, "/severity", "warning");
      set(d, "/threshold/duration", 300);
    },
  },
  {
    rule: "ALR-3",
    contract: "alert-rule",
    what: "an info alert",
    change: (d) => set(d, "/severity", "info"),
  },
  {
    rule: "ALR-4",
    contract: "alert-rule",
    what: "two email channels",
    change: (d) => set(d, "/notifications/channels", ["email:a@example.gouv.fr", "email:b@example.gouv.fr"]),
  },
  {
    rule: "ALR-5",
    contract: "alert-rule",
    what: "a ratio of two published metrics, selected by a name regex",
    change: (d) =>
      set(
        d,
        "/conditions/query",
        'serverless_container_memory_usage_bytes{resource_name=~"production-streamlit(-green)?"} / serverless_container_memory_limit_bytes{resource_name=~"production-streamlit(-green)?"} > 0.9',
      ),
  },
  {
    rule: "ALR-6",
    contract: "alert-rule",
    what: "the <= operator",
    change: (d) => set(d, "/threshold/operator", "<="),
  },
  {
    rule: "OPS-4",
    contract: "alert-rule",
    what: "an alert on the database",
    change: (d) => set(d, "/target", "database"),
  },
  {
    rule: "DEP-1",
    contract: "deployment-request",
    what: "a canary of one service",
    change: (d) => {
      set(d, "/services", ["runners"]);
      set(d, "/strategy", "canary");
    },
  },
  {
    rule: "DEP-3",
    contract: "deployment-request",
    what: "staging without rollback",
    change: (d) => {
      set(d, "/environment", "staging");
      set(d, "/rollback/enabled", false);
    },
  },
  {
    rule: "DEP-2",
    contract: "deployment-response",
    what: "a deployment still in progress, without end_time",
    change: (d) => {
      set(d, "/status", "in_progress");
      remove(d, "/end_time");
    },
  },
  {
    rule: "STA-1",
    contract: "state",
    what: "the s3 backend in nl-ams",
    change: (d) => set(d, "/backend/region", "nl-ams"),
  },
  {
    rule: "STA-2",
    contract: "state",
    what: "a dotted bucket name carrying the environment",
    change: (d) => set(d, "/backend/bucket", "state.production.example"),
  },
  {
    rule: "STA-3",
    contract: "state",
    what: "staging without locking",
    change: (d) => {
      stagingState(d);
      set(d, "/locking/enabled", false);
    },
  },
  { rule: "STA-4", contract: "state", what: "encrypted staging state", change: stagingState },
  {
    rule: "STA-5",
    contract: "state",
    what: "a nested key under the environment",
    change: (d) => set(d, "/backend/key", "production/stacks/main.tfstate"),
  },
  {
    rule: "ENV-4",
    contract: "state",
    what: "state in pl-waw",
    change: (d) => set(d, "/backend/region", "pl-waw"),
  },
  { rule: "ENV-1", contract: "state", what: "a staging state", change: stagingState },
  {
    rule: "ENV-1",
    contract: "environment",
    what: "a staging environment",
    change: (d) => set(d, "/name", "staging"),
  },
  {
    rule: "ENV-2",
    contract: "environment",
    what: "another project UUID",
    change: (d) => set(d, "/scaleway/project_id", "11111111-2222-4333-8444-555555555555"),
  },
  {
    rule: "ENV-3",
    contract: "environment",
    what: "another organization UUID",
    change: (d) => set(d, "/scaleway/organization_id", "11111111-2222-4333-8444-555555555555"),
  },
  {
    rule: "ENV-4",
    contract: "environment",
    what: "pl-waw with zone pl-waw-2",
    change: (d) => {
      set(d, "/scaleway/region", "pl-waw");
      set(d, "/scaleway/zone", "pl-waw-2");
    },
  },
  {
    rule: "ENV-5",
    contract: "environment",
    what: "audit logging on",
    change: (d) => set(d, "/compliance/audit_logging", true),
  },
  {
    rule: "ENV-6",
    contract: "environment",
    what: "encryption not required",
    change: (d) => set(d, "/compliance/encryption_required", false),
  },
  {
    rule: "SECU-2",
    contract: "environment",
    what: "public networking with an existing VPC",
    change: (d) => {
      set(d, "/networking/private_networking", false);
      set(d, "/networking/vpc_id", "11111111-2222-4333-8444-555555555555");
    },
  },
  {
    rule: "INT-1",
    contract: "workflow-trigger",
    what: "a staging pull request without approval",
    change: (d) => {
      set(d, "/environment", "staging");
      set(d, "/event", "pull_request");
      set(d, "/approval_required", false);
    },
  },
  { rule: "INT-2", contract: "image", what: "an image without digest", change: (d) => remove(d, "/digest") },
  {
    rule: "CTR-2",
    contract: "image",
    what: "the pl-waw registry",
    change: (d) => set(d, "/registry", "rg.pl-waw.scw.cloud"),
  },
  {
    rule: "ERR-1",
    contract: "error-response",
    what: "an error without details",
    change: (d) => remove(d, "/details"),
  },
  {
    rule: "ERR-2",
    contract: "error-response",
    what: "INFRA_008",
    change: (d) => set(d, "/code", "INFRA_008"),
  },
];

function documentFor(c: RuleCase): Doc {
  const doc = example(c.contract);
  c.change(doc);
  return doc;
}

describe.each(INVALID.map((c) => [`${c.rule} (${c.contract}) rejects ${c.what}`, c] as const))(
  "%s",
  (_name, c) => {
    it(`fails with INFRA_001 naming ${c.rule}`, () => {
      const doc = documentFor(c);
      let thrown: unknown;
      try {
        validateContract(c.contract, doc);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InfraError);
      const error = thrown as InfraError;
      expect(error.code).toBe("INFRA_001");
      expect(error.problems.map((p) => p.rule)).toContain(c.rule);
    });
  },
);

describe.each(VALID.map((c) => [`${c.rule} (${c.contract}) accepts ${c.what}`, c] as const))(
  "%s",
  (_name, c) => {
    it("validates without any problem", () => {
      expect(contractProblems(c.contract, documentFor(c))).toEqual([]);
    });
  },
);

/** Every rule ID a schema keyword or a document check of `contract` cites. */
function rulesOf(contract: ContractName): Set<string> {
  const rules = schemaRuleIds(CONTRACT_SCHEMAS[contract]);
  for (const check of DOCUMENT_CHECKS[contract]) rules.add(check.rule);
  return rules;
}

describe("rule coverage of the single-document tests", () => {
  it.each(CONTRACT_NAMES)(
    "covers every rule the %s contract enforces with a failing and a passing case",
    (contract) => {
      const invalid = new Set(INVALID.filter((c) => c.contract === contract).map((c) => c.rule));
      const valid = new Set(VALID.filter((c) => c.contract === contract).map((c) => c.rule));
      for (const rule of rulesOf(contract)) {
        expect({ contract, rule, failing: invalid.has(rule) }).toEqual({ contract, rule, failing: true });
        expect({ contract, rule, passing: valid.has(rule) }).toEqual({ contract, rule, passing: true });
      }
    },
  );
});
