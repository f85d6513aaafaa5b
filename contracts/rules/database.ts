// Database rules (database_spec, CONTRACT-RULES.md "Database").
import {
  ADMIN_DB_PRIVILEGES,
  APPLICATION_DB_PRIVILEGES,
  EU_REGIONS,
  MIN_PUBLIC_IPV4_PREFIX,
  MIN_PUBLIC_IPV6_PREFIX,
  RETENTION_DAYS,
  SUPPORTED_POSTGRESQL_VERSIONS,
  WORLD_OPEN_CIDRS,
} from "../thresholds";
import { ruleGroup } from "./rule";

export const DATABASE_RULES = ruleGroup("database", [
  {
    id: "DB-1",
    title: "Database name ends with the environment suffix",
    seed: "`name` ends with the environment suffix (`-staging`, `-production`).",
    decidedBy: ["schema", "stack"],
  },
  {
    id: "DB-2",
    title: "High availability is on in production",
    seed: "`high_availability` is true in production.",
    preview: true,
    decidedBy: ["schema", "policy"],
    stackFile: { database: ["/high_availability"] },
  },
  {
    id: "DB-3",
    title: "Backup retention is 7 days in staging; 30, 90 or 365 in production",
    seed: "`backup.retention_days` is 7 in staging; 30, 90 or 365 in production.",
    preview: true,
    decidedBy: ["schema", "policy"],
    thresholds: { retentionDays: RETENTION_DAYS },
    stackFile: { database: ["/backup/retention_days"] },
  },
  {
    id: "DB-4",
    title: "Allowed IPs restrict access: no world-open or public-wide ranges",
    seed: "`network.allowed_ips` restrict access: non-empty, no 0.0.0.0/0 (or ::/0), no public-wide ranges; private networking where the environment asks for it.",
    preview: true,
    decidedBy: ["schema", "code", "stack", "policy"],
    thresholds: {
      worldOpen: WORLD_OPEN_CIDRS,
      minPublicIpv4Prefix: MIN_PUBLIC_IPV4_PREFIX,
      minPublicIpv6Prefix: MIN_PUBLIC_IPV6_PREFIX,
    },
    stackFile: { database: ["/network/allowed_ips", "/network"] },
  },
  {
    id: "DB-5",
    title: "At least one application user with least-privilege grants",
    seed: "`users` holds at least one application user with appropriate (not admin-everything) privileges.",
    // The policy database-user-not-admin refuses an administrator user written by any program.
    decidedBy: ["schema", "policy"],
    thresholds: { applicationPrivileges: APPLICATION_DB_PRIVILEGES, adminPrivileges: ADMIN_DB_PRIVILEGES },
  },
  {
    id: "DB-6",
    title: "Backups are stored in an EU region",
    seed: "`backup.region` is an EU region.",
    decidedBy: ["schema"],
    thresholds: { regions: EU_REGIONS },
    attestation: {
      because:
        "`backup.region` of scaleway-infra:database; the managed backups' storage region is not an input of the database resource",
      key: "database",
      pointer: "/backup/region",
    },
  },
  {
    id: "DB-7",
    title: "Engine is a supported PostgreSQL version",
    seed: "`engine` is a supported PostgreSQL engine/version.",
    decidedBy: ["schema", "policy"],
    thresholds: { postgresqlVersions: SUPPORTED_POSTGRESQL_VERSIONS },
  },
  {
    id: "DB-8",
    title: "Encryption at rest is on when the environment requires encryption",
    seed: "Encryption at rest is enabled when the environment requires encryption.",
    preview: true,
    decidedBy: ["policy"],
    stackFile: { environment: ["/compliance/encryption_required"] },
  },
]);
