// A realistic Scaleway project for the audit tests, in the API's JSON shapes: a production
// platform across fr-par and nl-ams (about 190 resources: container namespaces and containers,
// PostgreSQL instances with ACLs, users and privileges, secrets and their versions, VPCs and
// private networks, registry namespaces, Cockpit alerting, IAM applications and policies), compliant
// with the contracts. Tests copy it and plant drift, click-ops and violations. `stateExportOf`
// writes the `pulumi stack export` a stack managing the same resources would hold.
import type { FakeProject, FakeRegion, Json } from "./fake-scaleway-api";
import { emptyRegion } from "./fake-scaleway-api";
import { PRECONFIGURED_POSTGRESQL_ALERTS } from "@scaleway-infra/contracts/scaleway/facts/cockpit";

export const ORGANIZATION_ID = "6f1e4c2a-0000-4000-8000-0000000000aa";
export const PROJECT_ID = "6f1e4c2a-0000-4000-8000-0000000000bb";
export const SECRET_KEY = "11111111-2222-4333-8444-555555555555";
export const ACCESS_KEY = "SCWAUDITTEST0000000A";
const CREATED = "2026-11-02T09:00:00Z";
const SERVICES = ["documentation", "runners", "streamlit"] as const;

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

function digest(n: number): string {
  return (n.toString(16).padStart(8, "0") + "a1b2c3d4").repeat(4).slice(0, 64);
}

