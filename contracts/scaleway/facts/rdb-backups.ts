// The Managed Database (RDB) backup API as the pre-deploy backup uses it (cli/deploy/backup): how a
// backup is created, which statuses are transient, which end the wait. Read 2026-12-03.
import { Rdbv1 } from "@scaleway/sdk-rdb";
import { fact } from "./fact";

const READ = "2026-12-03";
const SDK_RDB_TYPES = "@scaleway/sdk-rdb@1.3.0:dist/v1/types.gen.d.ts";

/** POST /rdb/v1/regions/{region}/backups with instance_id, database_name, name, expires_at. */
export const CREATE_DATABASE_BACKUP = fact(
  "rdb.create-database-backup",
  "An on-demand backup of one database is created with POST /rdb/v1/regions/{region}/backups {instance_id, database_name, name, expires_at}, and read back with GET /rdb/v1/regions/{region}/backups/{id}.",
  { createPath: "/rdb/v1/regions/{region}/backups", getPath: "/rdb/v1/regions/{region}/backups/{id}" },
  [
    {
      ref: "@scaleway/sdk-rdb@1.3.0:dist/v1/api.gen.js (createDatabaseBackup, getDatabaseBackup)",
      read: READ,
    },
    {
      ref: "@scaleway/sdk-rdb@1.3.0:dist/v1/marshalling.gen.js (marshalCreateDatabaseBackupRequest, unmarshalDatabaseBackup)",
      read: READ,
      note: "snake_case on the wire",
    },
  ],
);

/** Every status a backup can have. */
export const BACKUP_STATUSES = fact(
  "rdb.backup-statuses",
  "A database backup's status is one of unknown, creating, ready, restoring, deleting, error, exporting, locked.",
  ["unknown", "creating", "ready", "restoring", "deleting", "error", "exporting", "locked"] as const,
  [{ ref: SDK_RDB_TYPES, read: READ, note: "DatabaseBackupStatus" }],
);

/** While transient, the SDK's waitForDatabaseBackup keeps polling; any other status ends the wait. */
export const BACKUP_TRANSIENT_STATUSES = fact(
  "rdb.backup-transient-statuses",
  "creating, restoring, deleting and exporting are transient: waitForDatabaseBackup polls until the status is none of them; only ready means a usable backup.",
  // The SDK's own list, so that a new transient status in a later SDK is waited for too.
  Rdbv1.DATABASE_BACKUP_TRANSIENT_STATUSES as readonly string[],
  [
    { ref: "scaleway/scaleway-sdk-js@0df1f911:packages_generated/rdb/src/v1/content.gen.ts", read: READ },
    { ref: "@scaleway/sdk-rdb@1.3.0:dist/v1/api.gen.js (waitForDatabaseBackup)", read: READ },
  ],
);

/** The SDK's waiter: exponential backoff between minDelay (>= 1 s) and maxDelay, default timeout 300 s. */
export const BACKUP_WAITER = fact(
  "rdb.backup-waiter",
  "The SDK's waiters poll with an exponential backoff from minDelay (at least 1 s) to maxDelay (default 30 s) and give up with `Timeout after <n>s` after `timeout` seconds (default 300); a request that hangs is not bounded by that timeout.",
  { minDelaySeconds: 1, defaultMaxDelaySeconds: 30, defaultTimeoutSeconds: 300 },
  [{ ref: "@scaleway/sdk-client@1.3.3:dist/internal/async/interval-retrier.js", read: READ }],
);

/** expires_at is optional on creation. */
export const BACKUP_EXPIRY = fact(
  "rdb.backup-expiry",
  "A backup's expires_at (ISO 8601) is optional on creation; the pre-deploy backup sets it so that backups taken on every release do not pile up.",
  { field: "expires_at" },
  [
    {
      ref: SDK_RDB_TYPES,
      read: READ,
      note: "CreateDatabaseBackupRequest.expiresAt, DatabaseBackup.expiresAt",
    },
  ],
);

export const RDB_BACKUP_FACTS = [
  CREATE_DATABASE_BACKUP,
  BACKUP_STATUSES,
  BACKUP_TRANSIENT_STATUSES,
  BACKUP_WAITER,
  BACKUP_EXPIRY,
] as const;
