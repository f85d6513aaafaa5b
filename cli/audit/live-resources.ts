// Maps a live Scaleway project (cli/audit/live-project.ts) onto the resource model the policy pack
// evaluates (cli/plan/model.ts): each live object becomes the Pulumi resource that would declare it,
// with its type token and its inputs under the provider's input names, so `audit` runs the very
// same policies as `plan` and `scan`. What the API never shows (secret payloads, passwords) is
// UNKNOWN, so a rule that needs it is undecided rather than passed.
import type { LiveProject } from "./live-project";
import { UNKNOWN, type PlannedResource } from "../plan/model";
import { BYTES_PER_MB } from "@scaleway-infra/contracts/scaleway/facts/containers";

/** The stack part of live URNs: the environment audited, as a stack name. */
export const LIVE_PROJECT_NAME = "scaleway-live";

/** A live resource always has its Scaleway ID (`fr-par/<uuid>` when regional, as the provider's state holds it). */
export type LiveResource = PlannedResource & { id: string };

function urnFor(env: string, type: string, name: string): string {
  return `urn:pulumi:${env}::${LIVE_PROJECT_NAME}::${type}::${name}`;
}

function resource(
  env: string,
  type: string,
  name: string,
  scalewayId: string,
  props: Record<string, unknown>,
  secretPaths: string[] = [],
): LiveResource {
  return {
    urn: urnFor(env, type, name),
    type,
    name,
    custom: true,
    dependencies: [],
    props,
    secretPaths,
    id: scalewayId,
  };
}