export function compliantProject(): FakeProject {
  let next = 1;
  const id = (): string => uuid(next++);
  const regions: Record<string, FakeRegion> = {};
  const applications: Json[] = [];
  const policies: Json[] = [];
  const rules: Record<string, Json[]> = {};
  for (const region of ["fr-par", "nl-ams"]) {
    const r = emptyRegion(region);
    const vpcId = id();
    r.vpcs.push({
      id: vpcId,
      name: `production-vpc-${region}`,
      organization_id: ORGANIZATION_ID,
      project_id: PROJECT_ID,
      region,
      tags: ["env:production"],
      is_default: false,
      created_at: CREATED,
      updated_at: CREATED,
      private_network_count: 3,
      routing_enabled: true,
      custom_routes_propagation_enabled: false,
    });
    for (let n = 1; n <= 3; n++) {
      r.private_networks.push({
        id: id(),
        name: `production-pn-${region}-${n}`,
        organization_id: ORGANIZATION_ID,
        project_id: PROJECT_ID,
        region,
        tags: ["env:production"],
        created_at: CREATED,
        updated_at: CREATED,
        subnets: [],
        vpc_id: vpcId,
        dhcp_enabled: true,
        default_route_propagation_enabled: false,
      });
    }
    for (let n = 1; n <= 2; n++) {
      r.registry_namespaces.push({
        id: id(),
        name: `production-platform-${region}-${n}`,
        description: "platform images",
        organization_id: ORGANIZATION_ID,
        project_id: PROJECT_ID,
        status: "ready",
        status_message: "",
        endpoint: `rg.${region}.scw.cloud/production-platform-${region}-${n}`,
        is_public: false,
        size: 0,
        created_at: CREATED,
        updated_at: CREATED,
        image_count: 3,
        region,
      });
    }
    for (let ns = 1; ns <= 4; ns++) {
      const namespaceId = id();
      const nsName = `production-apps-${region}-${ns}`;
      r.container_namespaces.push({
        id: namespaceId,
        name: nsName,
        environment_variables: {},
        organization_id: ORGANIZATION_ID,
        project_id: PROJECT_ID,
        status: "ready",
        registry_namespace_id: "",
        error_message: null,
        registry_endpoint: "",
        description: "",
        secret_environment_variables: [],
        vpc_integration_activated: true,
        region,
        tags: ["env:production"],
        created_at: CREATED,
        updated_at: CREATED,
      });
      for (let c = 1; c <= 5; c++) {
        const service = SERVICES[(ns + c) % SERVICES.length];
        r.containers.push(
          container(id(), `production-${service}-${ns}-${c}`, namespaceId, region, service, next),
        );
      }
    }
    for (let d = 1; d <= 3; d++) {
      const instanceId = id();
      const pn = r.private_networks[d - 1];
      r.instances.push({
        id: instanceId,
        name: `main-${region}-${d}-production`,
        organization_id: ORGANIZATION_ID,
        project_id: PROJECT_ID,
        status: "ready",
        engine: "PostgreSQL-16",
        upgradable_version: [],
        tags: ["env:production", "service:database"],
        settings: [],
        backup_schedule: { frequency: 24, retention: 30, disabled: false, next_run_at: CREATED },
        is_ha_cluster: true,
        read_replicas: [],
        node_type: "DB-DEV-M",
        volume: { type: "sbs_5k", size: 20000000000, class: "sbs" },
        endpoints: [
          {
            id: id(),
            port: 5432,
            name: null,
            hostname: null,
            private_network: {
              private_network_id: pn.id,
              service_ip: "10.0.0.5/24",
              zone: `${region}-1`,
              provisioning_mode: "ipam",
            },
          },
        ],
        logs_policy: { max_age_retention: 30, total_disk_retention: null },
        backup_same_region: false,
        maintenances: [],
        encryption: { enabled: true },
        region,
        created_at: CREATED,
      });
      r.acls[instanceId] = [
        {
          ip: "10.0.0.0/24",
          port: 5432,
          protocol: "tcp",
          direction: "inbound",
          action: "allow",
          description: "production private network",
        },
      ];
      r.users[instanceId] = SERVICES.map((service) => ({ name: `app_${service}`, is_admin: false }));
      r.privileges[instanceId] = SERVICES.map((service) => ({
        permission: "readwrite",
        database_name: service,
        user_name: `app_${service}`,
      }));
    }
    for (let s = 1; s <= 12; s++) {
      const secretId = id();
      const service = SERVICES[s % SERVICES.length];
      r.secrets.push({
        id: secretId,
        project_id: PROJECT_ID,
        name: `production-${service}-api_key-${region}-${s}`,
        status: "ready",
        created_at: CREATED,
        updated_at: CREATED,
        tags: ["env:production", `service:${service}`],
        version_count: 2,
        description: "",
        managed: false,
        protected: false,
        type: "opaque",
        path: "/production",
        used_by: [],
        region,
      });
      r.secret_versions[secretId] = [1, 2].map((revision) => ({
        revision,
        secret_id: secretId,
        status: revision === 2 ? "enabled" : "disabled",
        created_at: CREATED,
        updated_at: CREATED,
        description: "",
        latest: revision === 2,
        region,
      }));
    }
    r.alert_manager = {
      region,
      alert_manager_enabled: true,
      managed_alerts_enabled: true,
      alert_manager_url: `https://alertmanager.${region}.example.invalid`,
    };
    r.contact_points = [
      { email: { to: "oncall@platform.example.invalid" }, region, send_resolved_notifications: true },
    ];
    // Scaleway's preconfigured PostgreSQL alerts, enabled (their IDs are the same in every project),
    // and a custom rule on the Scaleway metrics data source watching every container by name.
    r.alerts = [
      ...PRECONFIGURED_POSTGRESQL_ALERTS.value.map((alert) => ({
        region,
        preconfigured: true,
        name: alert.preconfiguredRuleId,
        rule: "",
        duration: "5m",
        rule_status: "enabled",
        state: "inactive",
        annotations: {},
        preconfigured_data: {
          preconfigured_rule_id: alert.preconfiguredRuleId,
          display_name: alert.preconfiguredRuleId,
          display_description: "",
          product_name: "rdb",
          product_family: "managed_databases",
        },
        data_source_id: id(),
      })),
      {
        region,
        preconfigured: false,
        name: `ProductionContainerInError-${region}`,
        rule: 'serverless_container_status{resource_name=~"production-.*",status="error"} >= 1',
        duration: "1m",
        rule_status: "enabled",
        state: "inactive",
        annotations: {},
        data_source_id: id(),
      },
    ];
    regions[region] = r;
  }
  for (const service of SERVICES) {
    const appId = id();
    applications.push({
      id: appId,
      name: `production-${service}-runtime`,
      description: `reads the secrets of ${service} in production`,
      created_at: CREATED,
      updated_at: CREATED,
      organization_id: ORGANIZATION_ID,
      editable: true,
      deletable: true,
      managed: false,
      nb_api_keys: 1,
      tags: ["env:production", `service:${service}`],
    });
    const policyId = id();
    policies.push({
      id: policyId,
      name: `production-${service}-secrets`,
      description: `${service} reads its own secrets in production`,
      organization_id: ORGANIZATION_ID,
      created_at: CREATED,
      updated_at: CREATED,
      editable: true,
      deletable: true,
      managed: false,
      nb_rules: 1,
      nb_scopes: 1,
      nb_permission_sets: 1,
      tags: ["env:production", `service:${service}`],
      application_id: appId,
    });
    rules[policyId] = [
      {
        id: id(),
        permission_set_names: ["SecretManagerSecretAccess"],
        permission_sets_scope_type: "projects",
        condition: "",
        project_ids: [PROJECT_ID],
      },
    ];
  }
  return {
    project: {
      id: PROJECT_ID,
      name: "platform-production",
      organization_id: ORGANIZATION_ID,
      created_at: CREATED,
      updated_at: CREATED,
      description: "",
    },
    regions,
    applications,
    policies,
    rules,
  };
}

