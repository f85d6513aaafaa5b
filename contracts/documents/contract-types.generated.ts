// Generated from the schema sources in contracts/schemas by scripts/generate-contract-types.ts: do not
// edit. Change the schema source, then run `node cli/run-ts.js scripts/generate-contract-types.ts`
// (tests/contracts/contract-types.test.ts fails while this file is stale). Import these types through
// contracts/documents/types.ts.

/**
 * A Scaleway Serverless Container running one of the services (seed: Container Deployment Contract).
 */
export interface ContainerSpec {
  name: "documentation" | "runners" | "streamlit";
  image: string;
  environment: "staging" | "production";
  scaling: {
    min_instances: number;
    max_instances: number;
  };
  resources: {
    /**
     * mCPU
     */
    cpu: number;
    /**
     * MB
     */
    memory: number;
  };
  health: {
    path: string;
    /**
     * seconds
     */
    interval: number;
    /**
     * seconds
     */
    timeout: number;
  };
  /**
   * Extra, optional: the port the service listens on (default 8080); Scaleway passes it as $PORT. Scaleway's reserved ports are refused (8008, 8012, 8013, 8022, 9090, 9091).
   */
  port?: number;
  networking: {
    privacy: "public" | "private";
    domains?: string[];
    /**
     * Extra, optional: the domains whose CNAME to the container already resolves; only these are bound to the container (a domain added before its CNAME resolves ends in error at Scaleway).
     */
    cname_ready?: string[];
  };
  environment_variables?: EnvironmentVariableSpec[];
}

export interface EnvironmentVariableSpec {
  /**
   * Variable name (POSIX).
   */
  name: string;
  /**
   * Plain value; with `secret: true`, the name of a declared secret (never the secret itself).
   */
  value: string;
  /**
   * The value names a secret, which reaches the container as a secret variable.
   */
  secret?: boolean;
}

/**
 * The environment's managed PostgreSQL instance (seed: Database Configuration Contract).
 */
export interface DatabaseSpec {
  name: string;
  environment: "staging" | "production";
  engine: {
    version: "15" | "16" | "17";
    /**
     * postgresql, in any letter case (postgres is accepted too).
     */
    type: string;
  };
  storage: {
    /**
     * GB, a multiple of 5 (rdb.volume-size (source: scaleway/terraform-provider-scaleway@5e9afbf652a8:internal/services/rdb/instance.go; https://www.scaleway.com/en/docs/managed-databases-for-postgresql-and-mysql/how-to/create-a-database/ (scaleway/docs-content@de510255ec49:pages/managed-databases-for-postgresql-and-mysql/how-to/create-a-database.mdx))).
     */
    size_gb: number;
    type: "lssd" | "bssd" | "sbs_5k" | "sbs_15k";
  };
  /**
   * Extra, optional: the Scaleway node type; default DB-PLAY2-PICO in staging, DB-DEV-M in production.
   */
  node_type?: string;
  high_availability: boolean;
  backup: {
    retention_days: 7 | 30 | 90 | 365;
    region: "fr-par" | "nl-ams" | "pl-waw";
  };
  network: {
    type: "private" | "public";
    /**
     * CIDRs allowed to connect; never 0.0.0.0/0, ::/0 or a public-wide range (checked in code).
     *
     * @minItems 1
     */
    allowed_ips: string[];
  };
  /**
   * @minItems 1
   */
  users: DatabaseUserSpec[];
}

export interface DatabaseUserSpec {
  name: string;
  /**
   * @minItems 1
   */
  privileges: ("readonly" | "readwrite")[];
}

/**
 * A Scaleway Secret Manager secret (seed: Secret Management Contract).
 */
