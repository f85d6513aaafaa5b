// Pure translations from a database_spec to Managed PostgreSQL inputs: engine, node type, privileges,
// ACL rules, which user each service connects as, and the connection string (DB-2..DB-8, DB-5).
import type {
  DatabaseSpec,
  DatabaseUserSpec,
  EnvironmentName,
} from "@scaleway-infra/contracts/documents/types";
import { InfraError, type ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import { assessAllowedCidr } from "@scaleway-infra/contracts/detectors/cidr";
import { APPLICATION_DB_PRIVILEGES } from "@scaleway-infra/contracts/thresholds";
import { normaliseNodeType } from "@scaleway-infra/contracts/scaleway/facts/rdb";

const CONFIG_KEY = "scaleway-infra:database";

/**
 * Default node types when database_spec has no `node_type` (fact rdb.node-types; DB-GP-XS, used
 * before, appears in none of Scaleway's recent sources): the smallest second-generation node in
 * staging (block volumes), and in production the node HA is attested on (fact rdb.ha-node-types).
 */
export const DATABASE_NODE_TYPES: Readonly<Record<EnvironmentName, string>> = {
  staging: "DB-PLAY2-PICO",
  production: "DB-DEV-M",
};

/** The node type of the instance: `node_type` in upper case (the provider ignores case), else the default. */
export function nodeTypeOf(spec: DatabaseSpec, env: EnvironmentName): string {
  return normaliseNodeType(spec.node_type ?? DATABASE_NODE_TYPES[env]);
}

/** Name of the instance's administrator, which no service uses (services get their own users). */
export const DATABASE_ADMIN_USER = "infra_admin";
/** Hours between automatic backups. */
export const BACKUP_FREQUENCY_HOURS = 24;
export const POSTGRES_PORT = 5432;

/**
 * Generated passwords meet Scaleway's rules (fact rdb.password-rules: at least 12 characters with an
 * upper-case letter, a lower-case letter, a digit and a special character). Specials are RFC 3986
 * unreserved characters, so a password never needs escaping inside a connection URL.
 */
export const DATABASE_PASSWORD_RULES = {
  length: 32,
  minUpper: 2,
  minLower: 2,
  minNumeric: 2,
  minSpecial: 2,
  special: true,
  overrideSpecial: "-_.~",
} as const;

function configError(message: string, problem: Omit<ProblemDetail, "configKey">): InfraError {
  return new InfraError("INFRA_001", message, { problems: [{ ...problem, configKey: CONFIG_KEY }] });
}

/** `PostgreSQL-16` (DB-7; fact rdb.engine-string), whatever the letter case of `engine.type`. */
export function engineOf(spec: DatabaseSpec): string {
  return `PostgreSQL-${spec.engine.version}`;
}

/** The database created inside the instance: the instance name in snake case (`platform_production`). */
export function databaseNameOf(spec: DatabaseSpec): string {
  return spec.name.replace(/-/g, "_");
}

/** The one Scaleway privilege permission a user gets: readwrite if asked for, else readonly (DB-5). */
export function privilegeOf(user: DatabaseUserSpec, index: number): "readonly" | "readwrite" {
  const unsupported = user.privileges.filter((p) => !APPLICATION_DB_PRIVILEGES.includes(p));
  if (unsupported.length > 0 || user.privileges.length === 0) {
    throw configError(`database user ${user.name} asks for privileges an application user may not hold`, {
      path: `/users/${index}/privileges`,
      rule: "DB-5",
      message: `privileges ${JSON.stringify(user.privileges)}: an application user holds ${APPLICATION_DB_PRIVILEGES.join(" or ")}`,
      value: user.privileges,
      fix: `set privileges to ["readonly"] or ["readwrite"]`,
    });
  }
  return user.privileges.includes("readwrite") ? "readwrite" : "readonly";
}

export interface AclRule {
  ip: string;
  description: string;
}

/** One described ACL rule per allowed range; a world-open range is refused (DB-4, COMP-4). */
export function aclRulesOf(spec: DatabaseSpec): AclRule[] {
  return spec.network.allowed_ips.map((cidr, index) => {
    const assessment = assessAllowedCidr(cidr);
    if (!assessment.ok && assessment.reason === "world-open") {
      throw configError(`database ${spec.name} would be open to the whole Internet`, {
        path: `/network/allowed_ips/${index}`,
        rule: "DB-4",
        message: `${cidr} opens the database to every address`,
        value: cidr,
        fix: "list only the networks that need the database (the private network range, office egress IPs)",
      });
    }
    return { ip: cidr, description: `${spec.name}: allowed range ${cidr} (${spec.network.type} access)` };
  });
}

/** The user a service connects as: the one named after the service (`runners`, `runners_app`, `runners-rw`). */
export function userForService(spec: DatabaseSpec, service: string): DatabaseUserSpec {
  const user = spec.users.find(
    (u) => u.name === service || u.name.startsWith(`${service}_`) || u.name.startsWith(`${service}-`),
  );
  if (user === undefined) {
    throw configError(`service ${service} has a database_url secret but no database user`, {
      path: "/users",
      rule: "DB-5",
      message: `no user of ${spec.name} is named after the service ${service}`,
      value: spec.users.map((u) => u.name),
      fix: `add a user named ${service} (or ${service}_app) with the privileges the service needs`,
    });
  }
  return user;
}

export interface ConnectionParts {
  user: string;
  password: string;
  host: string;
  port: number;
  database: string;
}

/** `postgresql://user:password@host:port/database?sslmode=require`; TLS is always required. */
export function connectionStringOf(parts: ConnectionParts): string {
  const user = encodeURIComponent(parts.user);
  const password = encodeURIComponent(parts.password);
  return `postgresql://${user}:${password}@${parts.host}:${parts.port}/${encodeURIComponent(parts.database)}?sslmode=require`;
}

/** Volume size applies to block storage only; local SSD size comes with the node type. */
export function volumeSizeOf(spec: DatabaseSpec): number | undefined {
  return spec.storage.type === "lssd" ? undefined : spec.storage.size_gb;
}
