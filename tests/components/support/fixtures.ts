// Small valid contract documents for component tests, one production platform. Each test copies and
// changes what it needs, so a fixture change shows up in every test that depends on it.
import type { Placement } from "../../../components/placement";
import type {
  AlertRuleSpec,
  ContainerSpec,
  DatabaseSpec,
  SecretSpec,
} from "@scaleway-infra/contracts/documents/types";

export const PROJECT_ID = "11111111-1111-4111-8111-111111111111";
export const ORGANIZATION_ID = "00000000-0000-4000-8000-000000000000";
export const DIGEST = "sha256:" + "ab".repeat(32);

export const placement: Placement = {
  env: "production",
  projectId: PROJECT_ID,
  organizationId: ORGANIZATION_ID,
  region: "fr-par",
  zone: "fr-par-1",
};

export function containerSpec(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: "documentation",
    image: `rg.fr-par.scw.cloud/platform-production/documentation@${DIGEST}`,
    environment: "production",
    scaling: { min_instances: 2, max_instances: 6 },
    resources: { cpu: 1000, memory: 2048 },
    health: { path: "/healthz", interval: 10, timeout: 3 },
    networking: {
      privacy: "public",
      domains: ["docs.example.gouv.fr"],
      cname_ready: ["docs.example.gouv.fr"],
    },
    environment_variables: [
      { name: "LOG_LEVEL", value: "info" },
      { name: "DATABASE_URL", value: "production-documentation-database_url", secret: true },
    ],
    ...overrides,
  };
}

export function databaseSpec(overrides: Partial<DatabaseSpec> = {}): DatabaseSpec {
  return {
    name: "platform-production",
    environment: "production",
    engine: { version: "16", type: "postgresql" },
    storage: { size_gb: 50, type: "sbs_5k" },
    high_availability: true,
    backup: { retention_days: 30, region: "nl-ams" },
    network: { type: "private", allowed_ips: ["172.16.0.0/22", "192.0.2.0/28"] },
    users: [
      { name: "documentation", privileges: ["readonly"] },
      { name: "runners", privileges: ["readwrite"] },
    ],
    ...overrides,
  };
}

export function secretSpec(overrides: Partial<SecretSpec> = {}): SecretSpec {
  return {
    name: "production-runners-api_key",
    type: "api_key",
    value: Buffer.from("canary-runners-api-key-7f3a").toString("base64"),
    environment: "production",
    rotation: { enabled: true, period_days: 90 },
    access_policy: { principals: ["application:runners"], permissions: ["SecretManagerSecretAccess"] },
    ...overrides,
  };
}

export function alertSpec(overrides: Partial<AlertRuleSpec> = {}): AlertRuleSpec {
  return {
    name: "documentation-high-error-rate",
    metric: "http_requests_total",
    threshold: { value: 0.05, operator: ">", duration: 20 },
    severity: "critical",
    notifications: {
      channels: ["email:oncall@example.gouv.fr"],
      message_template: "Error rate above 5% on {{ $labels.service }}",
    },
    conditions: {
      query: 'sum(rate(http_requests_total{service="documentation",code=~"5.."}[5m]))',
      evaluation_window: 60,
    },
    target: "documentation",
    ...overrides,
  };
}
