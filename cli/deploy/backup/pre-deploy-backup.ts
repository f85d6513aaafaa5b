// The on-demand backup of the production database taken before a deployment touches a service that
// uses it (issue 14): createDatabaseBackup through the official SDK (@scaleway/sdk-rdb), then
// getDatabaseBackup until the status leaves the SDK's transient ones (facts: rdb-backups.ts). The
// SDK's own waitForDatabaseBackup is not used: its sleeps cannot be interrupted, it polls at most
// once a second and it does not bound a request that hangs (rdb.backup-waiter). Here each request
// ends by the deadline, and every wait ends at once on the deployment's interrupt signal. Every
// failure is INFRA_007, with a message that never carries a credential, even when the API echoes one.
import { createAdvancedClient, withHTTPClient, withProfile, withUserAgentSuffix } from "@scaleway/sdk-client";
import { Rdbv1 } from "@scaleway/sdk-rdb";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  BACKUP_TRANSIENT_STATUSES,
  CREATE_DATABASE_BACKUP,
} from "@scaleway-infra/contracts/scaleway/facts/rdb-backups";
import { citeFact } from "@scaleway-infra/contracts/scaleway/facts/fact";
import { scalewayCredentials } from "./scaleway-profile";

/** The database to back up, as the stack outputs it (`databaseInstance`). */
export interface BackupTarget {
  instanceId: string;
  region: string;
  databaseName: string;
}

export interface PreDeployBackupOptions {
  target: BackupTarget;
  deploymentId: string;
  /** Seconds to wait for the backup to be ready. */
  timeoutSeconds: number;
  /** Days until Scaleway deletes the backup (expires_at). */
  retentionDays: number;
  /** Time between two reads of the backup's status; default 5 s. */
  pollIntervalMs?: number;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface PreDeployBackup {
  id: string;
  name: string;
  expiresAt?: string;
  elapsedMs: number;
}

const DEFAULT_POLL_INTERVAL_MS = 5000;
/** Longest error text from the API kept in a message. */
const MAX_API_TEXT = 300;

export async function takePreDeployBackup(options: PreDeployBackupOptions): Promise<PreDeployBackup> {
  const { target, deploymentId, timeoutSeconds, env, signal } = options;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const { profile } = scalewayCredentials(env, target.region);
  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  const hide = redactor([profile.secretKey, profile.accessKey]);
  const where = `database ${target.databaseName} of instance ${target.instanceId} (${target.region})`;
  const fail = (problem: string, extra: Record<string, unknown> = {}): InfraError =>
    new InfraError(
      "INFRA_007",
      `Pre-deploy backup of ${where} failed: ${hide(problem)}. Nothing was deployed.`,
      {
        details: {
          instance_id: target.instanceId,
          database: target.databaseName,
          region: target.region,
          ...extra,
          facts: [citeFact(CREATE_DATABASE_BACKUP), citeFact(BACKUP_TRANSIENT_STATUSES)],
          fix: "Check the instance in the Scaleway console (Managed Databases > Backups) and the API key's permissions, then deploy again.",
        },
      },
    );

  // Each request ends by the deadline or the interrupt, whichever comes first.
  const boundedFetch: typeof fetch = (input, init) => {
    const remaining = Math.max(1, deadline - Date.now());
    const signals = [AbortSignal.timeout(remaining), ...(signal ? [signal] : [])];
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  const client = createAdvancedClient(
    withProfile(profile),
    withHTTPClient(boundedFetch),
    withUserAgentSuffix("scw-infra-deploy"),
  );
  const api = new Rdbv1.API(client);
  const region = target.region as Rdbv1.CreateDatabaseBackupRequest["region"];
  const explain = (error: unknown): string => {
    if (signal?.aborted) return `interrupted (${String(signal.reason ?? "signal")})`;
    if (Date.now() >= deadline) return `no ready backup within ${timeoutSeconds} s`;
    const text = error instanceof Error ? error.message : String(error);
    // The SDK's errors (ScalewayError and its kinds) carry the HTTP status.
    const status = (error as { status?: unknown } | null)?.status;
    const prefix = typeof status === "number" && !text.includes(`${status}`) ? `HTTP ${status}: ` : "";
    return `${prefix}${text}`.slice(0, MAX_API_TEXT);
  };

  let backup: Rdbv1.DatabaseBackup;
  try {
    backup = await api.createDatabaseBackup({
      region,
      instanceId: target.instanceId,
      databaseName: target.databaseName,
      name: `pre-deploy-${deploymentId}`.slice(0, 100),
      expiresAt: new Date(Date.now() + options.retentionDays * 86_400_000),
    });
  } catch (error) {
    throw fail(`the create request failed: ${explain(error)}`, { step: "create" });
  }
  if (typeof backup.id !== "string" || backup.id === "") {
    throw fail("the API answered the create request without a backup ID", { step: "create" });
  }

  let final: Rdbv1.DatabaseBackup = backup;
  try {
    while (isTransient(final.status)) {
      await interruptibleSleep(Math.min(pollIntervalMs, deadline - Date.now()), signal);
      if (signal?.aborted || Date.now() >= deadline) throw new Error("stopped");
      final = await api.getDatabaseBackup({ region, databaseBackupId: backup.id });
    }
  } catch (error) {
    throw fail(`backup ${backup.id} did not become ready: ${explain(error)}`, {
      step: "wait",
      backup_id: backup.id,
    });
  }
  if (final.status !== "ready") {
    throw fail(`backup ${backup.id} ended in status "${String(final.status)}", not "ready"`, {
      step: "wait",
      backup_id: backup.id,
      status: final.status,
    });
  }
  return {
    id: backup.id,
    name: final.name ?? backup.name,
    ...(final.expiresAt instanceof Date && !Number.isNaN(final.expiresAt.getTime())
      ? { expiresAt: final.expiresAt.toISOString() }
      : {}),
    elapsedMs: Date.now() - started,
  };
}

function isTransient(status: unknown): boolean {
  return (BACKUP_TRANSIENT_STATUSES.value as readonly unknown[]).includes(status);
}

/** Resolves after `ms`, or at once when the deployment is interrupted. */
function interruptibleSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Replaces every credential value in a text, so that an API that echoes one cannot leak it. */
function redactor(values: readonly string[]): (text: string) => string {
  const hidden = values.filter((value) => value.length >= 8);
  return (text) => hidden.reduce((out, value) => out.split(value).join("[redacted]"), text);
}
