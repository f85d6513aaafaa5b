// A hand-made compliance report for renderer tests: two containers and a database in production,
// one mandatory failure with a stack-file location, one advisory failure located at a TypeScript
// line, one waived finding, one undecided finding, one stack-level finding without any location.
import { buildComplianceReport } from "../../cli/plan/compliance";
import type { Finding, PlannedResource, PolicyDescriptor } from "../../cli/plan/model";
import { UNKNOWN } from "../../cli/plan/model";

const STACK_URN = "urn:pulumi:production::scaleway-infra::pulumi:pulumi:Stack::scaleway-infra-production";
const CONTAINER_TYPE = "scaleway:containers/container:Container";
const DATABASE_TYPE = "scaleway:databases/instance:Instance";

export const resources: PlannedResource[] = [
  {
    urn: STACK_URN,
    type: "pulumi:pulumi:Stack",
    name: "scaleway-infra-production",
    custom: false,
    dependencies: [],
    props: {},
    secretPaths: [],
  },
  {
    urn: "urn:pulumi:production::scaleway-infra::scaleway:containers/container:Container::documentation",
    type: CONTAINER_TYPE,
    name: "documentation",
    custom: true,
    parent: STACK_URN,
    dependencies: [],
    props: {
      minScale: 1,
      secretEnvironmentVariables: { DATABASE_URL: "postgres://app:hunter2@db/app" },
      domainName: UNKNOWN,
    },
    secretPaths: ["secretEnvironmentVariables"],
    source: {
      file: "Pulumi.production.yaml",
      line: 14,
      column: 7,
      configKey: "scaleway-infra:containers",
      pointer: "/0/scaling/min_instances",
    },
  },
  {
    urn: "urn:pulumi:production::scaleway-infra::scaleway:containers/container:Container::runners",
    type: CONTAINER_TYPE,
    name: "runners",
    custom: true,
    parent: STACK_URN,
    dependencies: [],
    props: { minScale: 2 },
    secretPaths: [],
    source: { file: "components/container/serverless-container.ts", line: 42, column: 5 },
  },
  {
    urn: "urn:pulumi:production::scaleway-infra::scaleway:databases/instance:Instance::main-production",
    type: DATABASE_TYPE,
    name: "main-production",
    custom: true,
    parent: STACK_URN,
    dependencies: [],
    props: { isHaCluster: false, password: "s3cret-Passw0rd" },
    secretPaths: ["password"],
    source: {
      file: "Pulumi.production.yaml",
      line: 40,
      column: 5,
      configKey: "scaleway-infra:database",
      pointer: "/high_availability",
    },
  },
];

export const policies: PolicyDescriptor[] = [
  {
    name: "container-min-instances",
    description: "Containers keep the minimum number of instances their environment requires.",
    ruleIds: ["CTR-4", "PERF-1"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediation: "Set scaling.min_instances to at least 2 in production.",
    kind: "resource",
  },
  {
    name: "database-high-availability",
    description: "Production databases run as an HA cluster.",
    ruleIds: ["DB-2"],
    severity: "critical",
    enforcementLevel: "advisory",
    remediation: "Set high_availability: true.",
    kind: "resource",
  },
  {
    name: "container-no-hardcoded-secrets",
    description: "Container variables hold no hardcoded secret.",
    ruleIds: ["CTR-6", "SECU-1"],
    severity: "critical",
    enforcementLevel: "mandatory",
    remediation: "Move the value to a secret.",
    kind: "resource",
  },
  {
    name: "container-image-pinned",
    description: "Images are EU registry images, pinned in production.",
    ruleIds: ["CTR-2"],
    severity: "high",
    enforcementLevel: "mandatory",
    remediation: "Pin the image by digest.",
    kind: "resource",
  },
  {
    name: "container-health-check",
    description: "Every container has an HTTP health check on an absolute path.",
    ruleIds: ["CTR-5"],
    severity: "medium",
    enforcementLevel: "mandatory",
    remediation: "Set health.path.",
    kind: "resource",
  },
  {
    name: "monitoring-coverage",
    description: "Every container and database is watched by an alert.",
    ruleIds: ["OPS-4"],
    severity: "medium",
    enforcementLevel: "mandatory",
    remediation: "Add an alert targeting the service.",
    kind: "stack",
  },
];

export const findings: Finding[] = [
  {
    policy: "container-min-instances",
    ruleIds: ["CTR-4", "PERF-1"],
    status: "fail",
    enforcementLevel: "mandatory",
    severity: "high",
    message: "minScale is 1; production needs at least 2 instances.",
    remediation: "Set scaling.min_instances to at least 2 in production.",
    urn: resources[1].urn,
    resourceType: CONTAINER_TYPE,
    resourceName: "documentation",
    source: resources[1].source,
  },
  {
    policy: "database-high-availability",
    ruleIds: ["DB-2"],
    status: "fail",
    enforcementLevel: "advisory",
    severity: "critical",
    message: "isHaCluster is false in production.",
    remediation: "Set high_availability: true.",
    urn: resources[3].urn,
    resourceType: DATABASE_TYPE,
    resourceName: "main-production",
    source: { file: "components/database/postgres-database.ts", line: 77, column: 9 },
  },
  {
    policy: "container-no-hardcoded-secrets",
    ruleIds: ["CTR-6", "SECU-1"],
    status: "waived",
    enforcementLevel: "mandatory",
    severity: "critical",
    message: "Variable LEGACY_TOKEN looks like a credential.",
    remediation: "Move the value to a secret.",
    urn: resources[2].urn,
    resourceType: CONTAINER_TYPE,
    resourceName: "runners",
    source: resources[2].source,
    waiver: {
      id: "legacy-runner-token",
      reason: 'Rotated weekly until ticket OPS-12 lands <soon> & "done"',
      owner: "platform@example.eu",
      expires: "2099-01-01",
      expired: false,
    },
  },
  {
    policy: "container-image-pinned",
    ruleIds: ["CTR-2"],
    status: "indeterminate",
    enforcementLevel: "mandatory",
    severity: "high",
    message: "image is unknown during preview.",
    remediation: "Pin the image by digest.",
    urn: resources[2].urn,
    resourceType: CONTAINER_TYPE,
    resourceName: "runners",
  },
  {
    policy: "monitoring-coverage",
    ruleIds: ["OPS-4"],
    status: "fail",
    enforcementLevel: "mandatory",
    severity: "medium",
    message: "Database main-production is not the target of any alert | pipe.",
    remediation: "Add an alert targeting the service.",
  },
];

export function sampleReport() {
  return buildComplianceReport({
    stack: "production",
    environment: "production",
    source: "plan",
    resources,
    findings,
    policies,
    configValidated: true,
    generatedAt: "2026-01-01T00:00:00.000Z",
  });
}

export const FALLBACK_LOCATION = { file: "Pulumi.production.yaml", line: 1 };