export function container(
  id: string,
  name: string,
  namespaceId: string,
  region: string,
  service: string,
  seed: number,
): Json {
  return {
    id,
    name,
    namespace_id: namespaceId,
    status: "ready",
    environment_variables: { LOG_LEVEL: "info", SERVICE: service },
    min_scale: 2,
    max_scale: 5,
    memory_limit: 1024,
    cpu_limit: 560,
    timeout: "300s",
    error_message: null,
    privacy: "public",
    description: "",
    registry_image: `rg.${region}.scw.cloud/production-platform-${region}-1/${service}@sha256:${digest(seed)}`,
    max_concurrency: 50,
    domain_name: `${name}.functions.fnc.${region}.scw.cloud`,
    protocol: "http1",
    port: 8080,
    secret_environment_variables: [
      { key: "DATABASE_URL", hashed_value: "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaA" },
    ],
    http_option: "redirected",
    sandbox: "v2",
    local_storage_limit: 1000,
    scaling_option: { concurrent_requests_threshold: 50 },
    health_check: { http: { path: "/health" }, failure_threshold: 3, interval: "10s" },
    created_at: CREATED,
    updated_at: CREATED,
    ready_at: CREATED,
    region,
    tags: ["env:production", `service:${service}`],
  };
}

/** Deep copy, so a test can plant changes without touching the shared fixture. */
export function cloneProject(project: FakeProject): FakeProject {
  return JSON.parse(JSON.stringify(project)) as FakeProject;
}