export interface SecretSpec {
  name: string;
  type: "database_url" | "api_key" | "certificate" | "generic";
  /**
   * Base64. In a stack file, a Pulumi secret (secure:); may be absent for database_url, derived from the database.
   */
  value?: string;
  environment: "staging" | "production";
  rotation: {
    enabled: boolean;
    period_days?: number;
    /**
     * Extra, optional: the day the current value was set. Scaleway does not rotate secrets (it only expires versions), so `scw-infra plan` warns when this is older than period_days.
     */
    last_rotated?: string;
  };
  access_policy: {
    /**
     * @minItems 1
     */
    principals: string[];
    /**
     * @minItems 1
     */
    permissions: ("SecretManagerSecretAccess" | "SecretManagerReadOnly")[];
  };
}

/**
 * A Cockpit alerting rule (seed: Monitoring Configuration Contract).
 */
export interface AlertRuleSpec {
  name: string;
  metric: string;
  threshold: {
    value: number;
    operator: ">" | "<" | ">=" | "<=";
    /**
     * seconds (at most a day)
     */
    duration: number;
  };
  severity: "critical" | "warning" | "info";
  notifications: {
    /**
     * @minItems 1
     */
    channels: string[];
    message_template: string;
  };
  conditions: {
    query: string;
    /**
     * seconds
     */
    evaluation_window: number;
  };
  /**
   * Extra, optional: the service or `database` the alert watches, for monitoring coverage (OPS-4). In a stack it must name a declared container or the database.
   */
  target?: "documentation" | "runners" | "streamlit" | "database";
}

/**
 * A request to deploy services to an environment (seed: Deployment Workflow Contract).
 */
export interface DeploymentRequest {
  environment: "staging" | "production";
  /**
   * @minItems 1
   */
  services: ("documentation" | "runners" | "streamlit")[];
  version: string;
  strategy: "rolling" | "blue_green" | "canary";
  rollback: {
    enabled: boolean;
    /**
     * seconds, at most 3600
     */
    timeout: number;
  };
  validation: {
    health_checks: boolean;
    smoke_tests: boolean;
  };
  notifications: {
    slack: boolean;
    email: boolean;
  };
  /**
   * Extra, optional: HTTP checks run against the deployed services when validation.smoke_tests is on.
   */
  smoke_tests?: SmokeTestSpec[];
  /**
   * Extra, optional: a YAML/JSON file of smoke tests, relative to the request.
   */
  smoke_tests_file?: string;
  /**
   * Extra, optional: how long a canary is observed before it is promoted.
   */
  canary?: {
    /**
     * seconds
     */
    observation_window: number;
  };
}

export interface SmokeTestSpec {
  service: "documentation" | "runners" | "streamlit";
  path: string;
  /**
   * Default 200.
   */
  expected_status?: number;
  /**
   * A substring the response body must contain.
   */
  body_contains?: string;
}

/**
 * The outcome of a deployment (seed: Deployment Response Specification).
 */
export interface DeploymentResponse {
  deployment_id: string;
  status: "pending" | "in_progress" | "completed" | "failed" | "rolled_back";
  start_time: string;
  /**
   * Set once the deployment has ended.
   */
  end_time?: string;
  services: DeploymentServiceStatus[];
  rollback_info: {
    available: boolean;
    previous_version?: string;
    /**
     * Extra, optional: the ID of the on-demand database backup taken before a production deployment.
     */
    backup_id?: string;
  };
  errors?: string[];
}

export interface DeploymentServiceStatus {
  name: "documentation" | "runners" | "streamlit";
  status: string;
  url?: string;
  health: "healthy" | "unhealthy" | "unknown";
  /**
   * Extra, optional: why the service has its status, e.g. `skipped` when it already runs the requested version.
   */
  detail?: string;
}

/**
 * The stack's state backend (seed: State Management Contract).
 */
export interface StateSpec {
  environment: "staging" | "production";
  backend: {
    type: "s3";
    bucket: string;
    key: string;
    region: "fr-par" | "nl-ams" | "pl-waw";
  };
  locking: {
    enabled: boolean;
    /**
     * seconds
     */
    timeout: number;
  };
  encryption: {
    enabled: true;
    algorithm: "AES256";
  };
}

