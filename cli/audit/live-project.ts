// Reads one Scaleway project's live resources through the official SDK: every list paginated (the
// SDK's `.all()`), the requested regions in parallel, and per-instance lookups (ACLs, users,
// privileges, secret versions, policy rules) with bounded concurrency. Only metadata is read: secret
// versions are listed, never accessed, so the audit needs SecretManagerReadOnly and nothing more.
import {
  createAdvancedClient,
  withHTTPClient,
  withProfile,
  withUserAgent,
  type Client,
} from "@scaleway/sdk-client";
import { Accountv3 } from "@scaleway/sdk-account";
import { AuditTrailv1alpha1 } from "@scaleway/sdk-audit-trail";
import { Cockpitv1 } from "@scaleway/sdk-cockpit";
import { Containerv1beta1 } from "@scaleway/sdk-container";
import { Iamv1alpha1 } from "@scaleway/sdk-iam";
import { Rdbv1 } from "@scaleway/sdk-rdb";
import { Registryv1 } from "@scaleway/sdk-registry";
import { Secretv1beta1 } from "@scaleway/sdk-secret";
import { Vpcv2 } from "@scaleway/sdk-vpc";
import type { AuditedProduct } from "@scaleway-infra/contracts/scaleway/facts/audit-permissions";
import { callScaleway, DEFAULT_RETRY, type RetryPolicy } from "./api-call";
import { ApiAnswerError, DEFAULT_FETCH_OPTIONS, guardedFetch, type GuardedFetchOptions } from "./http-client";
import type { AuditCredentials } from "./credentials";

type Region = "fr-par" | "nl-ams" | "pl-waw";

export interface LiveDatabase {
  instance: Rdbv1.Instance;
  aclRules: Rdbv1.ACLRule[];
  users: Rdbv1.User[];
  privileges: Rdbv1.Privilege[];
}

export interface LiveCockpit {
  region: Region;
  alertManager: Cockpitv1.AlertManager;
  contactPoints: Cockpitv1.ContactPoint[];
  preconfiguredAlerts: Cockpitv1.Alert[];
  /** Alert rules written by users (data-source managed), with their PromQL `rule`. */
  customAlerts: Cockpitv1.Alert[];
}

export interface LiveProject {
  projectId: string;
  projectName: string;
  organizationId: string;
  regions: Region[];
  containerNamespaces: Containerv1beta1.Namespace[];
  containers: Containerv1beta1.Container[];
  databases: LiveDatabase[];
  secrets: { secret: Secretv1beta1.Secret; versions: Secretv1beta1.SecretVersion[] }[];
  applications: Iamv1alpha1.Application[];
  policies: { policy: Iamv1alpha1.Policy; rules: Iamv1alpha1.Rule[] }[];
  vpcs: Vpcv2.VPC[];
  privateNetworks: Vpcv2.PrivateNetwork[];
  registryNamespaces: Registryv1.Namespace[];
  cockpit: LiveCockpit[];
  /** Products Audit Trail records events for, per region where the API answers. */
  auditTrail: { region: Region; products: string[] }[];
  /** API calls made, for the report's figures. */
  calls: number;
}

export interface ReadOptions {
  credentials: AuditCredentials;
  regions: readonly Region[];
  retry?: RetryPolicy;
  /** Per-region concurrency of the per-resource lookups. */
  concurrency?: number;
  progress?: (message: string) => void;
  /** Timeouts and limits of the HTTP client (cli/audit/http-client.ts). */
  fetchOptions?: GuardedFetchOptions;
  /** The whole read's deadline, in ms (default DEFAULT_AUDIT_DEADLINE_MS): then every request stops. */
  deadlineMs?: number;
  /** Told about each request still waiting for its answer (cli/audit/http-client.ts `onWaiting`). */
  onWaiting?: (message: string) => void;
}

/** How long the whole read may take: a silent API ends the audit here at the latest (INFRA_005). */
export const DEFAULT_AUDIT_DEADLINE_MS = 90_000;

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function makeClient(options: ReadOptions, fetchOptions: GuardedFetchOptions): Client {
  const { credentials } = options;
  // createClient() keeps only the profile's fields: the HTTP client needs the advanced form.
  return createAdvancedClient(
    withProfile({
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
      defaultProjectId: credentials.projectId,
      ...(credentials.organizationId ? { defaultOrganizationId: credentials.organizationId } : {}),
      ...(credentials.apiURL ? { apiURL: credentials.apiURL } : {}),
      defaultRegion: options.regions[0] ?? "fr-par",
    }),
    withHTTPClient(guardedFetch(fetchOptions)),
    withUserAgent("scw-infra-audit"),
  );
}