export function countResources(project: FakeProject): number {
  let count = project.applications.length + project.policies.length;
  for (const r of Object.values(project.regions)) {
    count += r.container_namespaces.length + r.containers.length + r.vpcs.length + r.private_networks.length;
    count +=
      r.registry_namespaces.length + r.secrets.length + (r.alert_manager.alert_manager_enabled ? 1 : 0);
    count += Object.values(r.secret_versions).flat().length;
    // Enabled custom alert rules reach the pack as one rule-group resource per region.
    count += r.alerts.some((a) => a.preconfigured === false && a.rule_status === "enabled") ? 1 : 0;
    for (const i of r.instances) {
      const instanceId = String(i.id);
      count += 2 + (r.users[instanceId] ?? []).length + (r.privileges[instanceId] ?? []).length;
    }
  }
  return count;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/**
 * The `pulumi stack export` (deployment version 3) of a stack that manages `project`, written the way
 * the Pulumi Scaleway provider keeps state: regional IDs `<region>/<uuid>`, inputs under the
 * provider's input names, secret inputs as Pulumi secret objects (ciphertext).
 */
export function stateExportOf(project: FakeProject, stack: string): Json {
  const resources: Json[] = [];
  const add = (type: string, name: string, resourceId: string, inputs: Json): void => {
    resources.push({
      urn: `urn:pulumi:${stack}::scaleway-infra::${type}::${name}`,
      custom: true,
      id: resourceId,
      type,
      inputs,
      outputs: { ...inputs, id: resourceId },
    });
  };
  for (const [region, r] of Object.entries(project.regions)) {
    const rid = (x: unknown): string => `${region}/${String(x)}`;
    for (const ns of r.container_namespaces)
      add("scaleway:containers/namespace:Namespace", String(ns.name), rid(ns.id), {
        name: ns.name,
        region,
        projectId: ns.project_id,
        tags: ns.tags,
      });
    for (const c of r.containers) {
      const health = c.health_check as Json | undefined;
      // Names repeat across regions; a stack's URNs may not.
      add("scaleway:containers/container:Container", `${region}-${String(c.name)}`, rid(c.id), {
        name: c.name,
        region,
        namespaceId: rid(c.namespace_id),
        image: c.registry_image,
        minScale: c.min_scale,
        maxScale: c.max_scale,
        cpuLimit: c.cpu_limit,
        memoryLimitBytes: Number(c.memory_limit) * 1_000_000,
        privacy: c.privacy,
        environmentVariables: c.environment_variables,
        secretEnvironmentVariables: {
          [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270",
          ciphertext: "v1:c2VjcmV0",
        },
        ...(health
          ? {
              livenessProbe: {
                failureThreshold: health.failure_threshold,
                interval: health.interval,
                http: { path: (health.http as Json).path },
              },
            }
          : {}),
        tags: c.tags,
      });
    }
    for (const i of r.instances) {
      const instanceId = rid(i.id);
      const backup = i.backup_schedule as Json;
      const endpoint = (i.endpoints as Json[]).find((e) => e.private_network);
      add("scaleway:databases/instance:Instance", String(i.name), instanceId, {
        name: i.name,
        region,
        engine: i.engine,
        nodeType: i.node_type,
        isHaCluster: i.is_ha_cluster,
        disableBackup: backup.disabled,
        backupScheduleRetention: backup.retention,
        backupScheduleFrequency: backup.frequency,
        encryptionAtRest: (i.encryption as Json).enabled,
        tags: i.tags,
        ...(endpoint
          ? { privateNetwork: { pnId: rid((endpoint.private_network as Json).private_network_id) } }
          : {}),
      });
      add("scaleway:databases/acl:Acl", `${String(i.name)}-acl`, instanceId, {
        instanceId,
        region,
        aclRules: (r.acls[String(i.id)] ?? []).map((a) => ({ ip: a.ip, description: a.description })),
      });
      for (const u of r.users[String(i.id)] ?? [])
        add(
          "scaleway:databases/user:User",
          `${String(i.name)}-${String(u.name)}`,
          `${instanceId}/${String(u.name)}`,
          {
            instanceId,
            region,
            name: u.name,
            isAdmin: u.is_admin,
            password: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:cGFzcw" },
          },
        );
      for (const p of r.privileges[String(i.id)] ?? [])
        add(
          "scaleway:databases/privilege:Privilege",
          `${String(i.name)}-${String(p.user_name)}-${String(p.database_name)}`,
          `${instanceId}/${String(p.database_name)}/${String(p.user_name)}`,
          {
            instanceId,
            region,
            userName: p.user_name,
            databaseName: p.database_name,
            permission: p.permission,
          },
        );
    }
    for (const s of r.secrets) {
      const secretId = rid(s.id);
      add("scaleway:secrets/secret:Secret", String(s.name), secretId, {
        name: s.name,
        path: s.path,
        region,
        projectId: s.project_id,
        tags: s.tags,
      });
      for (const v of r.secret_versions[String(s.id)] ?? [])
        add(
          "scaleway:secrets/version:Version",
          `${String(s.name)}-v${String(v.revision)}`,
          `${secretId}/${String(v.revision)}`,
          {
            secretId,
            region,
            data: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:ZGF0YQ" },
          },
        );
    }
    if (r.alert_manager.alert_manager_enabled) {
      const enabled = r.alerts.filter((a) => a.rule_status === "enabled");
      add(
        "scaleway:observability/alertManager:AlertManager",
        `alert-manager-${region}`,
        `${region}/${PROJECT_ID}`,
        {
          region,
          projectId: PROJECT_ID,
          preconfiguredAlertIds: enabled
            .filter((a) => a.preconfigured === true)
            .map((a) => (a.preconfigured_data as Json).preconfigured_rule_id),
          contactPoints: r.contact_points.map((c) => ({ email: (c.email as Json).to })),
        },
      );
      const custom = enabled.filter((a) => a.preconfigured === false);
      if (custom.length > 0)
        add("pulumi-nodejs:dynamic:Resource", `alert-rules-${region}`, `${region}/${PROJECT_ID}/rules`, {
          region,
          groups: [
            {
              name: `rules-${region}`,
              rules: custom.map((a) => ({ alert: a.name, expr: a.rule, for: a.duration, labels: {} })),
            },
          ],
        });
    }
    for (const v of r.vpcs)
      add("scaleway:network/vpc:Vpc", String(v.name), rid(v.id), { name: v.name, region, tags: v.tags });
    for (const pn of r.private_networks)
      add("scaleway:network/privateNetwork:PrivateNetwork", String(pn.name), rid(pn.id), {
        name: pn.name,
        region,
        vpcId: rid(pn.vpc_id),
        tags: pn.tags,
      });
    for (const ns of r.registry_namespaces)
      add("scaleway:registry/namespace:Namespace", String(ns.name), rid(ns.id), {
        name: ns.name,
        region,
        isPublic: ns.is_public,
      });
  }
  for (const app of project.applications)
    add("scaleway:iam/application:Application", String(app.name), String(app.id), {
      name: app.name,
      description: app.description,
      tags: app.tags,
    });
  for (const policy of project.policies)
    add("scaleway:iam/policy:Policy", String(policy.name), String(policy.id), {
      name: policy.name,
      description: policy.description,
      applicationId: policy.application_id,
      tags: policy.tags,
      rules: (project.rules[String(policy.id)] ?? []).map((rule) => ({
        permissionSetNames: rule.permission_set_names,
        projectIds: rule.project_ids,
      })),
    });
  return {
    version: 3,
    deployment: {
      manifest: { time: CREATED, magic: "", version: "v3.248.0" },
      resources: [
        {
          urn: `urn:pulumi:${stack}::scaleway-infra::pulumi:pulumi:Stack::scaleway-infra-${stack}`,
          custom: false,
          type: "pulumi:pulumi:Stack",
        },
        ...resources,
      ],
    },
  };
}