/** `10s` as the API and the provider both write a duration; the SDK passes it through as a string. */
function durationText(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function liveResources(project: LiveProject, env: string): LiveResource[] {
  const out: LiveResource[] = [];
  const regionalId = (region: string, id: string): string => `${region}/${id}`;
  const namespaceNames = new Map(project.containerNamespaces.map((n) => [n.id, n.name]));
  // A container runs with its namespace's variables too (its own win on a clash), so CTR-6 judges both.
  const namespaceVariables = new Map(
    project.containerNamespaces.map((n) => [n.id, n.environmentVariables ?? {}]),
  );

  for (const ns of project.containerNamespaces) {
    out.push(
      resource(env, "scaleway:containers/namespace:Namespace", ns.name, regionalId(ns.region, ns.id), {
        name: ns.name,
        region: ns.region,
        projectId: ns.projectId,
        tags: ns.tags ?? [],
        environmentVariables: ns.environmentVariables ?? {},
      }),
    );
  }
  for (const c of project.containers) {
    const secretKeys = (c.secretEnvironmentVariables ?? []).map((s) => s.key);
    const healthPath = c.healthCheck?.http?.path;
    out.push(
      resource(
        env,
        "scaleway:containers/container:Container",
        `${namespaceNames.get(c.namespaceId) ?? c.namespaceId}/${c.name}`,
        regionalId(c.region, c.id),
        {
          name: c.name,
          region: c.region,
          namespaceId: regionalId(c.region, c.namespaceId),
          image: c.registryImage,
          minScale: c.minScale,
          maxScale: c.maxScale,
          cpuLimit: c.cpuLimit,
          // The API counts memory in MB, the provider's input in bytes; Scaleway's MB is decimal
          // (contracts/scaleway/facts/containers.ts, containers.memory-unit).
          ...(typeof c.memoryLimit === "number" ? { memoryLimitBytes: c.memoryLimit * BYTES_PER_MB } : {}),
          port: c.port,
          privacy: c.privacy,
          protocol: c.protocol,
          tags: c.tags ?? [],
          environmentVariables: {
            ...namespaceVariables.get(c.namespaceId),
            ...(c.environmentVariables ?? {}),
          },
          // The API returns only a hash of each secret variable: its value is never known here.
          ...(secretKeys.length > 0
            ? { secretEnvironmentVariables: Object.fromEntries(secretKeys.map((k) => [k, UNKNOWN])) }
            : {}),
          // The API's health check is the provider's livenessProbe (healthChecks is deprecated).
          ...(c.healthCheck
            ? {
                livenessProbe: {
                  failureThreshold: c.healthCheck.failureThreshold,
                  interval: durationText(c.healthCheck.interval),
                  ...(healthPath !== undefined ? { http: { path: healthPath } } : {}),
                  ...(c.healthCheck.tcp ? { tcp: true } : {}),
                },
              }
            : {}),
        },
        secretKeys.map((k) => `secretEnvironmentVariables.${k}`),
      ),
    );
  }
  for (const db of project.databases) {
    const i = db.instance;
    const instanceId = regionalId(i.region, i.id);
    const privateEndpoint = [...(i.endpoints ?? []), ...(i.endpoint ? [i.endpoint] : [])].find(
      (e) => e.privateNetwork,
    );
    out.push(
      resource(env, "scaleway:databases/instance:Instance", i.name, instanceId, {
        name: i.name,
        region: i.region,
        engine: i.engine,
        nodeType: i.nodeType,
        isHaCluster: i.isHaCluster,
        disableBackup: i.backupSchedule?.disabled ?? false,
        backupScheduleRetention: i.backupSchedule?.retention,
        backupScheduleFrequency: i.backupSchedule?.frequency,
        backupSameRegion: i.backupSameRegion,
        encryptionAtRest: i.encryption?.enabled ?? false,
        tags: i.tags ?? [],
        ...(privateEndpoint?.privateNetwork
          ? {
              privateNetwork: { pnId: regionalId(i.region, privateEndpoint.privateNetwork.privateNetworkId) },
            }
          : {}),
      }),
    );
    out.push(
      resource(env, "scaleway:databases/acl:Acl", `${i.name}-acl`, instanceId, {
        instanceId,
        region: i.region,
        aclRules: db.aclRules.map((r) => ({ ip: r.ip, description: r.description })),
      }),
    );
    for (const user of db.users) {
      out.push(
        resource(
          env,
          "scaleway:databases/user:User",
          `${i.name}/${user.name}`,
          `${instanceId}/${user.name}`,
          {
            instanceId,
            region: i.region,
            name: user.name,
            isAdmin: user.isAdmin,
            password: UNKNOWN,
          },
          ["password"],
        ),
      );
    }
    for (const p of db.privileges) {
      out.push(
        resource(
          env,
          "scaleway:databases/privilege:Privilege",
          `${i.name}/${p.userName}/${p.databaseName}`,
          `${instanceId}/${p.databaseName}/${p.userName}`,
          {
            instanceId,
            region: i.region,
            userName: p.userName,
            databaseName: p.databaseName,
            permission: p.permission,
          },
        ),
      );
    }
  }
  for (const { secret, versions } of project.secrets) {
    const secretId = regionalId(secret.region, secret.id);
    out.push(
      resource(env, "scaleway:secrets/secret:Secret", secret.name, secretId, {
        name: secret.name,
        path: secret.path,
        region: secret.region,
        projectId: secret.projectId,
        tags: secret.tags ?? [],
        description: secret.description,
      }),
    );
    for (const v of versions) {
      out.push(
        resource(
          env,
          "scaleway:secrets/version:Version",
          `${secret.name}/v${v.revision}`,
          `${secretId}/${v.revision}`,
          // Payloads are never read (SecretManagerReadOnly cannot, by design): always unknown.
          { secretId, region: secret.region, revision: String(v.revision), status: v.status, data: UNKNOWN },
          ["data"],
        ),
      );
    }
  }
  for (const app of project.applications) {
    out.push(
      resource(env, "scaleway:iam/application:Application", app.name, app.id, {
        name: app.name,
        description: app.description,
        organizationId: app.organizationId,
        tags: app.tags ?? [],
      }),
    );
  }
  for (const { policy, rules } of project.policies) {
    out.push(
      resource(env, "scaleway:iam/policy:Policy", policy.name, policy.id, {
        name: policy.name,
        description: policy.description,
        organizationId: policy.organizationId,
        tags: policy.tags ?? [],
        ...(policy.applicationId ? { applicationId: policy.applicationId } : {}),
        ...(policy.userId ? { userId: policy.userId } : {}),
        ...(policy.groupId ? { groupId: policy.groupId } : {}),
        ...(policy.noPrincipal ? { noPrincipal: true } : {}),
        rules: rules.map((r) => ({
          permissionSetNames: r.permissionSetNames ?? [],
          ...(r.projectIds ? { projectIds: r.projectIds } : {}),
          ...(r.organizationId ? { organizationId: r.organizationId } : {}),
          ...(r.condition ? { condition: r.condition } : {}),
        })),
      }),
    );
  }
  for (const vpc of project.vpcs) {
    out.push(
      resource(env, "scaleway:network/vpc:Vpc", vpc.name, regionalId(vpc.region, vpc.id), {
        name: vpc.name,
        region: vpc.region,
        tags: vpc.tags ?? [],
      }),
    );
  }
  for (const pn of project.privateNetworks) {
    out.push(
      resource(env, "scaleway:network/privateNetwork:PrivateNetwork", pn.name, regionalId(pn.region, pn.id), {
        name: pn.name,
        region: pn.region,
        vpcId: regionalId(pn.region, pn.vpcId),
        tags: pn.tags ?? [],
      }),
    );
  }
  for (const ns of project.registryNamespaces) {
    out.push(
      resource(env, "scaleway:registry/namespace:Namespace", ns.name, regionalId(ns.region, ns.id), {
        name: ns.name,
        region: ns.region,
        isPublic: ns.isPublic,
        description: ns.description,
      }),
    );
  }
  for (const cockpit of project.cockpit) {
    // Custom alert rules reach the pack as the program's own ruler resource presents them: Prometheus
    // rule groups (`groups[].rules[]` with `alert` and `expr`), so OPS-4 reads their selectors.
    const rules = cockpit.customAlerts.filter(
      (a) => a.ruleStatus === "enabled" || a.ruleStatus === "enabling",
    );
    if (rules.length > 0) {
      out.push(
        resource(
          env,
          "pulumi-nodejs:dynamic:Resource",
          `cockpit-alert-rules-${cockpit.region}`,
          `${cockpit.region}/${project.projectId}/rules`,
          {
            region: cockpit.region,
            groups: [
              {
                name: `cockpit-${cockpit.region}`,
                rules: rules.map((a) => ({ alert: a.name, expr: a.rule, for: a.duration, labels: {} })),
              },
            ],
          },
        ),
      );
    }
    if (!cockpit.alertManager.alertManagerEnabled) continue;
    const enabled = cockpit.preconfiguredAlerts.filter(
      (a) => a.preconfiguredData && (a.ruleStatus === "enabled" || a.ruleStatus === "enabling"),
    );
    out.push(
      resource(
        env,
        "scaleway:observability/alertManager:AlertManager",
        `alert-manager-${cockpit.region}`,
        `${cockpit.region}/${project.projectId}`,
        {
          region: cockpit.region,
          projectId: project.projectId,
          preconfiguredAlertIds: enabled.map((a) => a.preconfiguredData?.preconfiguredRuleId),
          contactPoints: cockpit.contactPoints.flatMap((c) => (c.email ? [{ email: c.email.to }] : [])),
        },
      ),
    );
  }
  return out;
}
