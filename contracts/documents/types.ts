// TypeScript shapes of the eleven seed contracts, in the seed's own snake_case field names. The JSON
// Schemas in schemas/ are the source of truth; tests/contracts/types-drift.test.ts checks that
// these interfaces and the schemas name the same fields with the same optionality.
import type { EnvironmentName } from "../thresholds";
import type { DeploymentConfig } from "./deployment-config";

export type { EnvironmentName };

export interface EnvironmentVariableSpec {
  name: string;
  value: string;
  secret?: boolean;
}

export interface ContainerSpec {
  name: string;
  image: string;
  environment: EnvironmentName;
  scaling: { min_instances: number; max_instances: number };
  resources: { cpu: number; memory: number };
  health: { path: string; interval: number; timeout: number };
  /** Extra, optional: the port the service listens on (default 8080; Scaleway passes it as $PORT). */
  port?: number;
  /**
   * `cname_ready` (extra, optional): the domains whose CNAME already resolves to the container; only
   * these are bound, so a first `pulumi up` never waits on DNS (contracts/scaleway/facts/domains.ts).
   */
  networking: { privacy: "public" | "private"; domains?: string[]; cname_ready?: string[] };
  environment_variables?: EnvironmentVariableSpec[];
}

export interface DatabaseUserSpec {
  name: string;
  privileges: string[];
}

export interface DatabaseSpec {
  name: string;
  environment: EnvironmentName;
  engine: { version: string; type: string };
  storage: { size_gb: number; type: string };
  /** Extra, optional: the Scaleway node type (any letter case); default per environment. */
  node_type?: string;
  high_availability: boolean;
  backup: { retention_days: number; region: string };
  network: { type: "private" | "public"; allowed_ips: string[] };
  users: DatabaseUserSpec[];
}

export type SecretTypeName = "database_url" | "api_key" | "certificate" | "generic";

export interface SecretSpec {
  name: string;
  type: SecretTypeName;
  /** Base64. In a stack file: a Pulumi secret (`secure:`), or absent for a derived database_url. */
  value?: string;
  environment: EnvironmentName;
  /** `last_rotated` (extra, optional, YYYY-MM-DD): when the current value was set; `plan` warns once it is older than period_days. */
  rotation: { enabled: boolean; period_days?: number; last_rotated?: string };
  access_policy: { principals: string[]; permissions: string[] };
}

export interface AlertRuleSpec {
  name: string;
  metric: string;
  threshold: { value: number; operator: ">" | "<" | ">=" | "<="; duration: number };
  severity: "critical" | "warning" | "info";
  notifications: { channels: string[]; message_template: string };
  conditions: { query: string; evaluation_window: number };
  /** Extra, optional: the service or `database` the alert watches (OPS-4). */
  target?: string;
}

export interface DeploymentRequest {
  environment: EnvironmentName;
  services: string[];
  version: string;
  strategy: "rolling" | "blue_green" | "canary";
  rollback: { enabled: boolean; timeout: number };
  validation: { health_checks: boolean; smoke_tests: boolean };
  notifications: { slack: boolean; email: boolean };
  /** Extra, optional: HTTP checks run when validation.smoke_tests is on. */
  smoke_tests?: SmokeTestSpec[];
  /** Extra, optional: a YAML/JSON file of smoke tests, relative to the request. */
  smoke_tests_file?: string;
  /** Extra, optional: how long a canary is observed before promotion. */
  canary?: { observation_window: number };
}

export interface SmokeTestSpec {
  service: string;
  path: string;
  expected_status?: number;
  body_contains?: string;
}

export type DeploymentStatus = "pending" | "in_progress" | "completed" | "failed" | "rolled_back";

export interface DeploymentServiceStatus {
  name: string;
  status: string;
  url?: string;
  health: "healthy" | "unhealthy" | "unknown";
  /** Extra, optional: why the service has this status (e.g. `skipped`: the version it already runs). */
  detail?: string;
}

export interface DeploymentResponse {
  deployment_id: string;
  status: DeploymentStatus;
  start_time: string;
  end_time?: string;
  services: DeploymentServiceStatus[];
  /** `backup_id`, extra and optional: the on-demand database backup taken before the deployment. */
  rollback_info: { available: boolean; previous_version?: string; backup_id?: string };
  errors?: string[];
}

export interface StateSpec {
  environment: EnvironmentName;
  backend: { type: "s3"; bucket: string; key: string; region: string };
  locking: { enabled: boolean; timeout: number };
  encryption: { enabled: boolean; algorithm: string };
}

export interface EnvironmentConfig {
  name: EnvironmentName;
  scaleway: { project_id: string; organization_id: string; region: string; zone: string };
  networking: { vpc_id?: string; private_networking: boolean };
  compliance: { data_residency: "EU"; audit_logging: boolean; encryption_required: boolean };
}

export interface WorkflowTrigger {
  event: "push" | "pull_request";
  branch: string;
  environment: EnvironmentName;
  validation_required: boolean;
  approval_required: boolean;
}

export interface ImageSpec {
  registry: string;
  repository: string;
  tag: string;
  digest?: string;
  build_info: { commit_sha: string; build_time: string; builder: string };
}

export interface ErrorResponseDocument {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  timestamp: string;
  request_id: string;
}

/** The contract names accepted by `scw-infra validate`, mapped to their document types. */
export interface ContractDocuments {
  container: ContainerSpec;
  database: DatabaseSpec;
  secret: SecretSpec;
  "alert-rule": AlertRuleSpec;
  "deployment-request": DeploymentRequest;
  "deployment-response": DeploymentResponse;
  state: StateSpec;
  environment: EnvironmentConfig;
  "workflow-trigger": WorkflowTrigger;
  image: ImageSpec;
  "error-response": ErrorResponseDocument;
}
export type ContractName = keyof ContractDocuments;
export const CONTRACT_NAMES: readonly ContractName[] = [
  "container",
  "database",
  "secret",
  "alert-rule",
  "deployment-request",
  "deployment-response",
  "state",
  "environment",
  "workflow-trigger",
  "image",
  "error-response",
];

/** A whole stack's contract documents, as read from the `scaleway-infra:*` config keys. */
export interface StackContracts {
  environment: EnvironmentConfig;
  state: StateSpec;
  containers: ContainerSpec[];
  database: DatabaseSpec;
  secrets: SecretSpec[];
  alerts: AlertRuleSpec[];
  /** `scaleway-infra:deployment`: present only while a blue/green or canary deployment runs. */
  deployment?: DeploymentConfig;
}

/** Provider keys beside the contract keys (`scaleway:region`, ...). */
export interface ProviderSettings {
  region?: string;
  zone?: string;
  projectId?: string;
}
