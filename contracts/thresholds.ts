// Every threshold, list and naming pattern of the contracts, defined once. The JSON Schemas (through
// contracts/documents), the cross-document checks, the Pulumi components and the policy pack all import
// their numbers from here, so a rule can never have two diverging copies.

import {
  CONTAINER_CPU_RANGE,
  CONTAINER_MAX_SCALE,
  CONTAINER_MEMORY_RANGE,
} from "./scaleway/facts/containers";
import { postgresqlVersionsOnSale, RDB_VOLUME_SIZE, RDB_VOLUME_TYPES } from "./scaleway/facts/rdb";
import { IAM_SELF_GRANTING_PERMISSION_SETS } from "./scaleway/facts/iam";

export const CONTRACTS_FRAMEWORK = "scaleway-infra-contracts";
export const CONTRACTS_VERSION = "2025-11-07";

export const ENVIRONMENTS = ["staging", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export function isEnvironmentName(value: unknown): value is EnvironmentName {
  return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}

// --- Data residency (ENV-4, DB-6, CTR-2, COMP-1) -------------------------------------------------

/** Scaleway regions inside the EU, with their availability zones. */
export const EU_REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
  "fr-par": ["fr-par-1", "fr-par-2", "fr-par-3"],
  "nl-ams": ["nl-ams-1", "nl-ams-2", "nl-ams-3"],
  "pl-waw": ["pl-waw-1", "pl-waw-2", "pl-waw-3"],
};
export const EU_REGIONS: readonly string[] = Object.keys(EU_REGION_ZONES);
export const EU_ZONES: readonly string[] = Object.values(EU_REGION_ZONES).flat();
export const DATA_RESIDENCY = "EU";

export function isEuRegion(region: string): boolean {
  return EU_REGIONS.includes(region);
}
export function isEuZone(zone: string): boolean {
  return EU_ZONES.includes(zone);
}
/** The region a zone belongs to (`fr-par-2` -> `fr-par`), or undefined when the zone is malformed. */
export function regionOfZone(zone: string): string | undefined {
  const match = /^([a-z]{2}-[a-z]{3})-\d+$/.exec(zone);
  return match ? match[1] : undefined;
}

// --- Services and containers (CTR-*) ----------------------------------------------------------

