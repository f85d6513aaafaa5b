// Cockpit (Scaleway's observability product): where metrics live, which metrics Serverless Containers
// and Managed PostgreSQL publish and under which labels, where alerting rules are evaluated, the
// ruler's limits, the token scope that manages rules, the preconfigured alerts and contact points.
// Alerting reads these facts so that no rule queries a metric nobody sends (ALR-5, OPS-4).
import { fact, type FactSource, type ScalewayFact } from "./fact";

const READ = "2026-12-03";

const DOCS = "scaleway/docs-content";
const TF = "scaleway/terraform-provider-scaleway@5e9afbf652a896fc55849699758eb2744fbc7969"; // v2.75.0

const CONCEPTS: FactSource = {
  ref: `${DOCS}@02e3c336003944db77b84fd7d81509727ad366f3:pages/cockpit/concepts.mdx`,
  read: READ,
};
const CUSTOM_ALERTS_IN_GRAFANA: FactSource = {
  ref: `${DOCS}@05ff1d21d7d853542d55b082275f4b35badceabc:pages/cockpit/how-to/configure-alerts-for-scw-resources.mdx`,
  read: READ,
};
const ALERTS_PROGRAMMATICALLY: FactSource = {
  ref: `${DOCS}@2beb6a44b5234c8ff6824e99e1e8cf3efac79461:pages/cockpit/api-cli/create-alerts-programmatically.mdx`,
  read: READ,
};
const LIMITS: FactSource = {
  ref: `${DOCS}@042487931710966ae61492b5e46f95c7bbc62702:pages/cockpit/reference-content/cockpit-limitations.mdx`,
  read: READ,
};
const CONTAINER_ALERTS: FactSource = {
  ref: `${DOCS}@0e97580d26f09dc70643b59bdc4bdc16c6b4b1ed:pages/serverless-containers/how-to/configure-alerts-containers.mdx`,
  read: READ,
};
const DATABASE_MONITORING: FactSource = {
  ref: `${DOCS}@0e97580d26f09dc70643b59bdc4bdc16c6b4b1ed:pages/managed-databases-for-postgresql-and-mysql/how-to/monitor-databases-cockpit.mdx`,
  read: READ,
};
/** A recorded Cockpit API answer (GET /cockpit/v1/regions/fr-par/alerts?is_preconfigured=true). */
const PRECONFIGURED_ALERTS_API: FactSource = {
  ref: `${TF}:internal/services/cockpit/testdata/data-source-cockpit-preconfigured-alert-basic.cassette.yaml`,
  read: READ,
  note: "the Cockpit API's list of preconfigured alerts, with each rule's PromQL, duration and preconfigured_rule_id",
};
const TOKEN_DOC: FactSource = { ref: `${TF}:docs/resources/cockpit_token.md`, read: READ };
const ALERT_MANAGER_DOC: FactSource = { ref: `${TF}:docs/resources/cockpit_alert_manager.md`, read: READ };
const SOURCE_DATA_SOURCE_DOC: FactSource = { ref: `${TF}:docs/data-sources/cockpit_source.md`, read: READ };

// --- Data sources ------------------------------------------------------------------------------

export interface RetentionDays {
  min: number;
  max: number;
  default: number;
}

export const COCKPIT_RETENTION = fact(
  "cockpit.retention-days",
  "Scaleway metrics keep 31 to 365 days (31 by default); custom metrics 1 to 365 (31); logs and traces 1 to 31 (7).",
  {
    scalewayMetrics: { min: 31, max: 365, default: 31 },
    customMetrics: { min: 1, max: 365, default: 31 },
    logsAndTraces: { min: 1, max: 31, default: 7 },
  } satisfies Record<string, RetentionDays>,
  [CONCEPTS],
);

export const COCKPIT_QUERY_LANGUAGES = fact(
  "cockpit.query-languages",
  "Metrics data sources (Mimir) are queried in PromQL, logs (Loki) in LogQL, traces (Tempo) in TraceQL.",
  { metrics: "PromQL", logs: "LogQL", traces: "TraceQL" },
  [CONCEPTS],
);

export const COCKPIT_SCALEWAY_SOURCES_READ_ONLY = fact(
  "cockpit.scaleway-sources",
  "A project's Scaleway data sources (origin `scaleway`: the metrics and logs of integrated products) are enabled by default and read-only; custom data sources hold only what an agent pushes.",
  { origin: "scaleway", type: "metrics" },
  [CONCEPTS, SOURCE_DATA_SOURCE_DOC],
);

