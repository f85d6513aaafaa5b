// Builds resources and runs policies the way the engine does, through cli/policy-runner/runner.ts: props
// behind @pulumi/policy's unknownCheckingProxy, config defaults, notApplicable, stack tags. Each rule
// test starts from a compliant baseline and changes one property (awsguard style).
import { UNKNOWN, type Finding, type PlannedResource } from "../../cli/plan/model";
import {
  evaluatePolicies,
  type PolicyEvaluation,
  type PolicyEvaluationOptions,
} from "../../cli/policy-runner/runner";
import { RESOURCE_TYPES, type ResourceKind } from "../../policies/resource-types";

export const PROJECT = "scaleway-infra";
export const PROJECT_ID = "11111111-2222-4333-8444-555555555555";

export function urnOf(stack: string, type: string, name: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;
}

export interface ResourceOptions {
  stack?: string;
  /** Use the deprecated flat type token instead of the namespaced one. */
  flatToken?: boolean;
  type?: string;
  dependencies?: string[];
  parent?: string;
  provider?: string;
  /** Dotted paths of inputs that are Pulumi secrets (none by default). */
  secretPaths?: string[];
  /**
   * The `additionalSecretOutputs` option the engine passes. By default what the Scaleway SDK sets (a
   * version's payload, a database password, a container's secret variables); `[]` for a resource
   * written by hand, or `null` for a scanned resource, whose option is unknown.
   */
  additionalSecretOutputs?: string[] | null;
}

/** What the Scaleway SDK wraps as a secret by itself (its additionalSecretOutputs), by kind. */
const SDK_SECRET_INPUTS: Partial<Record<ResourceKind, readonly string[]>> = {
  secretVersion: ["data", "dataWo"],
  databaseInstance: ["password", "passwordWo"],
  databaseUser: ["password", "passwordWo"],
  container: ["secretEnvironmentVariables"],
};

function sdkSecretOutputs(kind: ResourceKind, props: Record<string, unknown>): string[] {
  return (SDK_SECRET_INPUTS[kind] ?? []).filter((key) => props[key] !== undefined);
}

/** A planned custom resource of `kind` in `stack` (production by default). */
export function resource(
  kind: ResourceKind,
  name: string,
  props: Record<string, unknown>,
  options: ResourceOptions = {},
): PlannedResource {
  const tokens = RESOURCE_TYPES[kind];
  const type = options.type ?? (options.flatToken ? tokens[tokens.length - 1] : tokens[0]);
  const planned: PlannedResource = {
    urn: urnOf(options.stack ?? "production", type, name),
    type,
    name,
    custom: true,
    dependencies: options.dependencies ?? [],
    props,
    secretPaths: options.secretPaths ?? [],
  };
  const secretOutputs =
    options.additionalSecretOutputs === undefined
      ? sdkSecretOutputs(kind, props)
      : options.additionalSecretOutputs;
  if (secretOutputs !== null) planned.additionalSecretOutputs = secretOutputs;
  if (options.parent) planned.parent = options.parent;
  if (options.provider) planned.provider = options.provider;
  return planned;
}

/** Every input of `props` replaced by UNKNOWN, as at preview before anything exists. */
export function allUnknown(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(props).map((key) => [key, UNKNOWN]));
}

export async function evaluate(
  resources: PlannedResource[],
  options: Partial<PolicyEvaluationOptions> = {},
): Promise<PolicyEvaluation> {
  return evaluatePolicies(resources, {
    stack: "production",
    now: new Date("2026-06-01T12:00:00Z"),
    ...options,
  });
}

/** Findings of one policy. */
export async function findingsOf(
  policy: string,
  resources: PlannedResource[],
  options: Partial<PolicyEvaluationOptions> = {},
): Promise<Finding[]> {
  const evaluation = await evaluate(resources, options);
  return evaluation.findings.filter((f) => f.policy === policy);
}

export async function failuresOf(
  policy: string,
  resources: PlannedResource[],
  options: Partial<PolicyEvaluationOptions> = {},
): Promise<Finding[]> {
  return (await findingsOf(policy, resources, options)).filter((f) => f.status === "fail");
}

// --- Compliant baselines (production) ------------------------------------------------------------

export function containerProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    namespaceId: "fr-par/0b6fd5a6-5c2a-4d53-8b53-1d1c0f0a4f7e",
    name: "production-documentation",
    image: "rg.fr-par.scw.cloud/scaleway-infra/documentation:1.4.2",
    minScale: 2,
    maxScale: 5,
    privacy: "private",
    region: "fr-par",
    livenessProbe: { http: { path: "/health" }, interval: "10s", timeout: "5s", failureThreshold: 3 },
    environmentVariables: { LOG_LEVEL: "info", PUBLIC_BASE_URL: "https://docs.example.eu" },
    secretEnvironmentVariables: { DATABASE_URL: "postgres://app:s3cr3t-Pa55@db.internal:5432/docs" },
    tags: ["env:production", "service:documentation"],
    ...overrides,
  };
}

export function databaseProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "documentation-production",
    nodeType: "DB-DEV-M",
    engine: "PostgreSQL-16",
    isHaCluster: true,
    backupScheduleRetention: 30,
    encryptionAtRest: true,
    privateNetwork: { pnId: "fr-par/6a1b2c3d-0000-4000-8000-000000000001", enableIpam: true },
    region: "fr-par",
    tags: ["env:production", "service:database"],
    ...overrides,
  };
}

export function aclProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instanceId: "fr-par/6a1b2c3d-0000-4000-8000-000000000002",
    aclRules: [{ ip: "10.0.0.0/8", description: "private network of production" }],
    region: "fr-par",
    ...overrides,
  };
}

export function iamPolicyProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "production-documentation-secret-access",
    description: "Grants the documentation application read access to its secrets in production",
    applicationId: "7c1d2e3f-0000-4000-8000-00000000000a",
    rules: [{ projectIds: [PROJECT_ID], permissionSetNames: ["SecretManagerSecretAccess"] }],
    tags: ["env:production", "service:documentation"],
    ...overrides,
  };
}

export function bucketProps(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "scaleway-infra-state-production",
    region: "fr-par",
    acl: "private",
    versioning: { enabled: true },
    tags: { purpose: "pulumi-state", env: "production" },
    ...overrides,
  };
}

/** A query that selects the series of containerProps()'s container, or of databaseProps()'s instance. */
export function watchingExpr(service: string): string {
  return service === "database"
    ? 'rdb_instance_postgresql_pg_settings_max_connections{resource_name="documentation-production"} < 1'
    : `serverless_container_status{resource_name="production-${service}",status="error"} >= 1`;
}

export function alertRulesProps(
  services: readonly string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind: "scaleway-infra:cockpit:RuleGroups",
    namespace: "scaleway-infra-production",
    groups: services.map((service) => ({
      name: `production-${service}`,
      interval: "30s",
      rules: [
        {
          alert: `${service}-availability`,
          expr: watchingExpr(service),
          for: "20s",
          labels: { severity: "critical", env: "production", service },
        },
      ],
    })),
    targets: [...services],
    ...overrides,
  };
}