export const SERVICE_NAMES = ["documentation", "runners", "streamlit"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** The name the database is known by when it is the target of an alert or a secret. */
export const DATABASE_SERVICE_NAME = "database";

export const MIN_INSTANCES: Readonly<Record<EnvironmentName, number>> = { staging: 1, production: 2 };
export function minInstancesFor(env: EnvironmentName): number {
  return MIN_INSTANCES[env];
}
/** Scaleway Serverless Containers scale up to this many instances (fact containers.max-scale). */
export const MAX_INSTANCES_LIMIT = CONTAINER_MAX_SCALE.value;

/** mCPU limits accepted by Scaleway Serverless Containers (fact containers.cpu-range). */
export const CONTAINER_CPU_MCPU = CONTAINER_CPU_RANGE.value;
/** Memory limits (MB) accepted by Scaleway Serverless Containers (fact containers.memory-range). */
export const CONTAINER_MEMORY_MB = CONTAINER_MEMORY_RANGE.value;
/** The port a container_spec without `port` listens on: the project's convention, not a Scaleway default. */
export const DEFAULT_CONTAINER_PORT = 8080;

/** Health check timing bounds, in seconds (CTR-9, PERF-2). */
export const HEALTH_INTERVAL_SECONDS = { min: 5, max: 300 } as const;
export const HEALTH_TIMEOUT_SECONDS = { min: 1, max: 60 } as const;
/**
 * A deployment request's rollback.timeout (seconds; DEP-1, DEP-3): how long health checks may wait
 * before the workflow rolls back. At most one hour: the environment's deployment lock is held all that
 * time, and a service not healthy within an hour is an incident, not a slow start (a container
 * rolling out on Scaleway takes minutes; the shipped requests use 180 and 300).
 */
export const ROLLBACK_TIMEOUT_SECONDS = { min: 1, max: 3600 } as const;
/**
 * A deployment request's canary.observation_window (seconds; DEP-1): how long a canary twin is
 * watched before promotion. At most one hour, like rollback.timeout and for the same reason: the
 * environment's lock is held all that time, and the twin takes synthetic probes only (no user
 * traffic reaches it, containers.no-weighted-traffic-split), so a longer watch learns nothing more.
 */
export const CANARY_OBSERVATION_WINDOW_SECONDS = { max: 3600 } as const;
/**
 * Smoke tests of one deployment request (inline or in its smoke_tests_file; DEP-1). All of them run
 * in parallel against every deployed container at each check and canary round: more than 50 is a
 * load test, not a smoke test.
 */
export const MAX_SMOKE_TESTS = 50;
/** Failed probes before Scaleway restarts an instance. */
export const HEALTH_FAILURE_THRESHOLD = 3;

/** Scaleway Container Registry endpoints, EU regions only. */
export const REGISTRY_HOST_PATTERN = `rg\\.(?:${EU_REGIONS.join("|")})\\.scw\\.cloud`;
/** `rg.<region>.scw.cloud/<namespace>/<repo>[:tag][@sha256:<digest>]` (CTR-2). */
export const REGISTRY_IMAGE_PATTERN =
  `^${REGISTRY_HOST_PATTERN}/[a-z0-9][a-z0-9-]{0,62}/[a-z0-9][a-z0-9._/-]*` +
  `(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`;
export const IMAGE_DIGEST_PATTERN = "^sha256:[a-f0-9]{64}$";
/** Tags that move, and so never pin a production image. */
export const MUTABLE_IMAGE_TAGS: readonly string[] = ["latest", "main", "master", "stable", "edge", "dev"];

/**
 * `latest` -> `[lL][aA][tT][eE][sS][tT]`: tags are case-sensitive, so `LATEST` is a different tag,
 * and just as mutable. Spelled out per letter because a JSON Schema pattern takes no `i` flag.
 */
function anyLetterCase(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join("");
}

export const CONTAINER_PRIVACY = ["public", "private"] as const;
/** A DNS name (RFC 1123 labels, at least two labels). */
export const DNS_NAME_PATTERN = "^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";
/** An absolute HTTP path. */
export const HTTP_PATH_PATTERN = "^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$";

// --- Database (DB-*) --------------------------------------------------------------------------

export const DB_ENGINE_TYPE = "postgresql";
/**
 * `engine.type` as people write it (`postgresql`, `PostgreSQL`, `postgres`): any letter case of
 * postgresql or postgres, normalised to DB_ENGINE_TYPE.
 */
export const DB_ENGINE_TYPE_PATTERN = "^[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss](?:[Qq][Ll])?$";
/** DB-7: the PostgreSQL versions Scaleway sells, oldest first (fact rdb.postgresql-versions). */
export const SUPPORTED_POSTGRESQL_VERSIONS: readonly string[] = postgresqlVersionsOnSale().sort(
  (a, b) => Number(a) - Number(b),
);
export const RETENTION_DAYS: Readonly<Record<EnvironmentName, readonly number[]>> = {
  staging: [7],
  production: [30, 90, 365],
};
export function retentionDaysFor(env: EnvironmentName): readonly number[] {
  return RETENTION_DAYS[env];
}
export const DB_NETWORK_TYPES = ["private", "public"] as const;
/** Database privileges an application user may hold (Scaleway's privilege permissions). */
export const APPLICATION_DB_PRIVILEGES: readonly string[] = ["readonly", "readwrite"];
/** Privileges that make a user an administrator of everything. */
export const ADMIN_DB_PRIVILEGES: readonly string[] = ["all", "admin", "superuser", "custom"];
/** Narrowest public IPv4 / IPv6 prefix an ACL may open to; wider public ranges are "public-wide". */
export const MIN_PUBLIC_IPV4_PREFIX = 24;
export const MIN_PUBLIC_IPV6_PREFIX = 48;
export const WORLD_OPEN_CIDRS: readonly string[] = ["0.0.0.0/0", "::/0"];
/** Volume types Scaleway accepts (fact rdb.volume-types). */
export const DB_STORAGE_TYPES: readonly string[] = RDB_VOLUME_TYPES.value;

export function databaseNameSuffix(env: EnvironmentName): string {
  return `-${env}`;
}

// --- Secrets (SEC-*) --------------------------------------------------------------------------

export const SECRET_TYPES = ["database_url", "api_key", "certificate", "generic"] as const;
export type SecretType = (typeof SECRET_TYPES)[number];
/** `env-service-type`, e.g. `production-documentation-database_url` (SEC-1). */
export const SECRET_NAME_PATTERN = `^(${ENVIRONMENTS.join("|")})-(${[...SERVICE_NAMES, DATABASE_SERVICE_NAME].join("|")})-(${SECRET_TYPES.join("|")})$`;
/** Permission sets a secret's access policy may grant (SEC-5): read access to secrets only. */
export const SECRET_ACCESS_PERMISSION_SETS: readonly string[] = [
  "SecretManagerSecretAccess",
  "SecretManagerReadOnly",
];
/** Principal forms: `application:<name>`, `user:<uuid>`, `group:<uuid>`, `application_id:<uuid>`. */
export const PRINCIPAL_PATTERN =
  "^(application:[a-z0-9][a-z0-9-]{0,62}|(user|group|application_id):[0-9a-f-]{36})$";
export const ROTATION_PERIOD_DAYS = { min: 1, max: 3650 } as const;

// --- IAM (SECU-3) -----------------------------------------------------------------------------

/**
 * Permission sets that grant everything on a product, on all products or on an Organization function:
 * the sets of fact iam.full-access-permission-sets, and, for a set the list does not know yet (beta
 * sets, new products), these name patterns.
 */
export const BROAD_PERMISSION_SET_PATTERNS: readonly RegExp[] = [
  /FullAccess$/i,
  /^AllProducts/i,
  /Manager$/i,
  /SystemMastersGroupAccess$/i,
];
/**
 * Admin-equivalent permission sets: a principal holding one can give itself any other right, so no IAM
 * policy of a stack grants one, the deployer's included (SEC-5, SECU-3). IAMManager and
 * OrganizationManager by Scaleway's own warning (fact iam.self-granting-permission-sets); the other IAM
 * managers by the same reasoning (this rule book's judgement): IAMPolicyManager writes its holder a
 * policy for anything, IAMGroupManager adds its holder to a group that holds one, IAMApplicationManager
 * and IAMUserManager manage other principals and their API keys, so their holder acts as any of them.
 */
export const ADMIN_EQUIVALENT_PERMISSION_SETS: readonly string[] = [
  ...IAM_SELF_GRANTING_PERMISSION_SETS.value,
  "IAMPolicyManager",
  "IAMGroupManager",
  "IAMApplicationManager",
  "IAMUserManager",
];
/** Broad permission sets tolerated, for the deployer only; runtime principals never get them. */
export const ALLOWED_BROAD_PERMISSION_SETS: readonly string[] = [
  "ContainersFullAccess",
  "ContainerRegistryFullAccess",
];

// --- Monitoring (ALR-*) -----------------------------------------------------------------------

/**
 * An alert's name (ALR-1): a slug of lowercase letters, digits and hyphens, shaped like an RFC 1123
 * label (at most 63 characters, no hyphen at either end). It becomes the rule's `alert`, the
 * `alertname` label of every notification, and names the alert in each line `scw-infra alerts`
 * prints, so it holds nothing a reader cannot see and nothing a terminal or a CI log interprets.
 */
export const ALERT_NAME_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
export const ALERT_SEVERITIES = ["critical", "warning", "info"] as const;
export const THRESHOLD_OPERATORS = [">", "<", ">=", "<="] as const;
/**
 * threshold.value: at most 1e15 in magnitude (every integer up to it is exact in a double, the type
 * of a Prometheus sample, with room for the promtool cases' levels beyond it; no metric Scaleway
 * publishes comes near: bytes of memory or disk, percentages, counts), and at most 15 significant
 * digits (DBL_DIG: a double holds every such decimal exactly), so the rule and its promtool cases
 * carry the value as the stack file writes it. 1e308, 1e-400 or 0.12345678901234567 do not pass.
 */
export const THRESHOLD_VALUE = { maxMagnitude: 1e15, significantDigits: 15 } as const;
/** Critical alerts must fire faster than this (ALR-2). */
export const CRITICAL_ALERT_MAX_DURATION_SECONDS = 30;
/** An address character: no `@`, no space, no control character (C0, DEL, C1). */
const EMAIL_CHARACTER = "[^@\\s\\u0000-\\u001f\\u007f-\\u009f]";
/** `email:<address>` (ALR-4): a Cockpit contact point (cockpit.contact-points). */
export const NOTIFICATION_CHANNEL_PATTERN = `^email:${EMAIL_CHARACTER}+@${EMAIL_CHARACTER}+\\.${EMAIL_CHARACTER}+$`;
/**
 * notifications.channels of one alert (ALR-4). Every distinct address becomes a contact point of the
 * alert manager, which notifies all of them for every alert (cockpit.contact-points): ten per alert
 * is already more than a rota; a longer list belongs in a mailing list.
 */
export const MAX_ALERT_CHANNELS = 10;
/**
 * conditions.evaluation_window (seconds; ALR-5): a group is evaluated at its shortest window, never
 * below Cockpit's 30 s (cockpit.evaluation-interval). At most an hour: an alert looked at less often
 * does not watch anything, and the promtool cases simulate a few intervals (a window of 2e9 s kept
 * promtool busy until its time limit).
 */
export const EVALUATION_WINDOW_SECONDS = { min: 1, max: 3600 } as const;

// --- State (STA-*) ----------------------------------------------------------------------------

export const STATE_BACKEND_TYPES = ["s3"] as const;
export const STATE_ENCRYPTION_ALGORITHMS = ["AES256"] as const;
/** State key path: `<env>/...` (STA-5). */
export function stateKeyPrefix(env: EnvironmentName): string {
  return `${env}/`;
}
/** Tag that marks an Object Storage bucket as a Pulumi state bucket. */
export const STATE_BUCKET_TAG = "purpose";
export const STATE_BUCKET_TAG_VALUE = "pulumi-state";
/**
 * A bucket whose name says it holds state (`scaleway-infra-state-production`, `tfstate-x`,
 * `pulumi.backend`) is a state bucket even without the tag: the policies judge a bucket by what it
 * is, so dropping the tag cannot take a state bucket out of STA-4.
 */
export const STATE_BUCKET_NAME_PATTERN = "(?:^|[-_.])(?:state|tfstate|pulumi)(?:[-_.]|$)";

// --- Deployment (DEP-*) -----------------------------------------------------------------------

export const DEPLOYMENT_STRATEGIES = ["rolling", "blue_green", "canary"] as const;
export const DEPLOYMENT_STATUSES = ["pending", "in_progress", "completed", "failed", "rolled_back"] as const;
export const SERVICE_HEALTH = ["healthy", "unhealthy", "unknown"] as const;
export const WORKFLOW_EVENTS = ["push", "pull_request"] as const;

// --- Identifiers ------------------------------------------------------------------------------

export const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

// --- Tags -------------------------------------------------------------------------------------

export function envTag(env: EnvironmentName): string {
  return `env:${env}`;
}
export function serviceTag(service: string): string {
  return `service:${service}`;
}

// --- Shapes shared by the contract schemas (added for contracts/documents) --------------------------

/** An image tag as Scaleway Container Registry accepts it. */
export const IMAGE_TAG_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
/** `<namespace>/<repo>` inside a registry (image_spec.repository, INT-2). */
export const IMAGE_REPOSITORY_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}/[a-z0-9][a-z0-9._/-]*$";
/**
 * A pinned image reference (CTR-2 in production): it ends in a digest, or in a tag that is not one
 * of MUTABLE_IMAGE_TAGS. Unanchored at the start, so it applies to a whole `rg.…` reference.
 */