/**
 * One environment: Scaleway project, region, networking and compliance (seed: Environment Configuration Contract).
 */
export interface EnvironmentConfig {
  name: "staging" | "production";
  scaleway: {
    project_id: string;
    organization_id: string;
    region: "fr-par" | "nl-ams" | "pl-waw";
    zone:
      | "fr-par-1"
      | "fr-par-2"
      | "fr-par-3"
      | "nl-ams-1"
      | "nl-ams-2"
      | "nl-ams-3"
      | "pl-waw-1"
      | "pl-waw-2"
      | "pl-waw-3";
  };
  networking: {
    /**
     * Optional: an existing VPC to attach the private network to.
     */
    vpc_id?: string;
    private_networking: boolean;
  };
  compliance: {
    data_residency: "EU";
    audit_logging: true;
    encryption_required: boolean;
  };
}

/**
 * What starts a GitHub Actions deployment workflow (seed: GitHub Actions Integration).
 */
export interface WorkflowTrigger {
  event: "push" | "pull_request";
  branch: string;
  environment: "staging" | "production";
  validation_required: boolean;
  approval_required: boolean;
}

/**
 * An image in Scaleway Container Registry and how it was built (seed: Container Registry Integration).
 */
export interface ImageSpec {
  registry: string;
  repository: string;
  tag: string;
  digest?: string;
  build_info: {
    commit_sha: string;
    build_time: string;
    builder: string;
  };
}

/**
 * Every failure the project reports (seed: Standard Error Response).
 */
export interface ErrorResponse {
  code:
    | "INFRA_001"
    | "INFRA_002"
    | "INFRA_003"
    | "INFRA_004"
    | "INFRA_005"
    | "INFRA_006"
    | "INFRA_007"
    | "INFRA_008";
  message: string;
  /**
   * Free-form context; validation errors list their problems here.
   */
  details?: {
    problems?: {
      /**
       * JSON pointer into the document, or config key path.
       */
      path: string;
      rule:
        | "CTR-1"
        | "CTR-2"
        | "CTR-3"
        | "CTR-4"
        | "CTR-5"
        | "CTR-6"
        | "CTR-7"
        | "CTR-8"
        | "CTR-9"
        | "DB-1"
        | "DB-2"
        | "DB-3"
        | "DB-4"
        | "DB-5"
        | "DB-6"
        | "DB-7"
        | "DB-8"
        | "SEC-1"
        | "SEC-2"
        | "SEC-3"
        | "SEC-4"
        | "SEC-5"
        | "SEC-6"
        | "SEC-7"
        | "ALR-1"
        | "ALR-2"
        | "ALR-3"
        | "ALR-4"
        | "ALR-5"
        | "ALR-6"
        | "DEP-1"
        | "DEP-2"
        | "DEP-3"
        | "STA-1"
        | "STA-2"
        | "STA-3"
        | "STA-4"
        | "STA-5"
        | "ENV-1"
        | "ENV-2"
        | "ENV-3"
        | "ENV-4"
        | "ENV-5"
        | "ENV-6"
        | "INT-1"
        | "INT-2"
        | "SECU-1"
        | "SECU-2"
        | "SECU-3"
        | "SECU-4"
        | "PERF-1"
        | "PERF-2"
        | "PERF-3"
        | "PERF-4"
        | "COMP-1"
        | "COMP-2"
        | "COMP-3"
        | "COMP-4"
        | "OPS-1"
        | "OPS-2"
        | "OPS-3"
        | "OPS-4"
        | "ERR-1"
        | "ERR-2"
        | "SCHEMA";
      message: string;
      /**
       * The offending value; never a secret value.
       */
      value?: unknown;
      /**
       * True when the value was withheld because it is, or looks like, a secret.
       */
      redacted?: boolean;
      fix: string;
      file?: string;
      line?: number;
      column?: number;
      configKey?: string;
    }[];
    [k: string]: unknown;
  };
  timestamp: string;
  request_id: string;
}
