// Synthetic stacks for the policy benchmark: N resources in the proportions of the real program
// (containers, databases with ACLs, secrets with versions and IAM policies, network, alert rules),
// mostly compliant with a few violations, so evaluation does the work a real stack asks for.
import type { PlannedResource } from "../cli/plan/model";

const STACK = "production";
const PROJECT_ID = "5a5a5a5a-0000-4000-8000-000000000002";
const stackUrn = `urn:pulumi:${STACK}::scaleway-infra::pulumi:pulumi:Stack::scaleway-infra-${STACK}`;
const urn = (type: string, name: string) => `urn:pulumi:${STACK}::scaleway-infra::${type}::${name}`;
const digest = "sha256:" + "ab".repeat(32);

function resource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  secretPaths: string[] = [],
): PlannedResource {
  return {
    urn: urn(type, name),
    type,
    name,
    custom: true,
    parent: stackUrn,
    dependencies: [],
    props,
    secretPaths,
  };
}

/** One group of ten resources around service `s<i>`. */
function group(i: number): PlannedResource[] {
  const service = `svc${i}`;
  const tags = [`env:${STACK}`, `service:${service}`];
  const violating = i % 50 === 7;
  // The container's secret variable carries its secret version's payload, as the program wires it.
  const databaseUrl = `postgres://${service}:generated@10.0.0.1/${service}`;
  return [
    resource(
      "scaleway:containers/container:Container",
      `${service}-container`,
      {
        name: service,
        namespaceId: "fr-par/11111111-2222-4333-8444-555555555555",
        registryImage: `rg.fr-par.scw.cloud/scaleway-infra-${STACK}/${service}@${digest}`,
        minScale: violating ? 1 : 2,
        maxScale: 5,
        privacy: "private",
        region: "fr-par",
        livenessProbe: { http: { path: "/health" }, failureThreshold: 3, interval: "30s", timeout: "5s" },
        environmentVariables: { LOG_LEVEL: "info", FEATURE_FLAGS: "a,b,c", BASE_URL: "https://example.eu" },
        secretEnvironmentVariables: { DATABASE_URL: databaseUrl },
        tags,
      },
      ["secretEnvironmentVariables"],
    ),
    resource(
      "scaleway:databases/instance:Instance",
      `${service}-db`,
      {
        name: `${service}-${STACK}`,
        region: "fr-par",
        projectId: PROJECT_ID,
        isHaCluster: !violating,
        backupScheduleRetention: 30,
        disableBackup: false,
        encryptionAtRest: true,
        privateNetwork: { pnId: "fr-par/11111111-2222-4333-8444-555555555556", enableIpam: true },
        password: "generated",
        tags: [`env:${STACK}`, "service:database"],
      },
      ["password"],
    ),
    resource("scaleway:databases/acl:Acl", `${service}-acl`, {
      instanceId: `fr-par/${service}`,
      region: "fr-par",
      aclRules: [
        { ip: violating ? "0.0.0.0/0" : "172.16.0.0/22", description: "containers of the private network" },
      ],
    }),
    resource("scaleway:secrets/secret:Secret", `${service}-secret`, {
      name: `${STACK}-${service}-database_url`,
      region: "fr-par",
      projectId: PROJECT_ID,
      tags,
    }),
    resource(
      "scaleway:secrets/version:Version",
      `${service}-secret-version`,
      { secretId: `fr-par/${service}`, data: databaseUrl, region: "fr-par" },
      ["data"],
    ),
    resource("scaleway:iam/application:Application", `${service}-app`, {
      name: `${STACK}-${service}`,
      description: "runtime identity",
      tags,
    }),
    resource("scaleway:iam/policy:Policy", `${service}-policy`, {
      name: `${STACK}-${service}-secret-access`,
      description: "read its own secret",
      applicationId: `${service}-app-id`,
      rules: [{ projectIds: [PROJECT_ID], permissionSetNames: ["SecretManagerSecretAccess"] }],
      tags,
    }),
    resource("scaleway:network/privateNetwork:PrivateNetwork", `${service}-pn`, {
      name: `${STACK}-${service}`,
      region: "fr-par",
      projectId: PROJECT_ID,
      tags,
    }),
    resource("scaleway:registry/namespace:Namespace", `${service}-registry`, {
      name: `${STACK}-${service}`,
      region: "fr-par",
      projectId: PROJECT_ID,
      isPublic: false,
    }),
    resource("random:index/randomPassword:RandomPassword", `${service}-password`, { length: 32 }),
  ];
}

/** A stack of `size` resources (a multiple of 10), with one alert-rules resource watching every service. */
export function syntheticStack(size: number): PlannedResource[] {
  const groups = Math.max(1, Math.floor(size / 10));
  const resources: PlannedResource[] = [];
  for (let i = 0; i < groups; i++) resources.push(...group(i));
  const services = Array.from({ length: groups }, (_, i) => `svc${i}`);
  // The last resource of the last group is replaced by the alert rules, so the stack has exactly `size`.
  resources[resources.length - 1] = resource("pulumi-nodejs:dynamic:Resource", `${STACK}-alert-rules`, {
    targets: [...services, "database"],
    groups: [
      {
        name: "platform",
        rules: services.map((s) => ({
          alert: `${s}-errors`,
          expr: "up == 0",
          for: "15s",
          labels: { service: s },
        })),
      },
    ],
  });
  return resources;
}
