// database_spec (DB-1..DB-8): the environment's managed PostgreSQL instance.
import {
  ADMIN_DB_PRIVILEGES,
  APPLICATION_DB_PRIVILEGES,
  DB_ENGINE_TYPE,
  DB_ENGINE_TYPE_PATTERN,
  DB_NETWORK_TYPES,
  DB_STORAGE_SIZE_GB,
  DB_STORAGE_TYPES,
  ENVIRONMENTS,
  EU_REGIONS,
  RETENTION_DAYS,
  SUPPORTED_POSTGRESQL_VERSIONS,
  databaseNameSuffix,
} from "../thresholds";
import { citeFact } from "../scaleway/facts/fact";
import { RDB_NODE_TYPES, RDB_POSTGRESQL_VERSIONS, RDB_VOLUME_SIZE } from "../scaleway/facts/rdb";
import { JsonSchema, SCHEMA_DIALECT, nonEmptyString, object, ruled, schemaId, when } from "./annotations";

/** A pattern matching `text` in any letter case (JSON Schema patterns have no `i` flag). */
function anyCase(text: string): string {
  return [...text].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join("");
}

const allRetentionDays = [...new Set(Object.values(RETENTION_DAYS).flat())].sort((a, b) => a - b);

const user = object(
  {
    name: nonEmptyString,
    privileges: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: ruled(
        "DB-5",
        {
          message: `must be an application privilege (${APPLICATION_DB_PRIVILEGES.join(", ")}), never an admin one (${ADMIN_DB_PRIVILEGES.join(", ")})`,
          fix: `Grant the application user ${APPLICATION_DB_PRIVILEGES.join(" or ")} only.`,
        },
        { type: "string", enum: [...APPLICATION_DB_PRIVILEGES] },
      ),
    },
  },
  ["name", "privileges"],
  { title: "database_user_spec" },
);

export const databaseSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("database"),
  title: "database_spec",
  description: "The environment's managed PostgreSQL instance (seed: Database Configuration Contract).",
  ...object(
    {
      name: ruled(
        "DB-1",
        {
          message: `must end with the environment suffix (${ENVIRONMENTS.map(databaseNameSuffix).join(" or ")})`,
          fix: "Name the database <name>-<environment>, e.g. main-production.",
        },
        {
          type: "string",
          pattern: `^[a-z0-9][a-z0-9-]*(${ENVIRONMENTS.map(databaseNameSuffix).join("|")})$`,
        },
      ),
      environment: ruled(
        "ENV-1",
        { fix: `Set environment to ${ENVIRONMENTS.join(" or ")}.` },
        { type: "string", enum: [...ENVIRONMENTS] },
      ),
      engine: ruled(
        "DB-7",
        {
          fix: `Use engine.type ${DB_ENGINE_TYPE} with a version Scaleway sells: ${SUPPORTED_POSTGRESQL_VERSIONS.join(", ")} (${citeFact(RDB_POSTGRESQL_VERSIONS)}).`,
        },
        object(
          {
            version: { type: "string", enum: [...SUPPORTED_POSTGRESQL_VERSIONS] },
            type: {
              type: "string",
              pattern: DB_ENGINE_TYPE_PATTERN,
              description: `${DB_ENGINE_TYPE}, in any letter case (postgres is accepted too).`,
            },
          },
          ["version", "type"],
        ),
      ),
      storage: object(
        {
          size_gb: {
            type: "integer",
            minimum: DB_STORAGE_SIZE_GB.min,
            maximum: DB_STORAGE_SIZE_GB.max,
            multipleOf: DB_STORAGE_SIZE_GB.multipleOf,
            description: `GB, a multiple of ${DB_STORAGE_SIZE_GB.multipleOf} (${citeFact(RDB_VOLUME_SIZE)}).`,
          },
          type: { type: "string", enum: [...DB_STORAGE_TYPES] },
        },
        ["size_gb", "type"],
      ),
      node_type: ruled(
        "DB-7",
        {
          message: `must be a node type Scaleway sells (${RDB_NODE_TYPES.value.join(", ")}, any letter case)`,
          fix: `Pick one of ${RDB_NODE_TYPES.value.join(", ")} (${citeFact(RDB_NODE_TYPES)}), or leave node_type out for the environment's default.`,
        },
        {
          type: "string",
          pattern: `^(?:${RDB_NODE_TYPES.value.map(anyCase).join("|")})$`,
          description:
            "Extra, optional: the Scaleway node type; default DB-PLAY2-PICO in staging, DB-DEV-M in production.",
        },
      ),
      high_availability: ruled(
        "DB-2",
        { fix: "Set high_availability to true or false (true in production)." },
        { type: "boolean" },
      ),
      backup: ruled(
        "DB-3",
        { fix: "Declare backup.retention_days and backup.region." },
        object(
          {
            retention_days: ruled(
              "DB-3",
              { fix: `Keep backups ${allRetentionDays.join(", ")} days, as the environment requires.` },
              { type: "integer", enum: allRetentionDays },
            ),
            region: ruled(
              "DB-6",
              { fix: `Store backups in an EU region: ${EU_REGIONS.join(", ")}.` },
              { type: "string", enum: [...EU_REGIONS] },
            ),
          },
          ["retention_days", "region"],
        ),
      ),
      network: ruled(
        "DB-4",
        { fix: "Declare network.type and the allowed_ips CIDRs that may reach the database." },
        object(
          {
            type: ruled(
              "SECU-2",
              { fix: `Set network.type to ${DB_NETWORK_TYPES.join(" or ")}.` },
              { type: "string", enum: [...DB_NETWORK_TYPES] },
            ),
            allowed_ips: {
              type: "array",
              minItems: 1,
              uniqueItems: true,
              items: nonEmptyString,
              description:
                "CIDRs allowed to connect; never 0.0.0.0/0, ::/0 or a public-wide range (checked in code).",
            },
          },
          ["type", "allowed_ips"],
        ),
      ),
      users: ruled(
        "DB-5",
        { fix: "Declare at least one application user with readonly or readwrite privileges." },
        { type: "array", minItems: 1, items: user },
      ),
    },
    ["name", "environment", "engine", "storage", "high_availability", "backup", "network", "users"],
  ),
  allOf: [
    ...ENVIRONMENTS.map((env) =>
      when("environment", env, {
        properties: {
          name: ruled(
            "DB-1",
            {
              message: `must end with ${databaseNameSuffix(env)} in ${env}`,
              fix: `Rename the database to end with ${databaseNameSuffix(env)}.`,
            },
            { pattern: `${databaseNameSuffix(env)}$` },
          ),
          backup: {
            properties: {
              retention_days: ruled(
                "DB-3",
                { fix: `In ${env}, keep backups ${RETENTION_DAYS[env].join(", ")} days.` },
                { enum: [...RETENTION_DAYS[env]] },
              ),
            },
          },
        },
      }),
    ),
    when("environment", "production", {
      properties: {
        high_availability: ruled(
          "DB-2",
          { fix: "Set high_availability: true; production databases run a standby node." },
          { const: true },
        ),
      },
    }),
  ],
};
