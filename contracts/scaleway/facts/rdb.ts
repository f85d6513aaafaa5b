// What Scaleway Managed Database for PostgreSQL accepts: engine strings and their end of life, node
// types, volume types and sizes, backup and HA settings. The database component and the database_spec
// checks read these values; errors cite them (citeFact).
import { fact, type FactSource } from "./fact";
import { docsPage, providerFile, READ_ON, sdkGoFile } from "./sources";

/**
 * GET /rdb/v1/regions/fr-par/database-engines, as the provider's acceptance tests recorded it on
 * 2026-05-07: each PostgreSQL version with `disabled` and `end_of_life`.
 */
const ENGINES_RECORDED: FactSource = {
  ref: providerFile("internal/services/rdb/testdata/list-rdb-instances-basic.cassette.yaml"),
  read: READ_ON,
  note: "database-engines answer recorded 2026-05-07",
};

export interface EngineVersion {
  readonly version: string;
  readonly disabled: boolean;
  /** `YYYY-MM-DD`. */
  readonly endOfLife: string;
}

export const RDB_POSTGRESQL_VERSIONS = fact<readonly EngineVersion[]>(
  "rdb.postgresql-versions",
  "PostgreSQL 17 (end of life 2029-11-08), 16 (2028-11-09) and 15 (2027-11-11) are sold; 14 reached end of life on 2026-11-12 and 13 and older are disabled",
  [
    { version: "17", disabled: false, endOfLife: "2029-11-08" },
    { version: "16", disabled: false, endOfLife: "2028-11-09" },
    { version: "15", disabled: false, endOfLife: "2027-11-11" },
    { version: "14", disabled: false, endOfLife: "2026-11-12" },
    { version: "13", disabled: true, endOfLife: "2025-11-13" },
  ],
  [ENGINES_RECORDED],
);

/** Versions not disabled and not past their end of life on `day` (`YYYY-MM-DD`; default: the read date). */
export function postgresqlVersionsOnSale(day: string = READ_ON): string[] {
  return RDB_POSTGRESQL_VERSIONS.value.filter((v) => !v.disabled && v.endOfLife > day).map((v) => v.version);
}

export const RDB_ENGINE_STRING = fact(
  "rdb.engine-string",
  "the engine is written PostgreSQL-<major version> (PostgreSQL-16); the provider compares it without letter case",
  { prefix: "PostgreSQL-" },
  [
    {
      ref: providerFile("internal/services/rdb/instance.go"),
      read: READ_ON,
      note: "engine: DiffSuppressFunc dsf.IgnoreCase; e.g. 'PostgreSQL-16'",
    },
    ENGINES_RECORDED,
  ],
);

export const RDB_NODE_TYPES = fact<readonly string[]>(
  "rdb.node-types",
  "node types seen on sale in Scaleway's own recent sources: DB-DEV-S, DB-DEV-M, DB-PLAY2-PICO, DB-PLAY2-NANO (written in any letter case)",
  ["DB-DEV-S", "DB-DEV-M", "DB-PLAY2-PICO", "DB-PLAY2-NANO"],
  [
    ENGINES_RECORDED,
    {
      ref: providerFile("internal/services/billing/testdata/data-source-consumption-basic.cassette.yaml"),
      read: READ_ON,
      note: "consumption lines for Database Node DB-DEV-S, DB-DEV-M, DB-PLAY2-NANO, DB-PLAY2-PICO",
    },
    {
      ref: providerFile("docs/resources/rdb_instance.md"),
      read: READ_ON,
      note: "examples use DB-DEV-S and db-play2-pico (with sbs_15k); node_type compared without case",
    },
    {
      ref: "https://www.scaleway.com/en/developers/api/managed-database-postgre-mysql/#path-node-types-list-available-node-types",
      read: READ_ON,
      note: "the live list: scw rdb node-type list region=<region>; no public page lists it, so check it before the first up",
    },
  ],
);

/** A node type the HA option is attested on (the provider's HA acceptance test). */
export const RDB_HA_NODE_TYPES = fact<readonly string[]>(
  "rdb.ha-node-types",
  "high availability is attested on DB-DEV-M",
  ["DB-DEV-M"],
  [
    {
      ref: providerFile("internal/services/rdb/testdata/instance-with-cluster.cassette.yaml"),
      read: READ_ON,
      note: "is_ha_cluster true on db-dev-m",
    },
  ],
);

/** Upper-case form of a node type, as Scaleway lists them; the provider ignores case. */
export function normaliseNodeType(nodeType: string): string {
  return nodeType.trim().toUpperCase();
}
export function isNodeTypeOnSale(nodeType: string): boolean {
  return RDB_NODE_TYPES.value.includes(normaliseNodeType(nodeType));
}