export const COCKPIT_INTEGRATED_PRODUCTS = fact(
  "cockpit.integrated-products",
  "Serverless Containers and Managed Databases for PostgreSQL publish their metrics and logs into Cockpit's Scaleway data sources.",
  ["Serverless Containers", "Database RDB PostgreSQL"],
  [LIMITS],
);

// --- Where rules run ---------------------------------------------------------------------------

export const COCKPIT_RULES_EVALUATED_BY_DATA_SOURCE = fact(
  "cockpit.rule-evaluation",
  "Cockpit evaluates only data-source-managed rules (Grafana-managed rules are not supported), and a rule can be set on a Scaleway data source as well as on a custom one; firing alerts go to the Scaleway alert manager.",
  "data-source-managed",
  [CUSTOM_ALERTS_IN_GRAFANA],
);

export const COCKPIT_RULER_API = fact(
  "cockpit.ruler-api",
  "A metrics data source manages rule groups through the Mimir ruler API: POST <data source URL>/prometheus/config/v1/rules/<namespace> with a YAML rule group.",
  { path: "/prometheus/config/v1/rules", contentType: "application/yaml" },
  [ALERTS_PROGRAMMATICALLY],
);

export const COCKPIT_RULER_LIMITS = fact(
  "cockpit.ruler-limits",
  "The Cockpit ruler accepts at most 20 rules per rule group and 70 rule groups per project.",
  { maxRulesPerGroup: 20, maxGroupsPerProject: 70 },
  [LIMITS],
);

export const COCKPIT_EVALUATION_INTERVAL = fact(
  "cockpit.evaluation-interval",
  "A rule group is evaluated every `interval` (default 1 minute; `30s` is an accepted value); a rule fires at the first evaluation at which its condition has held for its `for` duration.",
  { defaultSeconds: 60, shortestDocumentedSeconds: 30 },
  [CUSTOM_ALERTS_IN_GRAFANA, ALERTS_PROGRAMMATICALLY],
);

export const RDB_METRICS_REFRESH = fact(
  "cockpit.rdb-metrics-refresh",
  "Managed Database metrics are refreshed every minute, so no database alert can see a change sooner.",
  { seconds: 60 },
  [DATABASE_MONITORING],
);

export const COCKPIT_RULES_TOKEN_SCOPE = fact(
  "cockpit.rules-token-scope",
  "A Cockpit token needs the `setup_metrics_rules` scope (API scope full_access_metrics_rules) to manage metrics rules; `setup_alerts` is for the alert manager itself.",
  { setupMetricsRules: true },
  [TOKEN_DOC, CONCEPTS],
);

// --- Metrics -----------------------------------------------------------------------------------

/** How a test series of the metric is generated for a given measured level (see alerting/promtool). */
export type SeriesModel =
  /** The metric is the measured quantity itself (a percentage). */
  | "level"
  /** 1 while the resource is in the state its labels select (e.g. `status="error"`), else 0. */
  | "state"
  /** A usage whose ratio to its `capacity` partner is the measured quantity. */
  | "usage"
  /** A capacity (a limit, a size, a maximum): constant. */
  | "capacity"
  /** A free amount whose complement ratio to its `capacity` partner is the measured quantity. */
  | "free"
  /** A per-mode CPU-seconds counter; the busy fraction (1 - idle rate) is the measured quantity. */
  | "cpu-seconds";

export interface PublishedMetric {
  readonly name: string;
  readonly product: "serverless-containers" | "rdb-postgresql";
  readonly description: string;
  /** The labels the series carry; `resource_name` identifies the resource by its Scaleway name. */
  readonly labels: readonly string[];
  readonly model: SeriesModel;
}

/** The label that identifies a resource by its Scaleway name in Scaleway's own metrics. */
export const RESOURCE_NAME_LABEL = fact(
  "cockpit.resource-labels",
  "Scaleway's product metrics identify a resource by `resource_name` (its name) and `resource_id` (its ID), next to `region` and `project_id`.",
  { name: "resource_name", id: "resource_id" },
  [CONTAINER_ALERTS, PRECONFIGURED_ALERTS_API, CUSTOM_ALERTS_IN_GRAFANA],
);

const RESOURCE_LABELS = ["resource_name", "resource_id", "region", "project_id"] as const;
/** RDB series also carry the node (`instance`), per the preconfigured PostgreSQL rules. */
const RDB_LABELS = [...RESOURCE_LABELS, "instance"] as const;