export const PINNED_IMAGE_PATTERN = `(?:@sha256:[a-f0-9]{64}|:(?!(?:${MUTABLE_IMAGE_TAGS.map(anyLetterCase).join("|")})$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$`;
/** A POSIX environment variable name. */
export const ENV_VAR_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";
/** Canonical base64 (SEC-3), non-empty. */
export const BASE64_PATTERN =
  "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$";
/** An Object Storage bucket name (S3 rules: 3-63 lowercase letters, digits, dots, hyphens). */
export const BUCKET_NAME_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
/** A full git commit SHA (image_spec.build_info.commit_sha). */
export const GIT_COMMIT_SHA_PATTERN = "^[0-9a-f]{40}$";
/** Managed PostgreSQL volume size, in GB (fact rdb.volume-size). */
export const DB_STORAGE_SIZE_GB = RDB_VOLUME_SIZE.value;
/** Deepest nesting of a contract or stack file; deeper input is refused before it is parsed. */
export const MAX_DOCUMENT_DEPTH = 64;
/** Largest contract or stack file accepted, in bytes. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

// --- IAM principals (SECU-3, added for the policy pack) ----------------------------------------

/**
 * Tag on an `iam.Policy` whose application is the deployer (CI), not a runtime service: only such a
 * policy may hold the broad sets of ALLOWED_BROAD_PERMISSION_SETS.
 */
export const DEPLOYER_POLICY_TAG = "role:deployer";

// --- State buckets (bootstrap/, STA-*) ----------------------------------------------------------

/** Days a superseded state version is kept before the bucket's lifecycle rule expires it. */
export const STATE_NONCURRENT_VERSION_DAYS = 90;
/** Days before an unfinished multipart upload of a state file is aborted. */
export const STATE_ABORT_MULTIPART_DAYS = 7;