/**
 * Reads the project within the deadline. When the deadline passes, or one call fails for good, every
 * request still in flight is aborted, so the command ends at once instead of waiting for them.
 */
export async function readLiveProject(options: ReadOptions): Promise<LiveProject> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_AUDIT_DEADLINE_MS;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), deadlineMs);
  timer.unref();
  const fetchOptions: GuardedFetchOptions = {
    ...(options.fetchOptions ?? DEFAULT_FETCH_OPTIONS),
    deadline: { signal: stop.signal, ms: deadlineMs },
    ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
  };
  try {
    return await readWith(makeClient(options, fetchOptions), options);
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

async function readWith(client: Client, options: ReadOptions): Promise<LiveProject> {
  const retry = options.retry ?? DEFAULT_RETRY;
  const limit = options.concurrency ?? 4;
  const projectId = options.credentials.projectId;
  let calls = 0;
  const call = <T>(
    product: AuditedProduct,
    what: string,
    fn: () => Promise<T>,
    onNotFound?: () => T,
  ): Promise<T> => {
    calls++;
    return callScaleway(
      { product, what, retry, onRetry: options.progress, ...(onNotFound ? { onNotFound } : {}) },
      fn,
    );
  };
  /** A lookup of something listed a moment ago: deleted since, it has nothing left to read. */
  const gone = (what: string) => () => {
    options.progress?.(`${what}: gone since it was listed, skipped`);
    return [];
  };

  // The project first: an unknown project is INFRA_004 before anything else is read.
  const project = await call("project", `get project ${projectId}`, () =>
    new Accountv3.ProjectAPI(client).getProject({ projectId }),
  );
  if (project.id !== projectId || !project.organizationId) {
    throw await callScaleway(
      { product: "project", what: `get project ${projectId}`, retry: { ...retry, attempts: 1 } },
      () => Promise.reject(new ApiAnswerError("shape", "the project answered is not the one asked for")),
    ).catch((error: unknown) => error);
  }
  const organizationId = project.organizationId;

  const containerApi = new Containerv1beta1.API(client);
  const rdbApi = new Rdbv1.API(client);
  const secretApi = new Secretv1beta1.API(client);
  const vpcApi = new Vpcv2.API(client);
  const registryApi = new Registryv1.API(client);
  const cockpitApi = new Cockpitv1.RegionalAPI(client);
  const auditTrailApi = new AuditTrailv1alpha1.API(client);
  const iamApi = new Iamv1alpha1.API(client);

  const readRegion = async (region: Region) => {
    options.progress?.(`${region}: reading containers, databases, secrets, networks, registry, Cockpit`);
    const [containerNamespaces, instances, secrets, vpcs, privateNetworks, registryNamespaces] =
      await Promise.all([
        call("containers", `list container namespaces in ${region}`, () =>
          containerApi.listNamespaces({ region, projectId }).all(),
        ),
        call("rdb", `list database instances in ${region}`, () =>
          rdbApi.listInstances({ region, projectId }).all(),
        ),
        call("secret-manager", `list secrets in ${region}`, () =>
          secretApi.listSecrets({ region, projectId, scheduledForDeletion: false }).all(),
        ),
        call("vpc", `list VPCs in ${region}`, () => vpcApi.listVPCs({ region, projectId }).all()),
        call("vpc", `list private networks in ${region}`, () =>
          vpcApi.listPrivateNetworks({ region, projectId }).all(),
        ),
        call("registry", `list registry namespaces in ${region}`, () =>
          registryApi.listNamespaces({ region, projectId }).all(),
        ),
      ]);
    const containers = (
      await mapLimit(containerNamespaces, limit, (namespace) =>
        call("containers", `list containers of namespace ${namespace.name} (${region})`, () =>
          containerApi.listContainers({ region, namespaceId: namespace.id }).all(),
        ),
      )
    ).flat();
    const databases = await mapLimit(instances, limit, async (instance): Promise<LiveDatabase> => {
      const at = `${instance.name} (${region})`;
      const [aclRules, users, privileges] = await Promise.all([
        call("rdb", `list ACL rules of ${at}`, () =>
          rdbApi.listInstanceACLRules({ region, instanceId: instance.id }).all(),
        ),
        call("rdb", `list users of ${at}`, () => rdbApi.listUsers({ region, instanceId: instance.id }).all()),
        call("rdb", `list privileges of ${at}`, () =>
          rdbApi.listPrivileges({ region, instanceId: instance.id }).all(),
        ),
      ]);
      return { instance, aclRules, users, privileges };
    });
    const secretsWithVersions = await mapLimit(secrets, limit, async (secret) => ({
      secret,
      versions: await call(
        "secret-manager",
        `list versions of secret ${secret.name} (${region})`,
        () => secretApi.listSecretVersions({ region, secretId: secret.id }).all(),
        gone(`secret ${secret.name} (${region})`),
      ),
    }));
    const [alertManager, contactPoints, alerts] = await Promise.all([
      call(
        "cockpit",
        `get the Cockpit alert manager in ${region}`,
        () => cockpitApi.getAlertManager({ region, projectId }),
        // No Cockpit in this region: an alert manager that is not enabled.
        () => ({ region, alertManagerEnabled: false, managedAlertsEnabled: false }),
      ),
      call("cockpit", `list Cockpit contact points in ${region}`, () =>
        cockpitApi.listContactPoints({ region, projectId }).all(),
      ),
      call("cockpit", `list Cockpit alerts in ${region}`, () => cockpitApi.listAlerts({ region, projectId })),
    ]);
    const cockpit: LiveCockpit = {
      region,
      alertManager,
      contactPoints,
      preconfiguredAlerts: alerts.alerts.filter((a) => a.preconfigured),
      customAlerts: alerts.alerts.filter((a) => !a.preconfigured),
    };
    // Audit Trail runs in fr-par and nl-ams only (its API's LOCALITY); elsewhere there is nothing to read.
    const auditTrail = (AuditTrailv1alpha1.API.LOCALITY.type === "region"
      ? AuditTrailv1alpha1.API.LOCALITY.regions
      : []
    ).includes(region)
      ? {
          region,
          products: (
            await call("audit-trail", `list Audit Trail products in ${region}`, () =>
              auditTrailApi.listProducts({ region, organizationId }),
            )
          ).products.map((p) => p.name),
        }
      : undefined;
    options.progress?.(
      `${region}: ${containers.length} containers, ${instances.length} databases, ${secrets.length} secrets, ${privateNetworks.length} private networks`,
    );
    return {
      containerNamespaces,
      containers,
      databases,
      secrets: secretsWithVersions,
      vpcs,
      privateNetworks,
      registryNamespaces,
      cockpit,
      auditTrail,
    };
  };

  // IAM is global: read once, beside the regions.
  const readIam = async () => {
    const [applications, policies] = await Promise.all([
      call("iam", "list IAM applications", () => iamApi.listApplications({ organizationId }).all()),
      call("iam", "list IAM policies", () => iamApi.listPolicies({ organizationId }).all()),
    ]);
    const withRules = await mapLimit(policies, limit, async (policy) => ({
      policy,
      rules: await call(
        "iam",
        `list rules of IAM policy ${policy.name}`,
        () => iamApi.listRules({ policyId: policy.id }).all(),
        gone(`IAM policy ${policy.name}`),
      ),
    }));
    // IAM lives in the Organization, beside every other project's: keep the policies that reach the
    // audited project (a rule scoped to it, or to the whole Organization) and the applications they
    // grant, so a staging application is not judged in a production audit.
    const reaching = withRules.filter(({ rules }) =>
      rules.some((r) => r.organizationId !== undefined || (r.projectIds ?? []).includes(projectId)),
    );
    const principals = new Set(
      reaching.map(({ policy }) => policy.applicationId).filter((id) => id !== undefined),
    );
    return { applications: applications.filter((a) => principals.has(a.id)), policies: reaching };
  };

  const [iam, ...perRegion] = await Promise.all([readIam(), ...options.regions.map(readRegion)]);
  return {
    projectId,
    projectName: project.name,
    organizationId,
    regions: [...options.regions],
    containerNamespaces: perRegion.flatMap((r) => r.containerNamespaces),
    containers: perRegion.flatMap((r) => r.containers),
    databases: perRegion.flatMap((r) => r.databases),
    secrets: perRegion.flatMap((r) => r.secrets),
    applications: iam.applications,
    policies: iam.policies,
    vpcs: perRegion.flatMap((r) => r.vpcs),
    privateNetworks: perRegion.flatMap((r) => r.privateNetworks),
    registryNamespaces: perRegion.flatMap((r) => r.registryNamespaces),
    cockpit: perRegion.map((r) => r.cockpit),
    auditTrail: perRegion.flatMap((r) => (r.auditTrail ? [r.auditTrail] : [])),
    calls,
  };
}