export const SERVERLESS_CONTAINER_METRICS = fact(
  "cockpit.metrics-serverless-containers",
  "Serverless Containers publish serverless_container_status{status}, serverless_container_cpu_usage_ratio (compared with 90 for 90 % in Scaleway's own alert), serverless_container_memory_usage_bytes and serverless_container_memory_limit_bytes, labelled by resource_name and resource_id.",
  [
    {
      name: "serverless_container_status",
      product: "serverless-containers",
      description: "1 for the container's current status (label `status`, e.g. `error`)",
      labels: [...RESOURCE_LABELS, "status"],
      model: "state",
    },
    {
      name: "serverless_container_cpu_usage_ratio",
      product: "serverless-containers",
      description: "CPU used, in percent of the container's CPU limit",
      labels: [...RESOURCE_LABELS],
      model: "level",
    },
    {
      name: "serverless_container_memory_usage_bytes",
      product: "serverless-containers",
      description: "memory used, in bytes",
      labels: [...RESOURCE_LABELS],
      model: "usage",
    },
    {
      name: "serverless_container_memory_limit_bytes",
      product: "serverless-containers",
      description: "the container's memory limit, in bytes",
      labels: [...RESOURCE_LABELS],
      model: "capacity",
    },
  ] satisfies PublishedMetric[],
  [CONTAINER_ALERTS],
);

export const RDB_POSTGRESQL_METRICS = fact(
  "cockpit.metrics-rdb-postgresql",
  "Managed PostgreSQL publishes rdb_instance_postgresql_pg_stat_database_numbackends, rdb_instance_postgresql_pg_settings_max_connections, rdb_instance_postgresql_node_cpu_seconds_total{mode}, rdb_instance_postgresql_node_filesystem_avail_bytes and rdb_instance_postgresql_node_filesystem_size_bytes, labelled by resource_name, resource_id and instance (the node).",
  [
    {
      name: "rdb_instance_postgresql_pg_stat_database_numbackends",
      product: "rdb-postgresql",
      description: "open connections, per database",
      labels: [...RDB_LABELS],
      model: "usage",
    },
    {
      name: "rdb_instance_postgresql_pg_settings_max_connections",
      product: "rdb-postgresql",
      description: "the max_connections setting",
      labels: [...RDB_LABELS],
      model: "capacity",
    },
    {
      name: "rdb_instance_postgresql_node_cpu_seconds_total",
      product: "rdb-postgresql",
      description: 'CPU seconds per mode (counter; `mode="idle"` is idle time)',
      labels: [...RDB_LABELS, "mode"],
      model: "cpu-seconds",
    },
    {
      name: "rdb_instance_postgresql_node_filesystem_avail_bytes",
      product: "rdb-postgresql",
      description: "free disk space, in bytes",
      labels: [...RDB_LABELS],
      model: "free",
    },
    {
      name: "rdb_instance_postgresql_node_filesystem_size_bytes",
      product: "rdb-postgresql",
      description: "disk size, in bytes",
      labels: [...RDB_LABELS],
      model: "capacity",
    },
  ] satisfies PublishedMetric[],
  [
    PRECONFIGURED_ALERTS_API,
    {
      ...DATABASE_MONITORING,
      note: "the page's table misspells two names (`db_instance_..._avail_byte`, `..._max_connection`); the API's own rules spell them as here",
    },
  ],
);

/** Every metric a custom rule may query, by name. */
export const PUBLISHED_METRICS: ReadonlyMap<string, PublishedMetric> = new Map(
  [...SERVERLESS_CONTAINER_METRICS.value, ...RDB_POSTGRESQL_METRICS.value].map((m) => [m.name, m]),
);

/** The metric-family fact a metric name belongs to, for errors that cite it. */
export function metricFactOf(product: PublishedMetric["product"]) {
  return product === "serverless-containers" ? SERVERLESS_CONTAINER_METRICS : RDB_POSTGRESQL_METRICS;
}

export const NOT_PUBLISHED_BY_SCALEWAY = fact(
  "cockpit.not-published",
  "Scaleway publishes no per-request metrics of a Serverless Container whose name is documented (HTTP status codes, latency histograms) and no application metrics (job queues); those need an agent (Grafana Alloy or an OpenTelemetry Collector) pushing the application's own metrics to a custom metrics data source.",
  ["http_requests_total", "http_request_duration_seconds", "up"],
  [
    {
      ref: `${DOCS}@19157adaab519807d52808fb6bae36d9b7947e26:pages/serverless-containers/how-to/monitor-container.mdx`,
      read: READ,
      note: "the dashboard shows requests per second and a status-code percentage, but no page names those metrics",
    },
    {
      ref: `${DOCS}@d8f0599ebeb769f1d28e2a8c1dca24c586e13016:pages/cockpit/how-to/send-metrics-with-grafana-alloy.mdx`,
      read: READ,
    },
  ],
);