export const RDB_VOLUME_TYPES = fact<readonly string[]>(
  "rdb.volume-types",
  "volumes are lssd (local, first-generation node types only), bssd (Block Storage legacy), sbs_5k or sbs_15k",
  ["lssd", "bssd", "sbs_5k", "sbs_15k"],
  [
    { ref: sdkGoFile("api/rdb/v1/rdb_sdk.go"), read: READ_ON, note: "VolumeType enum" },
    {
      ref: docsPage(
        "de510255ec49aca3e79751acfdff635615e6d5ed",
        "pages/managed-databases-for-postgresql-and-mysql/how-to/create-a-database.mdx",
      ),
      read: READ_ON,
      note: "Local SSD only with first-generation node types",
    },
  ],
);

/** Node types of the first generation, the only ones with local SSD volumes. */
export const RDB_LOCAL_SSD_NODE_PREFIXES: readonly string[] = ["DB-DEV-", "DB-GP-"];

export const RDB_VOLUME_SIZE = fact(
  "rdb.volume-size",
  "a block volume is a multiple of 5 GB, up to 10 TB; an lssd volume takes no size",
  { multipleOf: 5, min: 5, max: 10000 },
  [
    {
      ref: providerFile("internal/services/rdb/instance.go"),
      read: READ_ON,
      note: "volume_size_in_gb: validation.IntDivisibleBy(5); refused with lssd",
    },
    {
      ref: docsPage(
        "de510255ec49aca3e79751acfdff635615e6d5ed",
        "pages/managed-databases-for-postgresql-and-mysql/how-to/create-a-database.mdx",
      ),
      read: READ_ON,
      note: "volume up to 10 TB",
    },
  ],
);

export const RDB_BACKUP_SETTINGS = fact(
  "rdb.backup-settings",
  "automatic backups take a frequency in hours and a retention in days; their place is only 'same region' or not (backup_same_region), there is no backup-region input",
  { frequencyUnit: "hours", retentionUnit: "days" },
  [{ ref: providerFile("internal/services/rdb/instance.go"), read: READ_ON }],
);

export const RDB_HA_ONE_WAY = fact(
  "rdb.ha-one-way",
  "a standalone instance can be upgraded to HA after creation, never the reverse",
  true,
  [
    {
      ref: docsPage(
        "de510255ec49aca3e79751acfdff635615e6d5ed",
        "pages/managed-databases-for-postgresql-and-mysql/how-to/create-a-database.mdx",
      ),
      read: READ_ON,
    },
  ],
);

export const RDB_PASSWORD_RULES = fact(
  "rdb.password-rules",
  "a password has at least 12 characters with an upper-case letter, a lower-case letter, a digit and a special character",
  { minLength: 12 },
  [
    {
      ref: docsPage(
        "de510255ec49aca3e79751acfdff635615e6d5ed",
        "pages/managed-databases-for-postgresql-and-mysql/how-to/create-a-database.mdx",
      ),
      read: READ_ON,
    },
  ],
);

/**
 * Where a Database Instance can be reached: a public (load-balancer) endpoint whenever no private
 * network is set, and beside a private endpoint when `loadBalancer` is set.
 */
export const RDB_PUBLIC_ENDPOINT = fact(
  "rdb.public-endpoint",
  "a Database Instance has at most one public (load-balancer) endpoint and one private endpoint; it gets the public endpoint by default when no private network is set, and keeps one beside its private endpoint when `load_balancer` is set",
  { input: "loadBalancer", defaultWithoutPrivateNetwork: true },
  [
    {
      ref: providerFile("docs/resources/rdb_instance.md"),
      read: READ_ON,
      note: '"If nothing is defined, your Database Instance will have a default public load-balancer endpoint"; load_balancer: "A load-balancer endpoint will be set by default if no Private Network is"',
    },
  ],
);

/** What a public endpoint lets in until someone restricts it. */
export const RDB_DEFAULT_ALLOWED_IPS = fact<readonly string[]>(
  "rdb.default-allowed-ips",
  "the allowed IPs (ACL) of a Database Instance's public endpoint start as 0.0.0.0/0, which lets any host connect; they apply to public endpoints only, and a databases.Acl replaces them",
  ["0.0.0.0/0"],
  [
    {
      ref: docsPage(
        "9101cabeccfc640097aa2b6a0d9189d3c01585d2",
        "pages/managed-databases-for-postgresql-and-mysql/how-to/manage-allowed-ip-addresses.mdx",
      ),
      read: READ_ON,
      note: '"The default entry 0.0.0.0/0 enables any host to establish a connection"; "Allowed IP configuration is only available for public networks"',
    },
    {
      ref: providerFile("docs/resources/rdb_acl.md"),
      read: READ_ON,
      note: "scaleway_rdb_acl manages the instance's authorized IPs (acl_rules) and replaces all of them",
    },
  ],
);

export const RDB_FACTS = [
  RDB_POSTGRESQL_VERSIONS,
  RDB_ENGINE_STRING,
  RDB_NODE_TYPES,
  RDB_HA_NODE_TYPES,
  RDB_VOLUME_TYPES,
  RDB_VOLUME_SIZE,
  RDB_BACKUP_SETTINGS,
  RDB_HA_ONE_WAY,
  RDB_PASSWORD_RULES,
  RDB_PUBLIC_ENDPOINT,
  RDB_DEFAULT_ALLOWED_IPS,
] as const;