// --- Preconfigured alerts and contact points ---------------------------------------------------

export interface PreconfiguredAlert {
  readonly name: string;
  readonly preconfiguredRuleId: string;
  readonly productName: string;
  readonly rule: string;
  readonly duration: string;
}

export const PRECONFIGURED_POSTGRESQL_ALERTS = fact(
  "cockpit.preconfigured-alerts-postgresql",
  "Scaleway's preconfigured alerts for Managed PostgreSQL (high CPU, storage above 80 %, connections above 80 %, each for 10 minutes), enabled by their preconfigured_rule_id on the alert manager.",
  [
    {
      name: "PostgreSQLHighCPULoad",
      preconfiguredRuleId: "615245e6-3882-4d99-8798-d17ca1c95645",
      productName: "PostgreSQL",
      rule: '1 - avg by (instance, resource_name, resource_id, project_id, region) (irate(rdb_instance_postgresql_node_cpu_seconds_total{mode="idle"}[5m])) > 0.8',
      duration: "10m",
    },
    {
      name: "PostgreSQLHighStorageUsage",
      preconfiguredRuleId: "c8991f90-facb-436c-b4ab-6aa13822a451",
      productName: "PostgreSQL",
      rule: "1 - rdb_instance_postgresql_node_filesystem_avail_bytes / rdb_instance_postgresql_node_filesystem_size_bytes > 0.8",
      duration: "10m",
    },
    {
      name: "PostgresqlTooManyConnections",
      preconfiguredRuleId: "6c6843af-1815-46df-9e52-6feafcf31fd7",
      productName: "PostgreSQL",
      rule: "(sum by (instance, resource_name, resource_id, project_id, region) (rdb_instance_postgresql_pg_stat_database_numbackends)) / on (instance, resource_name, resource_id) group_left () rdb_instance_postgresql_pg_settings_max_connections > 0.8",
      duration: "10m",
    },
  ] satisfies PreconfiguredAlert[],
  [PRECONFIGURED_ALERTS_API, DATABASE_MONITORING, ALERT_MANAGER_DOC],
);

export const NO_PRECONFIGURED_CONTAINER_ALERTS = fact(
  "cockpit.preconfigured-alerts-serverless-containers",
  "Scaleway offers no preconfigured alert for Serverless Containers (the API's list covers Cockpit, Kubernetes, Load Balancer, Instance, MySQL, PostgreSQL, Redis, Serverless SQL Database); container alerts are custom rules.",
  [] as PreconfiguredAlert[],
  [
    PRECONFIGURED_ALERTS_API,
    {
      ref: `${TF}:internal/services/cockpit/testdata/cockpit-alert-manager-update-preconfigured-alerts.cassette.yaml`,
      read: READ,
    },
    CONTAINER_ALERTS,
  ],
);

export const PRECONFIGURED_ALERTS_NEED_ALERT_MANAGER = fact(
  "cockpit.preconfigured-alerts-activation",
  "Preconfigured alerts are active only in the regions where the alert manager is enabled, and apply only to Scaleway resources' own metrics and logs.",
  true,
  [CONCEPTS],
);

export const COCKPIT_CONTACT_POINTS = fact(
  "cockpit.contact-points",
  "The alert manager's contact points (`contact_points`) are email addresses; every contact point is notified when an alert fires.",
  { kind: "email" },
  [ALERT_MANAGER_DOC, CONCEPTS],
);

/** Every Cockpit fact, for the facts table (contracts/scaleway/facts/index.ts). */
export const COCKPIT_FACTS: readonly ScalewayFact<unknown>[] = [
  COCKPIT_RETENTION,
  COCKPIT_QUERY_LANGUAGES,
  COCKPIT_SCALEWAY_SOURCES_READ_ONLY,
  COCKPIT_INTEGRATED_PRODUCTS,
  COCKPIT_RULES_EVALUATED_BY_DATA_SOURCE,
  COCKPIT_RULER_API,
  COCKPIT_RULER_LIMITS,
  COCKPIT_EVALUATION_INTERVAL,
  RDB_METRICS_REFRESH,
  COCKPIT_RULES_TOKEN_SCOPE,
  RESOURCE_NAME_LABEL,
  SERVERLESS_CONTAINER_METRICS,
  RDB_POSTGRESQL_METRICS,
  NOT_PUBLISHED_BY_SCALEWAY,
  PRECONFIGURED_POSTGRESQL_ALERTS,
  NO_PRECONFIGURED_CONTAINER_ALERTS,
  PRECONFIGURED_ALERTS_NEED_ALERT_MANAGER,
  COCKPIT_CONTACT_POINTS,
];
